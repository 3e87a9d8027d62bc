package io.pacesetter.job.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * The keyed states a function holds between checkpoints, made by {@link WriteBehindOperator} for its function
 * before the function opens. On RocksDB every read deserializes a copy and every write serializes it again, and
 * the slicer, the leg trackers and the deduplication read and write the same entries many times between two
 * checkpoints (docs/benchmarks.md, "Stop 26" and "Stop 27"). Held here, an entry is read once and written once per
 * checkpoint; an entry made and cleared between two checkpoints is never written at all.
 *
 * <p>On the heap backend a read is the state's own object and holding it would save nothing, so every call goes
 * straight to state.
 */
public final class HeldStates {
    private final boolean hold;
    private final Supplier<Object> currentKey;
    private final List<HeldState> states = new ArrayList<>();

    HeldStates(boolean hold, Supplier<Object> currentKey) {
        this.hold = hold;
        this.currentKey = currentKey;
    }

    /** {@code state}, held between checkpoints; make it in the function's {@code open()}. */
    public <T> WriteBehindValueState<T> value(ValueState<T> state) {
        return register(new WriteBehindValueState<>(state, hold, currentKey));
    }

    /** {@code state}, held between checkpoints; make it in the function's {@code open()}. */
    public <UK, UV> WriteBehindMapState<UK, UV> map(MapState<UK, UV> state) {
        return register(new WriteBehindMapState<>(state, hold, currentKey));
    }

    private <S extends HeldState> S register(S state) {
        states.add(state);
        return state;
    }

    /** About how many entries are held since the last flush: what a flush would free. */
    long entriesHeld() {
        long held = 0;
        for (HeldState state : states) {
            held += state.entriesHeld();
        }
        return held;
    }

    /**
     * Writes every changed entry to state under its key, then forgets everything held.
     *
     * @param setCurrentKey sets the keyed backend's current key, as the operator does before calling its function
     */
    void flush(Consumer<Object> setCurrentKey) throws Exception {
        for (HeldState state : states) {
            state.flush(setCurrentKey);
        }
    }

    /** One state held between flushes. */
    interface HeldState {
        long entriesHeld();

        void flush(Consumer<Object> setCurrentKey) throws Exception;
    }
}
