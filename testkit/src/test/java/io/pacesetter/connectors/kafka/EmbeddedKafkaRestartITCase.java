package io.pacesetter.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker outage of the cluster test, alone: after {@link EmbeddedKafka#restartBroker()} returns, a
 * producer started then writes to every partition at once, with a delivery timeout far shorter than the
 * two minutes a batch once waited after a restart (docs/kafka.md, "The embedded broker").
 */
@Timeout(180)
class EmbeddedKafkaRestartITCase {
    private static final int PARTITIONS = 2;
    private static final int LINES = 400;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void afterARestartAFreshProducerWritesToEveryPartitionAtOnce() throws Exception {
        KafkaConnection kafka = KAFKA.connect(ConfigLoader.defaults().kafka());
        String topic = kafka.config().topics().calls();
        KAFKA.createTopics(PARTITIONS, Map.of(), topic);
        assertThat(write(kafka, topic, "before")).hasSize(LINES);

        for (int outage = 0; outage < 2; outage++) {
            KAFKA.broker().stopBroker();
            Thread.sleep(1_000);
            long restarting = System.nanoTime();
            KAFKA.broker().restartBroker();
            long started = System.nanoTime();
            List<RecordMetadata> written = write(kafka, topic, "after-" + outage);
            System.out.printf(
                    "restart %d: ready after %,d ms, %d lines written in %,d ms%n",
                    outage,
                    (started - restarting) / 1_000_000,
                    written.size(),
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(written.stream().map(RecordMetadata::partition).distinct())
                    .as("every partition written")
                    .hasSize(PARTITIONS);
        }
        assertThat(Topics.readAll(kafka, topic, true)).hasSize(3 * LINES);
    }

    /** {@link #LINES} values over the partitions, from a producer started now, waiting for every one. */
    private static List<RecordMetadata> write(KafkaConnection kafka, String topic, String batch) throws Exception {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < LINES; i++) {
                byte[] key = (batch + "-" + i).getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, key, key)));
            }
            producer.flush();
        }
        List<RecordMetadata> written = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            written.add(f.get());
        }
        return written;
    }
}
