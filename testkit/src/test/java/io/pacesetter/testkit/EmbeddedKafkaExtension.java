package io.pacesetter.testkit;

import io.pacesetter.config.KafkaConfig;
import io.pacesetter.config.KafkaTopics;
import io.pacesetter.connectors.kafka.EmbeddedKafka;
import io.pacesetter.connectors.kafka.KafkaConnection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafka} broker for all the tests of a class: started before the first (and
 * before the class's own {@code @BeforeAll} methods), closed after the last. Register it on a
 * static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 * }</pre>
 *
 * A {@code @Nested} class shares its outer class's broker.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka broker;
    /** The class whose tests the broker was started for: only its end closes it. */
    private String startedFor;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            return;
        }
        broker = EmbeddedKafka.start();
        startedFor = context.getUniqueId();
        System.out.printf(
                "Embedded Kafka broker started in %d ms at %s%n",
                broker.startTime().toMillis(), broker.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null && context.getUniqueId().equals(startedFor)) {
            try {
                broker.close();
            } finally {
                broker = null;
                startedFor = null;
            }
        }
    }

    /** The broker itself, e.g. to stop and restart it as an outage would. */
    public EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("the embedded broker runs only while the tests of its class run: "
                    + "register the extension on a static field");
        }
        return broker;
    }

    /** {@code localhost:PORT}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The settings in {@code config} (topics, transactional ids, properties) against this broker. */
    public KafkaConnection connect(KafkaConfig config) {
        return KafkaConnection.resolve(config.withBootstrapServers(bootstrapServers()));
    }

    /**
     * Creates topics and waits until they can be written.
     *
     * @param topicConfig per-topic settings, e.g. {@code cleanup.policy: compact}; empty for the broker's defaults
     */
    public void createTopics(int partitions, Map<String, String> topicConfig, String... names)
            throws InterruptedException, ExecutionException, TimeoutException {
        broker().createTopics(partitions, topicConfig, names);
    }

    /**
     * Every topic of {@code config} a pipeline reads and writes: the call and incident topics with
     * {@code partitions} each (with two or more, watermarks really are per partition), and the output
     * topics as {@link #createOutputTopics} makes them.
     */
    public void createTopics(KafkaConfig config, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        createTopics(
                partitions,
                Map.of(),
                config.topics().calls(),
                config.topics().incidents(),
                config.topics().actions());
        createOutputTopics(config, partitions);
    }

    /** The topics of {@code config} a pipeline writes: the KPI topic with {@code partitions}, dead letters and alerts with one. */
    public void createOutputTopics(KafkaConfig config, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        KafkaTopics topics = config.topics();
        createTopics(partitions, Map.of(), topics.kpis());
        createTopics(1, Map.of(), topics.deadLetters(), topics.alerts());
    }
}
