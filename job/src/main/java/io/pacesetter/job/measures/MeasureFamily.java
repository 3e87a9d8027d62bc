package io.pacesetter.job.measures;

/** Which measures a slice key produces. */
public enum MeasureFamily {
    /** Call legs in one queue: within standard, abandonment, waits, bands, counts. */
    CALL_LEGS,
    /** Grade-1 incidents: attended within standard, failure reasons. */
    ATTENDANCE,
    /** Grade-1 incidents: time from clock start to first dispatch, and from dispatch to first arrival. */
    RESPONSE,
    /** Rejected and noted inputs: DATA_QUALITY_* counts per period. */
    DATA_QUALITY
}
