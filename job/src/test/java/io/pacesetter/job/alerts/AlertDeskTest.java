package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigException;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.sink.RecordJson;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Who gets what, and the desk: acknowledgements kept with the alert (through a restore), escalation once, callbacks. */
class AlertDeskTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final AlertRouting ROUTING = AlertRouting.of(CONFIG);
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long T = 1_464_764_400_000L; // 2016-06-01T07:00Z

    private static KeyedTwoInputStreamOperatorTestHarness<String, Alert, AlertAction, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new AlertDesk(CONFIG, ROUTING, null), a -> a.alertId, a -> a.alertId, Types.STRING);
    }

    private static Alert routed(Alert.Kind kind, Alert.Severity severity, String subject, long time) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(kind, subject, time);
        a.kind = kind;
        a.severity = severity;
        a.state = Alert.State.RAISED;
        a.time = time;
        a.episodeStart = time;
        a.incidentId = subject;
        a.sentence = kind + " " + subject;
        return ROUTING.route(a);
    }

    @Test
    void theDefaultRoutesFollowWhatEachAudienceCanDo() {
        assertThat(routed(Alert.Kind.INCIDENT_BREACHED, Alert.Severity.CRITICAL, "I", T).audience)
                .containsExactly(Alert.Audience.PACESETTER);
        assertThat(routed(Alert.Kind.INCIDENT_AT_RISK, Alert.Severity.WARNING, "I", T).audience)
                .containsExactly(Alert.Audience.PACESETTER, Alert.Audience.FORCE_CONTROL_ROOM);
        assertThat(routed(Alert.Kind.CALL_HANDLING, Alert.Severity.WARNING, "r", T).audience)
                .doesNotContain(Alert.Audience.DUTY_COMMAND_OFFICER);
        assertThat(routed(Alert.Kind.CALL_HANDLING, Alert.Severity.CRITICAL, "r", T).audience)
                .contains(Alert.Audience.DUTY_COMMAND_OFFICER);
        // The officer hears a CRITICAL began; that it ended, in the digest.
        Alert ended = routed(Alert.Kind.CALL_HANDLING, Alert.Severity.CRITICAL, "r", T);
        ended.state = Alert.State.CLEARED;
        assertThat(ROUTING.audienceOf(ended))
                .containsExactly(Alert.Audience.PACESETTER, Alert.Audience.FORCE_CONTROL_ROOM);
        assertThat(routed(Alert.Kind.INCIDENT_UNRESOURCED, Alert.Severity.WARNING, "I", T).audience)
                .containsExactly(Alert.Audience.PACESETTER, Alert.Audience.FORCE_CONTROL_ROOM);
        assertThat(routed(Alert.Kind.INCIDENT_UNRESOURCED, Alert.Severity.CRITICAL, "I", T).audience)
                .contains(Alert.Audience.DUTY_COMMAND_OFFICER);
        assertThat(routed(Alert.Kind.COMMAND_DIGEST, Alert.Severity.INFO, "f", T).audience)
                .containsExactly(Alert.Audience.DUTY_COMMAND_OFFICER);
        Alert recheck = routed(Alert.Kind.CALL_HANDLING, Alert.Severity.INFO, "r", T);
        recheck.outcome = "RECHECKED";
        assertThat(ROUTING.audienceOf(recheck)).contains(Alert.Audience.DUTY_COMMAND_OFFICER);
    }

    @Test
    void aRouteOfNoKindOrAKindWithoutARouteIsRefusedAtStartUp() {
        assertThatThrownBy(() -> AlertRouting.of(
                        ConfigLoader.loadYaml("alerts: { routing: { INCIDENT_BREECHED: [PACESETTER] } }")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.routing.INCIDENT_BREECHED")
                .hasMessageContaining("not an alert kind");
        assertThatThrownBy(() -> ConfigLoader.loadYaml("alerts: { routing: { FEED_SILENT: [DUTY_OFFICER] } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.routing.FEED_SILENT[0]")
                .hasMessageContaining("not an audience");
        assertThatThrownBy(() -> ConfigLoader.loadYaml("alerts: { routing: { FEED_SILENT/URGENT: [PACESETTER] } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.routing.FEED_SILENT/URGENT");
        assertThatThrownBy(() -> ConfigLoader.loadYaml("alerts: { routing: { FEED_SILENT/CRITICAL/GONE: [] } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("names no state");
    }

    @Test
    void aCriticalNobodyAcknowledgesIsEscalatedOnceToTheNextAudience() throws Exception {
        try (var h = harness()) {
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            Alert breach = routed(Alert.Kind.INCIDENT_BREACHED, Alert.Severity.CRITICAL, "INC-1", T);
            h.processElement1(breach, T);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark1(
                    new Watermark(T + CONFIG.alerts().escalateAfter().toMillis() - 1));
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processWatermark1(
                    new Watermark(T + CONFIG.alerts().escalateAfter().toMillis()));
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            Alert escalated = out.get(1);
            assertThat(escalated.revision).isEqualTo(1);
            assertThat(escalated.audience)
                    .containsExactly(Alert.Audience.PACESETTER, Alert.Audience.FORCE_CONTROL_ROOM);
            assertThat(escalated.escalatedAt)
                    .isEqualTo(T + CONFIG.alerts().escalateAfter().toMillis());
            assertThat(escalated.sentence).startsWith("Not acknowledged within 10 min");
            // Once: the rule's next record keeps the audience, and no second escalation is set.
            Alert update = breach.next(Alert.State.UPDATED);
            update.reason = "no unit free";
            h.processElement1(update, T + 20 * MINUTE);
            h.processWatermark1(new Watermark(T + 60 * MINUTE));
            out = h.extractOutputValues();
            assertThat(out).hasSize(3);
            assertThat(out.get(2).revision).isEqualTo(2);
            assertThat(out.get(2).audience).contains(Alert.Audience.FORCE_CONTROL_ROOM);
            assertThat(out.get(2).escalatedAt).isNotNull();
        }
    }

    @Test
    void anAcknowledgementStopsEscalationAndSurvivesARestore() throws Exception {
        Alert breach = routed(Alert.Kind.INCIDENT_BREACHED, Alert.Severity.CRITICAL, "INC-2", T);
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            h.processElement1(breach, T);
            // A replay takes the rule's records when the watermark reaches them.
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark1(new Watermark(T));
            h.processElement2(
                    AlertAction.of(
                            AlertAction.Kind.ACKNOWLEDGE, breach.alertId, "insp.khan", T + MINUTE, "on it", "x1"),
                    T + MINUTE);
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).state).isEqualTo(Alert.State.UPDATED);
            assertThat(out.get(1).acknowledgedBy).isEqualTo("insp.khan");
            assertThat(out.get(1).acknowledgementNote).isEqualTo("on it");
            assertThat(RecordJson.readAlert(RecordJson.alert(out.get(1))).acknowledgedAt)
                    .isEqualTo(T + MINUTE);
            // The escalation timer is gone with the acknowledgement.
            assertThat(h.numEventTimeTimers()).isZero();
            snapshot = h.snapshot(1, T + 2 * MINUTE);
        }
        try (var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new AlertDesk(CONFIG, ROUTING, null)),
                (Alert x) -> x.alertId,
                (AlertAction x) -> x.alertId,
                Types.STRING)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            Alert cleared = breach.next(Alert.State.CLEARED);
            cleared.outcome = "ATTENDED_LATE";
            cleared.time = T + 30 * MINUTE;
            h.processElement1(cleared, cleared.time);
            h.processWatermark1(new Watermark(T + 60 * MINUTE));
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).revision).isEqualTo(2);
            assertThat(out.get(0).acknowledgedBy).isEqualTo("insp.khan");
            // A second acknowledgement (a redelivered action) changes nothing.
            h.processElement2(
                    AlertAction.of(
                            AlertAction.Kind.ACKNOWLEDGE, breach.alertId, "someone", T + 61 * MINUTE, null, "x1"),
                    T + 61 * MINUTE);
            assertThat(h.extractOutputValues()).hasSize(1);
            // Forgotten events.incidentRetention after it ended: state and timers cleared.
            h.processWatermark1(new Watermark(
                    cleared.time + CONFIG.events().incidentRetention().toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aCallbackIsClosedAsCalledBackAndTheRulesLaterWordIsDropped() throws Exception {
        try (var h = harness()) {
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            Alert callback = routed(Alert.Kind.CALLBACK_ABANDONED_999, Alert.Severity.WARNING, "CALL-1", T);
            callback.callId = "CALL-1";
            h.processElement1(callback, T);
            h.processWatermark1(new Watermark(T));
            h.processElement2(
                    AlertAction.of(
                            AlertAction.Kind.CALLED_BACK,
                            callback.alertId,
                            "pc.lee",
                            T + MINUTE,
                            "no answer, left message",
                            "c1"),
                    T + MINUTE);
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).state).isEqualTo(Alert.State.CLEARED);
            assertThat(out.get(1).outcome).isEqualTo(AlertDesk.CALLED_BACK);
            assertThat(out.get(1).acknowledgedBy).isEqualTo("pc.lee");
            Alert answered = callback.next(Alert.State.CLEARED);
            answered.outcome = "ANSWERED";
            h.processElement1(answered, T + 5 * MINUTE);
            h.processWatermark1(new Watermark(T + 5 * MINUTE));
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }
}
