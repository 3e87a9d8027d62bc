package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static io.pacesetter.job.alerts.IncidentAlertsTest.arrived;
import static io.pacesetter.job.alerts.IncidentAlertsTest.cancelled;
import static io.pacesetter.job.alerts.IncidentAlertsTest.closed;
import static io.pacesetter.job.alerts.IncidentAlertsTest.created;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.incidents.IncidentState;
import io.pacesetter.job.ingest.LiveClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live run at 4 a.m.: the feed goes quiet, the watermark stops two minutes behind the last event,
 * and the wall clock alone must bring the incident alerts on time. Real-time feed: event time is
 * wall time ({@link LiveClock#realTime}), and the harness's processing time is the wall clock.
 */
class LiveIncidentAlertsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long T0 = at(JUNE_1_0800, Duration.ZERO);
    private static final long AT_RISK = after(ofMinutes(12));
    private static final long DEADLINE = after(ofMinutes(15));
    private static final long BOUND = CONFIG.events().outOfOrderness().toMillis();

    private IncidentAlertsHarness h;

    @BeforeEach
    void open() throws Exception {
        h = new IncidentAlertsHarness(CONFIG, LiveClock.realTime(), T0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    @Test
    void withNoFurtherInputAtRiskAndBreachedComeOnTheWallClockAtTheirMoment() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        h.watermark(T0 - BOUND); // the last event the feed sent: the watermark stops here, short of the CREATED
        assertThat(h.clock.numProcessingTimeTimers())
                .as("the at-risk point and the deadline, by the clock")
                .isEqualTo(2);

        h.wallClock(AT_RISK - 1);
        assertThat(h.alerts()).isEmpty();
        h.wallClock(AT_RISK);

        assertThat(h.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_AT_RISK);
            assertThat(a.time).isEqualTo(AT_RISK);
            assertThat(a.deadline).isEqualTo(DEADLINE);
        });
        assertThat(h.notices())
                .singleElement()
                .satisfies(n -> assertThat(n.provisional).isTrue());
        assertThat(h.clock.numProcessingTimeTimers()).as("the deadline").isEqualTo(1);

        h.wallClock(DEADLINE - 1);
        assertThat(h.alerts()).hasSize(1);
        h.wallClock(DEADLINE);

        assertThat(h.alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.time)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, AT_RISK),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, DEADLINE),
                        tuple(Alert.Kind.INCIDENT_BREACHED, Alert.State.RAISED, DEADLINE));
        assertThat(h.outcomes()).as("the figures still wait for the watermark").isEmpty();
        assertThat(h.clock.numProcessingTimeTimers()).isZero();

        // Morning: events flow again and the watermark passes the moments: the same alerts are not raised twice.
        h.watermark(DEADLINE + ofMinutes(5).toMillis());
        assertThat(h.alerts()).hasSize(3);
        assertThat(h.outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.met).isFalse());
        assertThat(h.notices())
                .filteredOn(n -> !n.provisional)
                .extracting(n -> n.state)
                .as("the event-time path still told everything")
                .contains(IncidentState.AT_RISK, IncidentState.BREACHED);
    }

    /** Closed before its at-risk moment with nobody sent: off the board, though its clock runs on for the figures. */
    private void closedWithNobodyOnScene() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"), closed("i1", after(ofMinutes(5)), "no police matter"));
        h.watermark(T0 - BOUND);
    }

    @Test
    void anIncidentClosedWithNobodyOnSceneSetsNoWallClockTimer() throws Exception {
        closedWithNobodyOnScene();

        assertThat(h.clock.numProcessingTimeTimers())
                .as("nothing to tell by the wall clock")
                .isZero();
    }

    @Test
    void theWallClockPassingAClosedIncidentsMomentsNeverSpins() throws Exception {
        // A live run once spun on such an incident's timer for good: a moment with nothing to tell, set again at
        // once; its subtask took no more input and completed no checkpoint.
        closedWithNobodyOnScene();

        assertTimeoutPreemptively(
                ofSeconds(10),
                () -> {
                    h.wallClock(AT_RISK);
                    h.wallClock(DEADLINE + ofMinutes(1).toMillis());
                },
                "the wall clock passing the incident's moments never finishes");
        assertThat(h.alerts())
                .as("off the board: never told at risk or breached")
                .isEmpty();
        assertThat(h.clock.numProcessingTimeTimers()).isZero();

        h.watermark(DEADLINE + ofMinutes(5).toMillis());
        assertThat(h.outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.met).as("the figures: missed").isFalse());
    }

    @Test
    void aFeedReadBackBehindTheClockIsJudgedWhereItIsNotByTheClock() throws Exception {
        // After a failover the source resumes from its checkpoint, 20 minutes behind the clock: the incident's
        // deadline has passed by the clock, but its ARRIVED is still to be read back, a second later.
        h.wallClock(DEADLINE + ofMinutes(5).toMillis());
        h.send(created("i1", T0, 1, "Ashby"));
        assertThat(h.alerts())
                .as("not breached while the feed is at the CREATED")
                .isEmpty();
        h.wallClock(DEADLINE + ofMinutes(5).toMillis() + 1_000);
        h.send(arrived("i1", after(ofMinutes(10))));
        h.wallClock(DEADLINE + ofMinutes(30).toMillis());
        assertThat(h.alerts()).as("attended in time: no alert at all").isEmpty();
        assertThat(h.clock.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anArrivalClearsAnEarlyAtRiskAtOnceWithoutWaitingForTheWatermark() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        h.watermark(T0 - BOUND);
        h.wallClock(AT_RISK);
        assertThat(h.alerts()).extracting(a -> a.state).containsExactly(Alert.State.RAISED);

        long arrival = after(ofMinutes(13));
        h.wallClock(arrival + 200);
        h.send(arrived("i1", arrival));

        assertThat(h.alerts())
                .extracting(a -> a.kind, a -> a.state, a -> a.outcome)
                .containsExactly(
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.RAISED, null),
                        tuple(Alert.Kind.INCIDENT_AT_RISK, Alert.State.CLEARED, "ATTENDED"));
        assertThat(h.clock.numProcessingTimeTimers())
                .as("no breach to wait for")
                .isZero();

        h.wallClock(DEADLINE);
        h.watermark(arrival + ofMinutes(10).toMillis());
        assertThat(h.alerts()).as("nothing more, early or late").hasSize(2);
        assertThat(h.outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.met).isTrue());
    }

    @Test
    void anEarlyBreachThatAnArrivalReportedLateShowsWasInTimeIsWithdrawn() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        h.watermark(T0 - BOUND);
        h.wallClock(DEADLINE);
        assertThat(h.alerts())
                .last()
                .extracting(a -> a.kind, a -> a.state)
                .containsExactly(Alert.Kind.INCIDENT_BREACHED, Alert.State.RAISED);

        long arrival = after(ofMinutes(14).plusSeconds(50));
        h.wallClock(DEADLINE + ofSeconds(40).toMillis());
        h.send(arrived("i1", arrival)); // stamped before the deadline, sent 50 s late: within the out-of-orderness

        assertThat(h.alerts()).last().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_BREACHED);
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.outcome).isEqualTo("ATTENDED_IN_TIME");
            assertThat(a.sentence).startsWith("Correction: a unit had in fact arrived at incident i1 at 08:14:50");
        });
        int told = h.alerts().size();

        h.watermark(DEADLINE + ofMinutes(5).toMillis());
        assertThat(h.alerts()).as("the watermark agrees: nothing more").hasSize(told);
        assertThat(h.outcomes())
                .as("met, by event time")
                .singleElement()
                .satisfies(o -> assertThat(o.met).isTrue());
    }

    @Test
    void aCancellationKnownBeforeTheMomentMeansNoEarlyAlert() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        h.wallClock(after(ofMinutes(10)));
        h.send(cancelled("i1", after(ofMinutes(10))));
        h.watermark(after(ofMinutes(8)));

        h.wallClock(DEADLINE + 1);

        assertThat(h.alerts()).isEmpty();
        assertThat(h.clock.numProcessingTimeTimers()).isZero();
    }

    @Test
    void nothingIsKeptOnceTheIncidentIsAttendedAndClosed() throws Exception {
        h.send(created("i1", T0, 1, "Ashby"));
        h.wallClock(AT_RISK);
        h.send(arrived("i1", after(ofMinutes(13))), closed("i1", after(ofMinutes(30)), null));
        h.wallClock(after(ofMinutes(30)));
        h.watermark(after(ofMinutes(30)));
        assertThat(h.clock.numProcessingTimeTimers()).isZero();
        // Closed and settled, it is kept open to late corrections for the allowed lateness, then forgotten.
        h.watermark(after(ofMinutes(30)) + CONFIG.events().allowedLateness().toMillis() + 1);

        assertThat(h.clock.numKeyedStateEntries()).isZero();
        assertThat(h.clock.numEventTimeTimers()).isZero();
        assertThat(h.clock.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aReplayHasNoWallClockTimersAndIgnoresTheClock() throws Exception {
        try (IncidentAlertsHarness replay = new IncidentAlertsHarness(CONFIG, null, T0)) {
            replay.send(created("i1", T0, 1, "Ashby"));
            replay.wallClock(DEADLINE + ofMinutes(1).toMillis());

            assertThat(replay.clock.numProcessingTimeTimers()).isZero();
            assertThat(replay.alerts()).as("only the watermark moves a replay").isEmpty();
        }
    }

    @Test
    void aSimulatedFeedAtSixtyTimesRealTimeIsAlertedAtItsOwnPace() throws Exception {
        Instant wallStart = Instant.parse("2030-01-01T00:00:00Z");
        LiveClock sixty = LiveClock.simulated(Instant.ofEpochMilli(T0), wallStart, 60);
        try (IncidentAlertsHarness fast = new IncidentAlertsHarness(CONFIG, sixty, wallStart.toEpochMilli())) {
            fast.send(created("i1", T0, 1, "Ashby"));

            fast.wallClock(wallStart.toEpochMilli() + 11_999); // 12 simulated minutes are 12 wall seconds
            assertThat(fast.alerts()).isEmpty();
            fast.wallClock(wallStart.toEpochMilli() + 12_000);
            assertThat(fast.alerts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.time).isEqualTo(AT_RISK));
        }
    }
}
