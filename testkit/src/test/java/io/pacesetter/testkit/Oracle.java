package io.pacesetter.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.config.DenominatorRule;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The contract in code: every final DAY and MONTH figure, and every data-quality count, worked out
 * from an event file with plain Java, straight from docs/contracts.md, with no Flink and none of the
 * pipeline's classes. The order the lines arrive in matters only where the contract says it does (which
 * copy of an eventId is the duplicate; the period of a rejection with no time of its own), so a faulty
 * delivery and its clean delivery give the same figures here, and the pipeline must agree.
 *
 * <p>Figures are keyed by identity ({@link #identity}): measure, queue, scope, scopeId, area, period,
 * start and reason.
 */
public final class Oracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CALL_TYPES = Set.of("OFFERED", "ANSWERED", "ABANDONED");
    /** The incident types, in the order the contract applies same-time events. */
    private static final List<String> INCIDENT_TYPES =
            List.of("CREATED", "GRADED", "DISPATCHED", "ARRIVED", "CLOSED", "CANCELLED", "REASON_RECORDED");

    /** One figure: what a final PERIOD record carries. */
    public record Figure(Double numerator, Double denominator, Double value) {}

    private final PacesetterConfig config;
    private final ReferenceData places;
    private final ZoneId zone;
    private final String force;
    private final Map<String, Figure> figures = new TreeMap<>();

    private Oracle(PacesetterConfig config) {
        this.config = config;
        this.places = config.referenceData();
        this.zone = config.force().timeZone();
        this.force = config.force().name();
    }

    /** Every final DAY and MONTH figure the contract gives for the lines of {@code events}, by identity. */
    public static Map<String, Figure> figures(PacesetterConfig config, Path events) throws IOException {
        Oracle oracle = new Oracle(config);
        oracle.compute(readLines(events));
        return oracle.figures;
    }

    /** The final figures a run wrote: PERIOD records only, the latest revision of each identity. */
    public static Map<String, Figure> finalFigures(List<MeasureRecord> periods) {
        Map<String, MeasureRecord> latest = new HashMap<>();
        for (MeasureRecord r : periods) {
            if (r.period == null) {
                continue;
            }
            String id = identity(
                    r.measure,
                    r.queue,
                    r.scope.name(),
                    r.scopeId,
                    r.area == null ? null : r.area.name(),
                    r.period.name(),
                    r.start,
                    r.reason);
            latest.merge(id, r, (a, b) -> b.revision >= a.revision ? b : a);
        }
        Map<String, Figure> out = new TreeMap<>();
        latest.forEach((id, r) -> out.put(id, new Figure(r.numerator, r.denominator, r.value)));
        return out;
    }

    /** The identities whose figures differ (or exist on one side only), each with both figures. */
    public static List<String> differences(Map<String, Figure> expected, Map<String, Figure> actual) {
        Set<String> ids = new java.util.TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            Figure e = expected.get(id);
            Figure a = actual.get(id);
            if (e == null || a == null || !same(e, a)) {
                out.add(id + ": expected " + e + ", got " + a);
            }
        }
        return out;
    }

    private static boolean same(Figure e, Figure a) {
        return close(e.numerator, a.numerator) && close(e.denominator, a.denominator) && close(e.value, a.value);
    }

    private static boolean close(Double x, Double y) {
        if (x == null || y == null) {
            return Objects.equals(x, y);
        }
        return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
    }

    public static String identity(
            String measure,
            String queue,
            String scope,
            String scopeId,
            String area,
            String period,
            String start,
            String reason) {
        return String.join("|", measure, "" + queue, scope, scopeId, "" + area, period, start, "" + reason);
    }

    // ---- Reading: the parser's rules (contract: "Rejections: dead letters") ----

    /** An event the contract accepts. */
    private record Event(JsonNode node, long time) {
        String text(String field) {
            return node.hasNonNull(field) ? node.get(field).asText() : null;
        }
    }

    private void compute(List<String> lines) {
        Set<String> seen = new HashSet<>();
        List<Event> calls = new ArrayList<>();
        List<Event> incidents = new ArrayList<>();
        Long lastAccepted = null;
        for (String line : lines) {
            Reading r = read(line);
            if (r.reason != null) {
                // A rejection with no time of its own counts where the last good event before it did.
                Long at = r.time != null ? r.time : lastAccepted;
                if (at != null) {
                    dataQuality(r.reason, at);
                }
                continue;
            }
            lastAccepted = r.event.time;
            if (!seen.add(r.event.text("eventId"))) {
                dataQuality("DUPLICATE", r.event.time);
                continue;
            }
            (r.event.node.hasNonNull("incidentId") ? incidents : calls).add(r.event);
        }
        legs(calls);
        attendance(incidents);
    }

    private record Reading(Event event, String reason, Long time) {}

    /** The first rule a line breaks, in the order the contract lists the fields; null reason if none. */
    private static Reading read(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return new Reading(null, "MALFORMED_JSON", null);
        }
        if (n == null || !n.isObject()) {
            return new Reading(null, "MALFORMED_JSON", null);
        }
        Long ownTime = n.path("time").isTextual() ? instant(n.get("time").asText()) : null;
        boolean incident = n.hasNonNull("incidentId");
        if (!incident && !n.hasNonNull("callId")) {
            return new Reading(null, "MISSING_FIELD", ownTime);
        }
        for (String field : List.of("eventId", incident ? "incidentId" : "callId", "type", "time")) {
            String broken = required(n, field);
            if (broken != null) {
                return new Reading(null, broken, ownTime);
            }
        }
        if (ownTime == null) {
            return new Reading(null, "BAD_TIME", null);
        }
        String type = n.get("type").asText();
        if (!(incident ? INCIDENT_TYPES.contains(type) : CALL_TYPES.contains(type))) {
            return new Reading(null, "UNKNOWN_TYPE", ownTime);
        }
        if (!incident) {
            String broken = required(n, "queue");
            if (broken == null) {
                broken = optional(n, "district");
            }
            return broken != null ? new Reading(null, broken, ownTime) : new Reading(new Event(n, ownTime), null, null);
        }
        JsonNode grade = n.get("grade");
        if (grade != null && !grade.isNull()) {
            int g = grade.canConvertToInt() && grade.isIntegralNumber() ? grade.asInt() : -1;
            if (g < 1 || g > 4) {
                return new Reading(null, "UNKNOWN_GRADE", ownTime);
            }
        } else if (type.equals("CREATED") || type.equals("GRADED")) {
            return new Reading(null, "MISSING_FIELD", ownTime);
        }
        if (type.equals("CREATED") && !n.hasNonNull("district")) {
            return new Reading(null, "MISSING_FIELD", ownTime);
        }
        if (n.hasNonNull("area")
                && !Set.of("URBAN", "RURAL").contains(n.get("area").asText())) {
            return new Reading(null, "BAD_VALUE", ownTime);
        }
        for (String field : List.of("district", "reason", "callId")) {
            String broken = optional(n, field);
            if (broken != null) {
                return new Reading(null, broken, ownTime);
            }
        }
        return new Reading(new Event(n, ownTime), null, null);
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return "MISSING_FIELD";
        }
        return v.isTextual() || v.isNumber() ? null : "BAD_VALUE";
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isTextual() || v.isNumber()) {
            return null;
        }
        return "BAD_VALUE";
    }

    private static Long instant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- Calls: legs (contract: "Legs and transfers", "Legs that do not pair") ----

    private record Leg(String queue, String district, long offeredAt, long outcomeAt, boolean answered) {
        long waitMs() {
            return outcomeAt - offeredAt;
        }
    }

    private void legs(List<Event> calls) {
        long noOutcomeAfter = config.events().noOutcomeAfter().toMillis();
        Map<String, List<Event>> byLeg = new HashMap<>();
        for (Event e : calls) {
            byLeg.computeIfAbsent(e.text("callId") + "|" + e.text("queue"), k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, List<Leg>> byFigure = new HashMap<>();
        for (List<Event> story : byLeg.values()) {
            story.sort(Comparator.comparingLong(Event::time)
                    .thenComparing(e -> e.text("type").equals("OFFERED") ? 0 : 1)
                    .thenComparing(e -> e.text("eventId")));
            Event offer = null;
            for (Event e : story) {
                if (e.text("type").equals("OFFERED")) {
                    if (offer != null) {
                        dataQuality("NO_OUTCOME", offer.time); // overtaken by a later offer
                    }
                    offer = e;
                } else if (offer != null && e.time - offer.time <= noOutcomeAfter) {
                    String district = offer.text("district") != null ? offer.text("district") : e.text("district");
                    Leg leg = new Leg(
                            offer.text("queue"),
                            district,
                            offer.time,
                            e.time,
                            e.text("type").equals("ANSWERED"));
                    scopes(
                            leg.queue,
                            district,
                            null,
                            leg.outcomeAt,
                            key -> byFigure.computeIfAbsent(key, k -> new ArrayList<>())
                                    .add(leg));
                    if (!config.knowsQueue(leg.queue)) {
                        dataQuality("UNKNOWN_QUEUE", leg.outcomeAt);
                    }
                    offer = null;
                } else {
                    if (offer != null) {
                        dataQuality("NO_OUTCOME", offer.time);
                        offer = null;
                    }
                    dataQuality("NO_OFFER", e.time);
                }
            }
            if (offer != null) {
                dataQuality("NO_OUTCOME", offer.time);
            }
        }
        byFigure.forEach(this::callFigures);
    }

    /** The call measures of one queue, scope and period (contract: "Calls"). */
    private void callFigures(String key, List<Leg> legs) {
        String[] k = key.split("\\|", -1); // queue|scope|scopeId|area|period|start
        String queue = k[0];
        long answered = legs.stream().filter(Leg::answered).count();
        long abandoned = legs.size() - answered;
        List<Long> waits =
                legs.stream().filter(Leg::answered).map(Leg::waitMs).sorted().toList();
        double waitSeconds = waits.stream().mapToLong(Long::longValue).sum() / 1000.0;
        Consumer<Object[]> put = f -> figures.put(
                identity((String) f[0], queue, k[1], k[2], null, k[4], k[5], null),
                new Figure((Double) f[1], (Double) f[2], (Double) f[3]));
        put.accept(count("CALLS_ANSWERED", answered));
        put.accept(count("CALLS_ABANDONED", abandoned));
        put.accept(rate("ABANDONMENT_RATE", abandoned, answered + abandoned));
        put.accept(rate("MEAN_WAIT_SECONDS", waitSeconds, answered));
        Double p90 = waits.isEmpty() ? null : waits.get((int) Math.ceil(0.9 * waits.size()) - 1) / 1000.0;
        put.accept(new Object[] {"P90_WAIT_SECONDS", null, (double) answered, p90});
        put.accept(rate(
                "ANSWER_BAND_UNDER_10S", waits.stream().filter(w -> w < 10_000).count(), answered));
        put.accept(rate(
                "ANSWER_BAND_10_TO_60S",
                waits.stream().filter(w -> w >= 10_000 && w < 60_000).count(),
                answered));
        put.accept(rate(
                "ANSWER_BAND_60S_PLUS", waits.stream().filter(w -> w >= 60_000).count(), answered));
        QueueStandard standard = config.standardFor(queue);
        if (standard.answerThreshold() != null) {
            long threshold = standard.answerThreshold().toMillis();
            long within = waits.stream().filter(w -> w <= threshold).count();
            DenominatorRule rule = standard.denominatorRule();
            long shortAbandon = standard.shortAbandon() == null
                    ? 0
                    : standard.shortAbandon().toMillis();
            long denominator = switch (rule) {
                case ANSWERED -> answered;
                case ANSWERED_AND_ABANDONED -> answered + abandoned;
                case EXCLUDING_SHORT_ABANDONS ->
                    answered
                            + legs.stream()
                                    .filter(l -> !l.answered() && l.waitMs() >= shortAbandon)
                                    .count();
            };
            put.accept(rate("ANSWERED_WITHIN_STANDARD", within, denominator));
        }
    }

    private static Object[] count(String measure, long n) {
        return new Object[] {measure, null, null, (double) n};
    }

    private static Object[] rate(String measure, double numerator, double denominator) {
        return new Object[] {measure, numerator, denominator, denominator == 0 ? null : numerator / denominator};
    }

    // ---- Incidents: attendance (contract: "Emergency attendance") ----

    private record Outcome(String district, String area, long at, boolean met, String reason) {}

    private void attendance(List<Event> events) {
        Map<String, List<Event>> byIncident = new HashMap<>();
        for (Event e : events) {
            byIncident
                    .computeIfAbsent(e.text("incidentId"), k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, long[]> tallies = new HashMap<>();
        Map<String, Long> reasons = new HashMap<>();
        Map<String, List<Long>> dispatches = new HashMap<>();
        Map<String, List<Long>> travels = new HashMap<>();
        Map<String, long[]> late = new HashMap<>(); // key -> {downgrades, cancellations}
        for (List<Event> story : byIncident.values()) {
            story.sort(Comparator.comparingLong(Event::time)
                    .thenComparingInt(e -> INCIDENT_TYPES.indexOf(e.text("type")))
                    .thenComparing(e -> e.text("eventId")));
            for (Response r : responses(story)) {
                for (String area : new String[] {null, r.area}) {
                    // The incident's unknown district is noted with its attendance, not again here.
                    scopes(null, r.district, area, r.at, false, key -> {
                        switch (r.stage) {
                            case "DISPATCH" ->
                                dispatches
                                        .computeIfAbsent(key, x -> new ArrayList<>())
                                        .add(r.ms);
                            case "TRAVEL" ->
                                travels.computeIfAbsent(key, x -> new ArrayList<>())
                                        .add(r.ms);
                            default ->
                                late.computeIfAbsent(key, x -> new long[2])[r.stage.equals("LATE_DOWNGRADE") ? 0 : 1]++;
                        }
                    });
                }
            }
            Outcome o = judge(story);
            if (o == null) {
                continue;
            }
            for (String area : new String[] {null, o.area}) {
                scopes(null, o.district, area, o.at, key -> {
                    long[] t = tallies.computeIfAbsent(key, x -> new long[2]);
                    t[0] += o.met ? 1 : 0;
                    t[1]++;
                    if (!o.met && o.reason != null) {
                        reasons.merge(key + "|" + o.reason, 1L, Long::sum);
                    }
                });
            }
        }
        tallies.forEach((key, t) -> {
            String[] k = key.split("\\|", -1);
            figures.put(
                    identity("ATTENDED_WITHIN_STANDARD", null, k[1], k[2], nullIfEmpty(k[3]), k[4], k[5], null),
                    new Figure((double) t[0], (double) t[1], t[1] == 0 ? null : t[0] / (double) t[1]));
        });
        reasons.forEach((key, n) -> {
            String[] k = key.split("\\|", -1);
            figures.put(
                    identity("ATTENDANCE_FAILURES_BY_REASON", null, k[1], k[2], nullIfEmpty(k[3]), k[4], k[5], k[6]),
                    new Figure(null, null, (double) n));
        });
        // A scope with only dispatches still has its travel figures (none), and the other way round.
        Set<String> responseKeys = new HashSet<>(dispatches.keySet());
        responseKeys.addAll(travels.keySet());
        responseKeys.addAll(late.keySet());
        for (String key : responseKeys) {
            String[] k = key.split("\\|", -1);
            String[][] stages = {{"DISPATCH", null}, {"TRAVEL", null}};
            for (String[] stage : stages) {
                List<Long> times = new ArrayList<>(
                        (stage[0].equals("DISPATCH") ? dispatches : travels).getOrDefault(key, List.of()));
                times.sort(null);
                double n = times.size();
                double seconds = times.stream().mapToLong(Long::longValue).sum() / 1000.0;
                Double p90 = times.isEmpty() ? null : times.get((int) Math.ceil(0.9 * n) - 1) / 1000.0;
                figures.put(
                        identity(
                                "MEAN_" + stage[0] + "_SECONDS", null, k[1], k[2], nullIfEmpty(k[3]), k[4], k[5], null),
                        new Figure(seconds, n, n == 0 ? null : seconds / n));
                figures.put(
                        identity("P90_" + stage[0] + "_SECONDS", null, k[1], k[2], nullIfEmpty(k[3]), k[4], k[5], null),
                        new Figure(null, n, p90));
            }
            long[] lateCounts = late.getOrDefault(key, new long[2]);
            figures.put(
                    identity("LATE_DOWNGRADES", null, k[1], k[2], nullIfEmpty(k[3]), k[4], k[5], null),
                    new Figure(null, null, (double) lateCounts[0]));
            figures.put(
                    identity("LATE_CANCELLATIONS", null, k[1], k[2], nullIfEmpty(k[3]), k[4], k[5], null),
                    new Figure(null, null, (double) lateCounts[1]));
        }
    }

    private record Response(String district, String area, String stage, long at, long ms) {}

    /** An incident's area: its CREATED's own, else its district's default. */
    private String areaOf(Event created) {
        String area = created.text("area");
        return area != null
                ? area
                : places.defaultAreaOf(created.text("district")).name();
    }

    /** The attendance limit of an area, in milliseconds. */
    private long limitOf(String area) {
        return (Area.valueOf(area) == Area.RURAL
                        ? config.attendance().ruralLimit()
                        : config.attendance().urbanLimit())
                .toMillis();
    }

    /**
     * One incident's dispatch and travel times (contract: "Dispatch and travel"): its first dispatch counts once
     * it is grade 1, at the dispatch from its clock start, or at the clock start as 0 s when the unit was sent
     * before; not when someone arrived first. Its travel counts at its first arrival, from the dispatch that
     * counted, while it is in the measure. Nothing counts after a CLOSED or CANCELLED. (Contract: "Late
     * downgrades".) A grade-1 incident with nobody on scene downgraded, or cancelled, at or after its deadline less
     * alerts.lateDowngradeWithin is late, once per incident.
     */
    private List<Response> responses(List<Event> story) {
        List<Response> out = new ArrayList<>();
        Event created = story.get(0);
        if (!created.text("type").equals("CREATED")) {
            return out;
        }
        String district = created.text("district");
        String area = areaOf(created);
        long limit = limitOf(area);
        int grade = 0;
        Long clockStart = null;
        Long outcomeAt = null;
        Long dispatchedAt = null;
        Long counted = null;
        Long arrivedAt = null;
        boolean lateCounted = false;
        long lateWithin = config.alerts().lateDowngradeWithin().toMillis();
        for (Event e : story) {
            if (outcomeAt == null && clockStart != null && clockStart + limit < e.time) {
                outcomeAt = clockStart + limit;
            }
            String type = e.text("type");
            boolean downgrade = type.matches("CREATED|GRADED")
                    && grade == 1
                    && e.node.get("grade").asInt() != 1;
            if ((downgrade || (type.equals("CANCELLED") && grade == 1))
                    && clockStart != null
                    && arrivedAt == null
                    && !lateCounted
                    && e.time >= clockStart + limit - lateWithin) {
                lateCounted = true;
                out.add(new Response(
                        district,
                        area,
                        downgrade ? "LATE_DOWNGRADE" : "LATE_CANCELLATION",
                        e.time,
                        e.time - clockStart - limit));
            }
            if (type.equals("CLOSED") || type.equals("CANCELLED")) {
                break;
            }
            switch (type) {
                case "CREATED", "GRADED" -> {
                    int next = e.node.get("grade").asInt();
                    if (next == 1 && grade != 1 && outcomeAt == null) {
                        clockStart = e.time;
                        if (dispatchedAt != null && counted == null && arrivedAt == null) {
                            counted = e.time;
                            out.add(new Response(district, area, "DISPATCH", e.time, 0));
                        }
                        if (arrivedAt != null) {
                            outcomeAt = e.time;
                        }
                    } else if (next != 1 && grade == 1 && outcomeAt == null) {
                        clockStart = null;
                    }
                    grade = next;
                }
                case "DISPATCHED" -> {
                    if (dispatchedAt == null) {
                        dispatchedAt = e.time;
                        if (clockStart != null && counted == null && arrivedAt == null) {
                            counted = e.time;
                            out.add(new Response(district, area, "DISPATCH", e.time, e.time - clockStart));
                        }
                    }
                }
                case "ARRIVED" -> {
                    if (outcomeAt == null && clockStart != null) {
                        outcomeAt = e.time;
                    }
                    if (arrivedAt == null) {
                        if (clockStart != null && counted != null) {
                            out.add(new Response(district, area, "TRAVEL", e.time, e.time - counted));
                        }
                        arrivedAt = e.time;
                    }
                }
                default -> {}
            }
        }
        return out;
    }

    /**
     * One incident's outcome from its events in time order: the clock starts at the latest move to grade
     * 1 and stops at the first arrival; the limit passing first fails it, dated at the deadline; a cancel
     * or downgrade first leaves it out; the first reason recorded is the failure's.
     */
    private Outcome judge(List<Event> story) {
        Event created = story.get(0);
        if (!created.text("type").equals("CREATED")) {
            story.forEach(e -> dataQuality("NO_CREATED", e.time));
            return null;
        }
        String district = created.text("district");
        String area = areaOf(created);
        long limit = limitOf(area);
        int grade = 0;
        Long clockStart = null;
        boolean onScene = false;
        Long outcomeAt = null;
        boolean met = false;
        String reason = null;
        for (Event e : story) {
            if (outcomeAt == null && clockStart != null && clockStart + limit < e.time) {
                outcomeAt = clockStart + limit;
            }
            switch (e.text("type")) {
                case "CREATED", "GRADED" -> {
                    int next = e.node.get("grade").asInt();
                    if (next == 1 && grade != 1 && outcomeAt == null) {
                        clockStart = e.time;
                        if (onScene) {
                            outcomeAt = e.time;
                            met = true;
                        }
                    } else if (next != 1 && grade == 1 && outcomeAt == null) {
                        clockStart = null;
                    }
                    grade = next;
                }
                case "ARRIVED" -> {
                    onScene = true;
                    if (outcomeAt == null && clockStart != null) {
                        outcomeAt = e.time;
                        met = true;
                    }
                }
                case "CANCELLED" -> {
                    if (outcomeAt == null) {
                        clockStart = null;
                    }
                }
                case "CLOSED", "REASON_RECORDED" -> {
                    if (reason == null
                            && e.text("reason") != null
                            && !e.text("reason").isBlank()) {
                        reason = e.text("reason");
                    }
                }
                default -> {}
            }
        }
        if (outcomeAt == null && clockStart != null) {
            outcomeAt = clockStart + limit;
        }
        return outcomeAt == null ? null : new Outcome(district, area, outcomeAt, met, reason);
    }

    // ---- Scopes and periods (contract: "Scopes", "Calendar periods") ----

    /** Gives {@code queue|scope|scopeId|area|period|start} for each scope and period an outcome counts in. */
    private void scopes(String queue, String district, String area, long at, Consumer<String> to) {
        scopes(queue, district, area, at, true, to);
    }

    private void scopes(String queue, String district, String area, long at, boolean noteUnknown, Consumer<String> to) {
        List<String> scopes = new ArrayList<>();
        scopes.add("FORCE|" + force);
        if (district != null) {
            boolean known = places.knowsDistrict(district);
            scopes.add("LPA|" + (known ? places.lpaOf(district) : PacesetterConfig.UNKNOWN_LPA));
            scopes.add("DISTRICT|" + district);
            if (!known && area == null && noteUnknown) {
                dataQuality("UNKNOWN_DISTRICT", at);
            }
        }
        for (String scope : scopes) {
            for (String period : periods(at)) {
                to.accept(queue + "|" + scope + "|" + (area == null ? "" : area) + "|" + period);
            }
        }
    }

    private List<String> periods(long at) {
        LocalDate day = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
        return List.of("DAY|" + day, "MONTH|" + day.withDayOfMonth(1));
    }

    private final Map<String, Long> dataQuality = new HashMap<>();

    private void dataQuality(String reason, long at) {
        for (String period : periods(at)) {
            String id = identity(
                    "DATA_QUALITY_" + reason,
                    null,
                    "FORCE",
                    force,
                    null,
                    period.split("\\|")[0],
                    period.split("\\|")[1],
                    null);
            long n = dataQuality.merge(id, 1L, Long::sum);
            figures.put(id, new Figure(null, null, (double) n));
        }
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static List<String> readLines(Path events) throws IOException {
        try (InputStream raw = Files.newInputStream(events);
                InputStream in = events.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    /** For a PeriodKind check in tests: the periods the oracle computes. */
    public static final List<PeriodKind> PERIODS = List.of(PeriodKind.DAY, PeriodKind.MONTH);
}
