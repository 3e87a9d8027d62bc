package io.pacesetter.job.measures;

import java.util.Arrays;
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
        long rank = Math.max(1, (long) Math.ceil(share * n - 1e-9));
        long[] values = new long[counts.size()];
        int i = 0;
        for (Long v : counts.keySet()) {
            values[i++] = v;
        }
        Arrays.sort(values);
        long seen = 0;
        for (long v : values) {
            seen += counts.get(v);
            if (seen >= rank) {
                return v;
            }
        }
        throw new IllegalStateException("counts total " + seen + " but n is " + n);
    }
}
