package io.pacesetter.connectors.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A rejected input: its original text, where it came from and why. A Flink POJO. */
public class DeadLetter {
    public RejectReason reason;
    /** A sentence for a person: which field, what was wrong. */
    public String detail;
    /** The input exactly as received (for rejections after parsing: the event as JSON). */
    public String original;
    /**
     * The input's bytes, only when {@link #original} cannot give them back: a Kafka value that is not
     * UTF-8 text (then {@link #original} is a best-effort reading of it). Null otherwise, so the
     * usual dead letter carries its input once.
     */
    public byte[] originalBytes;
    /** Source coordinates, e.g. {@code calls.jsonl:1042}, {@code generator} or {@code topic/3@1042}. */
    public String origin;
    /** The event's id when it could be read, else null. */
    public String eventId;
    /** The event's time when it could be read, epoch ms; null when unreadable. */
    public Long eventTime;
    /**
     * The event time of the last good event the same source read before this one (null if none):
     * where a rejection with no trustworthy time of its own is counted, so counts are reproducible.
     */
    public Long receivedAfter;

    public DeadLetter() {}

    public DeadLetter(
            RejectReason reason, String detail, String original, String origin, String eventId, Long eventTime) {
        this.reason = reason;
        this.detail = detail;
        this.original = original;
        this.origin = origin;
        this.eventId = eventId;
        this.eventTime = eventTime;
    }

    /** The input's bytes exactly as received (null for a record that had no value at all). */
    public byte[] originalAsBytes() {
        return originalBytes != null
                ? originalBytes
                : original == null ? null : original.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && reason == d.reason
                && Objects.equals(detail, d.detail)
                && Objects.equals(original, d.original)
                && Objects.equals(origin, d.origin)
                && Objects.equals(eventId, d.eventId)
                && Objects.equals(eventTime, d.eventTime)
                && Objects.equals(receivedAfter, d.receivedAfter)
                && Arrays.equals(originalBytes, d.originalBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, original, origin, eventId, eventTime);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ": " + detail + " @" + origin + '}';
    }
}
