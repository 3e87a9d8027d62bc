package io.pacesetter.connectors.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.KafkaOrigin;
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
import java.util.Base64;
import java.util.Optional;

/**
 * The JSON forms of records that leave Pacesetter, written field by field so the output contract
 * is visible here in one place: instants in UTC with milliseconds, durations in ISO-8601, nulls
 * written as null rather than left out.
 */
public final class RecordJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordJson() {}

    /** {@code 2016-06-01T08:00:10.000Z} ({@link JsonLine#instant}). */
    public static String instant(long epochMs) {
        return JsonLine.instant(epochMs);
    }

    /** {@link #instant}, or null for an absent time: written as JSON null, never left out. */
    private static String instantText(Long epochMs) {
        return epochMs == null ? null : instant(epochMs);
    }

    public static String measure(MeasureRecord r) {
        JsonLine line = new JsonLine();
        measure(r, line);
        return line.toString();
    }

    /** Appends the record's JSON object to {@code line}: the form {@link #measure(MeasureRecord)} returns. */
    public static void measure(MeasureRecord r, JsonLine line) {
        line.startObject()
                .stringField("measure", r.measure)
                .stringField("queue", r.queue)
                .stringField("scope", r.scope == null ? null : r.scope.name())
                .stringField("scopeId", r.scopeId)
                .stringField("area", r.area == null ? null : r.area.name())
                .stringField("window", r.window.name())
                .instantField("windowStart", r.windowStart)
                .instantField("windowEnd", r.windowEnd)
                .durationField("windowLength", r.windowLengthMs)
                .instantField("asOf", r.asOf)
                .stringField("period", r.period == null ? null : r.period.name())
                .stringField("start", r.start)
                .numberField("numerator", r.numerator)
                .numberField("denominator", r.denominator)
                .numberField("value", r.value)
                .numberField("target", r.target);
        if (r.met == null) {
            line.nullField("met");
        } else {
            line.booleanField("met", r.met);
        }
        line.stringField("denominatorRule", r.denominatorRule);
        if (r.reason != null) {
            line.stringField("reason", r.reason);
        }
        line.booleanField("final", r.isFinal)
                .numberField("revision", r.revision)
                .stringField("force", r.force)
                .endObject();
    }

    public static String deadLetter(DeadLetter d) {
        return write(g -> {
            g.writeStringField("reason", d.reason.name());
            g.writeStringField("detail", d.detail);
            g.writeStringField("origin", d.origin);
            Optional<KafkaOrigin> source = KafkaOrigin.parse(d.origin);
            if (source.isPresent()) {
                // The origin's parts on their own, so a tool can seek to the record without parsing it.
                g.writeStringField("topic", source.get().topic());
                g.writeNumberField("partition", source.get().partition());
                g.writeNumberField("offset", source.get().offset());
            }
            g.writeStringField("eventId", d.eventId);
            g.writeStringField("eventTime", instantText(d.eventTime));
            g.writeStringField("receivedAfter", instantText(d.receivedAfter));
            g.writeStringField("original", d.original);
            if (d.originalBytes != null) {
                g.writeStringField("originalBase64", Base64.getEncoder().encodeToString(d.originalBytes));
            }
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
            r.windowLengthMs = text(n, "windowLength") == null
                    ? null
                    : Duration.parse(text(n, "windowLength")).toMillis();
            r.asOf = instantOrNull(text(n, "asOf"));
            r.period = text(n, "period") == null ? null : PeriodKind.valueOf(text(n, "period"));
            r.start = text(n, "start");
            r.numerator = number(n, "numerator");
            r.denominator = number(n, "denominator");
            r.value = number(n, "value");
            r.target = number(n, "target");
            r.met = n.get("met") == null || n.get("met").isNull()
                    ? null
                    : n.get("met").asBoolean();
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
            DeadLetter d = new DeadLetter(
                    RejectReason.valueOf(text(n, "reason")),
                    text(n, "detail"),
                    text(n, "original"),
                    text(n, "origin"),
                    text(n, "eventId"),
                    instantOrNull(text(n, "eventTime")));
            d.receivedAfter = instantOrNull(text(n, "receivedAfter"));
            String base64 = text(n, "originalBase64");
            d.originalBytes = base64 == null ? null : Base64.getDecoder().decode(base64);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("not a dead letter: " + line, e);
        }
    }

    /**
     * An alert as docs/alerts.md defines it: {@code alertId} and {@code revision} first (a
     * reader keeps the highest revision per id), then what, to whom, the subject, the figures and the
     * sentence. Instants in UTC with milliseconds; a window length as an ISO duration.
     */
    public static String alert(Alert a) {
        return write(g -> {
            g.writeStringField("alertId", a.alertId);
            g.writeNumberField("revision", a.revision);
            g.writeStringField("kind", a.kind.name());
            g.writeStringField("severity", a.severity.name());
            g.writeArrayFieldStart("audience");
            for (Alert.Audience who : a.audience) {
                g.writeString(who.name());
            }
            g.writeEndArray();
            g.writeStringField("state", a.state.name());
            g.writeStringField("time", instant(a.time));
            g.writeStringField("episodeStart", instant(a.episodeStart));
            g.writeStringField("incidentId", a.incidentId);
            g.writeStringField("callId", a.callId);
            g.writeStringField("measure", a.measure);
            g.writeStringField("queue", a.queue);
            g.writeStringField("scope", a.scope == null ? null : a.scope.name());
            g.writeStringField("scopeId", a.scopeId);
            g.writeStringField("window", a.window == null ? null : a.window.name());
            g.writeStringField(
                    "windowLength",
                    a.windowLengthMs == null
                            ? null
                            : Duration.ofMillis(a.windowLengthMs).toString());
            g.writeStringField("feed", a.feed);
            g.writeStringField("district", a.district);
            g.writeStringField("lpa", a.lpa);
            g.writeStringField("area", a.area == null ? null : a.area.name());
            number(g, "value", a.value);
            number(g, "target", a.target);
            number(g, "level", a.level);
            number(g, "numerator", a.numerator);
            number(g, "denominator", a.denominator);
            if (a.count == null) {
                g.writeNullField("count");
            } else {
                g.writeNumberField("count", a.count);
            }
            g.writeStringField("clockStart", instantText(a.clockStart));
            g.writeStringField("deadline", instantText(a.deadline));
            g.writeStringField("arrivedAt", instantText(a.arrivedAt));
            g.writeStringField("dispatchedAt", instantText(a.dispatchedAt));
            g.writeStringField("reason", a.reason);
            g.writeStringField("outcome", a.outcome);
            g.writeArrayFieldStart("incidentIds");
            for (String id : a.incidentIds) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeStringField("sentence", a.sentence);
            g.writeStringField("force", a.force);
            g.writeStringField("acknowledgedBy", a.acknowledgedBy);
            g.writeStringField("acknowledgedAt", instantText(a.acknowledgedAt));
            g.writeStringField("acknowledgementNote", a.acknowledgementNote);
            g.writeStringField("escalatedAt", instantText(a.escalatedAt));
            if (a.kind == Alert.Kind.COMMAND_DIGEST) {
                g.writeStringField("since", instantText(a.since));
                g.writeArrayFieldStart("breachesByLpa");
                for (Alert.LpaBreaches l : a.breachesByLpa) {
                    g.writeStartObject();
                    g.writeStringField("lpa", l.lpa);
                    g.writeNumberField("breaches", l.breaches);
                    g.writeNumberField("reasonRecorded", l.reasonRecorded);
                    g.writeNumberField("reasonMissing", l.reasonMissing);
                    g.writeArrayFieldStart("missingIncidentIds");
                    for (String id : l.missingIncidentIds) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (a.callHandlingRaised == null) {
                    g.writeNullField("callHandlingRaised");
                } else {
                    g.writeNumberField("callHandlingRaised", a.callHandlingRaised);
                }
                g.writeArrayFieldStart("callHandlingActive");
                for (String line : a.callHandlingActive) {
                    g.writeString(line);
                }
                g.writeEndArray();
            }
        });
    }

    /** Reads an alert back (tests, the webhook's receivers, the display): the inverse of {@link #alert}. */
    public static Alert readAlert(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            Alert a = new Alert();
            a.alertId = text(n, "alertId");
            a.revision = n.path("revision").asInt();
            a.kind = Alert.Kind.valueOf(text(n, "kind"));
            a.severity = Alert.Severity.valueOf(text(n, "severity"));
            for (JsonNode who : n.path("audience")) {
                a.audience.add(Alert.Audience.valueOf(who.asText()));
            }
            a.state = Alert.State.valueOf(text(n, "state"));
            a.time = Instant.parse(text(n, "time")).toEpochMilli();
            a.episodeStart = Instant.parse(text(n, "episodeStart")).toEpochMilli();
            a.incidentId = text(n, "incidentId");
            a.callId = text(n, "callId");
            a.measure = text(n, "measure");
            a.queue = text(n, "queue");
            a.scope = text(n, "scope") == null ? null : Scope.valueOf(text(n, "scope"));
            a.scopeId = text(n, "scopeId");
            a.window = text(n, "window") == null ? null : WindowKind.valueOf(text(n, "window"));
            a.windowLengthMs = text(n, "windowLength") == null
                    ? null
                    : Duration.parse(text(n, "windowLength")).toMillis();
            a.feed = text(n, "feed");
            a.district = text(n, "district");
            a.lpa = text(n, "lpa");
            a.area = text(n, "area") == null ? null : Area.valueOf(text(n, "area"));
            a.value = number(n, "value");
            a.target = number(n, "target");
            a.level = number(n, "level");
            a.numerator = number(n, "numerator");
            a.denominator = number(n, "denominator");
            a.count = n.get("count") == null || n.get("count").isNull()
                    ? null
                    : n.get("count").asLong();
            a.clockStart = instantOrNull(text(n, "clockStart"));
            a.deadline = instantOrNull(text(n, "deadline"));
            a.arrivedAt = instantOrNull(text(n, "arrivedAt"));
            a.dispatchedAt = instantOrNull(text(n, "dispatchedAt"));
            a.reason = text(n, "reason");
            a.outcome = text(n, "outcome");
            for (JsonNode id : n.path("incidentIds")) {
                a.incidentIds.add(id.asText());
            }
            a.sentence = text(n, "sentence");
            a.force = text(n, "force");
            a.acknowledgedBy = text(n, "acknowledgedBy");
            a.acknowledgedAt = instantOrNull(text(n, "acknowledgedAt"));
            a.acknowledgementNote = text(n, "acknowledgementNote");
            a.escalatedAt = instantOrNull(text(n, "escalatedAt"));
            a.since = instantOrNull(text(n, "since"));
            for (JsonNode l : n.path("breachesByLpa")) {
                Alert.LpaBreaches b = new Alert.LpaBreaches();
                b.lpa = text(l, "lpa");
                b.breaches = l.path("breaches").asLong();
                b.reasonRecorded = l.path("reasonRecorded").asLong();
                b.reasonMissing = l.path("reasonMissing").asLong();
                for (JsonNode id : l.path("missingIncidentIds")) {
                    b.missingIncidentIds.add(id.asText());
                }
                a.breachesByLpa.add(b);
            }
            a.callHandlingRaised = n.get("callHandlingRaised") == null
                            || n.get("callHandlingRaised").isNull()
                    ? null
                    : n.get("callHandlingRaised").asLong();
            for (JsonNode active : n.path("callHandlingActive")) {
                a.callHandlingActive.add(active.asText());
            }
            return a;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new UncheckedIOException(
                    "not an alert: " + line, e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** An action on an alert (docs/alerts.md): the display server writes it, the job reads it with {@link #readAction}. */
    public static String action(AlertAction a) {
        return write(g -> {
            g.writeStringField("actionId", a.actionId);
            g.writeStringField("kind", a.kind.name());
            g.writeStringField("alertId", a.alertId);
            g.writeStringField("by", a.by);
            g.writeStringField("at", instant(a.at));
            g.writeStringField("note", a.note);
        });
    }

    /**
     * Reads an action; a line that is not one is refused with what is wrong, as an {@link IllegalArgumentException}
     * whose message the display server answers with.
     */
    public static AlertAction readAction(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        AlertAction a = new AlertAction();
        String kind = text(n, "kind");
        try {
            a.kind = AlertAction.Kind.valueOf(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "kind '" + kind + "' is not one of " + java.util.Arrays.toString(AlertAction.Kind.values()), e);
        }
        a.alertId = text(n, "alertId");
        if (a.kind != AlertAction.Kind.DIGEST && (a.alertId == null || a.alertId.isBlank())) {
            throw new IllegalArgumentException(a.kind + " needs the alertId of the alert acted on");
        }
        a.by = text(n, "by");
        if (a.by == null || a.by.isBlank()) {
            throw new IllegalArgumentException("by: who acted is missing");
        }
        a.actionId = text(n, "actionId");
        if (a.actionId == null || a.actionId.isBlank()) {
            throw new IllegalArgumentException("actionId is missing");
        }
        String at = text(n, "at");
        try {
            a.at = Instant.parse(at).toEpochMilli();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("at '" + at + "' is not an instant such as 2026-12-06T07:00:00Z", e);
        }
        a.note = text(n, "note");
        return a;
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
        } else if (JsonLine.writtenWhole(value)) {
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
