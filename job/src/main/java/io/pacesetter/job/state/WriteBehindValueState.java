package io.pacesetter.job.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ValueState;

/**
 * A keyed {@link ValueState} held between flushes ({@link HeldStates}): read from state the first time a key asks
 * for it, written back at the next flush if it changed. A value made and cleared between two flushes never reaches
 * state: most of a call leg's life, and a repeated event's whole check.
 *
 * <p>The value returned is the one held: change it only to {@link #update} it, as with any state.
 *
 * @param <T> the value
 */
public final class WriteBehindValueState<T> implements HeldStates.HeldState {
    private final ValueState<T> state;
    private final boolean hold;
    private final Supplier<Object> currentKey;
    private final Map<Object, Held<T>> held = new HashMap<>();

    WriteBehindValueState(ValueState<T> state, boolean hold, Supplier<Object> currentKey) {
        this.state = state;
        this.hold = hold;
        this.currentKey = currentKey;
    }

    /** The current key's value, or null. */
    public T value() throws Exception {
        if (!hold) {
            return state.value();
        }
        return held().value;
    }

    /** Sets the current key's value; null clears it. */
    public void update(T value) throws Exception {
        if (!hold) {
            state.update(value);
            return;
        }
        Held<T> entry = held();
        entry.value = value;
        entry.changed = true;
    }

    /** Clears the current key's value. */
    public void clear() throws Exception {
        update(null);
    }

    private Held<T> held() throws Exception {
        Object key = currentKey.get();
        Held<T> entry = held.get(key);
        if (entry == null) {
            T value = state.value();
            entry = new Held<>(value, value != null);
            held.put(key, entry);
        }
        return entry;
    }

    @Override
    public long entriesHeld() {
        return held.size();
    }

    @Override
    public void flush(Consumer<Object> setCurrentKey) throws Exception {
        for (Map.Entry<Object, Held<T>> e : held.entrySet()) {
            Held<T> entry = e.getValue();
            // Cleared and never in state: nothing to write.
            if (!entry.changed || (entry.value == null && !entry.inState)) {
                continue;
            }
            setCurrentKey.accept(e.getKey());
            if (entry.value == null) {
                state.clear();
            } else {
                state.update(entry.value);
            }
        }
        held.clear();
    }

    private static final class Held<T> {
        T value;
        /** Whether state had a value when it was read. */
        final boolean inState;

        boolean changed;

        Held(T value, boolean inState) {
            this.value = value;
            this.inState = inState;
        }
    }
}
