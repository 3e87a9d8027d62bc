package io.pacesetter.connectors.kafka;

import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.KafkaOrigin;
import io.pacesetter.connectors.parse.EventParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a Kafka record's value with the same {@link EventParser} as the file source, so a topic and
 * a file reject the same things for the same reasons. It never throws on a record: bytes that are not
 * UTF-8, a record without a value and anything that breaks the contract become dead letters whose
 * origin is {@code topic/partition@offset} (see {@link KafkaOrigin}) and which keep the original
 * bytes. Each partition has its own parser, so a rejection is counted after the last good event
 * of its own partition, as a file's is after the last good line of its own file.
 */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
    private static final long serialVersionUID = 1L;

    private final Duration futureTolerance;
    private transient Map<String, EventParser> parsers;

    /**
     * @param futureTolerance events stamped further ahead of the wall clock than this are {@code FUTURE};
     *     null for no such check (a replay of old topics)
     */
    public KafkaEventDeserializer(Duration futureTolerance) {
        this.futureTolerance = futureTolerance;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
        if (parsers == null) {
            parsers = new HashMap<>();
        }
        String partition = record.topic() + '/' + record.partition();
        EventParser parser = parsers.computeIfAbsent(
                partition,
                p -> futureTolerance == null
                        ? EventParser.forReplay()
                        : EventParser.forLive(Clock.systemUTC(), futureTolerance));
        InputRecord read = read(
                parser,
                record.value(),
                new KafkaOrigin(record.topic(), record.partition(), record.offset()).toString());
        read.source = partition;
        out.collect(read);
    }

    /**
     * One value to an event or a dead letter; the bytes are kept on the dead letter when its text
     * cannot give them back.
     */
    static InputRecord read(EventParser parser, byte[] value, String origin) {
        if (value == null) {
            return parser.unreadable("the record has no value (a tombstone or an empty send)", null, origin);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            InputRecord rejected = parser.unreadable(
                    "not UTF-8 text (" + notUtf8.getMessage() + "); the JSON contract is UTF-8",
                    new String(value, StandardCharsets.UTF_8),
                    origin);
            rejected.deadLetter.originalBytes = value.clone();
            return rejected;
        }
        return parser.parse(text, origin);
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
