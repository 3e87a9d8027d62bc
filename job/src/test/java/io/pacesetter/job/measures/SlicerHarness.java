package io.pacesetter.job.measures;

import io.pacesetter.connectors.contract.MeasureRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A {@link MeasureSlicer} in its own operator, as the job runs it, keyed by measure scope and opened. */
final class SlicerHarness {
    private SlicerHarness() {}

    static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> open(MeasureSlicer slicer)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h = unopened(slicer);
        h.open();
        return h;
    }

    /** Not yet opened: for {@code initializeState} from a snapshot first. */
    static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> unopened(MeasureSlicer slicer)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new MeasureSlicer.Operator(slicer), (ScopedOutcome o) -> o.key, Types.STRING);
    }

    /** A checkpoint as a task takes one: the operator's last step before the barrier, then its state. */
    static OperatorSubtaskState checkpoint(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h, long id) throws Exception {
        h.prepareSnapshotPreBarrier(id);
        return h.snapshot(id, id);
    }
}
