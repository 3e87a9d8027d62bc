package io.pacesetter.connectors.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads one input (a JSON object: a file line or a Kafka value) into an {@link InputRecord}.
 * It never throws on input: whatever breaks event contract v1 comes back as a dead letter with
 * the original text and a reason. Unknown extra fields are ignored.
 *
 * <p>Every source uses this one parser, so a file, the generator and Kafka reject the same things
 * for the same reasons.
 */
public final class EventParser {
    // One object per input: trailing content would otherwise be silently dropped with a second event in it.
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Clock wallClock;
    private final long futureToleranceMs;
    /** The time of the last event this parser accepted: each source reader has its own parser. */
    private Long lastAccepted;
    /** The newest event time this parser accepted: each event is stamped with it as its {@code receivedAfter}. */
    private Long newestAccepted;

    private EventParser(Clock wallClock, Duration futureTolerance) {
        this.wallClock = wallClock;
        this.futureToleranceMs = futureTolerance == null ? 0 : futureTolerance.toMillis();
    }

    /** For replays: events are as old as they are, so none is "in the future". */
    public static EventParser forReplay() {
        return new EventParser(null, null);
    }

    /** For live runs: an event stamped further ahead of {@code wallClock} than the tolerance is {@code FUTURE}. */
    public static EventParser forLive(Clock wallClock, Duration futureTolerance) {
        return new EventParser(wallClock, futureTolerance);
    }

    /**
     * @param text the input exactly as received
     * @param origin where it came from, kept on a dead letter (e.g. {@code calls.jsonl:12})
     */
    public InputRecord parse(String text, String origin) {
        InputRecord record = read(text, origin);
        if (record.isEvent()) {
            if (record.call != null) {
                record.call.receivedAfter = newestAccepted;
            } else {
                record.incident.receivedAfter = newestAccepted;
            }
            lastAccepted = record.eventTime();
            newestAccepted = newestAccepted == null ? lastAccepted : Math.max(newestAccepted, lastAccepted);
        } else {
            record.deadLetter.receivedAfter = lastAccepted;
        }
        return record;
    }

    /**
     * An input that cannot even be read as text (bytes that are not UTF-8, a Kafka record with no
     * value): {@code MALFORMED_JSON}, counted after the last event this parser accepted like any other.
     */
    public InputRecord unreadable(String detail, String original, String origin) {
        InputRecord record = reject(RejectReason.MALFORMED_JSON, detail, original, origin, null, null);
        record.deadLetter.receivedAfter = lastAccepted;
        return record;
    }

