package io.pacesetter.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How Pacesetter talks to Kafka ({@code run --kafka}, {@code produce}).
 *
 * @param bootstrapServers {@code host:port[,host:port...]}; {@code run --kafka BOOTSTRAP} overrides it
 * @param topics the topics read and written
 * @param groupId the consumer group of the event sources (offsets are committed to it on checkpoints)
 * @param startingOffsets where a job with no checkpoint starts reading
 * @param transactionalIdPrefix the exactly-once sinks' transactional id prefix (docs/kafka.md, "Transactions")
 * @param transactionTimeout how long the broker keeps a transaction open (docs/kafka.md, "Transactions")
 * @param properties any other Kafka client property, e.g. {@code security.protocol} (docs/kafka.md, "Security")
 */
public record KafkaConfig(
        String bootstrapServers,
        KafkaTopics topics,
        String groupId,
        StartingOffsets startingOffsets,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> properties)
        implements java.io.Serializable {

    private static final Pattern HOST_PORT =
            Pattern.compile("[^\\s:,\\[\\]]+:(\\d{1,5})|\\[[0-9a-fA-F:.]+]:(\\d{1,5})");

    /** The same settings against other brokers ({@code run --kafka BOOTSTRAP}). */
    public KafkaConfig withBootstrapServers(String servers) {
        return new KafkaConfig(
                servers, topics, groupId, startingOffsets, transactionalIdPrefix, transactionTimeout, properties);
    }

    /**
     * The same topics and transactions on the embedded broker: plain localhost, so none of a
     * cluster's client properties (security, truststores) apply there.
     */
    public KafkaConfig onEmbeddedBroker(String servers) {
        return new KafkaConfig(
                servers, topics, groupId, startingOffsets, transactionalIdPrefix, transactionTimeout, Map.of());
    }

    /**
     * Refuses anything but {@code host:port[,host:port...]}.
     *
     * @param key what to name in the message: a configuration key or a command-line option
     */
    public static void checkBootstrapServers(String key, String servers) {
        String fix = "give host:port, several separated by commas, e.g. broker1:9092,broker2:9092";
        if (servers == null || servers.isBlank()) {
            throw new ConfigException(key, "missing or blank; " + fix);
        }
        for (String server : servers.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(server.trim());
            String port = m.matches() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
            if (port == null || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new ConfigException(key, "'" + server.trim() + "' is not host:port; " + fix);
            }
        }
    }

    /**
     * The client properties with every secret reference read. Call it when a command starts, and
     * never print the result.
     *
     * @param environment the environment variables ({@code System::getenv} outside tests)
     * @throws ConfigException naming the property (never the secret) when a secret cannot be read
     */
    public Map<String, String> resolvedProperties(Function<String, String> environment) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : properties.entrySet()) {
            resolved.put(
                    p.getKey(), SecretReferences.resolve("kafka.properties." + p.getKey(), p.getValue(), environment));
        }
        return resolved;
    }

    /** Literal sensitive values are hidden: a configuration may be logged or shown in an error. */
    @Override
    public String toString() {
        String shownProperties = properties == null
                ? "null"
                : new TreeMap<>(properties)
                        .entrySet().stream()
                                .map(p -> p.getKey() + "=" + SecretReferences.shown(p.getKey(), p.getValue()))
                                .collect(Collectors.joining(", ", "{", "}"));
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", topics=" + topics + ", groupId=" + groupId
                + ", startingOffsets=" + startingOffsets + ", transactionalIdPrefix=" + transactionalIdPrefix
                + ", transactionTimeout=" + transactionTimeout + ", properties=" + shownProperties + "]";
    }
}
