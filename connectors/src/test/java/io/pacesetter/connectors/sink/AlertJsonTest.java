package io.pacesetter.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON form of an alert: every field written, nulls as null, and read back to an equal record. */
class AlertJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MS_0815 =
            Instant.parse("2016-06-01T07:15:00.000Z").toEpochMilli();
    private static final long MS_0800 =
            Instant.parse("2016-06-01T07:00:00.000Z").toEpochMilli();

    private static Alert breach() {
        Alert a = new Alert();
        a.alertId = Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-1", MS_0800);
        a.revision = 1;
        a.kind = Alert.Kind.INCIDENT_BREACHED;
        a.severity = Alert.Severity.CRITICAL;
        a.audience.addAll(List.of(Alert.Audience.PACESETTER, Alert.Audience.DUTY_COMMAND_OFFICER));
        a.state = Alert.State.UPDATED;
        a.time = MS_0815;
        a.episodeStart = MS_0800;
        a.incidentId = "INC-1";
        a.district = "Ashby";
        a.lpa = "North";
        a.area = Area.URBAN;
        a.clockStart = MS_0800;
        a.deadline = MS_0815;
        a.reason = "No resources available";
        a.sentence = "The reason recorded for the missed attendance at incident INC-1: No resources available.";
        a.force = "Example County Police";
        return a;
    }

    private static Alert callHandling() {
        Alert a = new Alert();
        a.alertId =
                Alert.idOf(Alert.Kind.CALL_HANDLING, "999 ANSWERED_WITHIN_STANDARD PT1H FORCE BELOW|FORCE|X", MS_0800);
        a.kind = Alert.Kind.CALL_HANDLING;
        a.severity = Alert.Severity.WARNING;
        a.audience.add(Alert.Audience.FORCE_CONTROL_ROOM);
        a.state = Alert.State.RAISED;
        a.time = MS_0815;
        a.episodeStart = MS_0800;
        a.measure = "ANSWERED_WITHIN_STANDARD";
        a.queue = "999";
        a.scope = Scope.FORCE;
        a.scopeId = "Example County Police";
        a.window = WindowKind.SLIDING;
        a.windowLengthMs = Duration.ofHours(1).toMillis();
        a.value = 0.875;
        a.target = 0.9;
        a.level = 0.9;
        a.numerator = 35.0;
        a.denominator = 40.0;
        a.count = 2L;
        a.incidentIds.addAll(List.of("INC-1", "INC-2"));
        a.sentence = "999 calls answered within 10 s in the hour to 08:15: 87.5% (35 of 40).";
        a.force = "Example County Police";
        return a;
    }

    @Test
    void aBreachIsWrittenWithItsIdRevisionAudienceAndInstantsInUtc() throws Exception {
        JsonNode n = JSON.readTree(RecordJson.alert(breach()));

        assertThat(n.fieldNames())
                .toIterable()
                .startsWith("alertId", "revision", "kind", "severity", "audience", "state");
        assertThat(n.get("alertId").asText()).hasSize(32);
        assertThat(n.get("revision").asInt()).isEqualTo(1);
        assertThat(n.get("audience"))
                .extracting(JsonNode::asText)
                .containsExactly("PACESETTER", "DUTY_COMMAND_OFFICER");
        assertThat(n.get("time").asText()).isEqualTo("2016-06-01T07:15:00.000Z");
        assertThat(n.get("deadline").asText()).isEqualTo("2016-06-01T07:15:00.000Z");
        assertThat(n.get("callId").isNull()).as("nulls are written as null").isTrue();
        assertThat(n.get("windowLength").isNull()).isTrue();
        assertThat(n.get("area").asText()).isEqualTo("URBAN");
    }

    @Test
    void aMeasureAlertCarriesTheMeasuresIdentityAndFigures() throws Exception {
        JsonNode n = JSON.readTree(RecordJson.alert(callHandling()));

        assertThat(n.get("windowLength").asText()).isEqualTo("PT1H");
        assertThat(n.get("window").asText()).isEqualTo("SLIDING");
        assertThat(n.get("value").asDouble()).isEqualTo(0.875);
        assertThat(n.get("denominator").asLong())
                .as("whole numbers without a fraction")
                .isEqualTo(40);
        assertThat(n.get("denominator").isIntegralNumber()).isTrue();
        assertThat(n.get("incidentIds")).extracting(JsonNode::asText).containsExactly("INC-1", "INC-2");
    }

    @Test
    void everyAlertReadsBackEqual() {
        for (Alert a : List.of(breach(), callHandling())) {
            assertThat(RecordJson.readAlert(RecordJson.alert(a))).isEqualTo(a);
        }
    }

    @Test
    void aLineThatIsNotAnAlertSaysSo() {
        assertThatThrownBy(() -> RecordJson.readAlert("{\"kind\":\"SOMETHING\"}"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not an alert");
    }
}
