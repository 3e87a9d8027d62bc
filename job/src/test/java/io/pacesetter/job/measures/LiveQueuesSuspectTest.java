package io.pacesetter.job.measures;

import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * A leg offered longer ago than events.noOutcomeAfter (PT2H) has lost its outcome: it counts as suspect, not as
 * waiting, and is never the live longest wait (the display once showed 1:51:05 on the 101 queue).
 */
class LiveQueuesSuspectTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    private static ScopedWaiting waiting(String callId, String since, String at) {
        return new ScopedWaiting("101", Scope.FORCE, "Example County Police", callId, ms(since), ms(at));
    }

    private static MeasureRecord last(List<MeasureRecord> out, String measure) {
        return out.stream()
                .filter(r -> r.measure.equals(measure))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aLegWaitingLongerThanNoOutcomeAfterIsSuspectAndNotTheLongestWait() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ScopedWaiting, MeasureRecord> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LiveQueues(CONFIG), w -> w.key, Types.STRING)) {
            h.processElement(waiting("lost", "2016-06-01T08:00:00Z", "2016-06-01T08:00:00Z"), 0);
            h.processElement(waiting("c2", "2016-06-01T10:00:00Z", "2016-06-01T10:00:00Z"), 0);
            // Exactly 2 hours: still waiting (beyond it is suspect), the longest wait.
            assertThat(last(h.extractOutputValues(), "CALLS_WAITING").value).isEqualTo(2.0);
            assertThat(last(h.extractOutputValues(), "LONGEST_WAIT_SECONDS").value)
                    .isEqualTo(7200.0);

            h.processElement(waiting("c3", "2016-06-01T10:00:30Z", "2016-06-01T10:00:30Z"), 0);
            List<MeasureRecord> out = h.extractOutputValues();
            assertThat(last(out, "CALLS_WAITING").value).isEqualTo(2.0);
            assertThat(last(out, "CALLS_SUSPECT").value).isEqualTo(1.0);
            assertThat(last(out, "LONGEST_WAIT_SECONDS").value)
                    .as("c2's 30 s, not the lost leg's 2 h")
                    .isEqualTo(30.0);

            // Only the suspect leg left: nothing waits, but the state stays until its NO_OUTCOME removes it.
            h.processElement(
                    new ScopedWaiting(
                            "101", Scope.FORCE, "Example County Police", "c2", null, ms("2016-06-01T10:01:00Z")),
                    0);
            h.processElement(
                    new ScopedWaiting(
                            "101", Scope.FORCE, "Example County Police", "c3", null, ms("2016-06-01T10:01:00Z")),
                    0);
            out = h.extractOutputValues();
            assertThat(last(out, "CALLS_WAITING").value).isZero();
            assertThat(last(out, "LONGEST_WAIT_SECONDS").value).isZero();
            assertThat(last(out, "CALLS_SUSPECT").value).isEqualTo(1.0);
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processElement(
                    new ScopedWaiting(
                            "101", Scope.FORCE, "Example County Police", "lost", null, ms("2016-06-01T10:02:00Z")),
                    0);
            assertThat(last(h.extractOutputValues(), "CALLS_SUSPECT").value).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
