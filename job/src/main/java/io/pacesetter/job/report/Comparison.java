package io.pacesetter.job.report;

/**
 * A period against the one it is compared with: the difference the scrutiny tables print
 * ("Better/Worse % or % pt. diff."), and whether it is better or worse, which it is only when the
 * change is statistically significant ({@link Significance}).
 *
 * @param difference percentage points for rates ((this − last) × 100), seconds for waits (this − last), a
 *     percentage of last year's for counts ((this − last) ÷ last × 100); null when there is nothing to compare
 * @param unit how the difference reads
 * @param judgement better, worse, no significant change, the same, a change with no better side, or why there is none
 * @param pValue the test's two-sided p-value; null when there was nothing to test
 */
public record Comparison(Double difference, Unit unit, Judgement judgement, Double pValue) {
    public enum Unit {
        PERCENTAGE_POINTS,
        PERCENT,
        SECONDS
    }

    public enum Judgement {
        BETTER,
        WORSE,
        /** Different, but not significantly at {@code snapshot.significance}. */
        NO_SIGNIFICANT_CHANGE,
        SAME,
        /** A significant change in a measure with no better side (demand). */
        CHANGED,
        /** One of the two periods has no figure: "no data", never zero. */
        NO_DATA,
        /** Last year's count was 0: a percentage of it means nothing. */
        NOT_COMPARABLE,
        /** The public version withholds one of the two figures, and so the change. */
        SUPPRESSED;

        public boolean significant() {
            return this == BETTER || this == WORSE || this == CHANGED;
        }
    }

    public Comparison(Double difference, Unit unit, Judgement judgement) {
        this(difference, unit, judgement, null);
    }

    /**
     * Compares {@code now} with {@code before} (values as the records carry them; null: no data).
     *
     * @param pValue the test's two-sided p-value, or null when the change cannot be tested (then it is
     *     judged on the values alone)
     * @param level the significance level a change must reach to be better or worse
     */
    public static Comparison of(String measure, Double before, Double now, Double pValue, double level) {
        MeasureKind kind = MeasureKind.of(measure);
        Unit unit = switch (kind) {
            case RATE -> Unit.PERCENTAGE_POINTS;
            case SECONDS -> Unit.SECONDS;
            case COUNT -> Unit.PERCENT;
        };
        if (before == null || now == null) {
            return new Comparison(null, unit, Judgement.NO_DATA, null);
        }
        double difference;
        if (kind == MeasureKind.RATE) {
            difference = (now - before) * 100;
        } else if (kind == MeasureKind.SECONDS) {
            difference = now - before;
        } else if (before == 0) {
            return now == 0
                    ? new Comparison(0.0, unit, Judgement.SAME, pValue)
                    : new Comparison(null, unit, Judgement.NOT_COMPARABLE, pValue);
        } else {
            difference = (now - before) / before * 100;
        }
        int sign = Double.compare(now, before);
        if (sign == 0) {
            return new Comparison(difference, unit, Judgement.SAME, pValue);
        }
        if (pValue != null && pValue >= level) {
            return new Comparison(difference, unit, Judgement.NO_SIGNIFICANT_CHANGE, pValue);
        }
        Direction direction = Direction.of(measure);
        Judgement judgement = direction == Direction.NEITHER
                ? Judgement.CHANGED
                : (sign > 0) == (direction == Direction.HIGHER_IS_BETTER) ? Judgement.BETTER : Judgement.WORSE;
        return new Comparison(difference, unit, judgement, pValue);
    }

    /** Judged on the values alone (no test): as {@link #of(String, Double, Double, Double, double)} with no p-value. */
    public static Comparison of(String measure, Double before, Double now) {
        return of(measure, before, now, null, 1);
    }
}
