package io.pacesetter.job.report;

/** Which way a measure moves when things get better: what "better" and "worse" mean beside a difference. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    /** Demand (calls offered and answered, emergency incidents) and the middle answer band: a change is neither better nor worse. */
    NEITHER;

    /** The direction of a measure as output contract v1 names it. */
    public static Direction of(String measure) {
        if (measure.startsWith("DATA_QUALITY_")) {
            return LOWER_IS_BETTER;
        }
        return switch (measure) {
            case "ANSWERED_WITHIN_STANDARD", "ATTENDED_WITHIN_STANDARD", "ANSWER_BAND_UNDER_10S" -> HIGHER_IS_BETTER;
            case "ABANDONMENT_RATE",
                    "MEAN_WAIT_SECONDS",
                    "P90_WAIT_SECONDS",
                    "CALLS_ABANDONED",
                    "ANSWER_BAND_60S_PLUS",
                    "ATTENDANCE_FAILURES_BY_REASON",
                    "BREACHES_NO_REASON" -> LOWER_IS_BETTER;
            case "CALLS_ANSWERED", "CALLS_OFFERED", "EMERGENCY_INCIDENTS", "ANSWER_BAND_10_TO_60S" -> NEITHER;
            default -> throw new IllegalArgumentException("no direction is known for measure " + measure);
        };
    }
}