    private InputRecord read(String text, String origin) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return reject(
                    RejectReason.MALFORMED_JSON,
                    "not valid JSON: " + firstLine(e.getOriginalMessage()),
                    text,
                    origin,
                    null,
                    null);
        }
        if (node == null || !node.isObject()) {
            return reject(RejectReason.MALFORMED_JSON, "not a JSON object", text, origin, null, null);
        }
        Fields f = new Fields(node, text, origin);
        if (node.hasNonNull("incidentId")) {
            return parseIncident(f);
        }
        if (node.hasNonNull("callId")) {
            return parseCall(f);
        }
        return f.reject(RejectReason.MISSING_FIELD, "neither callId nor incidentId is given");
    }

    private InputRecord parseCall(Fields f) {
        CallEvent e = new CallEvent();
        if ((e.eventId = f.text("eventId")) == null || (e.callId = f.text("callId")) == null) {
            return f.rejection;
        }
        String type = f.text("type");
        if (type == null) {
            return f.rejection;
        }
        Long time = f.time();
        if (time == null) {
            return f.rejection;
        }
        try {
            e.type = CallEventType.valueOf(type);
        } catch (IllegalArgumentException ex) {
            return f.reject(
                    RejectReason.UNKNOWN_TYPE,
                    "call event type '" + type + "' is not one of OFFERED, ANSWERED, ABANDONED");
        }
        if ((e.queue = f.text("queue")) == null) {
            return f.rejection;
        }
        e.time = time;
        e.district = f.optionalText("district");
        if (f.rejection != null) {
            return f.rejection;
        }
        return future(e.time, f) ? f.rejection : InputRecord.of(e);
    }

    private InputRecord parseIncident(Fields f) {
        IncidentEvent e = new IncidentEvent();
        if ((e.eventId = f.text("eventId")) == null || (e.incidentId = f.text("incidentId")) == null) {
            return f.rejection;
        }
        String type = f.text("type");
        if (type == null) {
            return f.rejection;
        }
        Long time = f.time();
        if (time == null) {
            return f.rejection;
        }
        try {
            e.type = IncidentEventType.valueOf(type);
        } catch (IllegalArgumentException ex) {
            return f.reject(
                    RejectReason.UNKNOWN_TYPE,
                    "incident event type '" + type + "' is not one of CREATED, GRADED, "
                            + "DISPATCHED, ARRIVED, CLOSED, CANCELLED, REASON_RECORDED");
        }
        e.time = time;
        JsonNode grade = f.node.get("grade");
        if (grade != null && !grade.isNull()) {
            int g = grade.isIntegralNumber() && grade.canConvertToInt()
                    ? grade.asInt()
                    : grade.isTextual() ? parseGrade(grade.asText()) : -1;
            if (g < 1 || g > 4) {
                return f.reject(RejectReason.UNKNOWN_GRADE, "grade " + grade + " is not 1, 2, 3 or 4");
            }
            e.grade = g;
        } else if (e.type == IncidentEventType.CREATED || e.type == IncidentEventType.GRADED) {
            return f.reject(RejectReason.MISSING_FIELD, "grade is required on " + e.type);
        }
        e.district = f.optionalText("district");
        if (e.district == null && e.type == IncidentEventType.CREATED) {
            return f.reject(RejectReason.MISSING_FIELD, "district is required on CREATED");
        }
        String area = f.optionalText("area");
        if (area != null) {
            try {
                e.area = Area.valueOf(area);
            } catch (IllegalArgumentException ex) {
                return f.reject(RejectReason.BAD_VALUE, "area '" + area + "' is not URBAN or RURAL");
            }
        }
        e.reason = f.optionalText("reason");
        e.callId = f.optionalText("callId");
        if (f.rejection != null) {
            return f.rejection;
        }
        return future(e.time, f) ? f.rejection : InputRecord.of(e);
    }

    private static int parseGrade(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean future(long time, Fields f) {
        if (wallClock == null) {
            return false;
        }
        long ahead = time - wallClock.millis();
        if (ahead > futureToleranceMs) {
            f.reject(
                    RejectReason.FUTURE,
                    "stamped " + Duration.ofMillis(ahead) + " ahead of the wall clock (tolerance "
                            + Duration.ofMillis(futureToleranceMs) + "): upstream clock skew");
            return true;
        }
        return false;
    }

    /** Parses an ISO-8601 instant with offset, e.g. {@code 2016-06-01T08:00:03.250Z}; null if it is not one. */
    public static Long parseInstant(String text) {
        long utc = utcMillis(text);
        if (utc != NOT_THE_COMMON_FORM) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final long NOT_THE_COMMON_FORM = Long.MIN_VALUE;

    /**
     * The form nearly every feed sends, {@code 2016-06-01T08:00:03Z} or {@code 2016-06-01T08:00:03.250Z}, read
     * without the formatter (most of the cost of parsing a line); anything else, or any field out of range, is left
     * to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so both give the same answer.
     */
    private static long utcMillis(String t) {
        int n = t.length();
        if ((n != 20 && n != 24)
                || t.charAt(n - 1) != 'Z'
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || (n == 24 && t.charAt(19) != '.')) {
            return NOT_THE_COMMON_FORM;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int millis = n == 24 ? digits(t, 20, 3) : 0;
        if (year < 1000
                || month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0) {
            return NOT_THE_COMMON_FORM;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The number in {@code width} ASCII digits at {@code at}; -1 if any is not a digit. */
    private static int digits(String t, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static InputRecord reject(
            RejectReason reason, String detail, String text, String origin, String eventId, Long time) {
        return InputRecord.of(new DeadLetter(reason, detail, text, origin, eventId, time));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Reads fields of one object; the first problem found becomes {@link #rejection}. */
    private static final class Fields {
        final JsonNode node;
        final String text;
        final String origin;
        InputRecord rejection;

        Fields(JsonNode node, String text, String origin) {
            this.node = node;
            this.text = text;
            this.origin = origin;
        }

        String text(String field) {
            JsonNode value = node.get(field);
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.asText().isBlank())) {
                reject(RejectReason.MISSING_FIELD, field + " is required");
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                reject(RejectReason.BAD_VALUE, field + " must be a string, not " + value.getNodeType());
                return null;
            }
            return value.asText();
        }

        String optionalText(String field) {
            JsonNode value = node.get(field);
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.asText().isBlank())) {
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                reject(RejectReason.BAD_VALUE, field + " must be a string, not " + value.getNodeType());
                return null;
            }
            return value.asText();
        }

        Long time() {
            String value = text("time");
            if (value == null) {
                return null;
            }
            Long time = parseInstant(value);
            if (time == null) {
                reject(
                        RejectReason.BAD_TIME,
                        "time '" + value + "' is not an ISO-8601 instant with offset, e.g. 2016-06-01T08:00:03.250Z");
            }
            return time;
        }

        InputRecord reject(RejectReason reason, String detail) {
            if (rejection == null) {
                JsonNode id = node.get("eventId");
                JsonNode time = node.get("time");
                Long eventTime = time != null && time.isTextual() ? parseInstant(time.asText()) : null;
                rejection = EventParser.reject(
                        reason,
                        detail,
                        text,
                        origin,
                        id != null && id.isValueNode() && !id.isNull() ? id.asText() : null,
                        eventTime);
            }
            return rejection;
        }
    }
}
