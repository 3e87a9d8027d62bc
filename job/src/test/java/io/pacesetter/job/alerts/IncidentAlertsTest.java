package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static io.pacesetter.job.TestData.ms;
import static io.pacesetter.testkit.TestEvents.incident;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of an emergency incident's alerts, through the incident clock and the alerts as in the
 * job, in event time (a replay: watermarks only). The default configuration: Ashby is urban (North
 * LPA), 15 minutes, at risk after 12; Bramley is rural, 20 minutes, at risk after 16.
 */
class IncidentAlertsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long T0 = at(JUNE_1_0800, Duration.ZERO);
    private static final long AT_RISK = after(ofMinutes(12));
    private static final long DEADLINE = after(ofMinutes(15));

    private IncidentAlertsHarness h;

    @BeforeEach
    void open() throws Exception {
        h = new IncidentAlertsHarness(CONFIG, null, 0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    static IncidentEvent created(String id, long time, int grade, String district) {
        return incident(id, IncidentEventType.CREATED, time, grade, district, null, null);
    }

    static IncidentEvent graded(String id, long time, int grade) {
        return incident(id, IncidentEventType.GRADED, time, grade, null, null, null);
    }

    static IncidentEvent arrived(String id, long time) {
        return incident(id, IncidentEventType.ARRIVED, time, null, null, null, null);
    }

    static IncidentEvent cancelled(String id, long time) {
        return incident(id, IncidentEventType.CANCELLED, time, null, null, null, null);
    }

    static IncidentEvent closed(String id, long time, String reason) {
        return incident(id, IncidentEventType.CLOSED, time, null, null, null, reason);
    }

    static IncidentEvent reasonRecorded(String id, long time, String reason) {
        return incident(id, IncidentEventType.REASON_RECORDED, time, null, null, null, reason);
    }

    private List<Alert> alerts() {
        return h.alerts();
    }

    private void watermark(Duration d) throws Exception {
        h.watermark(after(d));
    }

    @Test
    void atRiskThenAnArrivalClearsItAndNothingBreaches() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), arrived("i1", after(ofMinutes(13).plusSeconds(20))));
        watermark(ofMinutes(12).minusMillis(1));
        assertThat(alerts()).as("nothing before 80% of the limit").isEmpty();

        watermark(ofMinutes(12));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_AT_RISK);
            assertThat(a.state).isEqualTo(Alert.State.RAISED);
            assertThat(a.severity).isEqualTo(Alert.Severity.WARNING);
            assertThat(AlertRouting.of(CONFIG).audienceOf(a))
                    .containsExactly(Alert.Audience.PACESETTER, Alert.Audience.FORCE_CONTROL_ROOM);
            assertThat(a.time).isEqualTo(AT_RISK);
            assertThat(a.deadline).isEqualTo(DEADLINE);
            assertThat(a.district).isEqualTo("Ashby");
            assertThat(a.lpa).isEqualTo("North");
            assertThat(a.sentence)
                    .isEqualTo("Grade 1 incident i1 in Ashby (North LPA) has had nobody on scene for 12 min of its "
                            + "15 min attendance limit; the limit passes at 08:15:00. No unit has been dispatched.");
        });

        watermark(ofMinutes(30));

        assertThat(alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.revision, a -> a.outcome)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, 0, null),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, 1, "ATTENDED"));
        Alert cleared = alerts().get(1);
        assertThat(cleared.alertId).as("the same alert").isEqualTo(alerts().get(0).alertId);
        assertThat(cleared.time).isEqualTo(after(ofMinutes(13).plusSeconds(20)));
        assertThat(cleared.sentence)
                .isEqualTo("A unit arrived at incident i1 at 08:13:20, 13 min 20 s after it became grade 1: "
                        + "within its 15 min limit.");
    }

    @Test
    void atRiskThenBreachedClearsTheAtRiskAndTellsTheDutyCommandOfficer() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        watermark(ofMinutes(15).minusMillis(1));
        assertThat(alerts()).extracting(a -> a.kind).containsExactly(Alert.Kind.INCIDENT_AT_RISK);

        watermark(ofMinutes(15));

        assertThat(alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.outcome)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, null),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, "BREACHED"),
                        tuple(Alert.Kind.INCIDENT_BREACHED, Alert.State.RAISED, null));
        assertThat(alerts().get(1).sentence).contains("no longer at risk").contains("see the breach alert");
        Alert breach = alerts().get(2);
        assertThat(breach.severity).isEqualTo(Alert.Severity.CRITICAL);
        // Individual breaches reach the duty Command Officer only in the digest.
        assertThat(AlertRouting.of(CONFIG).audienceOf(breach)).containsExactly(Alert.Audience.PACESETTER);
        assertThat(breach.time).isEqualTo(DEADLINE);
        assertThat(breach.sentence)
                .isEqualTo(
                        "Grade 1 incident i1 in Ashby (North LPA) passed its 15 min attendance limit at "
                                + "08:15:00 with nobody on scene: the standard is missed and a reason will be needed for the review.");
        assertThat(breach.alertId).isNotEqualTo(alerts().get(0).alertId);
    }

    @Test
    void anArrivalBeforeTheAtRiskPointRaisesNothingAndKeepsNothing() throws Exception {
        h.send(
                created("i1", T0, 1, "Ashby"),
                arrived("i1", after(ofMinutes(11).plusSeconds(59))),
                closed("i1", after(ofMinutes(40)), null));
        watermark(ofHours(1));

        assertThat(alerts()).isEmpty();
        assertThat(h.alerts.numKeyedStateEntries()).as("no alert, no state").isZero();
        assertThat(h.alerts.numEventTimeTimers()).isZero();
    }

    @Test
    void anIncidentRegradedToGradeOneIsTimedFromTheRegrade() throws Exception {
        long upgrade = after(ofMinutes(5));
        h.send(created("i1", T0, 2, "Ashby"), graded("i1", upgrade, 1));
        watermark(ofMinutes(16));
        assertThat(alerts())
                .as("a clock from the creation would be at risk at 08:12 and breached at 08:15")
                .isEmpty();

        watermark(ofMinutes(17));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_AT_RISK);
            assertThat(a.time).isEqualTo(after(ofMinutes(17)));
            assertThat(a.clockStart).isEqualTo(upgrade);
            assertThat(a.episodeStart).isEqualTo(upgrade);
        });

        watermark(ofMinutes(20));
        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.deadline).isEqualTo(after(ofMinutes(20)));
        });
    }

    @Test
    void aDowngradeBeforeTheDeadlineClearsTheAtRiskAndNeverBreaches() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), graded("i1", after(ofMinutes(13)), 2));
        watermark(ofHours(1));

        assertThat(alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.outcome)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, null),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, "DOWNGRADED"));
        assertThat(alerts().get(1).sentence)
                .isEqualTo("Incident i1 was downgraded to grade 2 at 08:13:00, before its limit: "
                        + "it leaves the emergency attendance standard.");
        assertThat(h.outcomes()).as("out of the measure, not failed").isEmpty();
    }

    @Test
    void aCancellationBeforeTheDeadlineClearsTheAtRiskAndNeverBreaches() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), cancelled("i1", after(ofMinutes(14))));
        watermark(ofHours(1));

        assertThat(alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.outcome)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, null),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, "CANCELLED"));
        assertThat(alerts().get(1).sentence).contains("cancelled at 08:14:00, before its limit");
        assertThat(h.outcomes()).isEmpty();
    }

    @Test
    void aCancellationAfterTheDeadlineLeavesTheBreachStanding() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), cancelled("i1", after(ofMinutes(16))));
        watermark(ofMinutes(16));

        assertThat(alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.outcome)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, null),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, "BREACHED"),
                        tuple(Alert.Kind.INCIDENT_BREACHED, Alert.State.RAISED, null),
                        tuple(Alert.Kind.INCIDENT_BREACHED, Alert.State.CLEARED, "CANCELLED_AFTER_BREACH"));
        assertThat(alerts().get(3).sentence)
                .isEqualTo("Incident i1 was cancelled at 08:16:00, after its limit passed: "
                        + "the breach stands and a reason is needed for the review.");
        assertThat(h.outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.met).as("still a failure").isFalse());
    }

    @Test
    void aLateArrivalClearsTheBreachAndAsksForAReason() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), arrived("i1", after(ofMinutes(17).plusSeconds(5))));
        watermark(ofMinutes(20));

        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.outcome).isEqualTo("ATTENDED_LATE");
            assertThat(a.arrivedAt).isEqualTo(after(ofMinutes(17).plusSeconds(5)));
            assertThat(a.sentence)
                    .isEqualTo("A unit arrived at incident i1 at 08:17:05, 2 min 5 s after its limit passed: "
                            + "the standard is missed and a reason is needed for the review.");
        });
    }

    @Test
    void aReasonRecordedWhileBreachedUpdatesTheBreach() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), reasonRecorded("i1", after(ofMinutes(18)), "No resources available"));
        watermark(ofMinutes(20));

        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.state).isEqualTo(Alert.State.UPDATED);
            assertThat(a.revision).isEqualTo(1);
            assertThat(a.reason).isEqualTo("No resources available");
            assertThat(a.sentence)
                    .isEqualTo("The reason recorded for the missed attendance at incident i1: No resources available.");
        });
    }

    @Test
    void theReasonOnTheClosureRidesOnTheClearedBreachAndANextDayReasonIsNotNeeded() throws Exception {
        h.send(
                created("i1", T0, 1, "Ashby"),
                arrived("i1", after(ofMinutes(22))),
                closed("i1", after(ofMinutes(50)), "Traffic"));
        watermark(ofHours(1));

        Alert last = alerts().get(alerts().size() - 1);
        assertThat(alerts())
                .filteredOn(a -> a.kind == Alert.Kind.INCIDENT_BREACHED)
                .extracting(a -> a.state, a -> a.outcome, a -> a.reason)
                .containsExactly(
                        tuple(Alert.State.RAISED, null, null),
                        tuple(Alert.State.CLEARED, "ATTENDED_LATE", null),
                        tuple(Alert.State.CLEARED, "ATTENDED_LATE", "Traffic"));
        assertThat(last.revision).isEqualTo(2);
    }

    @Test
    void aReasonAtTheNextDaysReviewReissuesTheClearedBreachWithIt() throws Exception {
        h.send(
                created("i1", T0, 1, "Ashby"),
                arrived("i1", after(ofMinutes(22))),
                closed("i1", after(ofMinutes(50)), null));
        watermark(ofHours(1));
        long review = ms("2016-06-02T08:30:00Z");

        h.send(reasonRecorded("i1", review, "No resources available"));
        h.watermark(review);

        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.state).as("still cleared, now with its reason").isEqualTo(Alert.State.CLEARED);
            assertThat(a.reason).isEqualTo("No resources available");
            assertThat(a.time).isEqualTo(review);
        });
        assertThat(h.clock.numKeyedStateEntries())
                .as("the clock keeps the closed incident open to late corrections")
                .isOne();
        h.watermark(review + CONFIG.events().allowedLateness().toMillis() + 1);
        assertThat(h.clock.numKeyedStateEntries())
                .as("the clock forgets the incident once no correction can come")
                .isZero();
    }

    @Test
    void theAlertsAreForgottenTheRetentionAfterTheLastNotice() throws Exception {
        h.send(
                created("i1", T0, 1, "Ashby"),
                arrived("i1", after(ofMinutes(13))),
                closed("i1", after(ofMinutes(30)), null));
        watermark(ofHours(1));
        assertThat(h.alerts.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.alerts.numEventTimeTimers()).isEqualTo(1);

        h.watermark(after(ofMinutes(13)) + ofDays(2).toMillis());

        assertThat(h.alerts.numKeyedStateEntries()).isZero();
        assertThat(h.alerts.numEventTimeTimers()).isZero();
    }

    @Test
    void aBreachNeverClosedIsTakenOffWhenTheClockForgetsIt() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        watermark(ofDays(3));

        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.outcome).isEqualTo("FORGOTTEN");
            assertThat(a.sentence)
                    .isEqualTo("Nothing has been heard of incident i1 since 08:00:00: it is taken off the alerts.");
        });
        assertThat(h.clock.numKeyedStateEntries()).isZero();
        assertThat(h.alerts.numKeyedStateEntries()).isZero();
    }

    @Test
    void anArrivalInTimeReportedAfterTheBreachWithdrawsTheBreachSayingSo() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        watermark(ofMinutes(16));
        assertThat(alerts())
                .last()
                .extracting(a -> a.kind, a -> a.state)
                .containsExactly(Alert.Kind.INCIDENT_BREACHED, Alert.State.RAISED);

        h.send(arrived("i1", after(ofMinutes(14).plusSeconds(50)))); // reported late: behind the watermark
        watermark(ofMinutes(17));

        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.outcome).isEqualTo("ATTENDED_IN_TIME");
            assertThat(a.time)
                    .as("when it really happened")
                    .isEqualTo(after(ofMinutes(14).plusSeconds(50)));
            assertThat(a.sentence)
                    .isEqualTo("Correction: a unit had in fact arrived at incident i1 at 08:14:50, within its 15 min "
                            + "limit (the arrival was reported late); this breach alert is withdrawn.");
        });
        // The figures follow (docs/contracts.md, "Late events"): the failure is retracted and the attendance in time
        // counted in its place, so the incident has one outcome in the final figures.
        assertThat(h.outcomes())
                .extracting(o -> o.met, o -> o.retraction, o -> o.revision)
                .containsExactly(tuple(false, false, false), tuple(false, true, false), tuple(true, false, true));
    }

    @Test
    void aReplayGivesTheSameAlertsWhateverTheOrderWithinTheBound() throws Exception {
        List<IncidentEvent> inOrder = List.of(
                created("a", T0, 2, "Bramley"),
                graded("a", after(ofSeconds(30)), 1),
                created("b", T0, 1, "Ashby"),
                arrived("b", after(ofMinutes(13))),
                arrived("a", after(ofMinutes(21))),
                closed("a", after(ofMinutes(25)), "Roadworks"));
        List<IncidentEvent> outOfOrder = List.of(
                graded("a", after(ofSeconds(30)), 1),
                created("b", T0, 1, "Ashby"),
                created("a", T0, 2, "Bramley"),
                arrived("b", after(ofMinutes(13))),
                closed("a", after(ofMinutes(25)), "Roadworks"),
                arrived("a", after(ofMinutes(21))));
        assertThat(replay(outOfOrder)).isEqualTo(replay(inOrder)).isNotEmpty();
    }

    /** Sends the events with the watermark two minutes (the bound) behind the newest, as the job does. */
    private static List<String> replay(List<IncidentEvent> events) throws Exception {
        long bound = CONFIG.events().outOfOrderness().toMillis();
        try (IncidentAlertsHarness r = new IncidentAlertsHarness(CONFIG, null, 0)) {
            long newest = Long.MIN_VALUE;
            for (IncidentEvent e : events) {
                r.send(e);
                newest = Math.max(newest, e.time);
                r.watermark(newest - bound);
            }
            r.watermark(newest + ofHours(1).toMillis());
            return r.alerts().stream()
                    .map(io.pacesetter.connectors.sink.RecordJson::alert)
                    .sorted()
                    .toList();
        }
    }
}
