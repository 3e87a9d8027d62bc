package io.pacesetter.job.measures;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The waits of a running window in order, with a cursor kept at the last percentile read. A window
 * published every minute changes by one slice in and one out, so the cursor moves a few steps
 * instead of a selection over every wait the window holds (a 24 h force-wide window holds tens of
 * thousands). Derived from {@link Tally#answeredWaits} and never stored: rebuilt when a tally is
 * read from state without it.
 *
 * <p>Waits under an hour, nearly all of them, are counted by whole second in an array, and within
 * each second by millisecond in a short sorted array: a change is an array increment and a search
 * among the few distinct milliseconds of one second, where a sorted map of boxed waits cost a tree
 * descent and an allocation (it was an eighth of a replay's time). The cursor walks seconds. The
 * rare wait outside that range (an hour or more) is kept in a sorted map of its own.
 */
final class RunningRank {
    /** Waits at or above this many seconds, and any below zero, are kept in {@link #outside}. */
    static final int DENSE_SECONDS = 3_600;

    /** Legs with a wait in each whole second, 0 .. DENSE_SECONDS − 1; grown as longer waits come. */
    private int[] perSecond = new int[16];
    /** The distinct milliseconds within each second, in order; null for a second with no legs. */
    private Second[] seconds = new Second[16];
    /** Legs with a wait in {@link #perSecond}. */
    private long dense;
    /** wait in ms → legs, for waits outside the dense seconds. */
    private final TreeMap<Long, Integer> outside = new TreeMap<>();
    /** Legs in {@link #outside} with a negative wait: they rank before every dense second. */
    private long negative;
    /** A second; {@link #below} legs have a dense wait in an earlier second. */
    private int cursor;
    private long below;

    RunningRank(Map<Long, Integer> waits) {
        for (Map.Entry<Long, Integer> e : waits.entrySet()) {
            change(e.getKey(), e.getValue(), e.getValue());
        }
    }

    /** Mirrors a change of one wait's count by {@code delta}, to {@code count} (0: gone). */
    void change(long wait, int delta, int count) {
        if (wait < 0 || wait >= DENSE_SECONDS * 1_000L) {
            if (count == 0) {
                outside.remove(wait);
            } else {
                outside.put(wait, count);
            }
            if (wait < 0) {
                negative += delta;
            }
            return;
        }
        int second = (int) (wait / 1_000);
        if (second >= perSecond.length) {
            int size = Math.min(DENSE_SECONDS, Math.max(second + 1, perSecond.length * 2));
            perSecond = Arrays.copyOf(perSecond, size);
            seconds = Arrays.copyOf(seconds, size);
        }
        perSecond[second] += delta;
        dense += delta;
        if (second < cursor) {
            below += delta;
        }
        Second ms = seconds[second];
        if (ms == null) {
            ms = new Second();
            seconds[second] = ms;
        }
        ms.set((short) (wait - second * 1_000L), count);
    }

    /** The smallest wait with at least {@code rank} legs at or below it; {@code rank} must be 1..total. */
    long select(long rank) {
        if (rank <= negative) {
            return walkOutside(Long.MIN_VALUE, 0, rank);
        }
        long inDense = rank - negative;
        if (inDense > dense) {
            return walkOutside(0, negative + dense, rank);
        }
        while (below >= inDense) {
            cursor--;
            below -= perSecond[cursor];
        }
        while (below + perSecond[cursor] < inDense) {
            below += perSecond[cursor];
            cursor++;
        }
        return cursor * 1_000L + seconds[cursor].offsetAt(inDense - below);
    }

    /** Walks {@link #outside} from {@code from}, with {@code ranked} legs already counted before it. */
    private long walkOutside(long from, long ranked, long rank) {
        for (Map.Entry<Long, Integer> e : outside.tailMap(from, true).entrySet()) {
            ranked += e.getValue();
            if (ranked >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " is beyond the " + ranked + " waits held");
    }

    /** The legs of one second of wait, by millisecond offset within it, in order. */
    private static final class Second {
        private short[] offsets = new short[4];
        private int[] counts = new int[4];
        private int size;

        void set(short offset, int count) {
            int at = Arrays.binarySearch(offsets, 0, size, offset);
            if (at >= 0) {
                if (count != 0) {
                    counts[at] = count;
                } else {
                    System.arraycopy(offsets, at + 1, offsets, at, size - at - 1);
                    System.arraycopy(counts, at + 1, counts, at, size - at - 1);
                    size--;
                }
                return;
            }
            if (count == 0) {
                return;
            }
            int insert = -at - 1;
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            System.arraycopy(offsets, insert, offsets, insert + 1, size - insert);
            System.arraycopy(counts, insert, counts, insert + 1, size - insert);
            offsets[insert] = offset;
            counts[insert] = count;
            size++;
        }

        /** The offset of the {@code rank}-th leg of this second, counting from 1. */
        long offsetAt(long rank) {
            long seen = 0;
            for (int i = 0; i < size; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return offsets[i];
                }
            }
            throw new IllegalStateException("rank " + rank + " is beyond the " + seen + " legs of this second");
        }
    }
}
