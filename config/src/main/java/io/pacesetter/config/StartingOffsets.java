package io.pacesetter.config;

/**
 * Where a job with no checkpoint starts reading the event topics. A restored job always goes on
 * from its checkpoint.
 */
public enum StartingOffsets {
    /** From the oldest event the topics still hold: a fresh deployment computes the figures of everything retained. */
    EARLIEST,
    /** Only events sent from now on. */
    LATEST,
    /** From the offsets the consumer group last committed, and from the oldest where it has none. */
    COMMITTED
}
