package io.pacesetter.job.calls;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static io.pacesetter.testkit.TestEvents.abandoned;
import static io.pacesetter.testkit.TestEvents.answered;
import static io.pacesetter.testkit.TestEvents.offered;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.job.state.WriteBehindOperator;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LegTrackerTest {
    private static final long T0 = at(JUNE_1_0800, Duration.ZERO);

    private KeyedOneInputStreamOperatorTestHarness<String, CallEvent, LegOutcome> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new WriteBehindOperator<>(new LegTracker(ConfigLoader.defaults().events(), true)),
                CallEvent::legKey,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(CallEvent... events) throws Exception {
        for (CallEvent e : events) {
            harness.processElement(e, e.time);
        }
    }

    private void watermark(Duration after) throws Exception {
        harness.processWatermark(at(JUNE_1_0800, after));
    }

    private List<LegOutcome> legs() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(LegTracker.DEAD_LETTERS) == null
                ? List.of()
                : harness.getSideOutput(LegTracker.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private List<WaitingChange> waiting() {
        return harness.getSideOutput(LegTracker.WAITING) == null
                ? List.of()
                : harness.getSideOutput(LegTracker.WAITING).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private void assertNothingKept() {
        assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
    }

    @Test
    void anOfferThenItsAnswerIsOneLegAndLeavesNoState() throws Exception {
        send(offered("c1", "999", T0), answered("c1", "999", at(JUNE_1_0800, ofSeconds(8))));
        assertThat(legs()).as("nothing before the watermark reaches the events").isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        watermark(ofSeconds(8));

        assertThat(legs())
                .containsExactly(new LegOutcome("c1", "999", "Ashby", T0, at(JUNE_1_0800, ofSeconds(8)), true));
        assertThat(legs().get(0).waitMs()).isEqualTo(8_000);
        assertNothingKept();
    }

    // Late delivery (docs/contracts.md, "Late events"): a wait already due on arrival starts from the arrival.

    @Test
    void anOfferAndItsAnswerArrivingThreeHoursLateAreOneLeg() throws Exception {
        watermark(ofHours(3));
        send(offered("c1", "999", T0));
        watermark(ofHours(3).plusSeconds(10)); // the backlog's offer is reached before its answer comes
        send(answered("c1", "999", at(JUNE_1_0800, ofSeconds(30))));
        watermark(ofHours(3).plusSeconds(20));

        assertThat(deadLetters()).as("no NO_OUTCOME, no NO_OFFER").isEmpty();
        assertThat(legs())
                .containsExactly(new LegOutcome("c1", "999", "Ashby", T0, at(JUNE_1_0800, ofSeconds(30)), true));
        assertNothingKept();
    }

    @Test
    void anAnswerArrivingThreeHoursLateBeforeItsOfferStillPairs() throws Exception {
        watermark(ofHours(3));
        send(answered("c1", "999", at(JUNE_1_0800, ofSeconds(30))));
        watermark(ofHours(3).plusSeconds(10));
        send(offered("c1", "999", T0));
        watermark(ofHours(3).plusSeconds(20));

        assertThat(deadLetters()).as("no NO_OFFER").isEmpty();
        assertThat(legs())
                .containsExactly(new LegOutcome("c1", "999", "Ashby", T0, at(JUNE_1_0800, ofSeconds(30)), true));
        assertNothingKept();
    }

    @Test
    void aLateAnswerWaitsFromItsSourcesWatermarkWhenTheOperatorsIsBehind() throws Exception {
        // Across a shuffle this subtask's watermark (1 h) lags the source that read the answer (3 h): the offer,
        // read just after the answer, may come through another channel once the watermark has moved on 30 min.
        watermark(ofHours(1));
        CallEvent answer = answered("c1", "999", at(JUNE_1_0800, ofSeconds(30)));
        answer.receivedAfter = at(JUNE_1_0800, ofHours(3));
        send(answer);
        watermark(ofMinutes(90));
        CallEvent offer = offered("c1", "999", T0);
        offer.receivedAfter = at(JUNE_1_0800, ofHours(3));
        send(offer);
        watermark(ofHours(4));

        assertThat(deadLetters()).as("no NO_OFFER, no NO_OUTCOME").isEmpty();
        assertThat(legs())
                .containsExactly(new LegOutcome("c1", "999", "Ashby", T0, at(JUNE_1_0800, ofSeconds(30)), true));
        assertNothingKept();
    }

    @Test
    void aLateOfferWhosePartnerNeverComesIsNoOutcomeItsWaitAfterItArrived() throws Exception {
        watermark(ofHours(3));
        send(offered("c1", "999", T0));
        watermark(ofHours(5).minusMillis(1));
        assertThat(deadLetters())
                .as("two hours from the watermark it arrived behind")
                .isEmpty();

        watermark(ofHours(5));
        assertThat(deadLetters()).extracting(d -> d.reason).containsExactly(RejectReason.NO_OUTCOME);
        assertThat(legs()).isEmpty();
        assertNothingKept();
    }

    @Test
    void anAnswerArrivingBeforeItsOfferStillPairs() throws Exception {
        send(answered("c1", "999", at(JUNE_1_0800, ofSeconds(12))), offered("c1", "999", T0));
        watermark(ofSeconds(12));

        assertThat(legs()).singleElement().satisfies(leg -> {
            assertThat(leg.waitMs()).isEqualTo(12_000);
            assertThat(leg.answered).isTrue();
        });
        assertThat(deadLetters()).isEmpty();
        assertNothingKept();
    }

    @Test
    void anOutcomeWithNoOfferIsDeadLetteredNoOfferAfterTenMinutes() throws Exception {
        send(abandoned("c1", "999", T0));
        watermark(ofMinutes(10).minusMillis(1));
        assertThat(deadLetters()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        watermark(ofMinutes(10));

        assertThat(legs()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.NO_OFFER);
            assertThat(d.eventTime).isEqualTo(T0);
            assertThat(d.original).contains("\"type\":\"ABANDONED\"");
        });
        assertNothingKept();
    }

    @Test
    void anOrphanDueWithAnotherStillExpiresWhenTheOtherIsPairedAndTheirTimerDeleted() throws Exception {
        long outcomes = at(JUNE_1_0800, ofSeconds(30));
        send(answered("c1", "999", outcomes), abandoned("c1", "999", outcomes));
        watermark(ofMinutes(1));
        assertThat(harness.numEventTimeTimers())
                .as("two orphans, each due ten minutes after it: one timer")
                .isEqualTo(1);

        send(offered("c1", "999", T0)); // late: pairs with one orphan and deletes the timer both were due at
        watermark(ofMinutes(2));
        assertThat(legs()).hasSize(1);
        assertThat(harness.numEventTimeTimers())
                .as("the other orphan's, set again")
                .isEqualTo(1);

        watermark(ofSeconds(30).plusMinutes(10));
        assertThat(deadLetters()).extracting(d -> d.reason).containsExactly(RejectReason.NO_OFFER);
        assertNothingKept();
    }

    @Test
    void anOfferWithNoOutcomeIsDeadLetteredAfterTwoHoursAndStopsWaiting() throws Exception {
        send(offered("c1", "101", T0));
        assertThat(waiting())
                .as("the live figures hear at once")
                .containsExactly(new WaitingChange("c1", "101", "Ashby", T0, T0));

        watermark(ofHours(2));

        assertThat(deadLetters()).singleElement().extracting(d -> d.reason).isEqualTo(RejectReason.NO_OUTCOME);
        assertThat(waiting())
                .last()
                .isEqualTo(new WaitingChange("c1", "101", "Ashby", null, at(JUNE_1_0800, ofHours(2))));
        assertNothingKept();
    }

    @Test
    void aTransferIsTwoLegsEachMeasuredInItsOwnQueue() throws Exception {
        send(
                offered("c1", "101", T0),
                answered("c1", "101", at(JUNE_1_0800, ofSeconds(5))),
                offered("c1", "CRIME_BUREAU", at(JUNE_1_0800, ofSeconds(7))),
                answered("c1", "CRIME_BUREAU", at(JUNE_1_0800, ofSeconds(40))));
        watermark(ofMinutes(1));

        assertThat(legs())
                .extracting(l -> l.queue, LegOutcome::waitMs)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("101", 5_000L),
                        org.assertj.core.groups.Tuple.tuple("CRIME_BUREAU", 33_000L));
        assertNothingKept();
    }

    @Test
    void reEnteringTheSameQueueStartsANewLegWhateverTheArrivalOrder() throws Exception {
        CallEvent offer1 = offered("c1", "999", T0);
        CallEvent answer1 = answered("c1", "999", at(JUNE_1_0800, ofSeconds(3)));
        CallEvent offer2 = offered("c1", "999", at(JUNE_1_0800, ofSeconds(60)));
        CallEvent abandon2 = abandoned("c1", "999", at(JUNE_1_0800, ofSeconds(75)));
        send(offer2, answer1, abandon2, offer1);
        watermark(ofMinutes(2));

        assertThat(legs())
                .containsExactly(
                        new LegOutcome("c1", "999", "Ashby", T0, answer1.time, true),
                        new LegOutcome("c1", "999", "Ashby", offer2.time, abandon2.time, false));
        assertThat(deadLetters()).isEmpty();
        assertNothingKept();
    }

    @Test
    void anOfferOvertakenByAnotherOfferBeforeAnyOutcomeIsNoOutcome() throws Exception {
        send(
                offered("c1", "999", T0),
                offered("c1", "999", at(JUNE_1_0800, ofSeconds(30))),
                answered("c1", "999", at(JUNE_1_0800, ofSeconds(34))));
        watermark(ofMinutes(1));

        assertThat(legs()).singleElement().extracting(LegOutcome::waitMs).isEqualTo(4_000L);
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.NO_OUTCOME);
            assertThat(d.eventTime).isEqualTo(T0);
        });
        assertNothingKept();
    }

    @Test
    void aLateOfferStillPairsWithTheOutcomeWaitingForIt() throws Exception {
        send(answered("c1", "999", at(JUNE_1_0800, ofSeconds(30))));
        watermark(ofMinutes(1));
        assertThat(legs()).isEmpty();

        send(offered("c1", "999", T0)); // behind the watermark: late, within the allowed lateness
        watermark(ofMinutes(2));

        assertThat(legs()).singleElement().extracting(LegOutcome::waitMs).isEqualTo(30_000L);
        assertThat(deadLetters()).isEmpty();
        assertNothingKept();
    }

    @Test
    void aLegsDistrictIsTheFirstOneGiven() throws Exception {
        CallEvent offer = io.pacesetter.testkit.TestEvents.call(
                "c1", io.pacesetter.connectors.contract.CallEventType.OFFERED, "999", T0, null);
        CallEvent answer = io.pacesetter.testkit.TestEvents.call(
                "c1",
                io.pacesetter.connectors.contract.CallEventType.ANSWERED,
                "999",
                at(JUNE_1_0800, ofMillis(9_500)),
                "Bramley");
        send(offer, answer);
        watermark(ofMinutes(1));
        assertThat(legs()).singleElement().extracting(l -> l.district).isEqualTo("Bramley");
    }

    @Test
    void waitingIsAnnouncedOnArrivalAndWithdrawnByTheOutcome() throws Exception {
        send(offered("c1", "999", T0));
        send(answered("c1", "999", at(JUNE_1_0800, ofSeconds(20))));
        assertThat(waiting())
                .containsExactly(
                        new WaitingChange("c1", "999", "Ashby", T0, T0),
                        new WaitingChange("c1", "999", "Ashby", null, at(JUNE_1_0800, ofSeconds(20))));
        watermark(ofMinutes(1));
        assertNothingKept();
    }
}
