package io.pacesetter.job.measures;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.job.state.WriteBehindOperator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
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

    /** Not yet opened: for {@code initializeState} from a snapshot, or another state backend, first. */
    static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> unopened(MeasureSlicer slicer)
            throws Exception {
        return unopened(new WriteBehindOperator<>(slicer));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> unopened(
            WriteBehindOperator<String, ScopedOutcome, MeasureRecord> operator) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, (ScopedOutcome o) -> o.key, Types.STRING);
    }

    /** Opened on RocksDB, where the slicer holds what it reads between checkpoints. */
    static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> openOnRocksDb(
            WriteBehindOperator<String, ScopedOutcome, MeasureRecord> operator) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h = unopened(operator);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        return h;
    }

    /** Each step an outcome (at its own time) or a watermark (a {@code Long}), in order. */
    static void play(KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h, List<Object> steps)
            throws Exception {
        for (Object step : steps) {
            if (step instanceof ScopedOutcome o) {
                h.processElement(o, o.time);
            } else {
                h.processWatermark((Long) step);
            }
        }
    }

    /** A checkpoint as a task takes one: the operator's last step before the barrier, then its state. */
    static OperatorSubtaskState checkpoint(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h, long id) throws Exception {
        h.prepareSnapshotPreBarrier(id);
        return h.snapshot(id, id);
    }
}
