package io.pacesetter.job.report;

/** How a measure's value reads, and so how a change in it is stated. */
public enum MeasureKind {
    /** A share (0..1): shown as a percentage, a change in percentage points. */
    RATE,
    /** A mean or percentile in seconds: a change as a percentage of last year's. */
    SECONDS,
    /** A count: a change as a percentage of last year's. */
    COUNT;

    public static MeasureKind of(String measure) {
        return switch (measure) {
            case "ANSWERED_WITHIN_STANDARD",
                    "ATTENDED_WITHIN_STANDARD",
                    "ABANDONMENT_RATE",
                    "ANSWER_BAND_UNDER_10S",
                    "ANSWER_BAND_10_TO_60S",
                    "ANSWER_BAND_60S_PLUS" -> RATE;
            case "MEAN_WAIT_SECONDS", "P90_WAIT_SECONDS" -> SECONDS;
            default -> COUNT;
        };
    }
}
