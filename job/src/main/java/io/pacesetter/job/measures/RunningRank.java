package io.pacesetter.job.measures;

import java.util.Map;
import java.util.TreeMap;

/**
 * The waits of a running window in order, with a cursor kept at the last percentile read. A window
 * published every minute changes by one slice in and one out, so the cursor moves a few steps
 * instead of a selection over every wait the window holds (a 24 h force-wide window holds tens of
 * thousands). Derived from {@link Tally#answeredWaits} and never stored: rebuilt when a tally is
 * read from state without it.
 */
final class RunningRank {
    /** wait in ms → answered legs with that wait, in order of wait. */
    private final TreeMap<Long, Integer> counts;
    /** A key of {@link #counts}, or null when the cursor has to be set again. */
    private Long cursor;
    /** The legs with a wait below the cursor's. */
    private long below;

    RunningRank(Map<Long, Integer> waits) {
        counts = new TreeMap<>(waits);
    }

    /** Mirrors a change of one wait's count by {@code delta}, to {@code count} (0: gone). */
    void change(long wait, int delta, int count) {
        if (cursor != null && wait < cursor) {
            below += delta;
        }
        if (count != 0) {
            counts.put(wait, count);
            return;
        }
        counts.remove(wait);
        if (cursor != null && wait == cursor) {
            // The legs below the next wait up are the same legs: the removed wait had none left.
            cursor = counts.higherKey(wait);
        }
    }

    /** The smallest wait with at least {@code rank} legs at or below it; {@code rank} must be 1..total. */
    long select(long rank) {
        if (cursor == null) {
            cursor = counts.firstKey();
            below = 0;
        }
        while (below >= rank) {
            Map.Entry<Long, Integer> lower = counts.lowerEntry(cursor);
            cursor = lower.getKey();
            below -= lower.getValue();
        }
        int here = counts.get(cursor);
        while (below + here < rank) {
            below += here;
            Map.Entry<Long, Integer> higher = counts.higherEntry(cursor);
            cursor = higher.getKey();
            here = higher.getValue();
        }
        return cursor;
    }
}
