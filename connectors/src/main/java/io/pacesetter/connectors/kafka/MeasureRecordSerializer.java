package io.pacesetter.connectors.kafka;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.sink.JsonLine;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A measure record as a Kafka record: key = its whole identity ({@link MeasureRecord#identity()}), so
 * every revision of one figure lands in one partition in order and a compacted topic keeps the
 * latest; value = output contract v1 ({@link RecordJson#measure}).
 */
public final class MeasureRecordSerializer implements KafkaRecordSerializationSchema<MeasureRecord> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    /** One per writer, which serializes one record at a time. */
    private transient JsonLine line;

    public MeasureRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(MeasureRecord record, KafkaSinkContext context, Long timestamp) {
        // No timestamp: the producer stamps the time of writing. The element's own timestamp is event
        // time, possibly years old for a replayed feed, and time-based retention would delete it at once.
        if (line == null) {
            line = new JsonLine();
        }
        line.reset();
        RecordJson.measure(record, line);
        return new ProducerRecord<>(topic, null, null, key(record), line.toByteArray());
    }

    /** The Kafka key of a measure record. */
    public static byte[] key(MeasureRecord record) {
        return record.identity().getBytes(StandardCharsets.UTF_8);
    }
}
