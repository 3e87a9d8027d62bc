package io.pacesetter.job.calls;

import java.util.Objects;

/**
 * A call starts or stops waiting in a queue, as far as the events seen so far tell. Feeds the live
 * "calls waiting now" and "longest current wait". A Flink POJO.
 */
public class WaitingChange {
    public String callId;
    public String queue;
    public String district;
    /** When the wait began; null when the call is no longer waiting. */
    public Long waitingSince;
    /** The event time of the change. */
    public long time;

    public WaitingChange() {}

    public WaitingChange(String callId, String queue, String district, Long waitingSince, long time) {
        this.callId = callId;
        this.queue = queue;
        this.district = district;
        this.waitingSince = waitingSince;
        this.time = time;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaitingChange w
                && time == w.time
                && Objects.equals(callId, w.callId)
                && Objects.equals(queue, w.queue)
                && Objects.equals(district, w.district)
                && Objects.equals(waitingSince, w.waitingSince);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callId, queue, district, waitingSince, time);
    }

    @Override
    public String toString() {
        return "Waiting{" + callId + '|' + queue + " since=" + waitingSince + " @" + time + '}';
    }
}
