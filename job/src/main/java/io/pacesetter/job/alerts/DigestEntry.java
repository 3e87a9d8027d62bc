package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;

/**
 * What the digest knows of one alert: its newest record, when it was first seen (event time) and when it was
 * cleared, if it was. A Flink POJO.
 */
public class DigestEntry {
    /** The record with the highest revision seen. */
    public Alert latest;
    /** The alert's moment on its first record, epoch ms. */
    public long firstTime;
    /** The moment of its CLEARED record, or null. */
    public Long clearedTime;

    public DigestEntry() {}

    boolean activeAt(long t) {
        return firstTime <= t && (clearedTime == null || clearedTime > t);
    }
}
