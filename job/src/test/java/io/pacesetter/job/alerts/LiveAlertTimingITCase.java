package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.InputWatermarks;
import io.pacesetter.job.ingest.LiveClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The delay between an incident alert's moment and its emission in a live run, measured on a Flink
 * MiniCluster with the whole pipeline: {@value #INCIDENTS} grade-1 incidents are created at the wall
 * clock's pace and never attended, with a 5-second urban limit, so each must be told at risk after
 * 4 s and breached after 5 s. The watermark waits two minutes for late events and so never gets
 * there during the test: every alert comes from the wall clock, as on a quiet night.
 *
 * <p>Prints the median, 99th percentile and worst delay over every RAISED alert. Run on its own:
 * {@code mvn -B -o verify -pl job -am -Dtest=LiveAlertTimingITCase -Dsurefire.failIfNoSpecifiedTests=false}; with
 * {@code PACESETTER_BUFFER_TIMEOUT_MS=10} in the environment it tries a shorter network buffer timeout than Flink's 100 ms.
 */
@Timeout(180)
class LiveAlertTimingITCase {
    static final int INCIDENTS = 1500;
    private static final int PER_SECOND = 300;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(4)
                    .build());

    /** Every alert the job emitted, with the wall time it reached the sink. */
    static final ConcurrentLinkedQueue<long[]> EMITTED_AT = new ConcurrentLinkedQueue<>();

    static final ConcurrentLinkedQueue<Alert> EMITTED = new ConcurrentLinkedQueue<>();

    @Test
    void everyAtRiskAndBreachIsEmittedWithinASecondOfItsMomentWithNoWatermarkToHelp() throws Exception {
        PacesetterConfig config = ConfigLoader.loadYaml("""
                attendance: {urbanLimit: PT5S, ruralLimit: PT5S}
                run: {parallelism: 2}
                """);
        LiveClock clock = LiveClock.realTime();
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        // Flink flushes a network buffer at least every 100 ms by default; PACESETTER_BUFFER_TIMEOUT_MS=N tries
        // another.
        String timeout = System.getenv("PACESETTER_BUFFER_TIMEOUT_MS");
        long bufferTimeoutMs = timeout == null ? -1 : Long.parseLong(timeout);
        if (bufferTimeoutMs >= 0) {
            env.setBufferTimeout(bufferTimeoutMs);
        }

        DataStream<InputRecord> input = env.fromSource(
                        new DataGeneratorSource<>(
                                LiveAlertTimingITCase::incidentAtTheClock,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(PER_SECOND),
                                TypeInformation.of(InputRecord.class)),
                        InputWatermarks.live(config.events()),
                        "Incidents at the wall clock")
                .setParallelism(1);
        PacesetterJob.Outputs outputs = PacesetterJob.defineWorkflow(
                config, PacesetterJob.Options.liveRun(config).withLiveClock(clock), input);
        outputs.alerts().sinkTo(new Recorder()).name("Record emission times").setParallelism(1);

        EMITTED.clear();
        EMITTED_AT.clear();
        JobClient job = env.executeAsync("live alert timing");
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (raised() < 2 * INCIDENTS && System.nanoTime() < giveUp) {
            Thread.sleep(200);
        }
        Thread.sleep(1000); // anything told twice would come now
        job.cancel().get();

        List<Long> delays = new ArrayList<>();
        Map<String, Integer> raisedPerIncidentAndKind = new HashMap<>();
        for (long[] e : EMITTED_AT) {
            delays.add(e[1] - clock.wallTimeAt(e[0]));
        }
        for (Alert a : EMITTED) {
            if (a.state == Alert.State.RAISED) {
                raisedPerIncidentAndKind.merge(a.kind + "|" + a.incidentId, 1, Integer::sum);
            }
        }
        delays.sort(null);
        long median = delays.get(delays.size() / 2);
        long p99 = delays.get((int) Math.ceil(delays.size() * 0.99) - 1);
        long worst = delays.get(delays.size() - 1);
        System.out.printf(
                "%nLive alert delay over %d RAISED alerts (%d incidents, at risk and breached): median %d ms, "
                        + "p99 %d ms, max %d ms, min %d ms (network buffer timeout: %s)%n%n",
                delays.size(),
                INCIDENTS,
                median,
                p99,
                worst,
                delays.get(0),
                bufferTimeoutMs < 0 ? "Flink's default, 100 ms" : bufferTimeoutMs + " ms");

        assertThat(raisedPerIncidentAndKind)
                .as("an at-risk and a breach for every incident")
                .hasSize(2 * INCIDENTS);
        assertThat(raisedPerIncidentAndKind.values()).as("each raised once").containsOnly(1);
        assertThat(delays).hasSize(2 * INCIDENTS);
        assertThat(delays.get(0)).as("never before its moment").isGreaterThanOrEqualTo(0);
        assertThat(p99).as("99th percentile, ms").isLessThan(1000);
    }

    private static long raised() {
        return EMITTED_AT.size();
    }

    /** Element i is incident i created now; after the last, unreadable lines keep the source (and the job) alive. */
    static InputRecord incidentAtTheClock(long i) {
        if (i >= INCIDENTS) {
            return InputRecord.of(
                    new DeadLetter(RejectReason.MALFORMED_JSON, "filler", "{", "timing-test", null, null));
        }
        return InputRecord.of(new IncidentEvent(
                "e" + i,
                "INC-" + i,
                IncidentEventType.CREATED,
                System.currentTimeMillis(),
                1,
                "Ashby",
                null,
                null,
                null));
    }

    /** Notes the wall time each RAISED alert reaches the end of the pipeline. */
    static final class Recorder implements Sink<Alert> {
        @Override
        public SinkWriter<Alert> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Alert alert, Context ctx) {
                    long now = System.currentTimeMillis();
                    EMITTED.add(alert);
                    if (alert.state == Alert.State.RAISED) {
                        EMITTED_AT.add(new long[] {alert.time, now});
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
