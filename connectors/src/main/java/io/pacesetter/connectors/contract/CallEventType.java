package io.pacesetter.connectors.contract;

/** What happened to a call in a queue (event contract v1). */
public enum CallEventType {
    /** Presented to a queue: the answer clock starts. */
    OFFERED,
    /** A call handler picked up. */
    ANSWERED,
    /** The caller hung up before an answer. */
    ABANDONED;

    public boolean isOutcome() {
        return this != OFFERED;
    }
}
