package io.pacesetter.connectors.kafka;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert record as a Kafka record: key = its {@code alertId}, so every revision of one alert lands in
 * one partition in order and a compacted topic keeps its latest state; value = {@link RecordJson#alert}.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        // No timestamp, as for measure records: an alert's event time may be years old in a replayed feed.
        return new ProducerRecord<>(topic, null, null, alert.alertId.getBytes(StandardCharsets.UTF_8),
                RecordJson.alert(alert).getBytes(StandardCharsets.UTF_8));
    }
}
