package io.pacesetter.connectors.kafka;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An alert as a Kafka record: the body is the same JSON object as a line of {@code alerts.jsonl}
 * ({@link RecordJson#alert}), the key its {@code alertId}, so every record of one alert lands in one
 * partition in order and a compacted or de-duplicating reader keeps its latest state. The kind,
 * severity, state and audience are headers as well, for a router that does not parse the body.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;

    public static final String KIND = "pacesetter.alert.kind";
    public static final String SEVERITY = "pacesetter.alert.severity";
    public static final String STATE = "pacesetter.alert.state";
    /** Comma-separated, e.g. {@code PACESETTER,DUTY_COMMAND_OFFICER}. */
    public static final String AUDIENCE = "pacesetter.alert.audience";

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        byte[] key = alert.alertId.getBytes(StandardCharsets.UTF_8);
        byte[] body = RecordJson.alert(alert).getBytes(StandardCharsets.UTF_8);
        Headers headers = new RecordHeaders();
        headers.add(KIND, utf8(alert.kind.name()));
        headers.add(SEVERITY, utf8(alert.severity.name()));
        headers.add(STATE, utf8(alert.state.name()));
        headers.add(
                AUDIENCE,
                utf8(String.join(",", alert.audience.stream().map(Enum::name).toList())));
        // No timestamp of the alert's own: a topic's retention counts from the record's timestamp, and an
        // alert about an old moment (a replay, a correction) would be deleted as soon as it was written.
        return new ProducerRecord<>(topic, null, null, key, body, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
