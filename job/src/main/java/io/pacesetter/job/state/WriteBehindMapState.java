package io.pacesetter.job.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;

/**
 * A keyed {@link MapState} held between flushes ({@link HeldStates}): its entries are read from state once and
 * written back in one go. The slicer changes a scope's open slice with every outcome, and its running windows, DAY
 * and MONTH every minute it rolls; on RocksDB each change was a deserialization and a serialization of the whole
 * tally, waits and all (most of the slicer's time in a profile: docs/benchmarks.md, "Stop 26"). Held here, a tally
 * is read once and written once per checkpoint.
 *
 * <p>On the heap backend every call goes straight to state (a replay was 9% slower for holding there).
 *
 * <p>A flush also forgets what it held, so that memory stays bounded by what changes between checkpoints. (Keeping
 * it across a checkpoint's flush saved no measurable time in a live run: docs/benchmarks.md, "Stop 26".)
 *
 * @param <UK> the map's key
 * @param <UV> the map's value
 */
public final class WriteBehindMapState<UK, UV> implements HeldStates.HeldState {
    private final MapState<UK, UV> state;
    /** Null when holding: every key gets its own. */
    private final Entries<UK, UV> straightToState;

    private final Map<Object, Entries<UK, UV>> held = new HashMap<>();
    /** Entries held since the last flush, with a value or known to be absent. */
    private long entriesHeld;

    private final Supplier<Object> currentKey;

    /** @param hold whether to hold entries between flushes; false: every call goes straight to state */
    WriteBehindMapState(MapState<UK, UV> state, boolean hold, Supplier<Object> currentKey) {
        this.state = state;
        this.currentKey = currentKey;
        this.straightToState = hold ? null : new Entries<>(this, true);
    }

    /** The current key's entries, for use while it is the current key. */
    public Entries<UK, UV> current() {
        if (straightToState != null) {
            return straightToState;
        }
        Object key = currentKey.get();
        Entries<UK, UV> entries = held.get(key);
        if (entries == null) {
            entries = new Entries<>(this, false);
            held.put(key, entries);
        }
        return entries;
    }

    @Override
    public long entriesHeld() {
        return entriesHeld;
    }

    @Override
    public void flush(Consumer<Object> setCurrentKey) throws Exception {
        for (Map.Entry<Object, Entries<UK, UV>> held : this.held.entrySet()) {
            Entries<UK, UV> entries = held.getValue();
            if (entries.changed.isEmpty()) {
                continue;
            }
            setCurrentKey.accept(held.getKey());
            for (UK changed : entries.changed) {
                UV value = entries.values.get(changed);
                if (value == null) {
                    state.remove(changed);
                } else {
                    state.put(changed, value);
                }
            }
        }
        held.clear();
        entriesHeld = 0;
    }

    /**
     * One key's entries, walked in the keys' natural order (the same on every backend and after a restore, so
     * the periods are published in one order). An entry is read from state the first time it is asked for, all of
     * them when they are walked; what is put or removed is written at the next flush.
     */
    public static final class Entries<UK, UV> {
        private final WriteBehindMapState<UK, UV> owner;
        /** Nothing held: each call is the state's own. */
        private final boolean direct;

        /** Hashed, not sorted: a look-up is most of what is asked of it; a walk sorts a copy. */
        private final Map<UK, UV> values = new HashMap<>();
        /** Keys read from state and found absent, or removed here. */
        private final Set<UK> absent = new HashSet<>();

        private final Set<UK> changed = new HashSet<>();
        /** Whether every entry in state has been read. */
        private boolean complete;

        private Entries(WriteBehindMapState<UK, UV> owner, boolean direct) {
            this.owner = owner;
            this.direct = direct;
        }

        public UV get(UK key) throws Exception {
            if (direct) {
                return owner.state.get(key);
            }
            UV value = values.get(key);
            if (value != null || complete || absent.contains(key)) {
                return value;
            }
            value = owner.state.get(key);
            owner.entriesHeld++;
            if (value == null) {
                absent.add(key);
            } else {
                values.put(key, value);
            }
            return value;
        }

        public void put(UK key, UV value) throws Exception {
            if (direct) {
                owner.state.put(key, value);
                return;
            }
            if (values.put(key, value) == null && !absent.remove(key)) {
                owner.entriesHeld++;
            }
            changed.add(key);
        }

        public void remove(UK key) throws Exception {
            if (direct) {
                owner.state.remove(key);
                return;
            }
            boolean wasHeld = values.remove(key) != null;
            if (absent.add(key) && !wasHeld) {
                owner.entriesHeld++;
            }
            changed.add(key);
        }

        public boolean isEmpty() throws Exception {
            if (direct) {
                return owner.state.isEmpty();
            }
            return values.isEmpty() && readAll().isEmpty();
        }

        /** The entries now, to walk while putting or removing. */
        public List<Map.Entry<UK, UV>> entries() throws Exception {
            if (direct) {
                // A copy, in key order here too: the heap's own order changes with a restore.
                Map<UK, UV> all = new HashMap<>();
                owner.state.entries().forEach(e -> all.put(e.getKey(), e.getValue()));
                return inKeyOrder(all);
            }
            return inKeyOrder(readAll());
        }

        @SuppressWarnings("unchecked")
        private static <UK, UV> List<Map.Entry<UK, UV>> inKeyOrder(Map<UK, UV> entries) {
            List<Map.Entry<UK, UV>> sorted = new ArrayList<>(entries.entrySet());
            sorted.sort((a, b) -> ((Comparable<UK>) a.getKey()).compareTo(b.getKey()));
            return sorted;
        }

        private Map<UK, UV> readAll() throws Exception {
            if (!complete) {
                for (Map.Entry<UK, UV> e : owner.state.entries()) {
                    // What was put or removed here since the last flush is newer than state.
                    if (!changed.contains(e.getKey()) && !values.containsKey(e.getKey())) {
                        values.put(e.getKey(), e.getValue());
                        owner.entriesHeld++;
                    }
                }
                absent.clear();
                complete = true;
            }
            return values;
        }
    }
}
