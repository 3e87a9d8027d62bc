package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code kafka:} section: its defaults, every refusal naming its key and the fix, and secrets
 * read from the environment or files without ever appearing in a message.
 */
class KafkaConfigTest {
    private static final String SECRET = "s3cr3t-Do-Not-Print";

    private static ConfigException refusal(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadYaml(yaml));
        assertThat(e).as("a ConfigException for:%n%s", yaml).isNotNull();
        assertThat(e.getMessage()).startsWith(e.key() + ": ");
        return e;
    }

    @Nested
    class Defaults {
        private final KafkaConfig kafka = ConfigLoader.defaults().kafka();

        @Test
        void everyTopicHasADistinctDefaultName() {
            KafkaTopics t = kafka.topics();

            assertThat(t.calls()).isEqualTo("pacesetter.call-events");
            assertThat(t.incidents()).isEqualTo("pacesetter.incident-events");
            assertThat(t.kpis()).isEqualTo("pacesetter.kpis");
            assertThat(t.deadLetters()).isEqualTo("pacesetter.dead-letters");
            assertThat(t.alerts()).isEqualTo("pacesetter.alerts");
        }

        @Test
        void aFreshJobReadsFromTheEarliestOffsetWithAFifteenMinuteTransactionTimeout() {
            assertThat(kafka.startingOffsets()).isEqualTo(StartingOffsets.EARLIEST);
            assertThat(kafka.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(kafka.transactionalIdPrefix()).isEqualTo("pacesetter");
            assertThat(kafka.groupId()).isEqualTo("pacesetter");
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092");
            assertThat(kafka.properties()).isEmpty();
        }

        @Test
        void theEmbeddedBrokerKeepsTopicsAndTransactionsButNotAClustersClientProperties() {
            KafkaConfig secured = ConfigLoader.loadYaml("kafka: {properties: {security.protocol: SASL_SSL}}")
                    .kafka();

            KafkaConfig embedded = secured.onEmbeddedBroker("localhost:40000");

            assertThat(embedded.properties()).isEmpty();
            assertThat(embedded.topics()).isEqualTo(secured.topics());
            assertThat(embedded.transactionalIdPrefix()).isEqualTo(secured.transactionalIdPrefix());
            assertThat(embedded.bootstrapServers()).isEqualTo("localhost:40000");
        }

        @Test
        void aCommandLineBootstrapIsCheckedLikeTheConfiguredOne() {
            ConfigException e = catchThrowableOfType(
                    ConfigException.class, () -> KafkaConfig.checkBootstrapServers("--kafka", "broker-without-port"));

            assertThat(e.key()).isEqualTo("--kafka");
            assertThat(e.getMessage()).contains("'broker-without-port' is not host:port");
            assertThatCode(() -> KafkaConfig.checkBootstrapServers("--kafka", "localhost:9092"))
                    .doesNotThrowAnyException();
        }

        @Test
        void otherBrokersKeepEveryOtherSetting() {
            KafkaConfig other = kafka.withBootstrapServers("127.0.0.1:39092");

            assertThat(other.bootstrapServers()).isEqualTo("127.0.0.1:39092");
            assertThat(other.withBootstrapServers(kafka.bootstrapServers())).isEqualTo(kafka);
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "localhost:", "localhost:99999", "a:9092,,b:9092", "host 1:9092"})
        void aServerThatIsNotHostAndPortIsRefused(String servers) {
            ConfigException e = refusal("kafka: {bootstrapServers: \"" + servers + "\"}");

            assertThat(e.key()).isEqualTo("kafka.bootstrapServers");
            assertThat(e.getMessage()).contains("host:port").contains("broker1:9092");
        }

        @Test
        void severalServersAndIpv6AreAccepted() {
            assertThatCode(() ->
                            ConfigLoader.loadYaml("kafka: {bootstrapServers: \"b1:9092, b2.example:9093,[::1]:9094\"}"))
                    .doesNotThrowAnyException();
        }

        @Test
        void aTopicNameKafkaWouldRefuseIsRefused() {
            ConfigException e = refusal("kafka: {topics: {kpis: \"pacesetter kpis\"}}");

            assertThat(e.key()).isEqualTo("kafka.topics.kpis");
            assertThat(e.getMessage()).contains("not a Kafka topic name").contains("249");
        }

        @Test
        void anOutputOnAnInputTopicIsRefused() {
            ConfigException e = refusal("kafka: {topics: {deadLetters: pacesetter.call-events}}");

            assertThat(e.key()).isEqualTo("kafka.topics.deadLetters");
            assertThat(e.getMessage()).contains("also kafka.topics.calls").contains("topic of its own");
        }

        @Test
        void aMissingTopicIsRefused() {
            ConfigException e = refusal("kafka: {topics: {alerts: null}}");

            assertThat(e.key()).isEqualTo("kafka.topics.alerts");
            assertThat(e.getMessage()).contains("missing");
        }

        @Test
        void anUnknownStartingOffsetListsTheChoices() {
            ConfigException e = refusal("kafka: {startingOffsets: NEWEST}");

            assertThat(e.key()).isEqualTo("kafka.startingOffsets");
            assertThat(e.getMessage()).contains("EARLIEST, LATEST, COMMITTED");
        }

        @Test
        void aTransactionTimeoutNoLongerThanTheCheckpointIntervalIsRefused() {
            ConfigException e = refusal("run: {checkpointInterval: PT1M}\nkafka: {transactionTimeout: PT1M}");

            assertThat(e.key()).isEqualTo("kafka.transactionTimeout");
            assertThat(e.getMessage()).contains("run.checkpointInterval").contains("transaction.max.timeout.ms");
        }

        @Test
        void aTransactionalIdPrefixWithSpacesIsRefused() {
            ConfigException e = refusal("kafka: {transactionalIdPrefix: \"example county\"}");

            assertThat(e.key()).isEqualTo("kafka.transactionalIdPrefix");
            assertThat(e.getMessage()).contains("spaces");
        }

        @Test
        void aBlankGroupIsRefused() {
            assertThat(refusal("kafka: {groupId: \" \"}").key()).isEqualTo("kafka.groupId");
        }

        @Test
        void aPropertyWithAKeyOfItsOwnPointsToThatKey() {
            ConfigException e = refusal("kafka: {properties: {bootstrap.servers: \"other:9092\"}}");

            assertThat(e.key()).isEqualTo("kafka.properties.bootstrap.servers");
            assertThat(e.getMessage()).contains("kafka.bootstrapServers");
        }

        @Test
        void aTransactionTimeoutAsAPropertyPointsToTheTypedKey() {
            ConfigException e = refusal("kafka: {properties: {transaction.timeout.ms: 60000}}");

            assertThat(e.getMessage()).contains("kafka.transactionTimeout");
        }

        @Test
        void aPropertyWithoutAValueIsRefused() {
            ConfigException e = refusal("kafka: {properties: {security.protocol: null}}");

            assertThat(e.key()).isEqualTo("kafka.properties.security.protocol");
            assertThat(e.getMessage()).contains("no value");
        }

        @Test
        void aHalfWrittenSecretReferenceIsRefused() {
            ConfigException e =
                    refusal("kafka: {properties: {sasl.jaas.config: \"password=\\\"${env:KAFKA_PASSWORD\\\";\"}}");

            assertThat(e.key()).isEqualTo("kafka.properties.sasl.jaas.config");
            assertThat(e.getMessage()).contains("${env:NAME}").contains("${file:/absolute/path}");
        }

        @Test
        void anEnvironmentReferenceMustNameAVariable() {
            ConfigException e = refusal("kafka: {properties: {ssl.key.password: \"${env:KAFKA PASSWORD}\"}}");

            assertThat(e.getMessage()).contains("does not name an environment variable");
        }

        @Test
        void aFileReferenceMustBeAbsolute() {
            ConfigException e = refusal("kafka: {properties: {ssl.key.password: \"${file:secrets/key}\"}}");

            assertThat(e.getMessage()).contains("not an absolute path");
        }

        @Test
        void anUnknownKeyInTheSectionListsTheKeys() {
            ConfigException e = refusal("kafka: {bootstrap: localhost:9092}");

            assertThat(e.key()).isEqualTo("kafka.bootstrap");
            assertThat(e.getMessage()).contains("bootstrapServers").contains("transactionalIdPrefix");
        }

        @Test
        void anyClientPropertyIsPassedThrough() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    kafka:
                      properties:
                        security.protocol: SASL_SSL
                        sasl.mechanism: SCRAM-SHA-512
                        request.timeout.ms: 30000
                    """);

            assertThat(config.kafka().properties())
                    .containsOnly(
                            Map.entry("security.protocol", "SASL_SSL"),
                            Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                            Map.entry("request.timeout.ms", "30000"));
        }
    }

    @Nested
    class Secrets {
        private final Function<String, String> environment = Map.of("KAFKA_PASSWORD", SECRET)::get;

        @Test
        void anEnvironmentReferenceInsideAJaasLineIsReplaced() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    kafka:
                      properties:
                        sasl.jaas.config: 'ScramLoginModule required username="pacesetter" password="${env:KAFKA_PASSWORD}";'
                        security.protocol: SASL_SSL
                    """);

            Map<String, String> resolved = config.kafka().resolvedProperties(environment);

            assertThat(resolved.get("sasl.jaas.config"))
                    .isEqualTo("ScramLoginModule required username=\"pacesetter\" password=\"" + SECRET + "\";");
            assertThat(resolved.get("security.protocol")).isEqualTo("SASL_SSL");
        }

        @Test
        void aFileReferenceIsReplacedByTheFileWithoutItsLastNewline(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("truststore-password"), SECRET + "\n");
            PacesetterConfig config = ConfigLoader.loadYaml(
                    "kafka: {properties: {ssl.truststore.password: \"${file:" + file.toAbsolutePath() + "}\"}}");

            assertThat(config.kafka().resolvedProperties(environment).get("ssl.truststore.password"))
                    .isEqualTo(SECRET);
        }

        @Test
        void anUnsetVariableNamesThePropertyAndTheVariable() {
            PacesetterConfig config =
                    ConfigLoader.loadYaml("kafka: {properties: {ssl.key.password: \"${env:NOT_SET_HERE}\"}}");

            ConfigException e = catchThrowableOfType(
                    ConfigException.class, () -> config.kafka().resolvedProperties(environment));

            assertThat(e.key()).isEqualTo("kafka.properties.ssl.key.password");
            assertThat(e.getMessage()).contains("NOT_SET_HERE").contains("not set");
        }

        @Test
        void anUnreadableFileNamesThePathButNeverAnotherSecret(@TempDir Path dir) {
            Path missing = dir.resolve("nope");
            PacesetterConfig config =
                    ConfigLoader.loadYaml("kafka: {properties: {sasl.jaas.config: \"p=${env:KAFKA_PASSWORD} q=${file:"
                            + missing.toAbsolutePath() + "}\"}}");

            ConfigException e = catchThrowableOfType(
                    ConfigException.class, () -> config.kafka().resolvedProperties(environment));

            assertThat(e.key()).isEqualTo("kafka.properties.sasl.jaas.config");
            assertThat(e.getMessage()).contains(missing.toString()).doesNotContain(SECRET);
            assertThat(String.valueOf(e.getCause())).doesNotContain(SECRET);
        }

        @Test
        void referencesAreNotReadWhenTheConfigurationIsLoaded() {
            // A replay never connects to Kafka, so it must not need the secrets.
            assertThatCode(() ->
                            ConfigLoader.loadYaml("kafka: {properties: {ssl.key.password: \"${env:NOT_SET_HERE}\"}}"))
                    .doesNotThrowAnyException();
        }

        @Test
        void aConfigurationShownInALogHidesLiteralSecretsAndShowsOnlyReferences() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    kafka:
                      properties:
                        ssl.keystore.password: %s
                        ssl.truststore.password: ${env:KAFKA_PASSWORD}
                        sasl.jaas.config: 'x password="%s";'
                        security.protocol: SASL_SSL
                    """.formatted(SECRET, SECRET));

            assertThat(config.kafka().toString())
                    .doesNotContain(SECRET)
                    .contains("ssl.keystore.password=(hidden)")
                    .contains("ssl.truststore.password=${env:KAFKA_PASSWORD}")
                    .contains("sasl.jaas.config=(hidden)")
                    .contains("security.protocol=SASL_SSL");
            assertThat(config.toString()).doesNotContain(SECRET);
        }
    }
}
