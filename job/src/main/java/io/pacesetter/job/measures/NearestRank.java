package io.pacesetter.job.measures;

import java.util.Map;

/** The exact nearest-rank percentile over counted values: no sketch, no interpolation. */
public final class NearestRank {
    private NearestRank() {}

    /**
     * @param counts value → how many times it occurs
     * @param n the total of the counts
     * @param share e.g. 0.9
     * @return the ⌈share·n⌉-th smallest value, or null when n is 0
     */
    public static Long of(Map<Long, Integer> counts, long n, double share) {
        if (n <= 0) {
            return null;
        }
        long rank = rank(n, share);
        long[] values = new long[counts.size()];
        long[] weights = new long[counts.size()];
        int size = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            values[size] = e.getKey();
            weights[size] = e.getValue();
            size++;
        }
        return select(values, weights, size, rank);
    }

    /** ⌈share·n⌉, at least 1: the rank of the nearest-rank percentile among n values. */
    static long rank(long n, double share) {
        return Math.max(1, (long) Math.ceil(share * n - 1e-9));
    }

    /**
     * The value at cumulative weight {@code rank} in sorted order, by weighted quickselect: linear
     * on average, rather than a sort's n log n.
     */
    static long select(long[] values, long[] weights, int size, long rank) {
        int lo = 0;
        int hi = size;
        while (true) {
            if (hi - lo == 1) {
                return values[lo];
            }
            long pivot = medianOfThree(values[lo], values[lo + (hi - lo) / 2], values[hi - 1]);
            // Three-way partition of [lo, hi): < pivot, == pivot, > pivot.
            int lt = lo;
            int i = lo;
            int gt = hi;
            long below = 0;
            long equal = 0;
            while (i < gt) {
                if (values[i] < pivot) {
                    below += weights[i];
                    swap(values, weights, lt++, i++);
                } else if (values[i] > pivot) {
                    swap(values, weights, i, --gt);
                } else {
                    equal += weights[i];
                    i++;
                }
            }
            if (rank <= below) {
                hi = lt;
            } else if (rank <= below + equal) {
                return pivot;
            } else {
                rank -= below + equal;
                lo = gt;
            }
        }
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(long[] values, long[] weights, int a, int b) {
        long v = values[a];
        values[a] = values[b];
        values[b] = v;
        long w = weights[a];
        weights[a] = weights[b];
        weights[b] = w;
    }
}
