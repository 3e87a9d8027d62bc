package io.pacesetter.job.cli;

import static io.pacesetter.connectors.contract.CallEventType.ANSWERED;
import static io.pacesetter.connectors.contract.CallEventType.OFFERED;
import static io.pacesetter.connectors.contract.IncidentEventType.ARRIVED;
import static io.pacesetter.connectors.contract.IncidentEventType.CREATED;
import static io.pacesetter.testkit.Topics.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.TestEvents;
import io.pacesetter.testkit.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade of the live job: stop it with a savepoint while calls are waiting and emergency
 * incidents are open, start the job again from the savepoint, and send the answers and arrivals.
 * Every leg pairs with the offer from before the savepoint and every incident's clock runs from its
 * creation before it: the operators' state came back under their pinned uids ({@code OperatorIds}),
 * and the sources went on from their offsets (no event is read twice).
 */
@Timeout(180)
class KafkaSavepointITCase {
    private static final Instant T0 = Instant.parse("2016-06-01T08:00:00Z");
    private static final int CALLS = 20;
    private static final int INCIDENTS = 5;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final PacesetterConfig CONFIG = KafkaTestSupport.config("""
            kafka:
              transactionalIdPrefix: savepoint-test
              topics: {kpis: kpis-savepoint, deadLetters: dead-letters-savepoint}
            """);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;

    private static KafkaConnection kafka;

    @BeforeAll
    static void createTopics() throws Exception {
        kafka = KAFKA.connect(CONFIG.kafka());
        KAFKA.createTopics(CONFIG.kafka(), 2);
    }

