package io.pacesetter.job.ingest;

import static io.pacesetter.job.TestData.ms;
import static io.pacesetter.testkit.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {
    private static final String PARTITION = "pacesetter.calls/1";

    private static KeyedOneInputStreamOperatorTestHarness<String, InputRecord, InputRecord> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DeliveryOrder(), r -> r.source, Types.STRING);
    }

    private static InputRecord event(CallEvent e) {
        InputRecord r = InputRecord.of(e);
        r.source = PARTITION;
        return r;
    }

    private static InputRecord garbage() {
        InputRecord r = InputRecord.of(
                new DeadLetter(RejectReason.MALFORMED_JSON, "not valid JSON", "{\"eventId", "calls/1@9", null, null));
        r.source = PARTITION;
        return r;
    }

    @Test
    void aRejectionAfterARestoreIsCountedAfterTheLastGoodEventBeforeTheCheckpoint() throws Exception {
        long first = ms("2016-06-01T23:59:50Z");
        long newest = ms("2016-06-01T23:59:58Z");
        OperatorSubtaskState checkpoint;
        try (var h = harness()) {
            h.processElement(event(offered("c1", "999", newest)), newest);
            h.processElement(event(offered("c2", "999", first)), first);
            checkpoint = h.snapshot(1, 1);
        }
        // The parser in the source starts afresh after the restore; this operator's state does not.
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeliveryOrder()), (InputRecord r) -> r.source, Types.STRING)) {
            h.initializeState(checkpoint);
            h.open();
            h.processElement(garbage(), Long.MIN_VALUE);
            long late = ms("2016-06-01T23:00:00Z");
            h.processElement(event(offered("c3", "101", late)), late);
            InputRecord rejected = h.extractOutputValues().get(0);
            InputRecord stamped = h.extractOutputValues().get(1);
            assertThat(rejected.deadLetter.receivedAfter)
                    .as("the last good event before it")
                    .isEqualTo(first);
            assertThat(stamped.call.receivedAfter)
                    .as("the newest event read before it")
                    .isEqualTo(newest);
        }
    }

    @Test
    void theFirstInputOfAPartitionHasNothingBeforeIt() throws Exception {
        try (var h = harness()) {
            h.processElement(garbage(), Long.MIN_VALUE);
            assertThat(h.extractOutputValues().get(0).deadLetter.receivedAfter).isNull();
        }
    }
}
