package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.testkit.Oracle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays a generated week through the command line on a Flink MiniCluster, then checks every DAY
 * figure against legs paired here, independently of the pipeline, and every sliding window against
 * a brute-force recount of those legs.
 */
@Timeout(300)
class ReplayITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST_DAY = LocalDate.of(2016, 6, 1);
    private static final long SEED = 42;

    @TempDir
    static Path dir;

    private static List<Leg> legs;
    private static List<MeasureRecord> periods;
    private static List<MeasureRecord> kpis;
    private static List<DeadLetter> deadLetters;
    private static Set<String> repeatedIds;
    private static List<Attendance> attendance;

    /** An incident's outcome as this test works it out: the reference the clocks are checked against. */
    record Attendance(String district, String area, long outcomeAt, boolean met) {}

    /** A leg as this test pairs it: the reference the pipeline is checked against. */
    record Leg(String queue, String district, long offeredAt, long outcomeAt, boolean answered) {
        long waitMs() {
            return outcomeAt - offeredAt;
        }
    }

    @BeforeAll
    static void replayAWeek() throws Exception {
        Path events = dir.resolve("week.jsonl.gz");
        EventFileWriter.writeDays(CONFIG, SEED, FIRST_DAY, 7, events);
        Path out = dir.resolve("out");
        int exit = Pacesetter.execute(
                "replay",
                "--events",
                events.toString(),
                "--out",
                out.toString(),
                "--sliding-every",
                "PT1H",
                "--parallelism",
                "2");
        assertThat(exit).isZero();

        legs = pairLegs(events);
        attendance = judgeIncidents(events);
        periods = Files.readAllLines(out.resolve(FileOutputs.PERIODS)).stream()
                .map(RecordJson::readMeasure)
                .toList();
        kpis = Files.readAllLines(out.resolve(FileOutputs.KPIS)).stream()
                .map(RecordJson::readMeasure)
                .toList();
        deadLetters = Files.readAllLines(out.resolve(FileOutputs.DEAD_LETTERS)).stream()
                .map(RecordJson::readDeadLetter)
                .toList();
    }

    /** Reads the raw lines with plain Jackson and pairs each OFFERED with the next outcome of the same call and queue. */
    private static List<Leg> pairLegs(Path events) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byEventId = new HashMap<>();
        repeatedIds = new HashSet<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(events)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (Exception malformed) {
                    continue;
                }
                if (!node.hasNonNull("callId")
                        || !node.hasNonNull("eventId")
                        || !node.hasNonNull("queue")
                        || !node.path("type").asText().matches("OFFERED|ANSWERED|ABANDONED")
                        || node.hasNonNull("incidentId")) {
                    continue;
                }
                try {
                    OffsetDateTime.parse(node.path("time").asText());
                } catch (Exception badTime) {
                    continue;
                }
                if (byEventId.putIfAbsent(node.get("eventId").asText(), node) != null) {
                    repeatedIds.add(node.get("eventId").asText());
                }
            }
        }
        Map<String, List<JsonNode>> byLeg = new HashMap<>();
        for (JsonNode e : byEventId.values()) {
            byLeg.computeIfAbsent(
                            e.get("callId").asText() + "|" + e.get("queue").asText(), k -> new ArrayList<>())
                    .add(e);
        }
        List<Leg> paired = new ArrayList<>();
        for (List<JsonNode> events1 : byLeg.values()) {
            events1.sort(Comparator.<JsonNode>comparingLong(ReplayITCase::time)
                    .thenComparing(e -> e.get("type").asText().equals("OFFERED") ? 0 : 1));
            JsonNode offer = null;
            for (JsonNode e : events1) {
                if (e.get("type").asText().equals("OFFERED")) {
                    offer = e;
                } else if (offer != null
                        && time(e) - time(offer) <= Duration.ofHours(2).toMillis()) {
                    String district = offer.hasNonNull("district")
                            ? offer.get("district").asText()
                            : e.hasNonNull("district") ? e.get("district").asText() : null;
                    paired.add(new Leg(
                            offer.get("queue").asText(),
                            district,
                            time(offer),
                            time(e),
                            e.get("type").asText().equals("ANSWERED")));
                    offer = null;
                }
            }
        }
        return paired;
    }

    private static final List<String> CONTRACT_ORDER =
            List.of("CREATED", "GRADED", "DISPATCHED", "ARRIVED", "CLOSED", "CANCELLED", "REASON_RECORDED");

    /**
     * Works out each incident's attendance from its events in time order, straight from docs/contracts.md:
     * the clock starts at the latest move to grade 1, a first arrival at or within the limit meets,
     * the limit passing without one fails at the deadline, a cancel or downgrade first leaves it out.
     */
    private static List<Attendance> judgeIncidents(Path events) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byEventId = new HashMap<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(events)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    JsonNode node = json.readTree(line);
                    if (node.hasNonNull("incidentId")
                            && node.hasNonNull("eventId")
                            && CONTRACT_ORDER.contains(node.path("type").asText())) {
                        time(node);
                        byEventId.putIfAbsent(node.get("eventId").asText(), node);
                    }
                } catch (Exception malformed) {
                    // not an incident event this test can read: the pipeline dead-letters it
                }
            }
        }
        Map<String, List<JsonNode>> byIncident = new HashMap<>();
        byEventId
                .values()
                .forEach(e -> byIncident
                        .computeIfAbsent(e.get("incidentId").asText(), k -> new ArrayList<>())
                        .add(e));
        ReferenceData reference = CONFIG.referenceData();
        List<Attendance> judged = new ArrayList<>();
        for (List<JsonNode> story : byIncident.values()) {
            story.sort(Comparator.<JsonNode>comparingLong(ReplayITCase::time)
                    .thenComparingInt(e -> CONTRACT_ORDER.indexOf(e.get("type").asText())));
            JsonNode created = story.stream()
                    .filter(e -> e.get("type").asText().equals("CREATED")
                            && e.hasNonNull("district")
                            && e.path("grade").isInt())
                    .findFirst()
                    .orElse(null);
            if (created == null || time(created) != time(story.get(0))) {
                continue; // no readable CREATED first: dead-lettered as NO_CREATED
            }
            String district = created.get("district").asText();
            String area = created.hasNonNull("area")
                    ? created.get("area").asText()
                    : reference.defaultAreaOf(district).name();
            long limit = (area.equals("RURAL")
                            ? CONFIG.attendance().ruralLimit()
                            : CONFIG.attendance().urbanLimit())
                    .toMillis();
            int grade = 0;
            Long clockStart = null;
            boolean onScene = false;
            Attendance outcome = null;
            for (JsonNode e : story) {
                long t = time(e);
                if (outcome == null && clockStart != null && clockStart + limit < t) {
                    outcome = new Attendance(district, area, clockStart + limit, false);
                }
                switch (e.get("type").asText()) {
                    case "CREATED", "GRADED" -> {
                        int next = e.path("grade").asInt();
                        if (next == 1 && grade != 1 && outcome == null) {
                            clockStart = t;
                            if (onScene) {
                                outcome = new Attendance(district, area, t, true);
                            }
                        } else if (next != 1 && grade == 1 && outcome == null) {
                            clockStart = null;
                        }
                        grade = next;
                    }
                    case "ARRIVED" -> {
                        onScene = true;
                        if (outcome == null && clockStart != null) {
                            outcome = new Attendance(district, area, t, true);
                        }
                    }
                    case "CANCELLED" -> {
                        if (outcome == null) {
                            clockStart = null;
                        }
                    }
                    default -> {}
                }
            }
            if (outcome == null && clockStart != null) {
                outcome = new Attendance(district, area, clockStart + limit, false);
            }
            if (outcome != null) {
                judged.add(outcome);
            }
        }
        return judged;
    }

    private static long time(JsonNode e) {
        return OffsetDateTime.parse(e.get("time").asText()).toInstant().toEpochMilli();
    }

    private static boolean inScope(Leg leg, MeasureRecord r, ReferenceData reference) {
        if (!leg.queue().equals(r.queue)) {
            return false;
        }
        return switch (r.scope) {
            case FORCE -> true;
            case LPA ->
                leg.district() != null && reference.lpaOf(leg.district()).equals(r.scopeId);
            case DISTRICT -> r.scopeId.equals(leg.district());
        };
    }

    /** The figures a list of legs should give, worked out here from first principles. */
    record Expected(long answered, long abandoned, long within999, double waitSeconds, Long p90Ms) {
        static Expected of(List<Leg> legs) {
            long answered = 0;
            long abandoned = 0;
            long within = 0;
            long waitMs = 0;
            List<Long> waits = new ArrayList<>();
            for (Leg leg : legs) {
                if (leg.answered()) {
                    answered++;
                    waitMs += leg.waitMs();
                    waits.add(leg.waitMs());
                    if (leg.waitMs() <= 10_000) {
                        within++;
                    }
                } else {
                    abandoned++;
                }
            }
            waits.sort(null);
            Long p90 = waits.isEmpty() ? null : waits.get((int) Math.ceil(0.9 * waits.size()) - 1);
            return new Expected(answered, abandoned, within, waitMs / 1000.0, p90);
        }
    }

    private static void assertFigures(Map<String, MeasureRecord> byMeasure, Expected expected, String what) {
        assertThat(byMeasure.get("CALLS_ANSWERED").value).as(what + " answered").isEqualTo((double)
                expected.answered());
        assertThat(byMeasure.get("CALLS_ABANDONED").value)
                .as(what + " abandoned")
                .isEqualTo((double) expected.abandoned());
        assertThat(byMeasure.get("MEAN_WAIT_SECONDS").numerator)
                .as(what + " total wait")
                .isCloseTo(expected.waitSeconds(), org.assertj.core.data.Offset.offset(1e-6));
        MeasureRecord p90 = byMeasure.get("P90_WAIT_SECONDS");
        assertThat(p90.value == null ? null : Math.round(p90.value * 1000))
                .as(what + " p90")
                .isEqualTo(expected.p90Ms());
        MeasureRecord within = byMeasure.get("ANSWERED_WITHIN_STANDARD");
        if (within != null) {
            assertThat(within.numerator).as(what + " within 10 s").isEqualTo((double) expected.within999());
            assertThat(within.denominator).as(what + " within denominator").isEqualTo((double) expected.answered());
        }
    }

    @Test
    void theWeekWasRealisticAndDefectsWereRejectedNotLost() {
        assertThat(legs).hasSizeGreaterThan(7 * 2_500);
        Map<RejectReason, Long> rejected = new HashMap<>();
        deadLetters.forEach(d -> rejected.merge(d.reason, 1L, Long::sum));
        assertThat(rejected.get(RejectReason.DUPLICATE))
                .as("every repeated eventId, once per repeat")
                .isGreaterThanOrEqualTo(repeatedIds.size());
        assertThat(rejected).containsKeys(RejectReason.MALFORMED_JSON, RejectReason.DUPLICATE);
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.original).isNotBlank());
    }

    @Test
    void everyDayTotalMatchesLegsPairedIndependently() {
        ReferenceData reference = CONFIG.referenceData();
        Map<String, Map<String, MeasureRecord>> days = new TreeMap<>();
        for (MeasureRecord r : periods) {
            if (r.period == PeriodKind.DAY && r.queue != null) {
                days.computeIfAbsent(r.queue + "|" + r.scope + "|" + r.scopeId + "|" + r.start, k -> new HashMap<>())
                        .merge(r.measure, r, (a, b) -> b.revision > a.revision ? b : a);
            }
        }
        assertThat(days).hasSizeGreaterThan(7 * 3 * 10);
        int checked = 0;
        for (Map.Entry<String, Map<String, MeasureRecord>> day : days.entrySet()) {
            MeasureRecord any = day.getValue().values().iterator().next();
            LocalDate date = LocalDate.parse(any.start);
            long start = date.atStartOfDay(LONDON).toInstant().toEpochMilli();
            long end = date.plusDays(1).atStartOfDay(LONDON).toInstant().toEpochMilli();
            List<Leg> inDay = legs.stream()
                    .filter(l -> l.outcomeAt() >= start && l.outcomeAt() < end && inScope(l, any, reference))
                    .toList();
            assertFigures(day.getValue(), Expected.of(inDay), day.getKey());
            checked++;
        }
        // And no day with legs is missing: force-wide, each queue, each of the seven days.
        for (String queue : List.of("999", "101", "CRIME_BUREAU")) {
            for (int d = 0; d < 7; d++) {
                assertThat(days).containsKey(queue + "|FORCE|" + CONFIG.force().name() + "|" + FIRST_DAY.plusDays(d));
            }
        }
        assertThat(checked).isEqualTo(days.size());
    }

    @Test
    void everySlidingWindowMatchesABruteForceRecount() {
        ReferenceData reference = CONFIG.referenceData();
        Map<String, Map<String, MeasureRecord>> windows = new HashMap<>();
        for (MeasureRecord r : kpis) {
            assertThat(r.window).isEqualTo(WindowKind.SLIDING);
            assertThat(r.windowEnd % Duration.ofHours(1).toMillis())
                    .as("--sliding-every PT1H")
                    .isZero();
            // Dispatch and travel have no queue either: kept apart from attendance.
            boolean response = r.measure.endsWith("_DISPATCH_SECONDS") || r.measure.endsWith("_TRAVEL_SECONDS");
            windows.computeIfAbsent(
                            (response ? "RESPONSE|" : "") + r.queue + "|" + r.scope + "|" + r.scopeId + "|" + r.area
                                    + "|" + r.windowLengthMs + "|" + r.windowEnd,
                            k -> new HashMap<>())
                    .put(r.measure, r);
        }
        Map<String, List<Leg>> legsByQueue = new HashMap<>();
        for (Leg leg : legs) {
            legsByQueue.computeIfAbsent(leg.queue(), q -> new ArrayList<>()).add(leg);
        }
        legsByQueue.values().forEach(l -> l.sort(Comparator.comparingLong(Leg::outcomeAt)));
        int attendanceWindows = 0;
        int responseWindows = 0;
        for (Map.Entry<String, Map<String, MeasureRecord>> window : windows.entrySet()) {
            MeasureRecord any = window.getValue().values().iterator().next();
            if (window.getKey().startsWith("RESPONSE|")) {
                // Recounted per DAY and MONTH by the oracle (theOracleAgreesWithReplayOnTheCleanDelivery), not here.
                assertThat(window.getValue().keySet())
                        .containsExactlyInAnyOrder(
                                "MEAN_DISPATCH_SECONDS",
                                "P90_DISPATCH_SECONDS",
                                "MEAN_TRAVEL_SECONDS",
                                "P90_TRAVEL_SECONDS");
                responseWindows++;
                continue;
            }
            if (any.queue == null) {
                MeasureRecord attended = window.getValue().get("ATTENDED_WITHIN_STANDARD");
                List<Attendance> inWindow = attendance.stream()
                        .filter(a -> a.outcomeAt() >= any.windowStart
                                && a.outcomeAt() < any.windowEnd
                                && (attended.area == null
                                        || attended.area.name().equals(a.area()))
                                && switch (attended.scope) {
                                    case FORCE -> true;
                                    case LPA -> reference.lpaOf(a.district()).equals(attended.scopeId);
                                    case DISTRICT -> a.district().equals(attended.scopeId);
                                })
                        .toList();
                assertThat(attended.numerator).as(window.getKey()).isEqualTo((double)
                        inWindow.stream().filter(Attendance::met).count());
                assertThat(attended.denominator).as(window.getKey()).isEqualTo((double) inWindow.size());
                attendanceWindows++;
                continue;
            }
            List<Leg> inWindow = legsByQueue.get(any.queue).stream()
                    .filter(l -> l.outcomeAt() >= any.windowStart
                            && l.outcomeAt() < any.windowEnd
                            && inScope(l, any, reference))
                    .toList();
            assertFigures(window.getValue(), Expected.of(inWindow), window.getKey());
        }
        assertThat(attendanceWindows).isGreaterThan(7 * 24);
        assertThat(responseWindows).isGreaterThan(7 * 24);
        // Completeness: force-wide 999, every hour end of the week whose last 24 hours held a leg, for each length.
        long firstEnd = FIRST_DAY.atStartOfDay(LONDON).toInstant().toEpochMilli()
                + Duration.ofHours(1).toMillis();
        for (long end = firstEnd;
                end <= firstEnd + Duration.ofDays(6).toMillis();
                end += Duration.ofHours(1).toMillis()) {
            for (Duration length : CONFIG.windows().lengths()) {
                long windowStart = end - length.toMillis();
                long windowEnd = end;
                boolean anyLeg = legsByQueue.get("999").stream()
                        .anyMatch(l -> l.outcomeAt() >= windowStart && l.outcomeAt() < windowEnd);
                assertThat(windows.containsKey(
                                "999|FORCE|" + CONFIG.force().name() + "|null|" + length.toMillis() + "|" + end))
                        .as("999 window of " + length + " ending " + Instant.ofEpochMilli(end))
                        .isEqualTo(anyLeg);
            }
        }
    }

    @Test
    void everyDayAttendanceFigureByForceLpaDistrictAndAreaMatchesOutcomesWorkedOutIndependently() {
        ReferenceData reference = CONFIG.referenceData();
        List<MeasureRecord> days = periods.stream()
                .filter(r -> r.period == PeriodKind.DAY && r.measure.equals("ATTENDED_WITHIN_STANDARD"))
                .toList();
        assertThat(attendance).hasSizeGreaterThan(7 * 100);
        Map<String, long[]> expected = new TreeMap<>();
        for (Attendance a : attendance) {
            String day = Instant.ofEpochMilli(a.outcomeAt())
                    .atZone(LONDON)
                    .toLocalDate()
                    .toString();
            for (String area : new String[] {"", a.area()}) {
                for (String scope : List.of(
                        "FORCE|" + CONFIG.force().name(),
                        "LPA|" + reference.lpaOf(a.district()),
                        "DISTRICT|" + a.district())) {
                    long[] counts = expected.computeIfAbsent(scope + "|" + area + "|" + day, k -> new long[2]);
                    counts[0] += a.met() ? 1 : 0;
                    counts[1]++;
                }
            }
        }
        Map<String, long[]> actual = new TreeMap<>();
        for (MeasureRecord r : days) {
            actual.merge(
                    r.scope + "|" + r.scopeId + "|" + (r.area == null ? "" : r.area.name()) + "|" + r.start,
                    new long[] {r.numerator.longValue(), r.denominator.longValue(), r.revision},
                    (a, b) -> b[2] > a[2] ? b : a);
        }
        Map<String, List<Long>> actualCounts = new TreeMap<>();
        actual.forEach((k, v) -> actualCounts.put(k, List.of(v[0], v[1])));
        Map<String, List<Long>> expectedCounts = new TreeMap<>();
        expected.forEach((k, v) -> expectedCounts.put(k, List.of(v[0], v[1])));
        assertThat(actualCounts).isEqualTo(expectedCounts);
        assertThat(actualCounts.keySet()).anyMatch(k -> k.startsWith("LPA|South|RURAL|"));
    }

    @Test
    void replayWritesOneBreachAlertForEveryFailedAttendance() throws Exception {
        List<io.pacesetter.connectors.contract.Alert> alerts =
                Files.readAllLines(dir.resolve("out").resolve(FileOutputs.ALERTS)).stream()
                        .map(RecordJson::readAlert)
                        .toList();
        long raisedBreaches = alerts.stream()
                .filter(a -> a.kind == io.pacesetter.connectors.contract.Alert.Kind.INCIDENT_BREACHED
                        && a.state == io.pacesetter.connectors.contract.Alert.State.RAISED)
                .count();
        assertThat(raisedBreaches)
                .isPositive()
                .isEqualTo(attendance.stream().filter(a -> !a.met()).count());
    }

    @Test
    void monthFiguresAreFinalAndCarryTheStandards() {
        MeasureRecord within = periods.stream()
                .filter(r -> r.period == PeriodKind.MONTH
                        && r.scope == Scope.FORCE
                        && "999".equals(r.queue)
                        && r.measure.equals("ANSWERED_WITHIN_STANDARD"))
                .findFirst()
                .orElseThrow();
        assertThat(within.isFinal).isTrue();
        assertThat(within.start).isEqualTo("2016-06-01");
        assertThat(within.target).isEqualTo(0.9);
        assertThat(within.denominatorRule).isEqualTo("ANSWERED");
        assertThat(within.met).isEqualTo(within.value >= 0.9);
        assertThat(within.force).isEqualTo(CONFIG.force().name());
    }

    // ---- A faulty delivery (docs/faults.md) against its clean delivery and the oracle ----

    /** Three days cover every fault of the defaults: the outage starts 30 hours in. */
    private static final int FAULTY_DAYS = 3;

    private static Path faulty;
    private static Path clean;
    private static final Map<String, Map<String, Oracle.Figure>> REPLAYED = new HashMap<>();

    private static synchronized void generateFaultyAndClean() {
        if (faulty == null) {
            faulty = dir.resolve("faulty.jsonl");
            clean = dir.resolve("faulty.clean.jsonl");
            EventFileWriter.writeFaultyAndClean(CONFIG, SEED, FIRST_DAY, FAULTY_DAYS, faulty, clean);
        }
    }

    /** The final DAY and MONTH figures a replay of {@code events} writes, the latest revision of each. */
    private static synchronized Map<String, Oracle.Figure> replayed(Path events, int parallelism) throws Exception {
        String key = events.getFileName() + "@" + parallelism;
        if (!REPLAYED.containsKey(key)) {
            Path out = dir.resolve("out-" + key.replace('@', '-'));
            int exit = Pacesetter.execute(
                    "replay",
                    "--events",
                    events.toString(),
                    "--out",
                    out.toString(),
                    "--sliding-every",
                    "PT24H",
                    "--parallelism",
                    Integer.toString(parallelism));
            assertThat(exit).isZero();
            REPLAYED.put(
                    key,
                    Oracle.finalFigures(Files.readAllLines(out.resolve(FileOutputs.PERIODS)).stream()
                            .map(RecordJson::readMeasure)
                            .toList()));
        }
        return REPLAYED.get(key);
    }

    private static Map<String, Oracle.Figure> withoutDataQuality(Map<String, Oracle.Figure> figures) {
        Map<String, Oracle.Figure> out = new TreeMap<>(figures);
        out.keySet().removeIf(id -> id.startsWith("DATA_QUALITY_"));
        return out;
    }

    @Test
    void theFaultyFileCarriesEveryFaultAndTheSameEventsAsTheCleanOne() throws Exception {
        generateFaultyAndClean();
        Map<String, Oracle.Figure> fromFaulty = Oracle.figures(CONFIG, faulty);
        Map<String, Oracle.Figure> fromClean = Oracle.figures(CONFIG, clean);
        assertThat(Oracle.differences(withoutDataQuality(fromClean), withoutDataQuality(fromFaulty)))
                .as("the oracle's figures of the faulty delivery and of its clean one")
                .isEmpty();
        Map<String, Double> rejected = new TreeMap<>();
        fromFaulty.forEach((id, f) -> {
            if (id.startsWith("DATA_QUALITY_") && id.contains("|MONTH|")) {
                rejected.merge(id.substring(0, id.indexOf('|')), f.value(), Double::sum);
            }
        });
        assertThat(rejected.keySet())
                .as("every kind of garbage, and the re-sent lines, counted")
                .contains(
                        "DATA_QUALITY_MALFORMED_JSON",
                        "DATA_QUALITY_MISSING_FIELD",
                        "DATA_QUALITY_UNKNOWN_TYPE",
                        "DATA_QUALITY_BAD_TIME",
                        "DATA_QUALITY_BAD_VALUE",
                        "DATA_QUALITY_UNKNOWN_GRADE",
                        "DATA_QUALITY_DUPLICATE");
        // A late backlog: lines stamped more than an hour behind the newest line before them.
        ObjectMapper json = new ObjectMapper();
        long newest = Long.MIN_VALUE;
        int late = 0;
        for (String line : Files.readAllLines(faulty)) {
            try {
                long t = time(json.readTree(line));
                if (t < newest - Duration.ofHours(1).toMillis()) {
                    late++;
                }
                newest = Math.max(newest, t);
            } catch (Exception garbage) {
                // counted above
            }
        }
        assertThat(late)
                .as("lines delivered in a late backlog or after the outage")
                .isGreaterThan(100);
        System.out.println("Faulty delivery: " + Files.readAllLines(faulty).size() + " lines, clean: "
                + Files.readAllLines(clean).size() + "; late lines " + late + "; rejected per kind " + rejected);
    }

    @Test
    void theOracleAgreesWithReplayOnTheCleanDelivery() throws Exception {
        generateFaultyAndClean();
        List<String> differ = Oracle.differences(Oracle.figures(CONFIG, clean), replayed(clean, 2));
        assertThat(differ).as(differ.size() + " figures differ").isEmpty();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 4})
    void aFaultyDeliveryGivesTheFinalFiguresOfItsCleanDeliveryAndOfTheOracle(int parallelism) throws Exception {
        generateFaultyAndClean();
        Map<String, Oracle.Figure> faultyFigures = replayed(faulty, parallelism);
        Map<String, Oracle.Figure> cleanFigures = replayed(clean, parallelism);
        List<String> againstClean =
                Oracle.differences(withoutDataQuality(cleanFigures), withoutDataQuality(faultyFigures));
        List<String> againstOracle = Oracle.differences(Oracle.figures(CONFIG, faulty), faultyFigures);
        System.out.println("parallelism " + parallelism + ": " + againstClean.size()
                + " figures differ from the clean delivery's, " + againstOracle.size()
                + " from the oracle's (data quality included)");
        Map<String, Integer> byMeasure = new TreeMap<>();
        againstOracle.forEach(d -> byMeasure.merge(d.substring(0, d.indexOf('|')), 1, Integer::sum));
        System.out.println("  differing from the oracle, by measure: " + byMeasure);
        againstOracle.stream()
                .filter(d -> d.startsWith("DATA_QUALITY_") || d.startsWith("CALLS_") || d.startsWith("ATTENDED_"))
                .filter(d -> d.contains("|FORCE|"))
                .forEach(d -> System.out.println("  oracle: " + d));
        assertThat(againstClean)
                .as(againstClean.size() + " figures differ from the clean delivery's")
                .isEmpty();
        assertThat(againstOracle)
                .as(againstOracle.size() + " figures differ from the oracle's")
                .isEmpty();
    }
}
