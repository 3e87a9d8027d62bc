package io.pacesetter.connectors.contract;

import java.util.Objects;

/** One call event: a call offered to, answered in or abandoned from a queue. A Flink POJO. */
public class CallEvent {
    public String eventId;
    public String callId;
    public CallEventType type;
    public String queue;
    /** Event time, epoch milliseconds. */
    public long time;
    /** Where the caller is, when known; may be null. */
    public String district;
    /**
     * How it was delivered, not part of the event: the newest event time its source had read before it (null
     * for the first), stamped by the parser. Not written out and not part of equality.
     */
    public Long receivedAfter;

    public CallEvent() {}

    public CallEvent(String eventId, String callId, CallEventType type, String queue, long time, String district) {
        this.eventId = eventId;
        this.callId = callId;
        this.type = type;
        this.queue = queue;
        this.time = time;
        this.district = district;
    }

    /** A leg is the call in one queue: the key legs are tracked by. */
    public String legKey() {
        return callId + '|' + queue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallEvent e
                && time == e.time
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(callId, e.callId)
                && type == e.type
                && Objects.equals(queue, e.queue)
                && Objects.equals(district, e.district);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, callId, type, queue, time, district);
    }

    @Override
    public String toString() {
        return "CallEvent{" + eventId + ' ' + callId + ' ' + type + ' ' + queue + " @" + time + ' ' + district + '}';
    }
}
