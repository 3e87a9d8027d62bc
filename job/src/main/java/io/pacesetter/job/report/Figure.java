package io.pacesetter.job.report;

/**
 * One measure over one period of the snapshot (a month, or twelve of them).
 *
 * @param numerator as the measure record has it (null for counts)
 * @param denominator as the measure record has it (null for counts)
 * @param value the figure; null when there is no data (no month of the period in the store, or
 *     nothing to divide by): printed as "no data", never as zero
 * @param target the standard, where there is one
 * @param met whether the value meets it
 * @param monthsWithData how many months of the period the store holds
 * @param monthsInPeriod how many months the period has (1 or 12)
 * @param base the legs or incidents the figure is counted over (the count itself for counts)
 * @param smallNumber counted over fewer than {@code snapshot.smallNumberThreshold}: flagged, not hidden
 * @param suppressed the public version withholds it (counted over fewer than {@code snapshot.suppressBelow},
 *     or withheld so that a total cannot reveal one that is): value, numerator and denominator are null
 */
public record Figure(
        Double numerator,
        Double denominator,
        Double value,
        Double target,
        Boolean met,
        int monthsWithData,
        int monthsInPeriod,
        long base,
        boolean smallNumber,
        boolean suppressed) {

    public Figure(
            Double numerator,
            Double denominator,
            Double value,
            Double target,
            Boolean met,
            int monthsWithData,
            int monthsInPeriod,
            long base,
            boolean smallNumber) {
        this(numerator, denominator, value, target, met, monthsWithData, monthsInPeriod, base, smallNumber, false);
    }

    /** The same figure withheld from the public version. */
    public Figure suppress() {
        return new Figure(null, null, null, target, null, monthsWithData, monthsInPeriod, base, smallNumber, true);
    }

    public boolean hasData() {
        return value != null;
    }

    /** Fewer months in the store than the period has. */
    public boolean partial() {
        return monthsWithData > 0 && monthsWithData < monthsInPeriod;
    }
}
