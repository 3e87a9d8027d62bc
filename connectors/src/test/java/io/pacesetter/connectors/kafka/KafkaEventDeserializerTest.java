package io.pacesetter.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.KafkaOrigin;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.parse.EventParser;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A Kafka value is read exactly as a file line is, and whatever cannot be read keeps its bytes and coordinates. */
class KafkaEventDeserializerTest {
    private static final String TOPIC = "pacesetter.call-events";
    private static final String OFFERED =
            "{\"eventId\":\"e-1\",\"callId\":\"c-1\",\"type\":\"OFFERED\",\"queue\":\"999\","
                    + "\"time\":\"2016-06-01T08:00:03.250Z\"}";
    private static final long T_080003_250_MS = 1_464_768_003_250L;

    private final KafkaEventDeserializer deserializer = new KafkaEventDeserializer(null);

    @SafeVarargs
    private final List<InputRecord> read(ConsumerRecord<byte[], byte[]>... records) {
        List<InputRecord> out = new ArrayList<>();
        Collector<InputRecord> collector = new Collector<>() {
            @Override
            public void collect(InputRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
        for (ConsumerRecord<byte[], byte[]> r : records) {
            deserializer.deserialize(r, collector);
        }
        return out;
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, "c-1".getBytes(StandardCharsets.UTF_8), value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGoodValueIsTheSameEventAsTheSameFileLine() {
        InputRecord fromKafka = read(record(0, 7, utf8(OFFERED))).get(0);
        InputRecord fromFile = EventParser.forReplay().parse(OFFERED, "calls.jsonl:1");

        assertThat(fromKafka.call).isEqualTo(fromFile.call);
        assertThat(fromKafka.call.type).isEqualTo(CallEventType.OFFERED);
        assertThat(fromKafka.eventTime()).isEqualTo(T_080003_250_MS);
    }

    @Test
    void aBrokenValueIsADeadLetterFromItsTopicPartitionAndOffset() {
        DeadLetter d = read(record(3, 1042, utf8("{\"eventId\":"))).get(0).deadLetter;

        assertThat(d.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(d.origin).isEqualTo(TOPIC + "/3@1042");
        assertThat(KafkaOrigin.parse(d.origin)).contains(new KafkaOrigin(TOPIC, 3, 1042));
        assertThat(d.original).isEqualTo("{\"eventId\":");
        assertThat(d.originalBytes).as("text gives the bytes back: kept once").isNull();
        assertThat(d.originalAsBytes()).isEqualTo(utf8("{\"eventId\":"));
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedAndKeptExactly() {
        byte[] latin1 =
                "{\"eventId\":\"e-2\",\"callId\":\"c-2\",\"type\":\"OFFERED\",\"queue\":\"999\",\"time\":\"2016-06-01T08:00:03.250Z\",\"district\":\"M\u00fcnster\"}"
                        .getBytes(StandardCharsets.ISO_8859_1);

        DeadLetter d = read(record(0, 5, latin1)).get(0).deadLetter;

        assertThat(d.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(d.detail).contains("not UTF-8");
        assertThat(d.originalBytes).isEqualTo(latin1);
        assertThat(d.originalAsBytes()).isEqualTo(latin1);
        assertThat(RecordJson.readDeadLetter(RecordJson.deadLetter(d)))
                .as("the JSON form keeps the bytes too")
                .isEqualTo(d);
    }

    @Test
    void aRecordWithoutAValueIsMalformed() {
        DeadLetter d = read(record(1, 9, null)).get(0).deadLetter;

        assertThat(d.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(d.detail).contains("no value");
        assertThat(d.original).isNull();
        assertThat(d.originalAsBytes()).isNull();
    }

    @Test
    void aRejectionIsCountedAfterTheLastGoodEventOfItsOwnPartition() {
        List<InputRecord> out = read(
                record(0, 0, utf8(OFFERED)),
                record(1, 0, utf8("not json")),
                record(0, 1, utf8("not json either")),
                record(0, 2, null));

        assertThat(out.get(1).deadLetter.receivedAfter)
                .as("partition 1 has read no good event")
                .isNull();
        assertThat(out.get(2).deadLetter.receivedAfter).isEqualTo(T_080003_250_MS);
        assertThat(out.get(3).deadLetter.receivedAfter).isEqualTo(T_080003_250_MS);
    }

    @Test
    void liveRulesRejectAnEventStampedInTheFuture() {
        KafkaEventDeserializer live = new KafkaEventDeserializer(Duration.ofMinutes(5));
        String future = OFFERED.replace("2016-06-01T08:00:03.250Z", "2999-01-01T00:00:00.000Z");
        List<InputRecord> out = new ArrayList<>();
        live.deserialize(record(0, 0, utf8(future)), new Collector<>() {
            @Override
            public void collect(InputRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });

        assertThat(out.get(0).deadLetter.reason).isEqualTo(RejectReason.FUTURE);
    }

    @Test
    void itProducesTheSamePojoTypeAsTheFileSource() {
        assertThat(deserializer.getProducedType()).isEqualTo(TypeInformation.of(InputRecord.class));
    }
}
