package io.pacesetter.connectors.contract;

/**
 * What every source emits: exactly one of a call event, an incident event, or a dead letter for an
 * input that could not be read. Parsing at the source lets watermarks be made per source split.
 */
public class InputRecord {
    public CallEvent call;
    public IncidentEvent incident;
    public DeadLetter deadLetter;
    /** The partition it was read from ({@code topic/partition}), where a source has partitions; else null. */
    public String source;

    public InputRecord() {}

    public static InputRecord of(CallEvent call) {
        InputRecord r = new InputRecord();
        r.call = call;
        return r;
    }

    public static InputRecord of(IncidentEvent incident) {
        InputRecord r = new InputRecord();
        r.incident = incident;
        return r;
    }

    public static InputRecord of(DeadLetter deadLetter) {
        InputRecord r = new InputRecord();
        r.deadLetter = deadLetter;
        return r;
    }

    public boolean isEvent() {
        return deadLetter == null;
    }

    public String eventId() {
        return call != null ? call.eventId : incident != null ? incident.eventId : deadLetter.eventId;
    }

    /** Event time of an event; {@link Long#MIN_VALUE} for a dead letter, so it never moves a watermark. */
    public long eventTime() {
        return call != null ? call.time : incident != null ? incident.time : Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        return call != null ? call.toString() : incident != null ? incident.toString() : String.valueOf(deadLetter);
    }
}
