package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.calls.LegOutcome;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Abandoned 999 calls: a callback alert to the Force Control Room, cleared if the same call is answered later. */
class CallbackAlertsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long T0 = at(JUNE_1_0800, Duration.ZERO);

    private KeyedOneInputStreamOperatorTestHarness<String, LegOutcome, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CallbackAlerts(CONFIG), l -> l.callId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    private static LegOutcome abandoned(String callId, long offered, long abandoned) {
        return new LegOutcome(callId, "999", "Ashby", offered, abandoned, false);
    }

    private static LegOutcome answered(String callId, long offered, long answered) {
        return new LegOutcome(callId, "999", "Ashby", offered, answered, true);
    }

    private void send(LegOutcome... legs) throws Exception {
        for (LegOutcome leg : legs) {
            harness.processElement(leg, leg.outcomeAt);
        }
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void anAbandoned999CallAsksTheControlRoomToCallBackWithTheCallIdOnly() throws Exception {
        send(abandoned("C-77", T0, after(ofSeconds(42))));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.CALLBACK_ABANDONED_999);
            assertThat(AlertRouting.of(CONFIG).audienceOf(a))
                    .containsExactly(Alert.Audience.PACESETTER, Alert.Audience.FORCE_CONTROL_ROOM);
            assertThat(a.severity).isEqualTo(Alert.Severity.WARNING);
            assertThat(a.callId).isEqualTo("C-77");
            assertThat(a.queue).isEqualTo("999");
            assertThat(a.value).as("seconds waited").isEqualTo(42.0);
            assertThat(a.time).isEqualTo(after(ofSeconds(42)));
            assertThat(a.sentence)
                    .isEqualTo("999 call C-77 was abandoned at 08:00:42 after 42 s waiting in Ashby (North LPA): "
                            + "call the caller back.");
        });
        assertThat(harness.numEventTimeTimers())
                .as("forgotten after the callback window")
                .isEqualTo(1);
    }

    @Test
    void theSameCallAnsweredLaterClearsIt() throws Exception {
        send(
                abandoned("C-77", T0, after(ofSeconds(42))),
                answered("C-77", after(ofMinutes(2)), after(ofMinutes(2).plusSeconds(6))));

        assertThat(alerts())
                .extracting(a -> a.state, a -> a.revision, a -> a.outcome)
                .containsExactly(tuple(Alert.State.RAISED, 0, null), tuple(Alert.State.CLEARED, 1, "ANSWERED"));
        assertThat(alerts().get(1).sentence)
                .isEqualTo("999 call C-77 was answered at 08:02:06: no callback is needed.");
    }

    @Test
    void abandonedAgainWhileRaisedUpdatesIt() throws Exception {
        send(
                abandoned("C-77", T0, after(ofSeconds(42))),
                abandoned("C-77", after(ofMinutes(1)), after(ofMinutes(1).plusSeconds(9))));

        assertThat(alerts())
                .extracting(a -> a.state, a -> a.count)
                .containsExactly(tuple(Alert.State.RAISED, 1L), tuple(Alert.State.UPDATED, 2L));
    }

    @Test
    void anAnsweredCallWithNoCallbackKeepsNothing() throws Exception {
        send(answered("C-1", T0, after(ofSeconds(5))));

        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theCallIsForgottenAfterTheCallbackWindowAndTheAlertStaysForTheControlRoomToClose() throws Exception {
        send(abandoned("C-77", T0, after(ofSeconds(42))));
        harness.processWatermark(after(ofSeconds(42).plus(ofHours(1))));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        send(answered("C-77", after(ofHours(2)), after(ofHours(2).plusSeconds(3))));
        assertThat(alerts()).extracting(a -> a.state).containsExactly(Alert.State.RAISED);
    }

    @Test
    void onlyTheCallbackQueuesAreWatched() throws Exception {
        var filter = CallbackAlerts.inCallbackQueues(CONFIG);

        assertThat(filter.filter(abandoned("C-1", T0, T0 + 1))).isTrue();
        assertThat(filter.filter(new LegOutcome("C-2", "101", "Ashby", T0, T0 + 1, false)))
                .isFalse();
    }
}
