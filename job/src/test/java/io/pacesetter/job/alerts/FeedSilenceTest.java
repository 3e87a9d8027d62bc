package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.ingest.LiveClock;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A silent feed is not good news: with the silence pinned at two minutes (floor and ceiling), two quiet minutes by
 * the wall clock raise FEED_SILENT; the next event clears it. (When a silence is improbable: FeedSilenceRateTest.)
 */
class FeedSilenceTest {
    private static final PacesetterConfig CONFIG =
            ConfigLoader.loadYaml("alerts: {feedSilence: {floor: PT2M, ceiling: PT2M}}");
    /** 04:00 on 1 June 2016, London: a quiet night. */
    private static final long T0400 = ms("2016-06-01T03:00:00Z");

    private static final long TWO_MINUTES = Duration.ofMinutes(2).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, FeedBeat, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FeedSilence(CONFIG, LiveClock.realTime()), b -> b.feed, Types.STRING);
        harness.setProcessingTime(T0400);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void heard(String feed, long wall) throws Exception {
        harness.setProcessingTime(wall);
        harness.processElement(new FeedBeat(feed, wall - 300, false), wall - 300);
    }

    @Test
    void twoQuietMinutesRaiseFeedSilentAndTheNextEventClearsIt() throws Exception {
        heard(FeedBeat.CALLS, T0400);
        harness.setProcessingTime(T0400 + TWO_MINUTES - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(T0400 + TWO_MINUTES);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.FEED_SILENT);
            assertThat(a.severity).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(AlertRouting.of(CONFIG).audienceOf(a))
                    .containsExactly(Alert.Audience.FORCE_CONTROL_ROOM, Alert.Audience.DUTY_COMMAND_OFFICER);
            assertThat(a.feed).isEqualTo("calls");
            assertThat(a.time).isEqualTo(T0400 + TWO_MINUTES);
            assertThat(a.sentence)
                    .isEqualTo(
                            "No call events have arrived for 2 min (the last was stamped 03:59:59), where about 60 an hour "
                                    + "are usual then: the "
                                    + "call-handling figures are not live. Check the telephony feed.");
        });

        heard(FeedBeat.CALLS, T0400 + 7 * TWO_MINUTES / 2);

        assertThat(harness.extractOutputValues())
                .extracting(a -> a.state, a -> a.outcome)
                .containsExactly(tuple(Alert.State.RAISED, null), tuple(Alert.State.CLEARED, "EVENTS_RESUMED"));
        assertThat(harness.extractOutputValues().get(1).sentence)
                .isEqualTo("Call events are arriving again (at 04:07:00), " + "after 7 min without any.");
    }

    @Test
    void aSteadyFeedIsNeverSilent() throws Exception {
        for (long t = T0400; t < T0400 + 10 * TWO_MINUTES; t += 30_000) {
            heard(FeedBeat.INCIDENTS, t);
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numProcessingTimeTimers())
                .as("one timer, moved on by each sign of life")
                .isEqualTo(1);
    }

    @Test
    void aFeedThatNeverStartedIsSilentFromWhenTheWatchBegan() throws Exception {
        harness.processElement(new FeedBeat(FeedBeat.INCIDENTS, 0, true), Long.MIN_VALUE);
        harness.setProcessingTime(T0400 + 1000);
        harness.processElement(
                new FeedBeat(FeedBeat.INCIDENTS, 0, true), Long.MIN_VALUE); // the ticker again: no change

        harness.setProcessingTime(T0400 + TWO_MINUTES);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.feed).isEqualTo("incidents");
            assertThat(a.sentence)
                    .isEqualTo(
                            "No incident events have arrived since Pacesetter started watching at 04:00:00, 2 min "
                                    + "ago, where about 12 an hour are usual then: the incident figures are not live. Check the command-and-control feed.");
        });
    }

    @Test
    void eachFeedIsWatchedOnItsOwn() throws Exception {
        heard(FeedBeat.CALLS, T0400);
        heard(FeedBeat.INCIDENTS, T0400 + TWO_MINUTES - 1000);
        harness.setProcessingTime(T0400 + TWO_MINUTES);

        assertThat(harness.extractOutputValues()).extracting(a -> a.feed).containsExactly("calls");
    }

    @Test
    void aSilencesIdComesFromTheLastEventHeardNotFromWhenItWasNoticed() throws Exception {
        // The same last event, heard half a second apart by the wall clock (as after a restart): one alert id.
        harness.setProcessingTime(T0400);
        harness.processElement(new FeedBeat(FeedBeat.CALLS, T0400 - 300, false), T0400 - 300);
        harness.setProcessingTime(T0400 + TWO_MINUTES);
        Alert first = harness.extractOutputValues().get(0);
        harness.close();

        open();
        harness.setProcessingTime(T0400 + 500);
        harness.processElement(new FeedBeat(FeedBeat.CALLS, T0400 - 300, false), T0400 - 300);
        harness.setProcessingTime(T0400 + 500 + TWO_MINUTES);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.alertId).isEqualTo(first.alertId);
            assertThat(a.episodeStart).isEqualTo(ms("2016-06-01T02:59:00Z"));
        });
    }

    @Test
    void afterARestoreTheFeedsFirstEventReChecksASilenceRaisedSinceTheCheckpoint() throws Exception {
        heard(FeedBeat.INCIDENTS, T0400);
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0400);
        harness.setProcessingTime(T0400 + TWO_MINUTES); // raised after the checkpoint, then the job fails
        Alert raised = harness.extractOutputValues().get(0);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FeedSilence(CONFIG, LiveClock.realTime())),
                (FeedBeat b) -> b.feed,
                Types.STRING);
        harness.initializeState(checkpoint);
        harness.open();
        harness.setProcessingTime(T0400 + TWO_MINUTES / 4);
        harness.processElement(new FeedBeat(FeedBeat.INCIDENTS, T0400 + 1000, false), T0400 + 1000);
        heard(FeedBeat.INCIDENTS, T0400 + TWO_MINUTES / 2);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.outcome).isEqualTo("RECHECKED");
            assertThat(a.conditionSubject()).isEqualTo(raised.conditionSubject());
        });
    }
}
