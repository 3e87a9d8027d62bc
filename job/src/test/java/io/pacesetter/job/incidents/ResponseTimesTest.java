package io.pacesetter.job.incidents;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static io.pacesetter.testkit.TestEvents.incident;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.job.measures.ResponseStage;
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
 * The dispatch and travel times the incident clock counts (docs/contracts.md, "Dispatch and travel"), worked by
 * hand: Ashby is urban (15 minutes), the watermark releases the events in time order.
 */
class ResponseTimesTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, IncidentOutcome> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new IncidentClock(CONFIG, false), e -> e.incidentId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    private static IncidentEvent event(IncidentEventType type, Duration after, Integer grade) {
        return incident(
                "INC-1", type, after(after), grade, type == IncidentEventType.CREATED ? "Ashby" : null, null, null);
    }

    private void send(IncidentEvent... events) throws Exception {
        sendUpTo(Duration.ofHours(3), events);
    }

    /** The events, then the watermark at {@code watermark} after 08:00. */
    private void sendUpTo(Duration watermark, IncidentEvent... events) throws Exception {
        for (IncidentEvent e : events) {
            harness.processElement(e, e.time);
        }
        harness.processWatermark(after(watermark));
    }

    /** A grade-1 incident dispatched at 2 minutes and arrived at 9, played to 10 minutes. */
    private void dispatchedAndArrived() throws Exception {
        sendUpTo(
                ofMinutes(10),
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.DISPATCHED, ofMinutes(2), null),
                event(IncidentEventType.ARRIVED, ofMinutes(9), null));
    }

    private List<ResponseTime> all() {
        var out = harness.getSideOutput(IncidentClock.RESPONSE_TIMES);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).toList();
    }

    private List<ResponseTime> times() {
        return all().stream().filter(r -> !r.late()).toList();
    }

    private List<ResponseTime> late() {
        return all().stream().filter(ResponseTime::late).toList();
    }

    private static IncidentEvent withReason(IncidentEvent e, String reason) {
        e.reason = reason;
        return e;
    }

    @Test
    void aDowngradeInTheLastFiveMinutesIsLateAndCarriesItsReasonAndNewGrade() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                withReason(event(IncidentEventType.GRADED, ofMinutes(10), 2), "Caller says no weapon"));

        assertThat(late()).hasSize(1);
        ResponseTime late = late().get(0);
        assertThat(late.stage).isEqualTo(ResponseStage.LATE_DOWNGRADE);
        assertThat(late.at).isEqualTo(after(ofMinutes(10)));
        assertThat(late.ms)
                .as("exactly 5 minutes before the deadline: late")
                .isEqualTo(-ofMinutes(5).toMillis());
        assertThat(late.grade).isEqualTo(2);
        assertThat(late.reason).isEqualTo("Caller says no weapon");
    }

    @Test
    void aDowngradeOneMillisecondBeforeTheLateWindowIsNotLate() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.GRADED, ofMinutes(10).minusMillis(1), 2));

        assertThat(late()).isEmpty();
    }

    @Test
    void aCancellationAfterTheBreachIsLateOnceButNotAfterAnArrival() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.CANCELLED, ofMinutes(17), null));
        assertThat(late()).singleElement().satisfies(l -> {
            assertThat(l.stage).isEqualTo(ResponseStage.LATE_CANCELLATION);
            assertThat(l.ms).isEqualTo(ofMinutes(2).toMillis());
        });

        harness.close();
        open();
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.ARRIVED, ofMinutes(12), null),
                event(IncidentEventType.GRADED, ofMinutes(14), 2),
                event(IncidentEventType.CANCELLED, ofMinutes(16), null));
        assertThat(late()).as("a unit was on scene: an ordinary reassessment").isEmpty();

        harness.close();
        open();
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.GRADED, ofMinutes(16), 2),
                event(IncidentEventType.CANCELLED, ofMinutes(18), null));
        assertThat(late())
                .as("once per incident")
                .singleElement()
                .satisfies(l -> assertThat(l.stage).isEqualTo(ResponseStage.LATE_DOWNGRADE));
    }

    private static ResponseTime dispatch(Duration at, Duration took) {
        return new ResponseTime("INC-1", "Ashby", Area.URBAN, ResponseStage.DISPATCH, after(at), took.toMillis());
    }

    private static ResponseTime travel(Duration at, Duration took) {
        return new ResponseTime("INC-1", "Ashby", Area.URBAN, ResponseStage.TRAVEL, after(at), took.toMillis());
    }

    @Test
    void dispatchCountsAtTheDispatchFromTheClockStartAndTravelAtTheArrival() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.DISPATCHED, ofSeconds(95), null),
                event(IncidentEventType.DISPATCHED, ofMinutes(3), null), // a second unit: not the first dispatch
                event(IncidentEventType.ARRIVED, ofMinutes(11), null),
                event(IncidentEventType.ARRIVED, ofMinutes(12), null));

        assertThat(times())
                .containsExactly(
                        dispatch(ofSeconds(95), ofSeconds(95)),
                        travel(ofMinutes(11), ofMinutes(11).minusSeconds(95)));
    }

    @Test
    void aUnitSentBeforeTheUpgradeCountsAsNoTimeAtTheClockStart() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 2),
                event(IncidentEventType.DISPATCHED, ofMinutes(1), null),
                event(IncidentEventType.GRADED, ofMinutes(4), 1),
                event(IncidentEventType.ARRIVED, ofMinutes(9), null));

        // dispatch + travel = the response the attendance measure sees (5 minutes from the upgrade)
        assertThat(times()).containsExactly(dispatch(ofMinutes(4), Duration.ZERO), travel(ofMinutes(9), ofMinutes(5)));
    }

    @Test
    void aDispatchAfterTheDeadlineStillCountsAndSoDoesItsTravel() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.DISPATCHED, ofMinutes(16), null),
                event(IncidentEventType.ARRIVED, ofMinutes(25), null));

        assertThat(times())
                .containsExactly(dispatch(ofMinutes(16), ofMinutes(16)), travel(ofMinutes(25), ofMinutes(9)));
        assertThat(harness.extractOutputValues()).hasSize(1).allMatch(o -> !o.met);
    }

    @Test
    void noTravelWithoutADispatchNorAfterACancellationNorForAnIncidentNeverGradeOne() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.ARRIVED, ofMinutes(6), null), // nobody was recorded as sent
                event(IncidentEventType.DISPATCHED, ofMinutes(7), null)); // after someone is on scene: not counted
        assertThat(times()).isEmpty();

        harness.close();
        open();
        send(
                incident("INC-2", IncidentEventType.CREATED, after(Duration.ZERO), 2, "Ashby", null, null),
                incident("INC-2", IncidentEventType.DISPATCHED, after(ofMinutes(2)), null, null, null, null),
                incident("INC-2", IncidentEventType.ARRIVED, after(ofMinutes(9)), null, null, null, null));
        assertThat(times()).isEmpty();

        harness.close();
        open();
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.DISPATCHED, ofMinutes(2), null),
                event(IncidentEventType.CANCELLED, ofMinutes(4), null),
                event(IncidentEventType.ARRIVED, ofMinutes(9), null));
        assertThat(times()).containsExactly(dispatch(ofMinutes(2), ofMinutes(2)));
    }

    @Test
    void aDowngradeBeforeTheArrivalLeavesTheDispatchCountedButNoTravel() throws Exception {
        send(
                event(IncidentEventType.CREATED, Duration.ZERO, 1),
                event(IncidentEventType.DISPATCHED, ofMinutes(2), null),
                event(IncidentEventType.GRADED, ofMinutes(3), 2),
                event(IncidentEventType.ARRIVED, ofMinutes(9), null));

        assertThat(times()).containsExactly(dispatch(ofMinutes(2), ofMinutes(2)));
    }

    /** What stays counted: each time told, less the ones taken back. */
    private List<ResponseTime> standing() {
        List<ResponseTime> counted = new java.util.ArrayList<>();
        for (ResponseTime r : times()) {
            if (r.retraction) {
                assertThat(counted.remove(r))
                        .as("a retraction of a time told before: " + r)
                        .isTrue();
            } else {
                counted.add(r);
            }
        }
        return counted;
    }

    @Test
    void aLateEventAfterWhichNoDispatchNorTravelCountsTakesBackTheOnesToldBefore() throws Exception {
        dispatchedAndArrived();
        assertThat(standing())
                .containsExactly(dispatch(ofMinutes(2), ofMinutes(2)), travel(ofMinutes(9), ofMinutes(7)));

        // Late: a unit was on scene at 1 minute, so the dispatch at 2 minutes came after an arrival and counts for
        // nothing, and there is no travel. The replay tells neither; both told before are taken back.
        send(event(IncidentEventType.ARRIVED, ofMinutes(1), null));

        assertThat(standing()).isEmpty();
    }

    @Test
    void aLateEventThatChangesNothingTakesNothingBack() throws Exception {
        dispatchedAndArrived();
        send(event(IncidentEventType.DISPATCHED, ofMinutes(3), null));

        assertThat(times()).containsExactly(dispatch(ofMinutes(2), ofMinutes(2)), travel(ofMinutes(9), ofMinutes(7)));
    }
}
