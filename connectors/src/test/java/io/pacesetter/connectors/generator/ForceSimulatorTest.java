package io.pacesetter.connectors.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the simulated force to the figures of the seeds (June 2016 report), worked out from the
 * emitted lines alone, as the pipeline would: if the model drifts, these fail before a demo does.
 */
class ForceSimulatorTest {
    private static final int DAYS = 28;
    private static final Pattern TIME =
            Pattern.compile("\"time\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\"");

    private static PacesetterConfig config;
    private static ZoneId zone;
    private static Instant start;
    private static Instant end;
    private static List<String> lines;
    private static FeedFigures figures;

    @BeforeAll
    static void simulateFourWeeks() {
        config = ConfigLoader.defaults();
        zone = config.force().timeZone();
        start = LocalDate.of(2016, 6, 1).atStartOfDay(zone).toInstant();
        end = start.plus(Duration.ofDays(DAYS));
        long t0 = System.nanoTime();
        lines = new ForceSimulator(config, config.generator().seed(), start).advanceTo(end);
        long t1 = System.nanoTime();
        figures = FeedFigures.of(lines, config, end);
        System.out.printf(
                "simulated %d days (%d lines) in %.2f s; read them back in %.2f s%n",
                DAYS, lines.size(), (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }

    private static List<FeedFigures.Leg> legs(String queue) {
        return figures.legs.stream().filter(l -> l.queue().equals(queue)).toList();
    }

    private static long offered(String queue) {
        return figures.calls.stream()
                .filter(e -> e.queue().equals(queue) && e.type().equals("OFFERED"))
                .count();
    }

    @Test
    void sameSeedGivesTheSameLinesWhateverTheStepsDifferentSeedDoesNot() {
        Instant dayEnd = start.plus(Duration.ofDays(1));
        List<String> oneStep = new ForceSimulator(config, 42, start).advanceTo(dayEnd);
        ForceSimulator stepped = new ForceSimulator(config, 42, start);
        List<String> bySecond = new ArrayList<>();
        for (Instant t = start.plusSeconds(1); !t.isAfter(dayEnd); t = t.plusSeconds(1)) {
            bySecond.addAll(stepped.advanceTo(t));
        }
        assertThat(oneStep).hasSizeGreaterThan(5_000);
        assertThat(bySecond).isEqualTo(oneStep);

        ForceSimulator uneven = new ForceSimulator(config, 42, start);
        List<String> byUnevenSteps = new ArrayList<>(uneven.advanceTo(start.plusMillis(1)));
        byUnevenSteps.addAll(uneven.advanceTo(start.plusSeconds(7_777)));
        byUnevenSteps.addAll(uneven.advanceTo(start.plusSeconds(7_777))); // a repeated step gives nothing
        byUnevenSteps.addAll(uneven.advanceTo(dayEnd));
        assertThat(byUnevenSteps).isEqualTo(oneStep);

        // The first day of the four weeks is the first day's feed: a longer run only adds to it.
        List<String> firstDay = new ForceSimulator(config, config.generator().seed(), start).advanceTo(dayEnd);
        assertThat(lines.subList(0, firstDay.size())).isEqualTo(firstDay);

        assertThat(new ForceSimulator(config, 43, start).advanceTo(dayEnd)).isNotEqualTo(oneStep);
    }

    @Test
    void callHandlingLandsNearTheForcesFigures() {
        List<FeedFigures.Leg> emergency = legs(ForceSimulator.EMERGENCY);
        long answered = emergency.stream().filter(FeedFigures.Leg::answered).count();
        long abandoned = emergency.size() - answered;
        long within = emergency.stream()
                .filter(l -> l.answered() && l.waitMs() <= 10_000)
                .count();
        double withinShare = within / (double) answered;
        double abandonment = abandoned / (double) (answered + abandoned);
        double emergencyPerDay = offered(ForceSimulator.EMERGENCY) / (double) DAYS;
        double switchboardPerDay = offered(ForceSimulator.SWITCHBOARD) / (double) DAYS;
        double crimeBureauPerDay = offered(ForceSimulator.CRIME_BUREAU) / (double) DAYS;
        double switchboardMeanWait = legs(ForceSimulator.SWITCHBOARD).stream()
                        .filter(FeedFigures.Leg::answered)
                        .mapToLong(FeedFigures.Leg::waitMs)
                        .average()
                        .orElse(0)
                / 1000;
        System.out.printf(
                "999: %.1f%% answered within 10 s, %.2f%% abandoned, %.0f legs/day; "
                        + "101: %.0f legs/day, mean wait %.1f s; CRIME_BUREAU: %.0f legs/day%n",
                100 * withinShare,
                100 * abandonment,
                emergencyPerDay,
                switchboardPerDay,
                switchboardMeanWait,
                crimeBureauPerDay);

        assertThat(withinShare).isBetween(0.75, 0.85);
        assertThat(abandonment).isBetween(0.015, 0.025);
        assertThat(emergencyPerDay).isBetween(730 * 0.9, 730 * 1.1);
        assertThat(switchboardPerDay).isBetween(2300 * 0.95, 2300 * 1.05);
        assertThat(crimeBureauPerDay).isGreaterThan(100);
    }

    @Test
    void gradeOneAttendanceLandsNearTheForcesFigureAndRuralFailsMore() {
        List<FeedFigures.Attendance> all = figures.attendances;
        double met = share(all);
        double urban = share(all.stream().filter(a -> a.area() == Area.URBAN).toList());
        double rural = share(all.stream().filter(a -> a.area() == Area.RURAL).toList());
        System.out.printf(
                "grade 1: %.1f/day; attended within limit %.1f%% (urban %.1f%%, rural %.1f%%)%n",
                all.size() / (double) DAYS, 100 * met, 100 * urban, 100 * rural);

        assertThat(all.size() / (double) DAYS).isBetween(110.0, 170.0);
        assertThat(met).isBetween(0.72, 0.82);
        assertThat(1 - rural).isGreaterThan(1 - urban);
    }

    private static double share(List<FeedFigures.Attendance> attendances) {
        return attendances.stream().filter(FeedFigures.Attendance::met).count() / (double) attendances.size();
    }

    @Test
    void theBusiestHourWaitsLongerAndLosesMoreCallersThanTheQuietest() {
        List<FeedFigures.Leg> public999And101 = figures.legs.stream()
                .filter(l -> !l.queue().equals(ForceSimulator.CRIME_BUREAU))
                .toList();
        long[] offeredByHour = new long[24];
        figures.calls.stream()
                .filter(e -> e.type().equals("OFFERED") && !e.queue().equals(ForceSimulator.CRIME_BUREAU))
                .forEach(e -> offeredByHour[FeedFigures.hourOfDay(e.time(), zone)]++);
        int busiest = 0;
        int quietest = 0;
        for (int h = 1; h < 24; h++) {
            busiest = offeredByHour[h] > offeredByHour[busiest] ? h : busiest;
            quietest = offeredByHour[h] < offeredByHour[quietest] ? h : quietest;
        }
        double[] busy = hourFigures(public999And101, busiest);
        double[] quiet = hourFigures(public999And101, quietest);
        System.out.printf(
                "busiest hour %02d:00 (%.0f legs/day): p90 wait %.1f s, abandoned %.1f%%; "
                        + "quietest %02d:00 (%.0f legs/day): p90 wait %.1f s, abandoned %.1f%%%n",
                busiest,
                offeredByHour[busiest] / (double) DAYS,
                busy[0],
                100 * busy[1],
                quietest,
                offeredByHour[quietest] / (double) DAYS,
                quiet[0],
                100 * quiet[1]);

        assertThat(quietest).isBetween(2, 6);
        assertThat(busy[0]).isGreaterThan(quiet[0]);
        assertThat(busy[1]).isGreaterThan(quiet[1]);
    }

    /** p90 wait of answered legs (nearest rank) in seconds, and the abandonment rate, for legs offered in that hour. */
    private static double[] hourFigures(List<FeedFigures.Leg> legs, int hour) {
        List<FeedFigures.Leg> inHour = legs.stream()
                .filter(l -> FeedFigures.hourOfDay(l.offeredAt(), zone) == hour)
                .toList();
        long[] waits = inHour.stream()
                .filter(FeedFigures.Leg::answered)
                .mapToLong(FeedFigures.Leg::waitMs)
                .sorted()
                .toArray();
        long p90 = waits[(int) Math.ceil(0.9 * waits.length) - 1];
        long abandoned = inHour.stream().filter(l -> !l.answered()).count();
        return new double[] {p90 / 1000.0, abandoned / (double) inHour.size()};
    }

    @Test
    void theFeedCarriesSmallSharesOfDuplicatesLateAndBrokenLines() {
        int n = figures.lines;
        System.out.printf(
                "defects: %d lines, %.2f%% duplicates, %.2f%% out of order (at most %.1f s behind), "
                        + "%.2f%% malformed, %.1f%% call events without district%n",
                n,
                100.0 * figures.duplicates / n,
                100.0 * figures.outOfOrder / n,
                figures.maxLagMs / 1000.0,
                100.0 * figures.malformed / n,
                100.0 * figures.callEventsWithoutDistrict / figures.callEvents);

        assertThat(figures.duplicates / (double) n).isBetween(0.002, 0.01);
        assertThat(figures.outOfOrder / (double) n).isBetween(0.01, 0.06);
        assertThat(figures.malformed / (double) n).isBetween(0.0005, 0.005);
        assertThat(figures.maxLagMs)
                .isPositive()
                .isLessThanOrEqualTo(config.events().outOfOrderness().toMillis());
        assertThat(figures.callEventsWithoutDistrict / (double) figures.callEvents)
                .isBetween(0.02, 0.04);

        // Every duplicate is the exact same line again.
        Map<String, String> lineById = new HashMap<>();
        int exactRepeats = 0;
        for (String line : lines) {
            FeedFigures.Event e = FeedFigures.parse(line, 0);
            if (e != null) {
                String before = lineById.putIfAbsent(e.eventId(), line);
                if (before != null) {
                    assertThat(line).isEqualTo(before);
                    exactRepeats++;
                }
            }
        }
        assertThat(exactRepeats).isEqualTo(figures.duplicates);

        // Each kind of breakage turns up.
        List<String> broken =
                lines.stream().filter(l -> FeedFigures.parse(l, 0) == null).toList();
        assertThat(broken).anyMatch(l -> !l.endsWith("}"));
        assertThat(broken).anyMatch(l -> l.endsWith("}") && !TIME.matcher(l).find());
        assertThat(broken).anyMatch(l -> l.endsWith("}") && l.contains("\"queue\"") && !l.contains("\"callId\""));
        assertThat(broken)
                .anyMatch(l -> l.contains("\"type\":\"TRANSFERRED\"")
                        || l.contains("\"type\":\"ON_HOLD\"")
                        || l.contains("\"type\":\"RINGING\"")
                        || l.contains("\"type\":\"REOPENED\"")
                        || l.contains("\"type\":\"UPDATED\"")
                        || l.contains("\"type\":\"ASSIGNED\""));
    }

    @Test
    void linesFollowTheContractsShape() {
        String first = lines.stream()
                .filter(l -> l.contains("\"type\":\"OFFERED\""))
                .findFirst()
                .orElseThrow();
        assertThat(first)
                .matches(
                        "\\{\"eventId\":\"[^\"]+\",\"callId\":\"[^\"]+\",\"type\":\"OFFERED\",\"queue\":\"(999|101|CRIME_BUREAU)\","
                                + "\"time\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\"(,\"district\":\"[^\"]+\")?}");
        Set<String> districts = new HashSet<>();
        config.lpas().forEach(lpa -> lpa.districts().forEach(d -> districts.add(d.name())));
        assertThat(figures.calls).allMatch(e -> e.district() == null || districts.contains(e.district()));
        assertThat(figures.incidents)
                .filteredOn(e -> e.type().equals("CREATED"))
                .allMatch(e -> e.grade() != null && districts.contains(e.district()));
        assertThat(figures.incidents).filteredOn(e -> e.type().equals("GRADED")).allMatch(e -> e.grade() != null);
        assertThat(figures.calls).allMatch(e -> e.time() >= start.toEpochMilli() && e.time() < end.toEpochMilli());
        // Events of one leg keep their order in time: an outcome is never stamped before its offer.
        assertThat(figures.legs).allMatch(l -> l.waitMs() >= 0);
    }

    @Test
    void callsMoveBetweenQueuesAsAtTheForce() {
        Map<String, List<FeedFigures.Event>> byCall = new HashMap<>();
        figures.calls.forEach(
                e -> byCall.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e));
        int ivr = 0;
        int transfers = 0;
        int reentries = 0;
        for (List<FeedFigures.Event> events : byCall.values()) {
            events.sort((a, b) -> Long.compare(a.time(), b.time()));
            FeedFigures.Event firstOffer = events.stream()
                    .filter(e -> e.type().equals("OFFERED"))
                    .findFirst()
                    .orElse(null);
            if (firstOffer != null && firstOffer.queue().equals(ForceSimulator.CRIME_BUREAU)) {
                ivr++;
            }
            for (int i = 0; i + 1 < events.size(); i++) {
                FeedFigures.Event a = events.get(i);
                FeedFigures.Event b = events.get(i + 1);
                if (a.type().equals("ANSWERED")
                        && a.queue().equals(ForceSimulator.SWITCHBOARD)
                        && b.type().equals("OFFERED")
                        && b.queue().equals(ForceSimulator.CRIME_BUREAU)
                        && b.time() - a.time() <= 30_000) {
                    transfers++;
                }
                if (!a.type().equals("OFFERED")
                        && b.type().equals("OFFERED")
                        && a.queue().equals(b.queue())) {
                    reentries++;
                }
            }
        }
        System.out.printf(
                "Crime Bureau: %.0f/day by the IVR, %.0f/day transferred from 101; %.1f re-entries/day%n",
                ivr / (double) DAYS, transfers / (double) DAYS, reentries / (double) DAYS);
        assertThat(ivr).isGreaterThan(50 * DAYS);
        assertThat(transfers).isGreaterThan(50 * DAYS);
        assertThat(reentries).isPositive().isLessThan(50 * DAYS);
    }

    @Test
    void incidentsAreRegradedCancelledAttendedBySeveralUnitsAndFailuresExplained() {
        System.out.printf(
                "incidents: %d upgrades, %d downgrades, %d cancelled, %d with several units, %d reasons "
                        + "next day, %d with an explicit area; reasons %s%n",
                figures.upgrades,
                figures.downgrades,
                figures.cancellations,
                figures.incidentsWithSeveralUnits,
                figures.reasonsNextDay,
                figures.explicitAreas,
                figures.reasons);
        assertThat(figures.upgrades).isPositive();
        assertThat(figures.downgrades).isPositive();
        assertThat(figures.cancellations).isPositive();
        assertThat(figures.incidentsWithSeveralUnits).isPositive();
        assertThat(figures.reasonsNextDay).isPositive();
        assertThat(figures.explicitAreas).isPositive();
        assertThat(figures.reasons)
                .contains(
                        IncidentPlanner.NO_RESOURCES,
                        IncidentPlanner.TRAVEL_DISTANCE,
                        IncidentPlanner.TRAFFIC,
                        IncidentPlanner.INCORRECT_LOCATION);
        // A missed attendance has its reason, on CLOSED or at the next day's review (unless that falls
        // after the simulated weeks); one met has none.
        List<FeedFigures.Attendance> missed =
                figures.attendances.stream().filter(a -> !a.met()).toList();
        assertThat(missed).isNotEmpty();
        assertThat(missed.stream().filter(FeedFigures.Attendance::reasonGiven).count() / (double) missed.size())
                .isGreaterThan(0.97);
        assertThat(figures.attendances)
                .filteredOn(FeedFigures.Attendance::met)
                .noneMatch(FeedFigures.Attendance::reasonGiven);
    }
}
