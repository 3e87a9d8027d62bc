package io.pacesetter.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Alerts on Kafka: keyed by alertId, so every revision of one alert is in one partition, in order. */
class AlertSerializerTest {
    private static Alert breach(int revision, Alert.State state) {
        long clockStart = Instant.parse("2016-06-01T08:00:00Z").toEpochMilli();
        Alert a = new Alert();
        a.alertId = Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-1", clockStart);
        a.revision = revision;
        a.kind = Alert.Kind.INCIDENT_BREACHED;
        a.severity = Alert.Severity.CRITICAL;
        a.audience.addAll(List.of(Alert.Audience.PACESETTER, Alert.Audience.DUTY_COMMAND_OFFICER));
        a.state = state;
        a.time = clockStart + 900_000;
        a.episodeStart = clockStart;
        a.incidentId = "INC-1";
        a.sentence = "Incident INC-1 has passed its limit with nobody on scene.";
        a.force = "Example County Police";
        return a;
    }

    @Test
    void theKeyIsTheAlertIdAndTheValueReadsBackToTheAlert() {
        Alert raised = breach(0, Alert.State.RAISED);
        ProducerRecord<byte[], byte[]> r = new AlertSerializer("pacesetter.alerts").serialize(raised, null, 123L);
        assertThat(r.topic()).isEqualTo("pacesetter.alerts");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(raised.alertId);
        assertThat(r.timestamp())
                .as("stamped by the producer, not with the alert's event time")
                .isNull();
        Alert back = RecordJson.readAlert(new String(r.value(), StandardCharsets.UTF_8));
        assertThat(RecordJson.alert(back)).isEqualTo(RecordJson.alert(raised));
    }

    @Test
    void everyRevisionOfOneAlertHasTheSameKey() {
        AlertSerializer serializer = new AlertSerializer("pacesetter.alerts");
        assertThat(serializer
                        .serialize(breach(1, Alert.State.CLEARED), null, null)
                        .key())
                .isEqualTo(serializer
                        .serialize(breach(0, Alert.State.RAISED), null, null)
                        .key());
    }
}
