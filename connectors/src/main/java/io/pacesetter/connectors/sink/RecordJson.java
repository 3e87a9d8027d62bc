package io.pacesetter.connectors.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON forms of records that leave Pacesetter, written field by field so the output contract
 * is visible here in one place: instants in UTC with milliseconds, durations in ISO-8601, nulls
 * written as null rather than left out.
 */
public final class RecordJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private RecordJson() {}

    /** {@code 2016-06-01T08:00:10.000Z}. Written by hand: a formatter is the hot spot of writing records. */
    public static String instant(long epochMs) {
        long seconds = Math.floorDiv(epochMs, 1000);
        int millis = (int) Math.floorMod(epochMs, 1000);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return INSTANT.format(Instant.ofEpochMilli(epochMs));
        }
        char[] c = new char[24];
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, millis, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static String measure(MeasureRecord r) {
        return write(g -> {
            g.writeStringField("measure", r.measure);
            g.writeStringField("queue", r.queue);
            g.writeStringField("scope", r.scope == null ? null : r.scope.name());
            g.writeStringField("scopeId", r.scopeId);
            g.writeStringField("area", r.area == null ? null : r.area.name());
            g.writeStringField("window", r.window.name());
            g.writeStringField("windowStart", r.windowStart == null ? null : instant(r.windowStart));
            g.writeStringField("windowEnd", r.windowEnd == null ? null : instant(r.windowEnd));
            g.writeStringField("windowLength", r.windowLengthMs == null ? null : Duration.ofMillis(r.windowLengthMs).toString());
            g.writeStringField("asOf", r.asOf == null ? null : instant(r.asOf));
            g.writeStringField("period", r.period == null ? null : r.period.name());
            g.writeStringField("start", r.start);
            number(g, "numerator", r.numerator);
            number(g, "denominator", r.denominator);
            number(g, "value", r.value);
            number(g, "target", r.target);
            if (r.met == null) {
                g.writeNullField("met");
            } else {
                g.writeBooleanField("met", r.met);
            }
            g.writeStringField("denominatorRule", r.denominatorRule);
            if (r.reason != null) {
                g.writeStringField("reason", r.reason);
            }
            g.writeBooleanField("final", r.isFinal);
            g.writeNumberField("revision", r.revision);
            g.writeStringField("force", r.force);
        });
    }

    public static String deadLetter(DeadLetter d) {
        return write(g -> {
            g.writeStringField("reason", d.reason.name());
            g.writeStringField("detail", d.detail);
            g.writeStringField("origin", d.origin);
            g.writeStringField("eventId", d.eventId);
            g.writeStringField("eventTime", d.eventTime == null ? null : instant(d.eventTime));
            g.writeStringField("receivedAfter", d.receivedAfter == null ? null : instant(d.receivedAfter));
            g.writeStringField("original", d.original);
        });
    }

    /** A call event in contract v1 form, e.g. to keep it in a dead letter after it was parsed. */
    public static String callEvent(CallEvent e) {
        return write(g -> {
            g.writeStringField("eventId", e.eventId);
            g.writeStringField("callId", e.callId);
            g.writeStringField("type", e.type.name());
            g.writeStringField("queue", e.queue);
            g.writeStringField("time", instant(e.time));
            if (e.district != null) {
                g.writeStringField("district", e.district);
            }
        });
    }

    public static String incidentEvent(IncidentEvent e) {
        return write(g -> {
            g.writeStringField("eventId", e.eventId);
            g.writeStringField("incidentId", e.incidentId);
            g.writeStringField("type", e.type.name());
            g.writeStringField("time", instant(e.time));
            if (e.grade != null) {
                g.writeNumberField("grade", e.grade);
            }
            optional(g, "district", e.district);
            optional(g, "area", e.area == null ? null : e.area.name());
            optional(g, "reason", e.reason);
            optional(g, "callId", e.callId);
        });
    }

    /** Reads a measure record back (tests, summaries, the display): the inverse of {@link #measure}. */
    public static MeasureRecord readMeasure(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            MeasureRecord r = new MeasureRecord();
            r.measure = text(n, "measure");
            r.queue = text(n, "queue");
            r.scope = text(n, "scope") == null ? null : Scope.valueOf(text(n, "scope"));
            r.scopeId = text(n, "scopeId");
            r.area = text(n, "area") == null ? null : Area.valueOf(text(n, "area"));
            r.window = WindowKind.valueOf(text(n, "window"));
            r.windowStart = instantOrNull(text(n, "windowStart"));
            r.windowEnd = instantOrNull(text(n, "windowEnd"));
            r.windowLengthMs = text(n, "windowLength") == null ? null : Duration.parse(text(n, "windowLength")).toMillis();
            r.asOf = instantOrNull(text(n, "asOf"));
            r.period = text(n, "period") == null ? null : PeriodKind.valueOf(text(n, "period"));
            r.start = text(n, "start");
            r.numerator = number(n, "numerator");
            r.denominator = number(n, "denominator");
            r.value = number(n, "value");
            r.target = number(n, "target");
            r.met = n.get("met") == null || n.get("met").isNull() ? null : n.get("met").asBoolean();
            r.denominatorRule = text(n, "denominatorRule");
            r.reason = text(n, "reason");
            r.isFinal = n.path("final").asBoolean();
            r.revision = n.path("revision").asInt();
            r.force = text(n, "force");
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("not a measure record: " + line, e);
        }
    }

    /** Reads a dead letter back: the inverse of {@link #deadLetter}. */
    public static DeadLetter readDeadLetter(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            DeadLetter d = new DeadLetter(RejectReason.valueOf(text(n, "reason")), text(n, "detail"), text(n, "original"),
                    text(n, "origin"), text(n, "eventId"), instantOrNull(text(n, "eventTime")));
            d.receivedAfter = instantOrNull(text(n, "receivedAfter"));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("not a dead letter: " + line, e);
        }
    }

    private static Long instantOrNull(String text) {
        return text == null ? null : Instant.parse(text).toEpochMilli();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            g.writeNumberField(field, value.longValue());
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
