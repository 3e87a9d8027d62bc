package io.pacesetter.job.incidents;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static io.pacesetter.job.TestData.ms;
import static io.pacesetter.testkit.TestEvents.incident;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.RejectReason;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of an emergency incident's attendance clock, with outcomes worked by hand. The default
 * configuration: 15 minutes urban, 20 rural, at risk at 80%; Ashby is urban, Bramley rural.
 */
class IncidentClockTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long T0 = at(JUNE_1_0800, Duration.ZERO);
    private static final String NO_RESOURCES = "No resources available";

    private KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, IncidentOutcome> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness(true);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, IncidentOutcome> harness(boolean live)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new IncidentClock(CONFIG, live), e -> e.incidentId, Types.STRING);
    }

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    private static IncidentEvent created(String id, long time, int grade, String district) {
        return incident(id, IncidentEventType.CREATED, time, grade, district, null, null);
    }

    private static IncidentEvent created(String id, long time, int grade, String district, Area area) {
        return incident(id, IncidentEventType.CREATED, time, grade, district, area, null);
    }

    private static IncidentEvent graded(String id, long time, int grade) {
        return incident(id, IncidentEventType.GRADED, time, grade, null, null, null);
    }

    private static IncidentEvent dispatched(String id, long time) {
        return incident(id, IncidentEventType.DISPATCHED, time, null, null, null, null);
    }

    private static IncidentEvent arrived(String id, long time) {
        return incident(id, IncidentEventType.ARRIVED, time, null, null, null, null);
    }

    private static IncidentEvent closed(String id, long time, String reason) {
        return incident(id, IncidentEventType.CLOSED, time, null, null, null, reason);
    }

    private static IncidentEvent cancelled(String id, long time) {
        return incident(id, IncidentEventType.CANCELLED, time, null, null, null, null);
    }

    private static IncidentEvent reasonRecorded(String id, long time, String reason) {
        return incident(id, IncidentEventType.REASON_RECORDED, time, null, null, null, reason);
    }

    private static IncidentOutcome met(String id, String district, Area area, long clockStart, long arrival) {
        return new IncidentOutcome(id, district, area, clockStart, arrival, true, null, false);
    }

    private static IncidentOutcome failed(
            String id, String district, Area area, long clockStart, long deadline, String reason) {
        return new IncidentOutcome(id, district, area, clockStart, deadline, false, reason, false);
    }

    private static IncidentOutcome lateReason(
            String id, String district, Area area, long clockStart, long deadline, String reason) {
        return new IncidentOutcome(id, district, area, clockStart, deadline, false, reason, true);
    }

    private static IncidentChange change(String id, IncidentState state, long deadline, long time) {
        return new IncidentChange(id, "Ashby", Area.URBAN, state, deadline, time);
    }

    private void send(IncidentEvent... events) throws Exception {
        for (IncidentEvent e : events) {
            harness.processElement(e, e.time);
        }
    }

    private void watermark(Duration after) throws Exception {
        harness.processWatermark(after(after));
    }

    private List<IncidentOutcome> outcomes() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(IncidentClock.DEAD_LETTERS) == null
                ? List.of()
                : harness.getSideOutput(IncidentClock.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private List<IncidentChange> changes() {
        return harness.getSideOutput(IncidentClock.CHANGES) == null
                ? List.of()
                : harness.getSideOutput(IncidentClock.CHANGES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    /**
     * A settled incident is kept while a late event could still revise it (the allowed lateness after its
     * last news); after that nothing is kept, and forgetting it changes no figure.
     */
    private void assertNothingKept() throws Exception {
        int before = outcomes().size();
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(outcomes()).as("forgetting changes no figure").hasSize(before);
        assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
    }

    @Test
    void anArrivalExactlyAtTheLimitMeetsTheStandard() throws Exception {
        send(created("i1", T0, 1, "Ashby"), arrived("i1", after(ofMinutes(15))));
        watermark(ofMinutes(15).minusMillis(1));
        assertThat(outcomes())
                .as("nothing before the watermark reaches the arrival")
                .isEmpty();

        watermark(ofMinutes(15));

        assertThat(outcomes()).containsExactly(met("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15))));
        assertThat(outcomes().get(0).responseMs()).isEqualTo(900_000);
        send(closed("i1", after(ofMinutes(40)), null));
        watermark(ofMinutes(40));
        assertThat(outcomes()).hasSize(1);
        assertNothingKept();
    }

    @Test
    void oneMillisecondLateFailsAtTheDeadlineBeforeTheArrivalIsTaken() throws Exception {
        send(created("i1", T0, 1, "Ashby"), arrived("i1", after(ofMinutes(15).plusMillis(1))));
        watermark(ofMinutes(15).minusMillis(1));
        assertThat(outcomes()).isEmpty();

        watermark(ofMinutes(15));

        assertThat(outcomes())
                .as("failed the moment the limit passed; the arrival is still waiting")
                .containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));
        watermark(ofMinutes(16));
        assertThat(outcomes()).as("the late arrival changes nothing").hasSize(1);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void theSameTimesMeetInARuralAreaAndFailInAnUrbanOne() throws Exception {
        long arrival = after(ofMinutes(17));
        send(
                created("ashby", T0, 1, "Ashby"),
                arrived("ashby", arrival),
                created("bramley", T0, 1, "Bramley"),
                arrived("bramley", arrival),
                created("ashby-says-rural", T0, 1, "Ashby", Area.RURAL),
                arrived("ashby-says-rural", arrival),
                created("bramley-says-urban", T0, 1, "Bramley", Area.URBAN),
                arrived("bramley-says-urban", arrival));

        watermark(ofMinutes(20));

        assertThat(outcomes())
                .containsExactlyInAnyOrder(
                        failed("ashby", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        met("bramley", "Bramley", Area.RURAL, T0, arrival),
                        met("ashby-says-rural", "Ashby", Area.RURAL, T0, arrival),
                        failed("bramley-says-urban", "Bramley", Area.URBAN, T0, after(ofMinutes(15)), null));
    }

    @Test
    void aRuralIncidentMeetsAtExactlyTwentyMinutesAndFailsOneMillisecondLater() throws Exception {
        send(
                created("on-time", T0, 1, "Bramley"),
                arrived("on-time", after(ofMinutes(20))),
                created("late", T0, 1, "Bramley"),
                arrived("late", after(ofMinutes(20).plusMillis(1))));
        watermark(ofMinutes(21));
        assertThat(outcomes())
                .containsExactlyInAnyOrder(
                        met("on-time", "Bramley", Area.RURAL, T0, after(ofMinutes(20))),
                        failed("late", "Bramley", Area.RURAL, T0, after(ofMinutes(20)), null));
    }

    @Test
    void createdAtGradeTwoAndUpgradedRunsTheClockFromTheUpgrade() throws Exception {
        send(created("i1", T0, 2, "Ashby"), graded("i1", after(ofMinutes(5)), 1), arrived("i1", after(ofMinutes(19))));
        watermark(ofMinutes(15));
        assertThat(outcomes())
                .as("a clock from the creation would have failed here")
                .isEmpty();

        watermark(ofMinutes(19));

        assertThat(outcomes())
                .containsExactly(met("i1", "Ashby", Area.URBAN, after(ofMinutes(5)), after(ofMinutes(19))));
        assertThat(outcomes().get(0).responseMs()).isEqualTo(ofMinutes(14).toMillis());
    }

    @Test
    void downgradedAndUpgradedAgainRunsTheClockFromTheSecondUpgrade() throws Exception {
        send(
                created("met", T0, 1, "Ashby"),
                graded("met", after(ofMinutes(3)), 2),
                graded("met", after(ofMinutes(10)), 1),
                arrived("met", after(ofMinutes(24).plusSeconds(30))));
        send(
                created("failed", T0, 1, "Ashby"),
                graded("failed", after(ofMinutes(3)), 2),
                graded("failed", after(ofMinutes(10)), 1));
        watermark(ofMinutes(15));
        assertThat(outcomes()).as("the first clock stopped at the downgrade").isEmpty();

        watermark(ofMinutes(25).minusMillis(1));
        assertThat(outcomes())
                .containsExactly(met(
                        "met",
                        "Ashby",
                        Area.URBAN,
                        after(ofMinutes(10)),
                        after(ofMinutes(24).plusSeconds(30))));

        watermark(ofMinutes(25));
        assertThat(outcomes())
                .last()
                .isEqualTo(failed("failed", "Ashby", Area.URBAN, after(ofMinutes(10)), after(ofMinutes(25)), null));
    }

    @Test
    void cancelledBeforeTheDeadlineLeavesTheMeasure() throws Exception {
        send(
                created("i1", T0, 1, "Ashby"),
                dispatched("i1", after(ofMinutes(2))),
                cancelled("i1", after(ofMinutes(10))));
        watermark(ofHours(1));

        assertThat(outcomes()).isEmpty();
        assertNothingKept();
    }

    @Test
    void cancelledAfterTheDeadlineTheFailureStands() throws Exception {
        send(created("i1", T0, 1, "Ashby"), cancelled("i1", after(ofMinutes(16))));
        watermark(ofMinutes(16));

        assertThat(outcomes()).containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));
        assertThat(harness.numKeyedStateEntries())
                .as("the failure still owes its reason")
                .isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("only the retention").isEqualTo(1);

        watermark(ofMinutes(16).plus(ofDays(2)));
        assertThat(outcomes()).hasSize(1);
        assertNothingKept();
    }

    @Test
    void noArrivalEverIsOneFailureAtTheDeadline() throws Exception {
        send(created("i1", T0, 1, "Ashby"));
        watermark(ofMinutes(15));
        assertThat(outcomes()).containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));

        watermark(ofDays(3));
        assertThat(outcomes()).hasSize(1);
        assertNothingKept();
    }

    @Test
    void ofTwoArrivalsSentOutOfOrderTheEarlierOneCounts() throws Exception {
        send(created("i1", T0, 1, "Ashby"), arrived("i1", after(ofMinutes(12))), arrived("i1", after(ofMinutes(9))));
        watermark(ofMinutes(15));

        assertThat(outcomes()).containsExactly(met("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(9))));
    }

    @Test
    void aReasonRecordedTheNextDayFollowsTheFailureAtItsDeadline() throws Exception {
        send(
                created("i1", T0, 1, "Ashby"),
                arrived("i1", after(ofMinutes(22))),
                closed("i1", after(ofMinutes(40)), null));
        watermark(ofMinutes(40));
        assertThat(outcomes()).containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));
        assertThat(harness.numKeyedStateEntries())
                .as("closed, but the reason is still owed")
                .isEqualTo(1);

        long review = ms("2016-06-02T08:30:00Z"); // 09:30 the next day, at the daily review
        send(reasonRecorded("i1", review, NO_RESOURCES));
        harness.processWatermark(review);

        assertThat(outcomes())
                .containsExactly(
                        failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        lateReason("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), NO_RESOURCES));
        assertNothingKept();
    }

    @Test
    void onlyTheFirstLateReasonIsSent() throws Exception {
        send(created("i1", T0, 1, "Ashby"));
        watermark(ofMinutes(15));
        send(
                reasonRecorded("i1", after(ofMinutes(20)), NO_RESOURCES),
                reasonRecorded("i1", after(ofMinutes(30)), "Traffic"));
        watermark(ofMinutes(30));

        assertThat(outcomes())
                .containsExactly(
                        failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        lateReason("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), NO_RESOURCES));
    }

    @Test
    void aReasonGivenBeforeTheDeadlineIsOnTheFailureItself() throws Exception {
        send(
                created("i1", T0, 1, "Ashby"),
                reasonRecorded("i1", after(ofMinutes(12)), NO_RESOURCES),
                arrived("i1", after(ofMinutes(18))),
                closed("i1", after(ofMinutes(30)), "Traffic"));
        watermark(ofMinutes(30));

        assertThat(outcomes())
                .containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), NO_RESOURCES));
        assertNothingKept();
    }

    @Test
    void closedWithAReasonBeforeTheDeadlineFailsAtTheDeadlineWithThatReason() throws Exception {
        send(created("i1", T0, 1, "Ashby"), closed("i1", after(ofMinutes(10)), "Resolved by telephone"));
        watermark(ofMinutes(14));
        assertThat(outcomes()).isEmpty();

        watermark(ofMinutes(15));

        assertThat(outcomes())
                .containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), "Resolved by telephone"));
        assertThat(changes())
                .as("closed: off the display, never breached there")
                .containsExactly(
                        change("i1", IncidentState.OPEN, after(ofMinutes(15)), T0),
                        change("i1", IncidentState.GONE, after(ofMinutes(15)), after(ofMinutes(10))));
        assertNothingKept();
    }

    @Test
    void aClosureWithAReasonAfterTheFailureSendsTheReasonOnItsOwn() throws Exception {
        send(
                created("i1", T0, 1, "Ashby"),
                arrived("i1", after(ofMinutes(16))),
                closed("i1", after(ofMinutes(50)), NO_RESOURCES));
        watermark(ofMinutes(50));

        assertThat(outcomes())
                .containsExactly(
                        failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        lateReason("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), NO_RESOURCES));
        assertNothingKept();
    }

    @Test
    void aResourceAlreadyOnSceneWhenTheIncidentIsUpgradedMeetsAtTheUpgrade() throws Exception {
        send(created("i1", T0, 2, "Ashby"), arrived("i1", after(ofMinutes(5))), graded("i1", after(ofMinutes(8)), 1));
        watermark(ofMinutes(8));

        assertThat(outcomes())
                .containsExactly(met("i1", "Ashby", Area.URBAN, after(ofMinutes(8)), after(ofMinutes(8))));
    }

    @Test
    void anIncidentHasAtMostOneOutcome() throws Exception {
        send(
                created("met", T0, 1, "Ashby"),
                arrived("met", after(ofMinutes(5))),
                graded("met", after(ofMinutes(6)), 2),
                graded("met", after(ofMinutes(7)), 1),
                arrived("met", after(ofMinutes(9))));
        send(
                created("failed", T0, 1, "Ashby"),
                graded("failed", after(ofMinutes(16)), 2),
                graded("failed", after(ofMinutes(17)), 1),
                arrived("failed", after(ofMinutes(18))));
        watermark(ofHours(1));

        assertThat(outcomes())
                .containsExactlyInAnyOrder(
                        met("met", "Ashby", Area.URBAN, T0, after(ofMinutes(5))),
                        failed("failed", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));
    }

    @Test
    void eventsOutOfOrderWithinTheBoundGiveTheSameOutcomesAsInOrder() throws Exception {
        IncidentEvent aCreated = created("a", T0, 2, "Ashby");
        IncidentEvent aUpgraded = graded("a", after(ofSeconds(30)), 1);
        IncidentEvent aDispatched = dispatched("a", after(ofMinutes(1)));
        IncidentEvent aFirstUnit = arrived("a", after(ofMinutes(13)));
        IncidentEvent aSecondUnit = arrived("a", after(ofMinutes(14).plusSeconds(30)));
        IncidentEvent aClosed = closed("a", after(ofMinutes(40)), null);
        assertSameInAnyOrderWithinTheBound(
                List.of(aCreated, aUpgraded, aDispatched, aFirstUnit, aSecondUnit, aClosed),
                List.of(aUpgraded, aDispatched, aCreated, aSecondUnit, aFirstUnit, aClosed),
                List.of(met("a", "Ashby", Area.URBAN, after(ofSeconds(30)), after(ofMinutes(13)))));

        IncidentEvent bCreated = created("b", T0, 1, "Ashby");
        IncidentEvent bDowngraded = graded("b", after(ofMinutes(14)), 2);
        IncidentEvent bUpgraded = graded("b", after(ofMinutes(15).plusSeconds(30)), 1);
        IncidentEvent bArrived = arrived("b", after(ofMinutes(16)));
        IncidentEvent bClosed = closed("b", after(ofMinutes(30)), null);
        assertSameInAnyOrderWithinTheBound(
                List.of(bCreated, bDowngraded, bUpgraded, bArrived, bClosed),
                List.of(bCreated, bUpgraded, bDowngraded, bArrived, bClosed),
                List.of(met("b", "Ashby", Area.URBAN, after(ofMinutes(15).plusSeconds(30)), after(ofMinutes(16)))));

        IncidentEvent cCreated = created("c", T0, 1, "Bramley");
        IncidentEvent cArrived = arrived("c", after(ofMinutes(20).plusMillis(1)));
        IncidentEvent cClosed = closed("c", after(ofMinutes(21)), "Roadworks");
        assertSameInAnyOrderWithinTheBound(
                List.of(cCreated, cArrived, cClosed),
                List.of(cCreated, cClosed, cArrived),
                List.of(
                        failed("c", "Bramley", Area.RURAL, T0, after(ofMinutes(20)), null),
                        lateReason("c", "Bramley", Area.RURAL, T0, after(ofMinutes(20)), "Roadworks")));
    }

    /** Sends each order with the watermark two minutes (the bound) behind the newest event, as the job does. */
    private static void assertSameInAnyOrderWithinTheBound(
            List<IncidentEvent> inOrder, List<IncidentEvent> outOfOrder, List<IncidentOutcome> expected)
            throws Exception {
        long bound = CONFIG.events().outOfOrderness().toMillis();
        for (List<IncidentEvent> order : List.of(inOrder, outOfOrder)) {
            try (var h = harness(false)) {
                long newest = order.get(0).time;
                for (IncidentEvent e : order) {
                    assertThat(e.time).as("within the bound").isGreaterThan(newest - bound);
                    h.processElement(e, e.time);
                    newest = Math.max(newest, e.time);
                    h.processWatermark(newest - bound);
                }
                h.processWatermark(newest + ofHours(1).toMillis());
                assertThat(h.extractOutputValues()).as("sent as %s", order).containsExactlyElementsOf(expected);
                assertThat(h.getSideOutput(IncidentClock.DEAD_LETTERS)).isNull();
            }
        }
    }

    @Test
    void anArrivalStampedBeforeItsIncidentWasCreatedIsDeadLetteredAndIgnored() throws Exception {
        IncidentEvent early = arrived("i1", T0);
        send(early, created("i1", after(ofSeconds(5)), 1, "Ashby"));
        watermark(ofMinutes(1));

        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.ARRIVAL_BEFORE_CREATION);
            assertThat(d.eventId).isEqualTo(early.eventId);
            assertThat(d.eventTime).isEqualTo(T0);
            assertThat(d.origin).isEqualTo("pipeline");
            assertThat(d.original).contains("\"type\":\"ARRIVED\"").contains("\"incidentId\":\"i1\"");
        });

        send(arrived("i1", after(ofSeconds(2)))); // late, and still before the creation
        watermark(ofMinutes(2));
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.ARRIVAL_BEFORE_CREATION, RejectReason.ARRIVAL_BEFORE_CREATION);

        watermark(ofMinutes(15).plusSeconds(5));
        assertThat(outcomes())
                .as("neither arrival counts")
                .containsExactly(failed(
                        "i1",
                        "Ashby",
                        Area.URBAN,
                        after(ofSeconds(5)),
                        after(ofMinutes(15).plusSeconds(5)),
                        null));
    }

    @Test
    void eventsWithNoCreatedWithinTenMinutesAreEachDeadLetteredNoCreated() throws Exception {
        IncidentEvent arrival = arrived("ghost", T0);
        IncidentEvent closure = closed("ghost", after(ofMinutes(5)), null);
        send(arrival, closure);
        watermark(ofMinutes(10).minusMillis(1));
        assertThat(deadLetters()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        watermark(ofMinutes(10));

        assertThat(deadLetters())
                .extracting(d -> d.reason, d -> d.eventId, d -> d.eventTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RejectReason.NO_CREATED, arrival.eventId, T0),
                        org.assertj.core.groups.Tuple.tuple(
                                RejectReason.NO_CREATED, closure.eventId, after(ofMinutes(5))));
        assertThat(outcomes()).isEmpty();
        assertThat(harness.numKeyedStateEntries())
                .as("nothing was created: nothing to revise")
                .isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        send(created(
                "ghost", after(ofMinutes(10).plusSeconds(30)), 1, "Ashby")); // later than the wait: a normal incident
        watermark(ofMinutes(25).plusSeconds(30));
        assertThat(outcomes())
                .containsExactly(failed(
                        "ghost",
                        "Ashby",
                        Area.URBAN,
                        after(ofMinutes(10).plusSeconds(30)),
                        after(ofMinutes(25).plusSeconds(30)),
                        null));
        assertThat(deadLetters()).hasSize(2);
    }

    @Test
    void aCreatedLaterThanTheWatermarkButWithinTheWaitStillStartsTheClock() throws Exception {
        send(arrived("i1", after(ofMinutes(5))));
        watermark(ofMinutes(6));
        assertThat(outcomes()).isEmpty();

        send(created("i1", after(ofMinutes(1)), 1, "Ashby")); // behind the watermark: late, within the allowed lateness
        watermark(ofMinutes(7));

        assertThat(outcomes())
                .containsExactly(met("i1", "Ashby", Area.URBAN, after(ofMinutes(1)), after(ofMinutes(5))));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void anAttendedIncidentIsKeptForTheAllowedLatenessAfterItClosesThenNothing() throws Exception {
        send(
                created("i1", T0, 1, "Ashby"),
                dispatched("i1", after(ofMinutes(1))),
                arrived("i1", after(ofMinutes(8))),
                closed("i1", after(ofMinutes(30)), null));
        assertThat(harness.numEventTimeTimers())
                .as("one per event time, and the retention")
                .isEqualTo(5);

        watermark(ofMinutes(8));
        assertThat(outcomes()).containsExactly(met("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(8))));
        assertThat(harness.numEventTimeTimers())
                .as("the closure and the retention")
                .isEqualTo(2);

        watermark(ofMinutes(30));
        assertThat(harness.numKeyedStateEntries())
                .as("closed, but a late event could still revise it")
                .isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("only the retention").isEqualTo(1);
        watermark(ofMinutes(30).plus(ofDays(2)).minusMillis(1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        watermark(ofMinutes(30).plus(ofDays(2)));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(outcomes()).hasSize(1);
    }

    // Late delivery (docs/contracts.md, "Late events"): the outcome is the one the events would have had on time.

    private static IncidentOutcome retracted(
            String id, String district, Area area, long clockStart, long outcomeAt, boolean met, String reason) {
        return IncidentOutcome.retraction(id, district, area, clockStart, outcomeAt, met, reason);
    }

    private static IncidentOutcome revised(IncidentOutcome o) {
        o.revision = true;
        return o;
    }

    @Test
    void anIncidentWhoseEventsAllArriveThreeHoursLateIsMetAsOnTime() throws Exception {
        // The watermark is three hours on when the backlog comes, one event at a time, a watermark between each.
        watermark(ofHours(3));
        send(created("i1", T0, 1, "Ashby"));
        watermark(ofHours(3).plusSeconds(10));
        send(dispatched("i1", after(ofMinutes(2))));
        watermark(ofHours(3).plusSeconds(20));
        send(arrived("i1", after(ofMinutes(9))));
        watermark(ofHours(3).plusSeconds(30));
        send(closed("i1", after(ofMinutes(40)), null));
        watermark(ofHours(4));

        assertThat(outcomes()).containsExactly(met("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(9))));
        assertThat(deadLetters()).as("no NO_CREATED, nothing rejected").isEmpty();
        assertNothingKept();
    }

    @Test
    void aLateIncidentWithNoArrivalFailsAtItsOwnDeadlineOnceItsLimitHasPassedSinceItCame() throws Exception {
        watermark(ofHours(3));
        send(created("i1", T0, 1, "Ashby"));
        watermark(ofHours(3).plus(ofMinutes(15)).minusMillis(1));
        assertThat(outcomes()).as("its ARRIVED may still be on its way").isEmpty();

        watermark(ofHours(3).plus(ofMinutes(15)));
        assertThat(outcomes()).containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));
    }

    @Test
    void anArrivalArrivingAfterTheFailureWasCountedRetractsItAndCountsMet() throws Exception {
        send(created("i1", T0, 1, "Ashby"));
        watermark(ofMinutes(20));
        assertThat(outcomes()).containsExactly(failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null));

        send(arrived("i1", after(ofMinutes(12))), closed("i1", after(ofMinutes(30)), "Traffic"));
        watermark(ofHours(1));

        assertThat(outcomes())
                .containsExactly(
                        failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        retracted("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), false, null),
                        revised(met("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(12)))));
        assertThat(deadLetters()).isEmpty();
        assertNothingKept();
    }

    @Test
    void aLateDowngradeBeforeTheDeadlineTakesTheIncidentOutOfTheMeasure() throws Exception {
        send(created("i1", T0, 1, "Ashby"), closed("i1", after(ofMinutes(40)), NO_RESOURCES));
        watermark(ofMinutes(45));
        assertThat(outcomes())
                .containsExactly(
                        failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        lateReason("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), NO_RESOURCES));

        send(graded("i1", after(ofMinutes(5)), 2));
        watermark(ofMinutes(50));

        assertThat(outcomes())
                .containsExactly(
                        failed("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), null),
                        lateReason("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), NO_RESOURCES),
                        retracted("i1", "Ashby", Area.URBAN, T0, after(ofMinutes(15)), false, NO_RESOURCES));
        assertNothingKept();
    }

    @Test
    void anIncidentNeverClosedIsForgottenItsRetentionAfterItsLastEvent() throws Exception {
        send(created("attended", T0, 1, "Ashby"), arrived("attended", after(ofMinutes(8))));
        send(created("routine", T0, 3, "Ashby"), dispatched("routine", after(ofHours(3))));
        watermark(ofHours(3));
        assertThat(outcomes()).containsExactly(met("attended", "Ashby", Area.URBAN, T0, after(ofMinutes(8))));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).as("a retention each").isEqualTo(2);

        watermark(ofMinutes(8).plus(ofDays(2)).minusMillis(1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        watermark(ofMinutes(8).plus(ofDays(2)));
        assertThat(harness.numKeyedStateEntries())
                .as("the attended incident is forgotten")
                .isEqualTo(1);
        watermark(ofHours(3).plus(ofDays(2)));

        assertThat(outcomes()).hasSize(1);
        assertNothingKept();
    }

    @Test
    void liveOpenThenAtRiskAtExactlyEightyPercentThenBreachedThenGoneOnArrival() throws Exception {
        long deadline = after(ofMinutes(15));
        send(created("i1", T0, 1, "Ashby"));
        watermark(Duration.ZERO);
        assertThat(changes()).containsExactly(change("i1", IncidentState.OPEN, deadline, T0));
        assertThat(harness.numEventTimeTimers())
                .as("at risk, deadline, retention")
                .isEqualTo(3);

        watermark(ofMinutes(12).minusMillis(1));
        assertThat(changes()).hasSize(1);
        watermark(ofMinutes(12));
        assertThat(changes()).last().isEqualTo(change("i1", IncidentState.AT_RISK, deadline, after(ofMinutes(12))));

        watermark(ofMinutes(15));
        assertThat(changes()).last().isEqualTo(change("i1", IncidentState.BREACHED, deadline, deadline));
        assertThat(outcomes()).containsExactly(failed("i1", "Ashby", Area.URBAN, T0, deadline, null));

        send(arrived("i1", after(ofMinutes(20))));
        watermark(ofMinutes(20));
        assertThat(changes())
                .containsExactly(
                        change("i1", IncidentState.OPEN, deadline, T0),
                        change("i1", IncidentState.AT_RISK, deadline, after(ofMinutes(12))),
                        change("i1", IncidentState.BREACHED, deadline, deadline),
                        change("i1", IncidentState.GONE, deadline, after(ofMinutes(20))));
    }

    @Test
    void aRuralIncidentIsAtRiskAfterSixteenOfItsTwentyMinutes() throws Exception {
        send(created("i1", T0, 1, "Bramley"));
        watermark(ofMinutes(16).minusMillis(1));
        assertThat(changes()).extracting(c -> c.state).containsExactly(IncidentState.OPEN);
        watermark(ofMinutes(16));
        assertThat(changes()).extracting(c -> c.state).containsExactly(IncidentState.OPEN, IncidentState.AT_RISK);
        assertThat(changes()).allSatisfy(c -> assertThat(c.deadline).isEqualTo(after(ofMinutes(20))));
    }

    @Test
    void liveADowngradeTakesTheIncidentOffAndAnUpgradePutsItBackWithANewDeadline() throws Exception {
        send(
                created("i1", T0, 1, "Ashby"),
                graded("i1", after(ofMinutes(3)), 2),
                graded("i1", after(ofMinutes(10)), 1),
                arrived("i1", after(ofMinutes(24))),
                closed("i1", after(ofMinutes(40)), null));
        watermark(ofMinutes(40));

        assertThat(changes())
                .containsExactly(
                        change("i1", IncidentState.OPEN, after(ofMinutes(15)), T0),
                        change("i1", IncidentState.GONE, after(ofMinutes(15)), after(ofMinutes(3))),
                        change("i1", IncidentState.OPEN, after(ofMinutes(25)), after(ofMinutes(10))),
                        change("i1", IncidentState.AT_RISK, after(ofMinutes(25)), after(ofMinutes(22))),
                        change("i1", IncidentState.GONE, after(ofMinutes(25)), after(ofMinutes(24))));
        assertNothingKept();
    }

    @Test
    void liveACancellationTakesTheIncidentOff() throws Exception {
        send(created("i1", T0, 1, "Ashby"), cancelled("i1", after(ofMinutes(4))));
        watermark(ofMinutes(30));
        assertThat(changes())
                .containsExactly(
                        change("i1", IncidentState.OPEN, after(ofMinutes(15)), T0),
                        change("i1", IncidentState.GONE, after(ofMinutes(15)), after(ofMinutes(4))));
        assertNothingKept();
    }

    @Test
    void liveABreachedIncidentNeverClosedGoesWhenItIsForgotten() throws Exception {
        send(created("i1", T0, 1, "Ashby"));
        watermark(ofDays(2));
        assertThat(changes())
                .extracting(c -> c.state, c -> c.time)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IncidentState.OPEN, T0),
                        org.assertj.core.groups.Tuple.tuple(IncidentState.AT_RISK, after(ofMinutes(12))),
                        org.assertj.core.groups.Tuple.tuple(IncidentState.BREACHED, after(ofMinutes(15))),
                        org.assertj.core.groups.Tuple.tuple(IncidentState.GONE, after(ofDays(2))));
        assertNothingKept();
    }

    @Test
    void withoutLiveFiguresNoChangesAndNoAtRiskTimer() throws Exception {
        try (var quiet = harness(false)) {
            quiet.processElement(created("i1", T0, 1, "Ashby"), T0);
            quiet.processWatermark(T0);
            assertThat(quiet.numEventTimeTimers()).as("deadline and retention").isEqualTo(2);
            quiet.processWatermark(after(ofMinutes(15)));
            assertThat(quiet.extractOutputValues()).hasSize(1);
            assertThat(quiet.getSideOutput(IncidentClock.CHANGES)).isNull();
        }
    }

    @Test
    void theMillisecondsOfALimitAreKept() throws Exception {
        send(created("i1", T0, 1, "Ashby"), arrived("i1", after(ofMinutes(14).plus(ofMillis(59_999)))));
        watermark(ofMinutes(15));
        assertThat(outcomes()).singleElement().extracting(o -> o.met).isEqualTo(true);
    }
}
