package io.pacesetter.job.measures;

import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The live queue figures come from a heap copy of each scope's waiting calls, ordered by when they began waiting:
 * the oldest answered first (as a queue answers), two calls that began at the same instant, and a restore, after
 * which the copy is rebuilt from the checkpointed state and the figures carry on as if nothing happened.
 */
class LiveQueuesTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    private static ScopedWaiting offered(String callId, String at) {
        return new ScopedWaiting("999", Scope.FORCE, "Example County Police", callId, ms(at), ms(at));
    }

    private static ScopedWaiting answered(String callId, String at) {
        return new ScopedWaiting("999", Scope.FORCE, "Example County Police", callId, null, ms(at));
    }

    private static double last(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedWaiting, MeasureRecord> h, String measure) {
        List<MeasureRecord> out = h.extractOutputValues();
        return out.stream()
                .filter(r -> r.measure.equals(measure))
                .reduce((a, b) -> b)
                .orElseThrow()
                .value;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScopedWaiting, MeasureRecord> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LiveQueues(CONFIG)), w -> w.key, Types.STRING);
    }

    @Test
    void theOldestAnsweredFirstLeavesTheNextOldestAsTheLongestWaitAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, ScopedWaiting, MeasureRecord> h = harness()) {
            h.open();
            h.processElement(offered("a", "2016-06-01T08:00:00Z"), 0);
            h.processElement(offered("b", "2016-06-01T08:00:10Z"), 0);
            h.processElement(offered("c", "2016-06-01T08:00:10Z"), 0);
            h.processElement(offered("d", "2016-06-01T08:00:20Z"), 0);
            assertThat(last(h, "CALLS_WAITING")).isEqualTo(4.0);
            assertThat(last(h, "LONGEST_WAIT_SECONDS")).isEqualTo(20.0);

            h.processElement(answered("a", "2016-06-01T08:00:25Z"), 0);
            assertThat(last(h, "CALLS_WAITING")).isEqualTo(3.0);
            assertThat(last(h, "LONGEST_WAIT_SECONDS"))
                    .as("b and c, since 08:00:10")
                    .isEqualTo(15.0);
            snapshot = h.snapshot(1, 1);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, ScopedWaiting, MeasureRecord> h = harness()) {
            h.initializeState(snapshot);
            h.open();
            // One of the two that began at 08:00:10 answered: the other still waits since then.
            h.processElement(answered("b", "2016-06-01T08:00:30Z"), 0);
            assertThat(last(h, "CALLS_WAITING")).isEqualTo(2.0);
            assertThat(last(h, "LONGEST_WAIT_SECONDS")).isEqualTo(20.0);

            h.processElement(answered("c", "2016-06-01T08:00:40Z"), 0);
            assertThat(last(h, "CALLS_WAITING")).isEqualTo(1.0);
            assertThat(last(h, "LONGEST_WAIT_SECONDS")).as("d, since 08:00:20").isEqualTo(20.0);

            // An answer repeated, or of a call never seen, changes nothing.
            h.processElement(answered("c", "2016-06-01T08:00:41Z"), 0);
            assertThat(last(h, "CALLS_WAITING")).isEqualTo(1.0);

            h.processElement(answered("d", "2016-06-01T08:00:45Z"), 0);
            assertThat(last(h, "CALLS_WAITING")).isZero();
            assertThat(last(h, "LONGEST_WAIT_SECONDS")).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
