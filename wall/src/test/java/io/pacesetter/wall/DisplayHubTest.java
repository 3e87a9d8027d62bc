package io.pacesetter.wall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DisplayHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PacesetterConfig CONFIG =
            ConfigLoader.loadYaml("display: {staleAfter: PT30S, amberWithin: 0.05}");
    private static final long NOW = Instant.parse("2026-11-20T20:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final AtomicLong wall = new AtomicLong(NOW);
    private final DisplayHub hub = new DisplayHub(CONFIG, 1, wall::get);

    @Test
    void theNewestWindowOfAKindReplacesTheLastAndALateOlderOneDoesNot() throws Exception {
        hub.offer(sliding("ANSWERED_WITHIN_STANDARD", "999", 60, NOW - MINUTE, 0.91));
        hub.offer(sliding("ANSWERED_WITHIN_STANDARD", "999", 60, NOW, 0.87));
        hub.offer(sliding("ANSWERED_WITHIN_STANDARD", "999", 60, NOW - 2 * MINUTE, 0.99));

        assertThat(figures())
                .extracting(f -> f.get("id").asText() + "=" + f.get("value").asDouble())
                .containsExactly("ANSWERED_WITHIN_STANDARD|999|FORCE|Example County Police||PT1H|" + NOW + "=0.87");
    }

    @Test
    void aQueueWithNoCallsInTheNewestWindowShowsNothingThereRatherThanAnOldFigure() throws Exception {
        hub.offer(sliding("ABANDONMENT_RATE", "101", 15, NOW - 5 * MINUTE, 0.1));
        hub.offer(sliding("ABANDONMENT_RATE", "999", 15, NOW, 0.01));

        assertThat(figures()).extracting(f -> f.get("queue").asText()).containsExactly("999");
    }

    @Test
    void theIncidentsWithNoUnitSentReachThePage() throws Exception {
        MeasureRecord unresourced = base("INCIDENTS_UNRESOURCED", null);
        unresourced.window = WindowKind.LIVE;
        unresourced.asOf = NOW;
        unresourced.value = 2.0;
        hub.offer(unresourced);

        assertThat(figures())
                .filteredOn(f -> f.get("measure").asText().equals("INCIDENTS_UNRESOURCED"))
                .singleElement()
                .satisfies(f -> assertThat(f.get("value").asDouble()).isEqualTo(2.0));
    }

    @Test
    void onlyTodaysPeriodIsShownAndAFinalOrRevisedOneReplacesTheProvisional() throws Exception {
        MeasureRecord yesterday = day("ATTENDED_WITHIN_STANDARD", "2026-11-19", 0.8, 0, true);
        MeasureRecord provisional = day("ATTENDED_WITHIN_STANDARD", "2026-11-20", 0.7, 0, false);
        MeasureRecord revised = day("ATTENDED_WITHIN_STANDARD", "2026-11-20", 0.75, 1, true);
        hub.offer(provisional);
        hub.offer(revised);
        hub.offer(provisional);
        hub.offer(yesterday);

        JsonNode view = view();
        assertThat(view.get("today").asText()).isEqualTo("2026-11-20");
        assertThat(figures()).extracting(f -> f.get("value").asDouble()).containsExactly(0.75);
    }

    @Test
    void districtsAndMeasuresThePageDoesNotShowAreNotKept() throws Exception {
        MeasureRecord district = sliding("ANSWERED_WITHIN_STANDARD", "999", 60, NOW, 0.5);
        district.scope = Scope.DISTRICT;
        district.scopeId = "Ashby";
        hub.offer(district);
        hub.offer(sliding("P90_WAIT_SECONDS", "999", 60, NOW, 12.0));
        hub.offer(sliding("ANSWERED_WITHIN_STANDARD", "999", 24 * 60, NOW, 0.9));

        assertThat(figures()).isEmpty();
        assertThat(hub.version()).isZero();
    }

    /** The longest wait has no standard: it is coloured against the alert levels (999: warning 30 s, critical 60 s). */
    @Test
    void liveWaitsAreJudgedAgainstTheirAlertLevelsAndFiguresWithNeitherSaySo() throws Exception {
        for (double seconds : new double[] {12, 45, 75}) {
            MeasureRecord longest = base("LONGEST_WAIT_SECONDS", "999");
            longest.window = WindowKind.LIVE;
            longest.asOf = NOW + (long) seconds;
            longest.value = seconds;
            hub.offer(longest);
            JsonNode f = figures().stream()
                    .filter(x -> x.get("measure").asText().equals("LONGEST_WAIT_SECONDS"))
                    .findFirst()
                    .orElseThrow();
            assertThat(f.get("judged").asText()).isEqualTo("ALERT_LEVEL");
            assertThat(f.get("warning").asDouble()).isEqualTo(30);
            assertThat(f.get("status").asText()).isEqualTo(seconds < 30 ? "GREEN" : seconds < 60 ? "AMBER" : "RED");
        }
        // The 101 queue's longest wait has neither (its standard is on the mean wait, its alert level on calls
        // waiting).
        MeasureRecord waiting = base("LONGEST_WAIT_SECONDS", "101");
        waiting.window = WindowKind.LIVE;
        waiting.asOf = NOW;
        waiting.value = 0.0;
        hub.offer(waiting);
        JsonNode w = figures().stream()
                .filter(x -> x.get("measure").asText().equals("LONGEST_WAIT_SECONDS")
                        && x.get("queue").asText().equals("101"))
                .findFirst()
                .orElseThrow();
        assertThat(w.get("judged").isNull())
                .as("no standard and no alert level")
                .isTrue();
        assertThat(w.get("status").asText()).isEqualTo("NONE");
    }

    @Test
    void redAmberAndGreenFollowTheStandardInEitherDirection() {
        assertThat(hub.status(rated("ANSWERED_WITHIN_STANDARD", 0.96, 0.9, true)))
                .isEqualTo(DisplayHub.Status.GREEN);
        assertThat(hub.status(rated("ANSWERED_WITHIN_STANDARD", 0.92, 0.9, true)))
                .isEqualTo(DisplayHub.Status.AMBER);
        assertThat(hub.status(rated("ANSWERED_WITHIN_STANDARD", 0.9, 0.9, true)))
                .isEqualTo(DisplayHub.Status.AMBER);
        assertThat(hub.status(rated("ANSWERED_WITHIN_STANDARD", 0.89, 0.9, false)))
                .isEqualTo(DisplayHub.Status.RED);
        assertThat(hub.status(rated("MEAN_WAIT_SECONDS", 10.0, 15.0, true))).isEqualTo(DisplayHub.Status.GREEN);
        assertThat(hub.status(rated("MEAN_WAIT_SECONDS", 14.5, 15.0, true))).isEqualTo(DisplayHub.Status.AMBER);
        assertThat(hub.status(rated("ABANDONMENT_RATE", 0.03, 0.02, false))).isEqualTo(DisplayHub.Status.RED);
        assertThat(hub.status(rated("MEAN_WAIT_SECONDS", 7.0, null, null))).isEqualTo(DisplayHub.Status.NONE);
        assertThat(hub.status(rated("ANSWERED_WITHIN_STANDARD", null, 0.9, null)))
                .isEqualTo(DisplayHub.Status.NONE);
    }

    @Test
    void anAlertShowsItsNewestRevisionAndLeavesWhenClearedEvenIfAnOlderOneComesLater() throws Exception {
        Alert raised = atRisk("a1", 0, Alert.State.RAISED, "I1", "Ashby", NOW + 5 * MINUTE);
        Alert cleared = raised.next(Alert.State.CLEARED);
        hub.offer(atRisk("a2", 0, Alert.State.RAISED, "I2", "Kingsmead", NOW + 2 * MINUTE));
        hub.offer(raised);
        hub.offer(cleared);
        hub.offer(raised);

        JsonNode view = view();
        assertThat(view.get("alerts"))
                .extracting(a -> a.get("alertId").asText())
                .containsExactly("a2");
        JsonNode incident = view.get("atRisk").get(0);
        assertThat(incident.get("incidentId").asText()).isEqualTo("I2");
        assertThat(incident.get("district").asText()).isEqualTo("Kingsmead");
        assertThat(incident.get("deadline").asLong()).isEqualTo(NOW + 2 * MINUTE);
        assertThat(incident.get("breached").asBoolean()).isFalse();
        assertThat(view.get("atRisk")).hasSize(1);
    }

    @Test
    void theTrendKeepsTwentyFourHoursAndSendsAPointEveryFiveMinutesAndTheNewest() throws Exception {
        for (long end = NOW - 30 * 60 * MINUTE; end <= NOW + 3 * MINUTE; end += MINUTE) {
            hub.offer(sliding("ANSWERED_WITHIN_STANDARD", "999", 60, end, 0.9));
        }
        JsonNode trend = JSON.readTree(hub.trendJson());
        JsonNode points = trend.get("series").get("999");
        List<Long> ends = new ArrayList<>();
        points.forEach(p -> ends.add(p.get(0).asLong()));
        assertThat(ends.get(0))
                .isGreaterThan(NOW + 3 * MINUTE - Duration.ofHours(24).toMillis());
        assertThat(ends.get(ends.size() - 1)).isEqualTo(NOW + 3 * MINUTE);
        assertThat(ends).hasSize(24 * 12 + 1);
        assertThat(trend.get("targets").get("999").asDouble()).isEqualTo(0.9);
    }

    @Test
    void fedRecentlyFollowsTheWallClockAgainstStaleAfter() {
        assertThat(hub.fedRecently()).isFalse();
        hub.offer(live("CALLS_WAITING", NOW, 3));
        assertThat(hub.fedRecently()).isTrue();
        wall.addAndGet(30_000);
        assertThat(hub.fedRecently()).isTrue();
        wall.addAndGet(1);
        assertThat(hub.fedRecently()).isFalse();
    }

    @Test
    void aLiveFeedIsTimedByTheWallClockAndASimulatedOneIsFollowedAtItsPace() throws Exception {
        hub.offer(live("CALLS_WAITING", NOW - 3_000, 3));
        wall.addAndGet(2_000);
        JsonNode clock = view().get("clock");
        assertThat(clock.get("eventTime").asLong()).isEqualTo(wall.get());
        assertThat(clock.get("rate").asDouble()).isEqualTo(1.0);

        DisplayHub simulated = new DisplayHub(CONFIG, 60, wall::get);
        long weekAgo = NOW - Duration.ofDays(7).toMillis();
        simulated.offer(live("CALLS_WAITING", weekAgo, 3));
        wall.addAndGet(1_000);
        JsonNode followed = JSON.readTree(simulated.figuresJson()).get("clock");
        assertThat(followed.get("eventTime").asLong()).isEqualTo(weekAgo + 60_000);
        assertThat(followed.get("rate").asDouble()).isEqualTo(60.0);
    }

    private JsonNode view() throws Exception {
        return JSON.readTree(hub.figuresJson());
    }

    private List<JsonNode> figures() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        view().get("figures").forEach(out::add);
        return out;
    }

    private static MeasureRecord base(String measure, String queue) {
        MeasureRecord r = new MeasureRecord();
        r.measure = measure;
        r.queue = queue;
        r.scope = Scope.FORCE;
        r.scopeId = "Example County Police";
        r.force = r.scopeId;
        return r;
    }

    private static MeasureRecord sliding(String measure, String queue, int minutes, long end, double value) {
        MeasureRecord r = base(measure, queue);
        r.window = WindowKind.SLIDING;
        r.windowLengthMs = minutes * MINUTE;
        r.windowEnd = end;
        r.windowStart = end - r.windowLengthMs;
        r.value = value;
        r.target = measure.equals("ANSWERED_WITHIN_STANDARD") ? 0.9 : null;
        r.met = r.target == null ? null : value >= r.target;
        return r;
    }

    private static MeasureRecord day(String measure, String date, double value, int revision, boolean isFinal) {
        MeasureRecord r = base(measure, null);
        r.window = WindowKind.PERIOD;
        r.period = PeriodKind.DAY;
        r.start = date;
        r.value = value;
        r.revision = revision;
        r.isFinal = isFinal;
        return r;
    }

    private static MeasureRecord live(String measure, long asOf, double value) {
        MeasureRecord r = base(measure, "999");
        r.window = WindowKind.LIVE;
        r.asOf = asOf;
        r.value = value;
        return r;
    }

    private static MeasureRecord rated(String measure, Double value, Double target, Boolean met) {
        MeasureRecord r = base(measure, "999");
        r.value = value;
        r.target = target;
        r.met = met;
        return r;
    }

    @Test
    void aConditionShowsOneEpisodeAndAReCheckAfterARestartClearsAnyEpisodeOfIt() throws Exception {
        // Raised by the job before a failure, under an id the restored job never uses again.
        hub.offer(silent("s1", Alert.State.RAISED, "calls", NOW - 10 * MINUTE));
        hub.offer(silent("i1", Alert.State.RAISED, "incidents", NOW - 10 * MINUTE));
        hub.offer(silent("s2", Alert.State.RAISED, "calls", NOW - 5 * MINUTE));
        assertThat(view().get("alerts"))
                .as("a newer episode of the same feed's silence stands for it")
                .extracting(a -> a.get("alertId").asText())
                .containsExactlyInAnyOrder("s2", "i1");

        Alert recheck = silent("r1", Alert.State.CLEARED, "calls", NOW);
        recheck.outcome = "RECHECKED";
        hub.offer(recheck);
        assertThat(view().get("alerts"))
                .as("the re-check clears the feed's silence whatever its id")
                .extracting(a -> a.get("alertId").asText())
                .containsExactly("i1");
    }

    private static Alert silent(String id, Alert.State state, String feed, long episodeStart) {
        Alert a = new Alert();
        a.alertId = id;
        a.kind = Alert.Kind.FEED_SILENT;
        a.severity = Alert.Severity.CRITICAL;
        a.state = state;
        a.time = episodeStart;
        a.episodeStart = episodeStart;
        a.feed = feed;
        a.sentence = "silent";
        return a;
    }

    private static Alert atRisk(
            String id, int revision, Alert.State state, String incident, String district, long deadline) {
        Alert a = new Alert();
        a.alertId = id;
        a.revision = revision;
        a.kind = Alert.Kind.INCIDENT_AT_RISK;
        a.severity = Alert.Severity.WARNING;
        a.state = state;
        a.time = NOW;
        a.incidentId = incident;
        a.district = district;
        a.lpa = "South";
        a.deadline = deadline;
        a.sentence = "at risk";
        return a;
    }
}
