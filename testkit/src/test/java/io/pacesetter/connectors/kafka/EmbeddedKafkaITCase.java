package io.pacesetter.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigException;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.KafkaConfig;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.TestEvents;
import io.pacesetter.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The in-JVM KRaft broker, and the Kafka source and dead-letter sink against it: a value travels from
 * a topic through the parser into a Flink job, and a dead letter from a job into a topic with its
 * headers, exactly once.
 */
@Timeout(120)
class EmbeddedKafkaITCase {
    private static final String GOOD = TestEvents.callLine(
            "e-1",
            "c-1",
            CallEventType.OFFERED,
            "999",
            Instant.parse("2016-06-01T08:00:03.250Z").toEpochMilli(),
            null);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafka broker;
    private static KafkaConnection kafka;

    @BeforeAll
    static void connect() throws Exception {
        broker = KAFKA.broker();
        kafka = KAFKA.connect(ConfigLoader.defaults().kafka());
        KafkaConfig config = kafka.config();
        KAFKA.createTopics(1, Map.of(), config.topics().calls(), config.topics().deadLetters());
    }

    @Test
    void theBrokerStartsAndPassesTheStartUpCheck() throws Exception {
        // How long it took is a figure to print, not to assert: a loaded machine is slower (docs/benchmarks.md).
        System.out.printf(
                "Embedded broker started in %,d ms%n", broker.startTime().toMillis());
        assertThat(broker.bootstrapServers()).startsWith("localhost:");
        assertThat(kafka.checkBroker(
                        Map.of("kafka.topics.calls", kafka.config().topics().calls()), true, Duration.ofSeconds(30)))
                .as("the embedded broker lets its settings be read")
                .isEmpty();
    }

    @Test
    void aTransactionTimeoutAboveTheBrokersMaximumIsRefusedBeforeAJobStarts() {
        KafkaConfig tooLong = ConfigLoader.loadYaml("kafka: {transactionTimeout: PT20M}")
                .kafka()
                .withBootstrapServers(broker.bootstrapServers());

        assertThatThrownBy(() -> KafkaConnection.resolve(tooLong)
                        .checkBroker(
                                Map.of("kafka.topics.calls", tooLong.topics().calls()), true, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.transactionTimeout"))
                .hasMessageContaining("transaction.max.timeout.ms (PT15M)");
    }

    @Test
    void aMissingTopicIsNamedByItsKey() {
        assertThatThrownBy(() -> kafka.checkBroker(kafka.topicsByKey(), true, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.topics.incidents"))
                .hasMessageContaining("does not exist");
    }

    @Test
    void valuesFromATopicArriveParsedOrDeadLetteredWithTheirCoordinates() throws Exception {
        String topic = kafka.config().topics().calls();
        byte[] notUtf8 = {'{', (byte) 0xc3, '(', '}'};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            producer.send(new ProducerRecord<>(topic, EventLines.keyOf(GOOD), GOOD.getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(topic, null, "{\"eventId\":".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(topic, null, notUtf8)).get();
            producer.send(new ProducerRecord<>(topic, "c-1".getBytes(StandardCharsets.UTF_8), null))
                    .get();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Configuration.fromMap(Map.of("restart-strategy.type", "none", "pipeline.generic-types", "false")));
        env.setParallelism(1);
        List<InputRecord> read = new ArrayList<>();
        try (var records = env.fromSource(
                        kafka.eventSource(topic, null, true), WatermarkStrategy.noWatermarks(), "Kafka calls")
                .executeAndCollect("read a topic")) {
            records.forEachRemaining(read::add);
        }

        assertThat(read).hasSize(4);
        assertThat(read.get(0).call.callId).isEqualTo("c-1");
        assertThat(read.subList(1, 4))
                .allSatisfy(r -> assertThat(r.deadLetter.reason).isEqualTo(RejectReason.MALFORMED_JSON));
        assertThat(read.get(1).deadLetter.origin).isEqualTo(topic + "/0@1");
        assertThat(read.get(1).deadLetter.receivedAfter).isEqualTo(read.get(0).eventTime());
        assertThat(read.get(2).deadLetter.originalBytes).isEqualTo(notUtf8);
        assertThat(read.get(3).deadLetter.detail).contains("no value");
    }

    @Test
    void deadLettersAreCommittedWithTheirHeaders() throws Exception {
        DeadLetter broken = new DeadLetter(
                RejectReason.BAD_TIME,
                "time 'yesterday' is not an ISO-8601 instant",
                "{\"eventId\":\"e-5\",\"time\":\"yesterday\"}",
                "pacesetter.call-events/0@17",
                "e-5",
                null);
        DeadLetter duplicate = new DeadLetter(
                RejectReason.DUPLICATE, "seen before", "{\"eventId\":\"e-1\"}", "pipeline", "e-1", 1_464_768_003_250L);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(Map.of(
                        "restart-strategy.type",
                        "none",
                        "pipeline.generic-types",
                        "false",
                        "execution.checkpointing.interval",
                        "500 ms")));
        env.setParallelism(1);
        env.fromData(DeadLetter.class, broken, duplicate)
                .sinkTo(kafka.deadLetterSink())
                .name("Dead letters to Kafka");
        env.execute("write dead letters");

        List<ConsumerRecord<byte[], byte[]>> written =
                Topics.readAll(kafka, kafka.config().topics().deadLetters(), true);

        assertThat(written).hasSize(2);
        assertThat(RecordJson.readDeadLetter(new String(written.get(0).value(), StandardCharsets.UTF_8)))
                .isEqualTo(broken);
        assertThat(new String(
                        written.get(0)
                                .headers()
                                .lastHeader(DeadLetterSerializer.SOURCE_OFFSET)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("17");
        assertThat(written.get(0)
                        .headers()
                        .lastHeader(DeadLetterSerializer.ORIGINAL)
                        .value())
                .isEqualTo(broken.original.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(
                        written.get(1)
                                .headers()
                                .lastHeader(DeadLetterSerializer.REASON)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("DUPLICATE");
    }
}
