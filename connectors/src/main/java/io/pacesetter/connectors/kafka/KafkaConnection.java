package io.pacesetter.connectors.kafka;

import io.pacesetter.config.ConfigException;
import io.pacesetter.config.KafkaConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka settings of one command with their secrets read: made once when a command starts
 * ({@link #resolve}), then the one place that builds every Kafka source, sink and client, so they
 * all carry the same client properties. Its {@link #toString()} never shows a secret.
 */
public final class KafkaConnection {
    /** Sink suffixes: each exactly-once sink needs transactional ids of its own. */
    static final String KPIS_SUFFIX = "-kpis";

    static final String DEAD_LETTERS_SUFFIX = "-dead-letters";

    private final KafkaConfig config;
    private final Map<String, String> clientProperties;

    private KafkaConnection(KafkaConfig config, Map<String, String> clientProperties) {
        this.config = config;
        this.clientProperties = clientProperties;
    }

    /**
     * Reads the secrets {@code config} refers to from the environment and files; a missing one is a
     * {@link ConfigException}.
     */
    public static KafkaConnection resolve(KafkaConfig config) {
        return resolve(config, System::getenv);
    }

    public static KafkaConnection resolve(KafkaConfig config, Function<String, String> environment) {
        return new KafkaConnection(config, Map.copyOf(config.resolvedProperties(environment)));
    }

    public KafkaConfig config() {
        return config;
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /**
     * A source of one event topic. Watermarks are made per partition when it is given to
     * {@code env.fromSource} with a watermark strategy, and idleness applies per partition too.
     *
     * @param futureTolerance events stamped further ahead of the wall clock are {@code FUTURE}; null: no such check
     * @param bounded stop at the offsets that are latest when the job starts (tests, catching up a
     *     topic); otherwise read on
     */
    @SuppressWarnings("deprecation") // the connector's API still takes the deprecated OffsetResetStrategy
    public KafkaSource<InputRecord> eventSource(String topic, Duration futureTolerance, boolean bounded) {
        KafkaSourceBuilder<InputRecord> builder = KafkaSource.<InputRecord>builder()
                // Upstream producers may write in transactions: never read what they abort. A property may say
                // otherwise.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperties(properties())
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId())
                .setClientIdPrefix(config.groupId() + "-" + topic)
                .setTopics(topic)
                .setDeserializer(new KafkaEventDeserializer(futureTolerance))
                .setStartingOffsets(
                        switch (config.startingOffsets()) {
                            case EARLIEST -> OffsetsInitializer.earliest();
                            case LATEST -> OffsetsInitializer.latest();
                            case COMMITTED ->
                                OffsetsInitializer.committedOffsets(
                                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
                        });
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The actions topic (acknowledge, called back, digest requests), each record's value one action's JSON; read
     * from where the group's committed offsets (or, with none, the checkpoint) left off, never skipping any.
     *
     * @param bounded stop at the offsets that are latest when the job starts (tests, catching up)
     */
    @SuppressWarnings("deprecation") // the connector's API still takes the deprecated OffsetResetStrategy
    public KafkaSource<String> actionSource(boolean bounded) {
        KafkaSourceBuilder<String> builder = KafkaSource.<String>builder()
                .setProperties(properties())
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId())
                .setClientIdPrefix(config.groupId() + "-" + config.topics().actions())
                .setTopics(config.topics().actions())
                .setDeserializer(
                        org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema
                                .valueOnly(org.apache.kafka.common.serialization.StringDeserializer.class))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Measure records, exactly once: visible to a {@code read_committed} reader when the checkpoint
     * after them completes.
     */
    public KafkaSink<MeasureRecord> kpiSink() {
        return exactlyOnce(new MeasureRecordSerializer(config.topics().kpis()), KPIS_SUFFIX);
    }

    /** Dead letters, exactly once like the figures they are counted in, so a reader never counts one twice. */
    public KafkaSink<DeadLetter> deadLetterSink() {
        return exactlyOnce(new DeadLetterSerializer(config.topics().deadLetters()), DEAD_LETTERS_SUFFIX);
    }

    /**
     * Alerts, at least once and not transactional: an alert is visible the moment it is sent rather
     * than held back until the next checkpoint. After a restart an alert may be sent again, with the
     * same {@code alertId} and {@code revision}, so a reader that de-duplicates by them sees it once.
     */
    public KafkaSink<Alert> alertSink() {
        return KafkaSink.<Alert>builder()
                .setKafkaProducerConfig(properties())
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new AlertSerializer(config.topics().alerts()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private <T> KafkaSink<T> exactlyOnce(
            org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> serializer, String suffix) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(properties())
                .setBootstrapServers(config.bootstrapServers())
                .setProperty(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(config.transactionTimeout().toMillis()))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + suffix)
                .build();
    }

    /** A plain producer's settings ({@code produce}, the built-in feed): idempotent, acknowledged by all replicas. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putAll(properties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** A consumer's settings for reading outputs back (tests, tools), with no group: it assigns partitions itself. */
    public Properties readerProperties(boolean readCommitted) {
        Properties p = new Properties();
        p.putAll(properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    public Properties adminProperties() {
        Properties p = properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return p;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        return p;
    }

    /**
     * Checks, before a job starts, what would otherwise fail it later and repeatedly: that the
     * topics exist, and that the transaction timeout is within the broker's maximum.
     *
     * @param topics configuration key to topic name, e.g. {@code kafka.topics.calls -> pacesetter.call-events}
     * @param transactions whether this command writes in transactions, so the timeout matters
     * @return notes on what could not be checked (e.g. no permission to read broker settings); empty if all was
     * @throws ConfigException naming the key to change when a topic is missing or the timeout too long
     * @throws IllegalStateException when the brokers cannot be reached within {@code timeout}
     */
    public List<String> checkBroker(Map<String, String> topics, boolean transactions, Duration timeout)
            throws InterruptedException {
        List<String> notes = new ArrayList<>();
        Admin admin = Admin.create(adminProperties());
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (Map.Entry<String, String> topic : topics.entrySet()) {
                if (!existing.contains(topic.getValue())) {
                    throw new ConfigException(
                            topic.getKey(),
                            "topic '" + topic.getValue() + "' does not exist on " + config.bootstrapServers()
                                    + "; create it, or name an existing topic here");
                }
            }
            if (!transactions) {
                return notes;
            }
            Collection<org.apache.kafka.common.Node> nodes =
                    admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                notes.add("no broker listed its settings: transaction.max.timeout.ms not checked");
                return notes;
            }
            ConfigResource broker = new ConfigResource(
                    ConfigResource.Type.BROKER,
                    Integer.toString(nodes.iterator().next().id()));
            Config settings;
            try {
                settings = admin.describeConfigs(List.of(broker))
                        .all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(broker);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthorizationException) {
                    notes.add("not allowed to read the broker's settings ("
                            + e.getCause().getMessage()
                            + "): kafka.transactionTimeout not checked against transaction.max.timeout.ms");
                    return notes;
                }
                throw e;
            }
            ConfigEntry max = settings.get("transaction.max.timeout.ms");
            if (max != null && max.value() != null) {
                Duration brokerMax = Duration.ofMillis(Long.parseLong(max.value()));
                if (config.transactionTimeout().compareTo(brokerMax) > 0) {
                    throw new ConfigException(
                            "kafka.transactionTimeout",
                            config.transactionTimeout() + " is above the broker's transaction.max.timeout.ms ("
                                    + brokerMax + "); set it to at most " + brokerMax);
                }
            }
            return notes;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka at " + config.bootstrapServers() + " refused the start-up check: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at " + config.bootstrapServers() + " within " + timeout
                            + "; check kafka.bootstrapServers (or --kafka) and the client properties",
                    e);
        } finally {
            // Bounded: an unreachable broker must not hold the command for the client's default minute.
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** The keys every input and output topic is configured under, for {@link #checkBroker}. */
    public Map<String, String> topicsByKey() {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("kafka.topics.calls", config.topics().calls());
        topics.put("kafka.topics.incidents", config.topics().incidents());
        topics.put("kafka.topics.kpis", config.topics().kpis());
        topics.put("kafka.topics.deadLetters", config.topics().deadLetters());
        topics.put("kafka.topics.alerts", config.topics().alerts());
        topics.put("kafka.topics.actions", config.topics().actions());
        return topics;
    }

    /** Shows the settings as {@link KafkaConfig#toString()} does: references, never the secrets they were read into. */
    @Override
    public String toString() {
        return "KafkaConnection[" + config + "]";
    }
}
