package io.pacesetter.job.ingest;

/**
 * Where an event stood against event time when it was delivered: the watermark it arrived behind. A keyed
 * operator's own watermark is not enough for that, because across a shuffle one channel can deliver an event
 * long after another channel's events have moved the operator's watermark on; so the source stamps each event
 * with the newest event time it had read before it ({@code receivedAfter}), and the watermark of that source
 * then was that time less the out-of-orderness. The later of the two is the arrival (docs/contracts.md, "Late
 * events").
 */
public final class Arrival {
    private Arrival() {}

    /**
     * @param operatorWatermark the keyed operator's current watermark ({@link Long#MIN_VALUE} before the first)
     * @param receivedAfter the newest event time the event's source had read before it, or null
     * @return the watermark the event arrived behind, or {@link Long#MIN_VALUE} when nothing is known yet
     */
    public static long watermarkOnArrival(long operatorWatermark, Long receivedAfter, long outOfOrdernessMs) {
        if (receivedAfter == null) {
            return operatorWatermark;
        }
        return Math.max(operatorWatermark, receivedAfter - outOfOrdernessMs - 1);
    }
}
