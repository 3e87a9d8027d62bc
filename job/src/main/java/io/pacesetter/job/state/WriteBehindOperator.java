package io.pacesetter.job.state;

import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * A {@link KeyedProcessOperator} for a {@link HoldingProcessFunction}: it writes the held state back before each
 * checkpoint barrier (so every checkpoint has it all), at the end of the input, and after a watermark once more
 * than a bound of entries is held (a run without checkpoints).
 *
 * @param <K> the key
 * @param <I> the input
 * @param <O> the output
 */
public final class WriteBehindOperator<K, I, O> extends KeyedProcessOperator<K, I, O> {
    private static final long serialVersionUID = 1L;
    /** A bound on the entries held on the heap beyond the state, per subtask: checkpoints flush long before it. */
    public static final long MOST_ENTRIES_HELD = 100_000;

    /** {@code getBackendTypeIdentifier()} of the heap backend, also under a changelog. */
    private static final String HEAP_BACKEND = "hashmap";

    private final long mostEntriesHeld;
    private transient HeldStates held;

    public WriteBehindOperator(HoldingProcessFunction<K, I, O> function) {
        this(function, MOST_ENTRIES_HELD);
    }

    /** @param mostEntriesHeld the bound, for tests */
    public WriteBehindOperator(HoldingProcessFunction<K, I, O> function, long mostEntriesHeld) {
        super(function);
        this.mostEntriesHeld = mostEntriesHeld;
    }

    @Override
    public void open() throws Exception {
        // RocksDB's reads are copies, deserialized: worth holding. The heap's are the state's own objects.
        held = new HeldStates(
                !HEAP_BACKEND.equals(getKeyedStateBackend().getBackendTypeIdentifier()), this::getCurrentKey);
        ((HoldingProcessFunction<?, ?, ?>) getUserFunction()).holdIn(held);
        super.open();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        if (held.entriesHeld() > mostEntriesHeld) {
            held.flush(this::setCurrentKey);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        held.flush(this::setCurrentKey);
    }

    @Override
    public void finish() throws Exception {
        held.flush(this::setCurrentKey);
        super.finish();
    }

    /** What the function holds, for tests. */
    HeldStates held() {
        return held;
    }
}
