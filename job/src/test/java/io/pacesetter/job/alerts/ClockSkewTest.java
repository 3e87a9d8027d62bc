package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.KafkaOrigin;
import io.pacesetter.connectors.contract.RejectReason;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long WALL = 1_796_560_000_000L;
    private static final long WITHIN = CONFIG.events().skewWithin().toMillis();
    private static final long AHEAD = Duration.ofMinutes(10).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, DeadLetter, Alert> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ClockSkew(CONFIG), ClockSkew::sourceOf, Types.STRING);
        harness.setProcessingTime(WALL);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void future(long wall) throws Exception {
        harness.setProcessingTime(wall);
        DeadLetter d = new DeadLetter(
                RejectReason.FUTURE,
                "stamped PT10M ahead of the wall clock (tolerance PT5M): upstream clock skew",
                "{}",
                new KafkaOrigin("pacesetter.calls", 1, offset++).toString(),
                "e" + offset,
                wall + AHEAD);
        harness.processElement(d, Long.MIN_VALUE);
    }

    @Test
    void aRunOfFutureRejectionsFromOneSourceRaisesClockSkewWithTheSkewAndClearsWhenItStops() throws Exception {
        int run = CONFIG.events().skewRun();
        for (int i = 0; i < run - 1; i++) {
            future(WALL + i * 1000L);
        }
        assertThat(harness.extractOutputValues()).as("not yet a run").isEmpty();
        future(WALL + run * 1000L);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.CLOCK_SKEW);
            assertThat(a.state).isEqualTo(Alert.State.RAISED);
            assertThat(a.feed).isEqualTo("pacesetter.calls/1");
            assertThat(a.value).as("seconds ahead").isEqualTo(600.0);
            assertThat(a.count).isEqualTo(run);
        });
        future(WALL + (run + 1) * 1000L);
        assertThat(harness.extractOutputValues()).as("raised once").hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isOne();

        harness.setProcessingTime(WALL + (run + 1) * 1000L + WITHIN);
        assertThat(harness.extractOutputValues()).last().satisfies(a -> {
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.outcome).isEqualTo("IN_STEP");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void rejectionsFurtherApartThanTheWindowAreNoRun() throws Exception {
        for (int i = 0; i < CONFIG.events().skewRun() + 2; i++) {
            future(WALL + i * (WITHIN + 1));
        }
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aSourceIsItsPartitionOrItsFileWithoutThePlaceInIt() {
        DeadLetter kafka = new DeadLetter();
        kafka.origin = new KafkaOrigin("pacesetter.incidents", 0, 42).toString();
        DeadLetter file = new DeadLetter();
        file.origin = "calls.jsonl:1207";
        assertThat(ClockSkew.sourceOf(kafka)).isEqualTo("pacesetter.incidents/0");
        assertThat(ClockSkew.sourceOf(file)).isEqualTo("calls.jsonl");
    }
}
