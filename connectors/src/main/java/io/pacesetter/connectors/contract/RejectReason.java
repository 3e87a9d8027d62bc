package io.pacesetter.connectors.contract;

/**
 * Why an input was rejected or noted. Every reason is counted per period as
 * {@code DATA_QUALITY_<REASON>}; all but the notes also send the input to the dead letters.
 */
public enum RejectReason {
    /** Not a JSON object. */
    MALFORMED_JSON(true),
    /** A required field is absent or blank. */
    MISSING_FIELD(true),
    /** {@code type} is not one the contract knows. */
    UNKNOWN_TYPE(true),
    /** {@code time} is not an ISO-8601 instant with offset. */
    BAD_TIME(true),
    /** A field has a value of the wrong kind (e.g. {@code area: SUBURBAN}). */
    BAD_VALUE(true),
    /** {@code grade} is not 1 to 4. */
    UNKNOWN_GRADE(true),
    /** Live runs: stamped too far ahead of the wall clock (upstream clock skew). */
    FUTURE(true),
    /** A repeated {@code eventId}. */
    DUPLICATE(true),
    /** Later than the watermark by more than the allowed lateness. */
    TOO_LATE(true),
    /** An ANSWERED or ABANDONED with no OFFERED before it in time. */
    NO_OFFER(true),
    /** An OFFERED with no outcome in time; it stops counting as waiting. */
    NO_OUTCOME(true),
    /** An incident event whose incident was never CREATED. */
    NO_CREATED(true),
    /** An ARRIVED stamped before its incident's CREATED. */
    ARRIVAL_BEFORE_CREATION(true),
    /** Accepted and counted, but the district is not in the reference data. */
    UNKNOWN_DISTRICT(false),
    /** Accepted and measured without a standard, but the queue is not configured. */
    UNKNOWN_QUEUE(false);

    private final boolean rejects;

    RejectReason(boolean rejects) {
        this.rejects = rejects;
    }

    /** False for notes that count an accepted event in the data-quality figures only. */
    public boolean rejects() {
        return rejects;
    }

    public String measure() {
        return "DATA_QUALITY_" + name();
    }
}
