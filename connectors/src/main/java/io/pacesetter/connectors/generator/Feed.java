package io.pacesetter.connectors.generator;

import io.pacesetter.config.Area;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Turns what happened into the lines upstream systems would send, in the order they would send
 * them, including their faults: a share of lines is sent twice, held back behind later lines, or
 * broken. The faults are drawn from their own random stream, so a clean feed (all shares 0) carries
 * exactly the same calls and incidents as a faulty one.
 *
 * <p>Without delivery faults no line is held back by more than {@code maxDelayMs} (the configured
 * out-of-orderness), duplicates included. With them ({@link DeliveryFaults}, docs/faults.md) whole calls
 * and incidents arrive late, lines come twice or broken, and a clean delivery of the same events is
 * kept beside the faulty one.
 */
final class Feed {
    private static final String[] CALL_TYPES_UNKNOWN = {"TRANSFERRED", "ON_HOLD", "RINGING"};
    private static final String[] INCIDENT_TYPES_UNKNOWN = {"REOPENED", "UPDATED", "ASSIGNED"};

    /** A line waiting for its moment to be sent; {@code eventTime} is that of the event it carries. */
    private record Pending(long emitAt, long seq, long eventTime, String line) {}

    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            (a, b) -> a.emitAt != b.emitAt ? Long.compare(a.emitAt, b.emitAt) : Long.compare(a.seq, b.seq));
    /** The same events delivered cleanly: once each, on time, in time order, nothing broken. */
    private final PriorityQueue<Pending> clean = new PriorityQueue<>(
            (a, b) -> a.emitAt != b.emitAt ? Long.compare(a.emitAt, b.emitAt) : Long.compare(a.seq, b.seq));

    private DeliveryFaults faults;
    private boolean keepClean;
    private final Draw draw;
    private final String runTag;
    private final double districtMissingShare;
    private final double duplicateShare;
    private final double outOfOrderShare;
    private final long maxDelayMs;
    private final double malformedShare;
    private long seq;
    private long eventCount;

    Feed(
            Draw draw,
            String runTag,
            double districtMissingShare,
            double duplicateShare,
            double outOfOrderShare,
            long maxDelayMs,
            double malformedShare) {
        this.draw = draw;
        this.runTag = runTag;
        this.districtMissingShare = districtMissingShare;
        this.duplicateShare = duplicateShare;
        this.outOfOrderShare = outOfOrderShare;
        this.maxDelayMs = Math.max(0, maxDelayMs);
        this.malformedShare = malformedShare;
    }

    /** A call event; the caller's district is left off a share of them, as the contract allows. */
    void call(long time, String callId, String type, String queue, String district) {
        String d = district != null && draw.chance(districtMissingShare) ? null : district;
        String[] names = {"eventId", "callId", "type", "queue", "time", "district"};
        String[] values = {
            quote(nextEventId()),
            quote(callId),
            quote(type),
            quote(queue),
            quote(Times.format(time)),
            d == null ? null : quote(d)
        };
        send(time, names, values, false);
    }

    void incident(
            long time,
            String incidentId,
            String type,
            Integer grade,
            String district,
            Area area,
            String reason,
            String callId) {
        String[] names = {"eventId", "incidentId", "type", "time", "grade", "district", "area", "reason", "callId"};
        String[] values = {
            quote(nextEventId()),
            quote(incidentId),
            quote(type),
            quote(Times.format(time)),
            grade == null ? null : grade.toString(),
            district == null ? null : quote(district),
            area == null ? null : quote(area.name()),
            reason == null ? null : quote(reason),
            callId == null ? null : quote(callId)
        };
        send(time, names, values, true);
    }

    private String nextEventId() {
        return "E" + runTag + "-" + (++eventCount);
    }

    /** Turns the delivery faults on ({@link DeliveryFaults}); the clean delivery is kept beside them. */
    void deliverWith(DeliveryFaults faults, boolean keepClean) {
        this.faults = faults;
        this.keepClean = keepClean;
    }

    private void send(long time, String[] names, String[] values, boolean incident) {
        String good = render(names, values);
        boolean broken = draw.chance(malformedShare);
        String line = broken ? malformed(names, values.clone(), incident) : good;
        long delay = maxDelayMs >= 1000 && draw.chance(outOfOrderShare) ? draw.betweenMillis(1000, maxDelayMs) : 0;
        boolean twice = draw.chance(duplicateShare);
        // Half are resent straight away (a retry), half some seconds later; never beyond the bound.
        long again = twice ? (draw.chance(0.5) ? 0 : draw.betweenMillis(500, 30_000)) : 0;
        if (faults == null) {
            pending.add(new Pending(time + delay, seq++, time, line));
            if (twice) {
                long emitAt = Math.max(time + delay, Math.min(time + delay + again, time + maxDelayMs));
                pending.add(new Pending(emitAt, seq++, time, line));
            }
            return;
        }
        if (keepClean) {
            clean.add(new Pending(time, seq++, time, good));
        }
        // With delivery faults on, nothing may take an event away: a broken line is sent beside the good one.
        String holder = values[indexOf(names, incident ? "incidentId" : "callId")];
        long emitAt = faults.heldUntil(time + delay + faults.lateBy(holder, incident), incident);
        pending.add(new Pending(emitAt, seq++, time, good));
        if (broken) {
            pending.add(new Pending(emitAt, seq++, time, line));
        }
        if (twice) {
            pending.add(new Pending(emitAt + again, seq++, time, good));
        }
        for (DeliveryFaults.Extra extra : faults.extras(time, names, values, incident)) {
            pending.add(new Pending(faults.heldUntil(emitAt + extra.after(), incident), seq++, time, extra.line()));
        }
    }

    /** One of the ways upstream lines arrive broken, each rejected for a different reason downstream. */
    private String malformed(String[] names, String[] values, boolean incident) {
        int kind = (int) (draw.uniform() * 4);
        switch (kind) {
            case 0: {
                String full = render(names, values);
                int cut = (int) draw.between(full.length() / 3.0, full.length() - 1);
                return full.substring(0, Math.max(1, Math.min(cut, full.length() - 1)));
            }
            case 1: {
                String[] unknown = incident ? INCIDENT_TYPES_UNKNOWN : CALL_TYPES_UNKNOWN;
                values[indexOf(names, "type")] = quote(unknown[(int) (draw.uniform() * unknown.length)]);
                return render(names, values);
            }
            case 2:
                values[indexOf(names, incident ? "incidentId" : "callId")] = null;
                return render(names, values);
            default: {
                String time = values[indexOf(names, "time")];
                String iso = time.substring(1, time.length() - 1);
                String[] bad = {
                    iso.substring(0, 10) + " " + iso.substring(11, 19),
                    iso.substring(8, 10) + "/" + iso.substring(5, 7) + "/" + iso.substring(0, 4) + " "
                            + iso.substring(11, 19),
                    iso.substring(0, iso.length() - 1),
                    iso.substring(0, 11) + "25" + iso.substring(13)
                };
                values[indexOf(names, "time")] = quote(bad[(int) (draw.uniform() * bad.length)]);
                return render(names, values);
            }
        }
    }

    static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static String render(String[] names, String[] values) {
        StringBuilder b = new StringBuilder(160).append('{');
        boolean first = true;
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(names[i]).append("\":").append(values[i]);
        }
        return b.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Everything due before {@code until}, in sending order; {@code keep} false just discards it. */
    List<String> drain(long until, boolean keep) {
        List<String> out = keep ? new ArrayList<>() : null;
        while (!pending.isEmpty() && pending.peek().emitAt < until) {
            String line = pending.poll().line;
            if (keep) {
                out.add(line);
            }
        }
        return keep ? out : List.of();
    }

    /**
     * The clean delivery of everything sent before {@code until}: each event once, at its own time.
     * Empty unless {@link #deliverWith} turned the faults on.
     */
    List<String> drainClean(long until) {
        List<String> out = new ArrayList<>();
        while (!clean.isEmpty() && clean.peek().emitAt < until) {
            out.add(clean.poll().line);
        }
        return out;
    }

    /**
     * Whatever a fault still holds back of the events stamped before {@code end}, in sending order:
     * the end of a file is not the end of the feed, so a backlog still owed is delivered after it.
     */
    List<String> drainOwed(long end) {
        List<String> out = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        while (!pending.isEmpty()) {
            Pending p = pending.poll();
            if (p.eventTime < end) {
                out.add(p.line);
            } else {
                later.add(p);
            }
        }
        pending.addAll(later);
        return out;
    }

    /** Instants as the contract writes them: UTC, always with milliseconds. */
    static final class Times {
        private Times() {}

        static String format(long epochMillis) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(
                    Math.floorDiv(epochMillis, 1000L),
                    (int) Math.floorMod(epochMillis, 1000L) * 1_000_000,
                    ZoneOffset.UTC);
            StringBuilder b = new StringBuilder(24);
            pad(b, t.getYear(), 4).append('-');
            pad(b, t.getMonthValue(), 2).append('-');
            pad(b, t.getDayOfMonth(), 2).append('T');
            pad(b, t.getHour(), 2).append(':');
            pad(b, t.getMinute(), 2).append(':');
            pad(b, t.getSecond(), 2).append('.');
            pad(b, (int) Math.floorMod(epochMillis, 1000L), 3).append('Z');
            return b.toString();
        }

        private static StringBuilder pad(StringBuilder b, int value, int width) {
            String s = Integer.toString(value);
            for (int i = s.length(); i < width; i++) {
                b.append('0');
            }
            return b.append(s);
        }
    }
}