    @Test
    void openLegsAndIncidentClocksSurviveAStopWithSavepointAndARestart() throws Exception {
        // Before the savepoint: 20 calls offered and 5 grade-1 incidents created, none answered or attended.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int i = 1; i <= CALLS; i++) {
                call(producer, "p1-offer-" + i, "C-" + i, OFFERED, "999", T0.plusSeconds(i), null);
            }
            for (int i = 1; i <= INCIDENTS; i++) {
                incident(producer, "p1-created-" + i, "I-" + i, CREATED, T0.plusSeconds(30), 1, null);
            }
        }
        // Every partition's watermark to two minutes before the clock.
        Topics.publishClock(kafka, 2, "p1", T0.plusSeconds(300));
        Path savepoint;
        JobClient first = start(null);
        try (KafkaTestSupport.Watcher kpis =
                new KafkaTestSupport.Watcher(kafka, CONFIG.kafka().topics().kpis())) {
            kpis.await(live("CALLS_WAITING", "999", CALLS), WAIT);
            kpis.await(live("INCIDENTS_OPEN", null, INCIDENTS), WAIT);
            // Not advancing to the end of event time: that would fire every timer (NO_OUTCOME, breaches) before
            // stopping.
            savepoint = Path.of(URI.create(first.stopWithSavepoint(
                            false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS)));
        }
        System.out.println("Savepoint: " + savepoint);

        // After it: the answers (six minutes on) and the arrivals (ten minutes on, within the 15-minute urban limit).
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int i = 1; i <= CALLS; i++) {
                call(producer, "p2-answer-" + i, "C-" + i, ANSWERED, "999", T0.plusSeconds(360 + i), null);
            }
            for (int i = 1; i <= INCIDENTS; i++) {
                incident(producer, "p2-arrived-" + i, "I-" + i, ARRIVED, T0.plusSeconds(600), null, null);
            }
        }
        Topics.publishClock(kafka, 2, "p2", T0.plusSeconds(2400));
        JobClient second = start(savepoint);
        MeasureRecord answered;
        MeasureRecord attended;
        try (KafkaTestSupport.Watcher kpis =
                new KafkaTestSupport.Watcher(kafka, CONFIG.kafka().topics().kpis())) {
            kpis.await(window("CALLS_ANSWERED", "999", Duration.ofMinutes(15), T0.plusSeconds(900)), WAIT);
            kpis.await(window("ATTENDED_WITHIN_STANDARD", null, Duration.ofMinutes(15), T0.plusSeconds(900)), WAIT);
            // A window ending later: everything the watermark passed before it, dead letters included, is committed.
            kpis.await(window("CALLS_ANSWERED", "101", Duration.ofHours(1), T0.plusSeconds(1800)), WAIT);
            List<MeasureRecord> seen = kpis.read();
            answered = last(seen, window("CALLS_ANSWERED", "999", Duration.ofMinutes(15), T0.plusSeconds(900)));
            attended =
                    last(seen, window("ATTENDED_WITHIN_STANDARD", null, Duration.ofMinutes(15), T0.plusSeconds(900)));
        } finally {
            second.cancel().get(60, TimeUnit.SECONDS);
        }

        assertThat(answered.value)
                .as("legs answered after the restart, offered before it")
                .isEqualTo((double) CALLS);
        assertThat(attended.denominator)
                .as("incidents created before the restart, attended after it")
                .isEqualTo((double) INCIDENTS);
        assertThat(attended.value).isEqualTo(1.0);
        List<RejectReason> rejected = Topics.readAll(
                        kafka, CONFIG.kafka().topics().deadLetters(), true)
                .stream()
                .map(r -> RecordJson.readDeadLetter(text(r.value())))
                .map((DeadLetter d) -> d.reason)
                .toList();
        assertThat(rejected)
                .as("no answer without its offer, no arrival without its incident, no event read twice")
                .doesNotContain(RejectReason.NO_OFFER, RejectReason.NO_CREATED, RejectReason.DUPLICATE);
    }

    /** The job as {@code run --kafka} builds it, unbounded, from a savepoint when one is given. */
    private static JobClient start(Path savepoint) throws Exception {
        StreamExecutionEnvironment env = KafkaTestSupport.environment(
                dir.resolve("checkpoints"),
                Duration.ofMillis(500),
                0,
                savepoint == null
                        ? Map.of()
                        : Map.of(
                                "execution.state-recovery.path",
                                savepoint.toUri().toString()));
        ClusterJob.defineOn(env, CONFIG, kafka, Duration.ofMinutes(15), false, false, false, null);
        return env.executeAsync(savepoint == null ? "Pacesetter before the upgrade" : "Pacesetter after the upgrade");
    }

    private static void call(
            KafkaProducer<byte[], byte[]> producer,
            String eventId,
            String callId,
            CallEventType type,
            String queue,
            Instant time,
            Integer partition)
            throws Exception {
        Topics.send(
                producer,
                CONFIG.kafka().topics().calls(),
                partition,
                TestEvents.callLine(eventId, callId, type, queue, time.toEpochMilli(), TestEvents.DISTRICT));
    }

    private static void incident(
            KafkaProducer<byte[], byte[]> producer,
            String eventId,
            String incidentId,
            IncidentEventType type,
            Instant time,
            Integer grade,
            Integer partition)
            throws Exception {
        Topics.send(
                producer,
                CONFIG.kafka().topics().incidents(),
                partition,
                TestEvents.incidentLine(eventId, incidentId, type, time.toEpochMilli(), grade, TestEvents.DISTRICT));
    }

    private static Predicate<MeasureRecord> live(String measure, String queue, long value) {
        return r -> r.window == WindowKind.LIVE
                && r.scope == Scope.FORCE
                && measure.equals(r.measure)
                && Objects.equals(queue, r.queue)
                && r.value != null
                && r.value == value;
    }

    private static Predicate<MeasureRecord> window(String measure, String queue, Duration length, Instant end) {
        return r -> r.window == WindowKind.SLIDING
                && r.scope == Scope.FORCE
                && r.area == null
                && measure.equals(r.measure)
                && Objects.equals(queue, r.queue)
                && r.windowLengthMs == length.toMillis()
                && r.windowEnd == end.toEpochMilli();
    }

    private static MeasureRecord last(List<MeasureRecord> seen, Predicate<MeasureRecord> wanted) {
        return seen.stream().filter(wanted).reduce((a, b) -> b).orElseThrow();
    }
}
