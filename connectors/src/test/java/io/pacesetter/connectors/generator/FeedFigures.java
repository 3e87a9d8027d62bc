package io.pacesetter.connectors.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures worked out from the emitted lines alone, independently of the simulator's internals:
 * what a test can hold the feed to. Follows the measures of docs/contracts.md in their simplest form.
 */
final class FeedFigures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CALL_TYPES = Set.of("OFFERED", "ANSWERED", "ABANDONED");
    private static final Set<String> INCIDENT_TYPES =
            Set.of("CREATED", "GRADED", "DISPATCHED", "ARRIVED", "CLOSED", "CANCELLED", "REASON_RECORDED");

    /** One readable event line. */
    record Event(
            String eventId,
            String id,
            String type,
            String queue,
            long time,
            String district,
            Integer grade,
            String area,
            String reason,
            long order) {}

    /** A call leg: from OFFERED to its outcome in one queue. */
    record Leg(String callId, String queue, long offeredAt, long outcomeAt, boolean answered, String district) {
        long waitMs() {
            return outcomeAt - offeredAt;
        }
    }

    /** A grade-1 outcome. */
    record Attendance(String incidentId, Area area, boolean met, boolean reasonGiven) {}

    int lines;
    int malformed;
    int duplicates;
    int outOfOrder;
    long maxLagMs;
    int callEventsWithoutDistrict;
    int callEvents;
    final List<Event> calls = new ArrayList<>();
    final List<Event> incidents = new ArrayList<>();
    final List<Leg> legs = new ArrayList<>();
    final List<Attendance> attendances = new ArrayList<>();
    final Set<String> reasons = new HashSet<>();
    int upgrades;
    int downgrades;
    int cancellations;
    int reasonsNextDay;
    int incidentsWithSeveralUnits;
    int explicitAreas;

    static FeedFigures of(List<String> lines, PacesetterConfig config, Instant end) {
        FeedFigures f = new FeedFigures();
        f.read(lines);
        f.pairLegs();
        f.attend(config, end.toEpochMilli());
        return f;
    }

    private void read(List<String> emitted) {
        Set<String> seen = new HashSet<>();
        long newest = Long.MIN_VALUE;
        long order = 0;
        for (String line : emitted) {
            lines++;
            Event e = parse(line, order++);
            if (e == null) {
                malformed++;
                continue;
            }
            if (e.time < newest) {
                outOfOrder++;
                maxLagMs = Math.max(maxLagMs, newest - e.time);
            }
            newest = Math.max(newest, e.time);
            if (!seen.add(e.eventId)) {
                duplicates++;
                continue; // only the first copy counts
            }
            if (e.queue != null) {
                calls.add(e);
                callEvents++;
                if (e.district == null) {
                    callEventsWithoutDistrict++;
                }
            } else {
                incidents.add(e);
            }
        }
    }

    /** Null when the line breaks the contract (what the pipeline would dead-letter). */
    static Event parse(String line, long order) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (Exception ex) {
            return null;
        }
        if (n == null || !n.isObject() || !n.hasNonNull("eventId") || !n.hasNonNull("type") || !n.hasNonNull("time")) {
            return null;
        }
        long time;
        try {
            time = OffsetDateTime.parse(n.get("time").asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException ex) {
            return null;
        }
        String type = n.get("type").asText();
        if (n.hasNonNull("queue")) {
            if (!n.hasNonNull("callId") || !CALL_TYPES.contains(type)) {
                return null;
            }
            return new Event(
                    n.get("eventId").asText(),
                    n.get("callId").asText(),
                    type,
                    n.get("queue").asText(),
                    time,
                    text(n, "district"),
                    null,
                    null,
                    null,
                    order);
        }
        if (!n.hasNonNull("incidentId") || !INCIDENT_TYPES.contains(type)) {
            return null;
        }
        return new Event(
                n.get("eventId").asText(),
                n.get("incidentId").asText(),
                type,
                null,
                time,
                text(n, "district"),
                n.hasNonNull("grade") ? n.get("grade").asInt() : null,
                text(n, "area"),
                text(n, "reason"),
                order);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Map<String, List<Event>> byKey(List<Event> events, boolean leg) {
        Map<String, List<Event>> map = new LinkedHashMap<>();
        for (Event e : events) {
            map.computeIfAbsent(leg ? e.id + "|" + e.queue : e.id, k -> new ArrayList<>())
                    .add(e);
        }
        for (List<Event> list : map.values()) {
            list.sort(Comparator.comparingLong(Event::time).thenComparingLong(Event::order));
        }
        return map;
    }

    /** A leg runs from an OFFERED to the next outcome of the same call in the same queue. */
    private void pairLegs() {
        for (List<Event> events : byKey(calls, true).values()) {
            Event offered = null;
            for (Event e : events) {
                if (e.type.equals("OFFERED")) {
                    offered = e;
                } else if (offered != null) {
                    String district = offered.district != null ? offered.district : e.district;
                    legs.add(new Leg(e.id, e.queue, offered.time, e.time, e.type.equals("ANSWERED"), district));
                    offered = null;
                }
            }
        }
    }

    /** Attended within standard, by the measure's rules: clock from the latest move to grade 1 to the first arrival. */
    private void attend(PacesetterConfig config, long end) {
        ReferenceData reference = config.referenceData();
        for (List<Event> events : byKey(incidents, false).values()) {
            Event created = events.stream()
                    .filter(e -> e.type.equals("CREATED"))
                    .findFirst()
                    .orElse(null);
            if (created == null) {
                continue;
            }
            if (created.area != null) {
                explicitAreas++;
            }
            Area area = created.area != null ? Area.valueOf(created.area) : reference.defaultAreaOf(created.district);
            long limit = config.attendance().limitFor(area).toMillis();
            Long clockStart = null;
            boolean decided = false;
            boolean reasonGiven = events.stream().anyMatch(e -> e.reason != null);
            int dispatches = 0;
            for (Event e : events) {
                if (!decided && clockStart != null && e.time > clockStart + limit) {
                    attendances.add(
                            new Attendance(e.id, area, false, reasonGiven)); // the limit passed without an arrival
                    decided = true;
                }
                switch (e.type) {
                    case "CREATED", "GRADED" -> {
                        if (e.type.equals("GRADED")) {
                            if (e.grade == 1) {
                                upgrades++;
                            } else {
                                downgrades++;
                            }
                        }
                        if (!decided) {
                            clockStart = e.grade == 1 ? Long.valueOf(e.time) : null;
                        }
                    }
                    case "CANCELLED" -> {
                        cancellations++;
                        if (!decided) {
                            clockStart = null;
                        }
                    }
                    case "DISPATCHED" -> {
                        if (++dispatches == 2) {
                            incidentsWithSeveralUnits++;
                        }
                    }
                    case "ARRIVED" -> {
                        if (!decided && clockStart != null) {
                            attendances.add(new Attendance(e.id, area, e.time - clockStart <= limit, reasonGiven));
                            decided = true;
                        }
                    }
                    case "REASON_RECORDED" -> {
                        reasonsNextDay++;
                        reasons.add(e.reason);
                    }
                    case "CLOSED" -> {
                        if (e.reason != null) {
                            reasons.add(e.reason);
                        }
                    }
                    default -> {}
                }
            }
            if (!decided && clockStart != null && clockStart + limit < end) {
                attendances.add(new Attendance(created.id, area, false, reasonGiven));
            }
        }
    }

    static int hourOfDay(long time, ZoneId zone) {
        return Instant.ofEpochMilli(time).atZone(zone).getHour();
    }
}
