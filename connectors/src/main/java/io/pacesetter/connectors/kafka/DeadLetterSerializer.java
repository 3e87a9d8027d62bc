package io.pacesetter.connectors.kafka;

import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.KafkaOrigin;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter as a Kafka record. The body is the same JSON object as a line of
 * {@code dead-letters.jsonl} ({@link RecordJson#deadLetter}); the headers say the same in a form a
 * tool can route on without parsing it, and carry the original bytes exactly: {@link #REASON},
 * {@link #ORIGIN}, for an input read from Kafka {@link #SOURCE_TOPIC}, {@link #SOURCE_PARTITION} and
 * {@link #SOURCE_OFFSET}, and {@link #ORIGINAL}. Key = the event's id when it could be read.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    public static final String REASON = "pacesetter.reason";
    public static final String ORIGIN = "pacesetter.origin";
    public static final String SOURCE_TOPIC = "pacesetter.source.topic";
    public static final String SOURCE_PARTITION = "pacesetter.source.partition";
    public static final String SOURCE_OFFSET = "pacesetter.source.offset";
    public static final String ORIGINAL = "pacesetter.original";

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        byte[] key = letter.eventId == null ? null : letter.eventId.getBytes(StandardCharsets.UTF_8);
        byte[] body = RecordJson.deadLetter(letter).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, body, headers(letter));
    }

    static Headers headers(DeadLetter letter) {
        Headers headers = new RecordHeaders();
        headers.add(REASON, utf8(letter.reason.name()));
        if (letter.origin != null) {
            headers.add(ORIGIN, utf8(letter.origin));
        }
        Optional<KafkaOrigin> source = KafkaOrigin.parse(letter.origin);
        source.ifPresent(s -> {
            headers.add(SOURCE_TOPIC, utf8(s.topic()));
            headers.add(SOURCE_PARTITION, utf8(Integer.toString(s.partition())));
            headers.add(SOURCE_OFFSET, utf8(Long.toString(s.offset())));
        });
        byte[] original = letter.originalAsBytes();
        if (original != null) {
            headers.add(ORIGINAL, original);
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
