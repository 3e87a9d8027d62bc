package io.pacesetter.job.alerts;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindOperator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long the two breach rules take on RocksDB for a day of n breaches, 100 a second across ten LPAs, a watermark
 * every ten and a checkpoint every 300, as {@code bench/run alerts} sends them. Prints figures, asserts nothing: a
 * benchmark, not a test, so it runs only when asked: {@code mvn -B -o test -pl job -Dtest=BreachRulesTiming
 * -Dbreach.timing=true -Dsurefire.failIfNoSpecifiedTests=false}. Figures: docs/benchmarks.md, "Stop 31".
 */
@EnabledIfSystemProperty(named = "breach.timing", matches = "true")
class BreachRulesTiming {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    /** 08:00 on 1 June 2016, London. */
    private static final long T0 = io.pacesetter.job.TestData.ms("2016-06-01T07:00:00Z");

    @Test
    void printTimings() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int n : new int[] {2000, 4000, 8000}) {
                long review = run(new BreachReview(CONFIG), a -> CONFIG.force().name(), n);
                long surge = run(new LpaBreachSurge(CONFIG), a -> a.lpa, n);
                System.out.printf("breaches %,d: daily review %,d ms, LPA surge %,d ms%n", n, review, surge);
            }
        }
    }

    private static long run(HoldingProcessFunction<String, Alert, Alert> rule, KeySelector<Alert, String> key, int n)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new WriteBehindOperator<>(rule), key, Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = T0 + i * 10L;
            Alert a = new Alert();
            a.alertId = "breach-" + i;
            a.kind = Alert.Kind.INCIDENT_BREACHED;
            a.state = Alert.State.RAISED;
            a.severity = Alert.Severity.CRITICAL;
            a.incidentId = "INC-" + i;
            a.deadline = t;
            a.time = t;
            a.lpa = "LPA-" + (i % 10);
            a.force = CONFIG.force().name();
            h.processElement(a, t);
            if (i % 10 == 9) {
                h.processWatermark(t);
            }
            if (i % 300 == 299) {
                h.prepareSnapshotPreBarrier(i);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        h.close();
        return ms;
    }
}
