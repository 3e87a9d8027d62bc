package io.pacesetter.job.report;

import io.pacesetter.job.measures.Tally;
import io.pacesetter.job.measures.WaitCounts;

/**
 * Whether a change between two periods is more than chance, on the exact counts the store keeps: the
 * two-sided p-value of the test that fits each kind of measure (docs/snapshot.md#significance).
 * Rates: the two-proportion z-test (pooled) on numerators and denominators. Mean waits: a z-test on
 * the difference of means, the variances from the exact wait counts (every wait to the millisecond,
 * so the sums of squares are exact). 90th-percentile waits: Mood's quantile test, a two-proportion
 * test on the waits above the pooled 90th percentile. Counts: the two counts as Poisson, compared
 * conditionally on their sum with the periods' lengths in days as exposure.
 */
public final class Significance {
    private Significance() {}

    /** How the report's notes state the method. */
    public static String method(double level) {
        return String.format(
                java.util.Locale.UK,
                "A change is called better or worse only when it is statistically significant at the %s level "
                        + "(two-sided); otherwise \"not significant\" (NO_SIGNIFICANT_CHANGE), or \"same\" when the "
                        + "figures are equal. Rates: two-proportion z-test on the exact numerators and denominators. "
                        + "Average waits: z-test on the difference of means, variances from the exact count of each "
                        + "answered wait. 90th-percentile waits: Mood's quantile test (answered waits above the two "
                        + "periods' pooled 90th percentile, or at and above it where waits tie, compared as two "
                        + "proportions). Counts: Poisson counts "
                        + "compared given their total, the periods' lengths in days as exposure.",
                trim(level));
    }

    private static String trim(double level) {
        return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    /** Two proportions x1/n1 and x2/n2; null when either has no denominator. */
    public static Double proportions(double x1, double n1, double x2, double n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        double p = (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
        double d = x2 / n2 - x1 / n1;
        if (se == 0) {
            return d == 0 ? 1.0 : 0.0;
        }
        return twoSided(d / se);
    }

    /** Two Poisson counts over exposures e1 and e2 (days): the conditional binomial test, normal approximation. */
    public static Double counts(double c1, double e1, double c2, double e2) {
        if (e1 <= 0 || e2 <= 0) {
            return null;
        }
        double n = c1 + c2;
        if (n == 0) {
            return 1.0;
        }
        double p = e2 / (e1 + e2);
        double se = Math.sqrt(n * p * (1 - p));
        return twoSided((c2 - n * p) / se);
    }

    /** The mean answered wait of two tallies. */
    public static Double means(Tally before, Tally now) {
        Moments a = Moments.of(before.answeredWaits);
        Moments b = Moments.of(now.answeredWaits);
        if (a.n < 2 || b.n < 2) {
            return null;
        }
        double se = Math.sqrt(a.variance() / a.n + b.variance() / b.n);
        double d = b.mean() - a.mean();
        if (se == 0) {
            return d == 0 ? 1.0 : 0.0;
        }
        return twoSided(d / se);
    }

    /** The 90th-percentile answered wait of two tallies: Mood's quantile test. */
    public static Double p90(Tally before, Tally now) {
        long n1 = before.answeredWaits.total();
        long n2 = now.answeredWaits.total();
        if (n1 == 0 || n2 == 0) {
            return null;
        }
        WaitCounts pooled = before.answeredWaits.copy();
        pooled.addAll(now.answeredWaits, 1);
        // the nearest rank ⌈0.9 n⌉, as the live job reads its 90th percentile
        long cut = pooled.select((9 * (n1 + n2) + 9) / 10);
        // Waits tie (whole seconds, a queue's common waits): split above the cut, or at and above it,
        // whichever puts nearer a tenth of the pooled waits on the upper side.
        double tenth = (n1 + n2) / 10.0;
        boolean atOrAbove = Math.abs(above(pooled, cut - 1) - tenth) <= Math.abs(above(pooled, cut) - tenth);
        long split = atOrAbove ? cut - 1 : cut;
        return proportions(above(before.answeredWaits, split), n1, above(now.answeredWaits, split), n2);
    }

    private static long above(WaitCounts waits, long cut) {
        long[] n = {0};
        waits.forEach((wait, count) -> {
            if (wait > cut) {
                n[0] += count;
            }
        });
        return n[0];
    }

    /** P(|Z| ≥ |z|) for a standard normal Z. */
    static double twoSided(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** The complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = 0;
        for (int i = ERFC.length - 1; i >= 0; i--) {
            poly = ERFC[i] + t * poly;
        }
        double r = t * Math.exp(-z * z + poly);
        return x >= 0 ? r : 2 - r;
    }

    private static final double[] ERFC = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };

    /** Count, sum and sum of squares of the answered waits, in seconds. */
    private record Moments(long n, double sum, double squares) {
        static Moments of(WaitCounts waits) {
            double[] s = {0, 0};
            long[] n = {0};
            waits.forEach((wait, count) -> {
                double seconds = wait / 1000.0;
                n[0] += count;
                s[0] += seconds * count;
                s[1] += seconds * seconds * count;
            });
            return new Moments(n[0], s[0], s[1]);
        }

        double mean() {
            return sum / n;
        }

        double variance() {
            return Math.max(0, (squares - sum * sum / n) / (n - 1));
        }
    }
}
