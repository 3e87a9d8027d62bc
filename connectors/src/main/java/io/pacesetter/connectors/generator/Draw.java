package io.pacesetter.connectors.generator;

import java.util.SplittableRandom;

/**
 * The random draws the model needs, on one seeded stream. {@link StrictMath} rather than
 * {@link Math} and a hand-written normal (not the JDK's {@code nextGaussian}, whose algorithm has
 * changed between releases) so that one seed gives the same feed on every JVM and machine.
 */
final class Draw {
    private final SplittableRandom random;

    Draw(SplittableRandom random) {
        this.random = random;
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    double between(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    long betweenMillis(long low, long high) {
        return Math.round(between(low, high));
    }

    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    /** Standard normal by Box-Muller; always consumes two uniforms, so the stream stays in step. */
    double normal() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Right-skewed durations (handling, travel) whose typical value is the median. */
    double lognormalMedian(double median, double sigma) {
        return median * StrictMath.exp(sigma * normal());
    }

    /** As {@link #lognormalMedian} but pinned to a mean, for knobs stated as means. */
    double lognormalMean(double mean, double sigma) {
        return lognormalMedian(mean * StrictMath.exp(-sigma * sigma / 2.0), sigma);
    }

    /** An index chosen with the given cumulative weights (last entry = total). */
    int pick(double[] cumulative) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}
