package io.pacesetter.job.measures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;

/**
 * A keyed {@link MapState} whose entries are read from state once and written back in one go when the operator
 * {@link #flush}es: before every checkpoint barrier, at the end of the input, and when much is held. The slicer
 * changes a scope's open slice with every outcome, and its running windows, DAY and MONTH every minute it rolls;
 * on RocksDB each change was a deserialization and a serialization of the whole tally, waits and all (most of the
 * slicer's time in a profile: docs/benchmarks.md, "Stop 26"). Held here, a tally is read once and written once per
 * checkpoint.
 *
 * <p>A flush also forgets what it held. On the heap backend the state's objects are the ones held here, and a
 * checkpoint copies an object only when it is read again after the checkpoint began: keeping them would let a
 * change reach a snapshot still being written.
 *
 * @param <UK> the map's key
 * @param <UV> the map's value
 */
final class WriteBehindMapState<UK, UV> {
    /** Sets the keyed state backend's current key, as the operator does before calling its function. */
    @FunctionalInterface
    interface KeySetter {
        void setCurrentKey(Object key);
    }

    private final MapState<UK, UV> state;
    private final Map<Object, Entries<UK, UV>> held = new HashMap<>();
    /** Entries read or changed since the last flush: what {@link #heldEntries} reports. */
    private long touched;

    WriteBehindMapState(MapState<UK, UV> state) {
        this.state = state;
    }

    /** The entries of {@code key}, which must be the backend's current key while they are used. */
    Entries<UK, UV> of(Object key) {
        Entries<UK, UV> entries = held.get(key);
        if (entries == null) {
            entries = new Entries<>(this);
            held.put(key, entries);
        }
        return entries;
    }

    /** About how many entries are held: what a flush would free. */
    long heldEntries() {
        return touched;
    }

    /** Writes every changed entry to state under its key, then forgets everything held. */
    void flush(KeySetter keys) throws Exception {
        for (Map.Entry<Object, Entries<UK, UV>> held : this.held.entrySet()) {
            Entries<UK, UV> entries = held.getValue();
            if (entries.changed.isEmpty()) {
                continue;
            }
            keys.setCurrentKey(held.getKey());
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
        touched = 0;
    }

    /**
     * One key's entries, as a map in the keys' natural order (the same on every backend and after a restore, so
     * the periods are published in one order). An entry is read from state the first time it is asked for, all of
     * them when they are walked; what is put or removed is written at the next flush.
     */
    static final class Entries<UK, UV> {
        private final WriteBehindMapState<UK, UV> owner;
        private final Map<UK, UV> values = new TreeMap<>();
        /** Keys read from state and found absent, or removed here. */
        private final Set<UK> absent = new HashSet<>();

        private final Set<UK> changed = new HashSet<>();
        /** Whether every entry in state has been read. */
        private boolean complete;

        private Entries(WriteBehindMapState<UK, UV> owner) {
            this.owner = owner;
        }

        UV get(UK key) throws Exception {
            UV value = values.get(key);
            if (value != null || complete || absent.contains(key)) {
                return value;
            }
            value = owner.state.get(key);
            owner.touched++;
            if (value == null) {
                absent.add(key);
            } else {
                values.put(key, value);
            }
            return value;
        }

        void put(UK key, UV value) {
            values.put(key, value);
            absent.remove(key);
            changed.add(key);
            owner.touched++;
        }

        void remove(UK key) {
            values.remove(key);
            absent.add(key);
            changed.add(key);
            owner.touched++;
        }

        boolean isEmpty() throws Exception {
            return values.isEmpty() && readAll().isEmpty();
        }

        /** The entries now, to walk while putting or removing. */
        List<Map.Entry<UK, UV>> entries() throws Exception {
            return new ArrayList<>(readAll().entrySet());
        }

        private Map<UK, UV> readAll() throws Exception {
            if (!complete) {
                for (Map.Entry<UK, UV> e : owner.state.entries()) {
                    // What was put or removed here since the last flush is newer than state.
                    if (!changed.contains(e.getKey()) && !values.containsKey(e.getKey())) {
                        values.put(e.getKey(), e.getValue());
                        owner.touched++;
                    }
                }
                absent.clear();
                complete = true;
            }
            return values;
        }
    }
}
