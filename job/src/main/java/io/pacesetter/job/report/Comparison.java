package io.pacesetter.job.report;

/**
 * The 12 months to the snapshot month against the 12 months before: the difference the scrutiny
 * tables print ("Better/Worse % or % pt. diff."), and whether it is better or worse.
 *
 * @param difference percentage points for rates ((this − last) × 100), a percentage of last year's
 *     for counts and seconds ((this − last) ÷ last × 100); null when there is nothing to compare
 * @param unit how the difference reads
 * @param judgement better, worse, the same, a change with no better side, or why there is none
 */
public record Comparison(Double difference, Unit unit, Judgement judgement) {
    public enum Unit {
        PERCENTAGE_POINTS,
        PERCENT
    }

    public enum Judgement {
        BETTER,
        WORSE,
        SAME,
        /** A change in a measure with no better side (demand). */
        CHANGED,
        /** One of the two periods has no figure: "no data", never zero. */
        NO_DATA,
        /** Last year's count or mean was 0: a percentage of it means nothing. */
        NOT_COMPARABLE
    }

    /** Compares {@code thisYear} with {@code lastYear} (values as the records carry them; null: no data). */
    public static Comparison of(String measure, Double lastYear, Double thisYear) {
        MeasureKind kind = MeasureKind.of(measure);
        Unit unit = kind == MeasureKind.RATE ? Unit.PERCENTAGE_POINTS : Unit.PERCENT;
        if (lastYear == null || thisYear == null) {
            return new Comparison(null, unit, Judgement.NO_DATA);
        }
        double difference;
        if (kind == MeasureKind.RATE) {
            difference = (thisYear - lastYear) * 100;
        } else if (lastYear == 0) {
            return thisYear == 0
                    ? new Comparison(0.0, unit, Judgement.SAME)
                    : new Comparison(null, unit, Judgement.NOT_COMPARABLE);
        } else {
            difference = (thisYear - lastYear) / lastYear * 100;
        }
        Direction direction = Direction.of(measure);
        // Judged on the exact values, so a change too small to show after rounding is still called.
        int sign = Double.compare(thisYear, lastYear);
        Judgement judgement = sign == 0
                ? Judgement.SAME
                : direction == Direction.NEITHER
                        ? Judgement.CHANGED
                        : (sign > 0) == (direction == Direction.HIGHER_IS_BETTER) ? Judgement.BETTER : Judgement.WORSE;
        return new Comparison(difference, unit, judgement);
    }
}
