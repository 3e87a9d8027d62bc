package io.pacesetter.job.measures;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * How many answered legs waited each exact millisecond, in order, with a cursor kept at the last rank read:
 * what the exact nearest-rank 90th percentile of a slice, a running window or a period is read from. One
 * short sorted array up to {@link #SMALL_MAX} distinct waits, then counts by whole second and, within each
 * second, by millisecond (a wait outside the first hour, or below zero, in a sorted map of its own). Stored
 * in Flink state by {@link WaitCountsSerializer}, without the cursor (a read from state starts it at zero).
 */
@TypeInfo(WaitCountsSerializer.Factory.class)
public final class WaitCounts {
    /** Distinct waits up to which they are kept in one sorted array. */
    static final int SMALL_MAX = 64;
    /** Past the small shape: waits at or above this many seconds, and any below zero, are kept in {@link #outside}. */
    static final int DENSE_SECONDS = 3_600;

    private long total;
    private int distinct;

    /** The small shape: the distinct waits in order and their legs; null once counted by second. */
    private Sorted small = new Sorted();

    /** Legs with a wait in each whole second, 0 .. DENSE_SECONDS − 1; grown as longer waits come. */
    private int[] perSecond;
    /** The distinct milliseconds within each second, in order; null for a second never used. */
    private Second[] seconds;
    /** Legs with a wait in {@link #perSecond}. */
    private long dense;
    /** wait in ms → legs, for waits outside the dense seconds; null until one comes. */
    private TreeMap<Long, Integer> outside;
    /** Legs in {@link #outside} with a negative wait: they rank before every dense second. */
    private long negative;
    /** A second; {@link #below} legs have a dense wait in an earlier second. */
    private int cursor;

    private long below;

    public WaitCounts() {}

    /**
     * Empty, in the shape {@code distinct} waits end up in: read back from state, a busy window's waits go
     * straight into counts by second rather than through the small shape first.
     */
    static WaitCounts expecting(long distinct) {
        WaitCounts counts = new WaitCounts();
        if (distinct > SMALL_MAX) {
            counts.countBySecond();
        }
        return counts;
    }

    /** Every leg counted, over all waits. */
    public long total() {
        return total;
    }

    /** How many different waits occur. */
    public int distinct() {
        return distinct;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /**
     * Changes the legs counted at {@code waitMs} by {@code delta}.
     *
     * @throws IllegalArgumentException if that would leave fewer than none
     */
    public void add(long waitMs, int delta) {
        if (delta == 0) {
            return;
        }
        int before = small != null ? addSmall(waitMs, delta) : addBySecond(waitMs, delta);
        total += delta;
        if (before == 0) {
            distinct++;
        } else if (before + delta == 0) {
            distinct--;
        }
    }

    /** @return the legs at {@code waitMs} before the change */
    private int addSmall(long waitMs, int delta) {
        if (small.size == SMALL_MAX && small.indexOf(waitMs) < 0) {
            checked(waitMs, 0, delta);
            countBySecond();
            return addBySecond(waitMs, delta);
        }
        return small.add(waitMs, delta, waitMs);
    }

    /** From the small shape to counts by second, for good: a window that was busy once is likely to be again. */
    private void countBySecond() {
        Sorted waits = small;
        small = null;
        perSecond = new int[16];
        seconds = new Second[16];
        for (int i = 0; i < waits.size; i++) {
            addBySecond(waits.keys[i], waits.counts[i]);
        }
    }

    /** @return the legs at {@code waitMs} before the change */
    private int addBySecond(long waitMs, int delta) {
        if (waitMs < 0 || waitMs >= DENSE_SECONDS * 1_000L) {
            if (outside == null) {
                outside = new TreeMap<>();
            }
            int before = outside.getOrDefault(waitMs, 0);
            int after = checked(waitMs, before, delta);
            if (after == 0) {
                outside.remove(waitMs);
            } else {
                outside.put(waitMs, after);
            }
            if (waitMs < 0) {
                negative += delta;
            }
            return before;
        }
        int second = (int) (waitMs / 1_000);
        if (second >= perSecond.length) {
            int size = Math.min(DENSE_SECONDS, Math.max(second + 1, perSecond.length * 2));
            perSecond = Arrays.copyOf(perSecond, size);
            seconds = Arrays.copyOf(seconds, size);
        }
        Second ms = seconds[second];
        if (ms == null) {
            ms = new Second();
            seconds[second] = ms;
        }
        int before = ms.add((int) (waitMs - second * 1_000L), delta, waitMs);
        perSecond[second] += delta;
        dense += delta;
        if (second < cursor) {
            below += delta;
        }
        return before;
    }

    /** Adds ({@code sign} 1) or takes away ({@code sign} −1) every leg of {@code other}. */
    public void addAll(WaitCounts other, int sign) {
        if (other.small != null) {
            // The usual case, a slice into a window or period: no lambda, no boxing.
            for (int i = 0; i < other.small.size; i++) {
                add(other.small.keys[i], sign * other.small.counts[i]);
            }
        } else {
            other.forEach((wait, count) -> add(wait, sign * count));
        }
    }

    /**
     * The smallest wait with at least {@code rank} legs at or below it (the nearest-rank percentile
     * for that rank).
     *
     * @param rank 1 .. {@link #total()}
     */
    public long select(long rank) {
        if (rank < 1 || rank > total) {
            throw new IllegalArgumentException("rank " + rank + " is outside 1.." + total);
        }
        if (small != null) {
            return small.keyAt(rank);
        }
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

    private long walkOutside(long from, long ranked, long rank) {
        for (Map.Entry<Long, Integer> e : outside.tailMap(from, true).entrySet()) {
            ranked += e.getValue();
            if (ranked >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " is beyond the " + ranked + " waits counted");
    }

    /** Each distinct wait and its legs, in increasing order of wait. */
    public <E extends Exception> void forEach(WaitConsumer<E> consumer) throws E {
        if (small != null) {
            small.forEach(0, consumer);
            return;
        }
        if (outside != null) {
            for (Map.Entry<Long, Integer> e : outside.headMap(0L, false).entrySet()) {
                consumer.accept(e.getKey(), e.getValue());
            }
        }
        for (int s = 0; s < seconds.length; s++) {
            if (seconds[s] != null) {
                seconds[s].forEach(s * 1_000L, consumer);
            }
        }
        if (outside != null) {
            for (Map.Entry<Long, Integer> e : outside.tailMap(0L, true).entrySet()) {
                consumer.accept(e.getKey(), e.getValue());
            }
        }
    }

    /** wait → legs, in order: for tests and the monthly store's files. */
    public TreeMap<Long, Integer> asMap() {
        TreeMap<Long, Integer> map = new TreeMap<>();
        forEach(map::put);
        return map;
    }

    public static WaitCounts of(Map<Long, Integer> waits) {
        WaitCounts counts = new WaitCounts();
        waits.forEach(counts::add);
        return counts;
    }

    public WaitCounts copy() {
        WaitCounts copy = new WaitCounts();
        copy.addAll(this, 1);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaitCounts w && total == w.total && distinct == w.distinct && asMap().equals(w.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return "WaitCounts" + asMap();
    }

    private static int checked(long waitMs, int before, int delta) {
        int after = before + delta;
        if (after < 0) {
            throw new IllegalArgumentException(
                    "taking " + -delta + " legs from wait " + waitMs + " ms, which has " + before);
        }
        return after;
    }

    /** A wait in ms and how many legs had it; may throw {@code E} (e.g. writing them out). */
    @FunctionalInterface
    public interface WaitConsumer<E extends Exception> {
        void accept(long waitMs, int legs) throws E;
    }

    /**
     * Distinct keys in order, each with its legs: the small shape's waits, and a sparse second's
     * millisecond offsets.
     */
    private static final class Sorted {
        private long[] keys = new long[2];
        private int[] counts = new int[2];
        private int size;

        int indexOf(long key) {
            return Arrays.binarySearch(keys, 0, size, key);
        }

        /** @return the legs at {@code key} before the change; {@code waitMs} names the wait in an error */
        int add(long key, int delta, long waitMs) {
            // After the last key (waits read back from state come in order): no search.
            int at = size > 0 && key > keys[size - 1] ? -size - 1 : indexOf(key);
            if (at >= 0) {
                int before = counts[at];
                int after = checked(waitMs, before, delta);
                if (after != 0) {
                    counts[at] = after;
                } else {
                    System.arraycopy(keys, at + 1, keys, at, size - at - 1);
                    System.arraycopy(counts, at + 1, counts, at, size - at - 1);
                    size--;
                }
                return before;
            }
            checked(waitMs, 0, delta);
            int insert = -at - 1;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            System.arraycopy(keys, insert, keys, insert + 1, size - insert);
            System.arraycopy(counts, insert, counts, insert + 1, size - insert);
            keys[insert] = key;
            counts[insert] = delta;
            size++;
            return 0;
        }

        /** The key of the {@code rank}-th leg, counting from 1. */
        long keyAt(long rank) {
            long seen = 0;
            for (int i = 0; i < size; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return keys[i];
                }
            }
            throw new IllegalStateException("rank " + rank + " is beyond the " + seen + " legs held");
        }

        <E extends Exception> void forEach(long base, WaitConsumer<E> consumer) throws E {
            for (int i = 0; i < size; i++) {
                consumer.accept(base + keys[i], counts[i]);
            }
        }
    }

    /**
     * The legs of one second of wait, by millisecond offset within it, in order: a short sorted
     * array while few of its milliseconds occur (most seconds of most scopes), and a count for every
     * millisecond once many do (the busiest seconds of a force-wide window), where searching and
     * shifting a long sorted array would cost more.
     */
    private static final class Second {
        /** Distinct offsets at which a second switches to a count for every millisecond. */
        private static final int DENSE_AT = 128;

        /** legs by millisecond offset while few occur; null once dense. */
        private Sorted sparse = new Sorted();
        /** legs by millisecond offset, once dense; null while sparse. */
        private int[] byOffset;

        /** @return the legs at {@code offset} before the change */
        int add(int offset, int delta, long waitMs) {
            if (sparse != null && sparse.size == DENSE_AT && sparse.indexOf(offset) < 0) {
                checked(waitMs, 0, delta);
                byOffset = new int[1_000];
                for (int i = 0; i < sparse.size; i++) {
                    byOffset[(int) sparse.keys[i]] = sparse.counts[i];
                }
                sparse = null;
            }
            if (sparse != null) {
                return sparse.add(offset, delta, waitMs);
            }
            int before = byOffset[offset];
            byOffset[offset] = checked(waitMs, before, delta);
            return before;
        }

        /** The offset of the {@code rank}-th leg of this second, counting from 1. */
        long offsetAt(long rank) {
            if (sparse != null) {
                return sparse.keyAt(rank);
            }
            long seen = 0;
            for (int offset = 0; offset < byOffset.length; offset++) {
                seen += byOffset[offset];
                if (seen >= rank) {
                    return offset;
                }
            }
            throw new IllegalStateException("rank " + rank + " is beyond the " + seen + " legs of this second");
        }

        <E extends Exception> void forEach(long secondMs, WaitConsumer<E> consumer) throws E {
            if (sparse != null) {
                sparse.forEach(secondMs, consumer);
                return;
            }
            for (int offset = 0; offset < byOffset.length; offset++) {
                if (byOffset[offset] != 0) {
                    consumer.accept(secondMs + offset, byOffset[offset]);
                }
            }
        }
    }
}
