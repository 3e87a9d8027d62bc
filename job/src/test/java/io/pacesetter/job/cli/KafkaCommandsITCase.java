package io.pacesetter.job.cli;

import static io.pacesetter.testkit.Topics.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.TestEvents;
import io.pacesetter.testkit.Topics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka commands as a user runs them: {@code produce} into a topic, {@code run --kafka BOOTSTRAP}
 * against a cluster (here the embedded broker), measuring how long an event takes to become a
 * KPI record a {@code read_committed} reader can see at the default checkpoint interval, and
 * {@code run --kafka embedded} on its own.
 */
@Timeout(240)
class KafkaCommandsITCase {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private PrintStream previousOut;
    private PrintStream previousErr;

    @BeforeEach
    void capture() {
        previousOut = System.out;
        previousErr = System.err;
        System.setOut(new PrintStream(new Tee(console, previousOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(errors, previousErr), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(previousOut);
        System.setErr(previousErr);
    }

    /** A configuration file for one test: its own topics, transactional ids and folders. */
    private Path config(String name, String extra) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                run: {checkpointDir: %s, outputDir: %s, stateBackend: HASHMAP, summaryEvery: PT5S}
                display: {port: 0}
                kafka:
                  transactionalIdPrefix: %s
                  topics: {calls: %s-calls, incidents: %s-incidents, kpis: %s-kpis, deadLetters: %s-dead-letters, alerts: %s-alerts, actions: %s-actions}
                %s""".formatted(
                        dir.resolve(name + "-checkpoints"),
                        dir.resolve(name + "-out"),
                        name,
                        name,
                        name,
                        name,
                        name,
                        name,
                        name,
                        extra));
        return file;
    }

    @Test
    void produceSendsEveryLineByteForByteKeyedByItsCallOrIncident() throws Exception {
        Path config = config("produce", "");
        PacesetterConfig cfg = ConfigLoader.load(config);
        KAFKA.createTopics(cfg.kafka(), 2);
        byte[] notUtf8 = {'{', (byte) 0xff, '}'};
        Path file = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("""
                    {"eventId":"e-1","callId":"C-1","type":"OFFERED","queue":"999","time":"2016-06-01T08:00:00.000Z"}

                    {"eventId":"e-2","incidentId":"I-1","callId":"C-1","type":"CREATED","grade":1,"district":"Ashby","time":"2016-06-01T08:01:00.000Z"}\r
                    """.getBytes(StandardCharsets.UTF_8));
            out.write(notUtf8);
            out.write('\n');
        }

        int exit = Pacesetter.execute(
                "produce",
                "--config",
                config.toString(),
                "--kafka",
                KAFKA.bootstrapServers(),
                "--topic",
                cfg.kafka().topics().calls(),
                "--file",
                file.toString());

        assertThat(exit).isZero();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Published 3 records");
        List<ConsumerRecord<byte[], byte[]>> sent =
                Topics.readAll(KAFKA.connect(cfg.kafka()), cfg.kafka().topics().calls(), false);
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .extracting(r -> r.key() == null ? null : text(r.key()))
                .containsExactlyInAnyOrder("C-1", "I-1", null);
        assertThat(sent).anySatisfy(r -> assertThat(r.value()).isEqualTo(notUtf8));
        assertThat(sent)
                .anySatisfy(r -> assertThat(text(r.value())).endsWith("\"time\":\"2016-06-01T08:01:00.000Z\"}"));
    }

    @Test
    void produceToATopicThatDoesNotExistIsAUsageErrorNamingIt() throws Exception {
        Path config = config("missing", "");
        Path file = Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        int exit = Pacesetter.execute(
                "produce",
                "--config",
                config.toString(),
                "--kafka",
                KAFKA.bootstrapServers(),
                "--topic",
                "no-such-topic",
                "--file",
                file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("--topic")
                .contains("no-such-topic")
                .contains("does not exist");
    }

    @Test
    void aSecretThatCannotBeReadStopsTheRunBeforeItStartsWithoutShowingAnything() throws Exception {
        Path config = config(
                "secret", "  properties: {sasl.jaas.config: 'x password=\"${env:PACESETTER_TEST_UNSET_SECRET}\";'}\n");

        int exit = Pacesetter.execute(
                "run", "--config", config.toString(), "--kafka", KAFKA.bootstrapServers(), "--duration", "PT1S");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("kafka.properties.sasl.jaas.config")
                .contains("PACESETTER_TEST_UNSET_SECRET")
                .contains("not set");
    }

    @Test
    void runOnAClusterPublishesKpisThatAReadCommittedReaderSeesWithinACheckpointInterval() throws Exception {
        // No incident event ever comes: after 10 s by the wall clock that feed is silent, and says so.
        Path config = config("cluster", "alerts: {feedSilence: {floor: PT10S, ceiling: PT10S}}\n");
        PacesetterConfig cfg = ConfigLoader.load(config);
        KAFKA.createTopics(cfg.kafka(), 2);
        KafkaConnection kafka = KAFKA.connect(cfg.kafka());
        Duration interval = cfg.run().checkpointInterval();
        assertThat(interval).as("the default checkpoint interval").isEqualTo(Duration.ofSeconds(10));

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Pacesetter.execute(
                "run", "--config", config.toString(), "--kafka", KAFKA.bootstrapServers(), "--duration", "PT45S"));
        List<Long> latencies = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties());
                KafkaTestSupport.Watcher kpis =
                        new KafkaTestSupport.Watcher(kafka, cfg.kafka().topics().kpis())) {
            // The first probe also waits for the job to start; it is not counted.
            kpis.await(waiting("PROBE_START"), sentAt(producer, kafka, "PROBE_START"), Duration.ofSeconds(40));
            // Then one event every 2.1 s over one checkpoint interval, so they fall at every point of the
            // interval: the reader keeps reading meanwhile, so each is timed when it became visible.
            int probes = 5;
            long[] sent = new long[probes];
            for (int i = 0; i < probes; i++) {
                sent[i] = sentAt(producer, kafka, "PROBE_" + i);
                kpis.keepReading(Duration.ofMillis(2100));
            }
            for (int i = 0; i < probes; i++) {
                latencies.add(kpis.await(waiting("PROBE_" + i), sent[i], interval.multipliedBy(3)));
            }
        }
        assertThat(run.get(120, TimeUnit.SECONDS)).isZero();

        LongSummaryStatistics stats =
                latencies.stream().mapToLong(Long::longValue).summaryStatistics();
        System.out.printf(
                "End-to-end latency, event produced -> KPI record visible to read_committed, checkpoint interval %s: "
                        + "min %d ms, mean %.0f ms, max %d ms over %d events %s%n",
                interval, stats.getMin(), stats.getAverage(), stats.getMax(), stats.getCount(), latencies);
        assertThat(stats.getMax())
                .as("visible at the first checkpoint after the event, with room for a slow machine")
                .isLessThan(interval.multipliedBy(2).toMillis());
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("KPI records to cluster-kpis", "waiting now:");
        assertThat(dir.resolve("cluster-out").resolve(FileOutputs.DEAD_LETTERS)).exists();

        List<Alert> silences = Topics.readAll(kafka, cfg.kafka().topics().alerts(), false).stream()
                .map(r -> {
                    Alert alert = RecordJson.readAlert(text(r.value()));
                    assertThat(text(r.key())).as("keyed by alertId").isEqualTo(alert.alertId);
                    return alert;
                })
                .filter(a -> a.kind == Alert.Kind.FEED_SILENT && "incidents".equals(a.feed))
                .toList();
        assertThat(silences)
                .as("the incident feed's silence, on the alerts topic")
                .isNotEmpty();
        assertThat(silences.get(0).state).isEqualTo(Alert.State.RAISED);
        assertThat(silences.get(0).audience)
                .contains(Alert.Audience.FORCE_CONTROL_ROOM, Alert.Audience.DUTY_COMMAND_OFFICER);
        assertThat(printed)
                .as("shown on the console while it lasts")
                .contains("!! FEED SILENT: No incident events have arrived");
    }

    /** Sends one offered call to a queue of its own, stamped now; returns when it was sent (epoch ms). */
    private static long sentAt(KafkaProducer<byte[], byte[]> producer, KafkaConnection kafka, String queue)
            throws Exception {
        String json = TestEvents.callLine(queue, queue, CallEventType.OFFERED, queue, System.currentTimeMillis(), null);
        long sent = System.currentTimeMillis();
        Topics.send(producer, kafka.config().topics().calls(), null, json);
        return sent;
    }

    /** The live CALLS_WAITING record of a probe's queue. */
    private static Predicate<MeasureRecord> waiting(String queue) {
        return r -> r.window == WindowKind.LIVE
                && r.scope == Scope.FORCE
                && "CALLS_WAITING".equals(r.measure)
                && queue.equals(r.queue);
    }

    @Test
    void runEmbeddedStartsABrokerPublishesTheFeedAndComputesFromTheTopics() throws Exception {
        Path config = config("embedded", "");
        Path out = dir.resolve("embedded-out");

        int exit = Pacesetter.execute(
                "run",
                "--config",
                config.toString(),
                "--kafka",
                "embedded",
                "--speed",
                "600",
                "--duration",
                "PT10S",
                "--sliding-every",
                "PT1M",
                "--start",
                Instant.now().minus(Duration.ofDays(1)).toString());

        assertThat(exit).isZero();
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("Embedded Kafka broker at localhost:", "Publishing the built-in feed", "waiting now:")
                .containsPattern("The built-in feed published [0-9,]+ events");
        List<MeasureRecord> kpis = Files.readAllLines(out.resolve(FileOutputs.KPIS)).stream()
                .map(RecordJson::readMeasure)
                .toList();
        assertThat(kpis)
                .isNotEmpty()
                .anyMatch(r -> r.measure.equals("ANSWERED_WITHIN_STANDARD") && "999".equals(r.queue));
    }

    @Test
    void theFeedOptionsWithAClusterAreAUsageError() throws Exception {
        Path config = config("options", "");

        assertThat(Pacesetter.execute(
                        "run", "--config", config.toString(), "--kafka", KAFKA.bootstrapServers(), "--speed", "60"))
                .isEqualTo(2);
        assertThat(Pacesetter.execute("run", "--config", config.toString(), "--kafka", "broker-without-port"))
                .isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("--speed, --start and --seed drive the built-in feed")
                .contains("--kafka: 'broker-without-port' is not host:port");
    }

    /** Writes to the capture and still to the real console, so a failing run can be read in the build log. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
