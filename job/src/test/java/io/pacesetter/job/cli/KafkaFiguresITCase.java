package io.pacesetter.job.cli;

import static io.pacesetter.testkit.Topics.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.kafka.DeadLetterSerializer;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.kafka.MeasureRecordSerializer;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.Oracle;
import io.pacesetter.testkit.Topics;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated day, delivered with every fault of docs/faults.md, and a set of broken records go into the input
 * topics of a real broker; the job reads them with the live rules and writes its figures exactly once. A
 * {@code read_committed} reader of the KPI topic then finds the final DAY and MONTH figures {@code replay} computes
 * from the same events, each record once, and the dead-letter topic holds every broken record with the right
 * reason, its coordinates and its bytes, and the same rejections as the replay. (Which sliding windows a late
 * backlog still reaches depends on the pace the two partitions are read at, so those are not compared.)
 *
 * <p>The replay reads one file per partition, holding the partition's records in offset order: the
 * same split the job sees, so even a rejection counted after "the last good event of its source"
 * is counted in the same period.
 */
@Timeout(240)
class KafkaFiguresITCase {
    private static final LocalDate DAY = LocalDate.of(2016, 6, 1);
    private static final long SEED = 7;
    private static final String SLIDING_EVERY = "PT1H";
    private static final PacesetterConfig CONFIG =
            KafkaTestSupport.config("kafka: {transactionalIdPrefix: figures}\ngenerator: {faults: {gapAfter: PT10H}}");

    /** Broken records, each with the reason the job must give it. Sent in the middle of the day, after good events. */
    private static final Map<String, RejectReason> BROKEN = new LinkedHashMap<>();

    static {
        BROKEN.put("{\"eventId\":\"bad-1\",\"callId\":", RejectReason.MALFORMED_JSON);
        BROKEN.put(
                "{\"eventId\":\"bad-2\",\"callId\":\"X-2\",\"type\":\"RINGING\",\"queue\":\"999\",\"time\":\"2016-06-01T12:00:00.000Z\"}",
                RejectReason.UNKNOWN_TYPE);
        BROKEN.put(
                "{\"eventId\":\"bad-3\",\"callId\":\"X-3\",\"type\":\"OFFERED\",\"queue\":\"999\",\"time\":\"01/06/2016 12:00\"}",
                RejectReason.BAD_TIME);
        BROKEN.put(
                "{\"eventId\":\"bad-4\",\"type\":\"OFFERED\",\"queue\":\"999\",\"time\":\"2016-06-01T12:00:00.000Z\"}",
                RejectReason.MISSING_FIELD);
        BROKEN.put(
                "{\"eventId\":\"bad-5\",\"incidentId\":\"IX-5\",\"type\":\"CREATED\",\"time\":\"2016-06-01T12:00:00.000Z\","
                        + "\"grade\":7,\"district\":\"Ashby\"}",
                RejectReason.UNKNOWN_GRADE);
        BROKEN.put(
                "{\"eventId\":\"bad-6\",\"incidentId\":\"IX-6\",\"type\":\"CREATED\",\"time\":\"2016-06-01T12:00:00.000Z\","
                        + "\"grade\":1,\"district\":\"Ashby\",\"area\":\"SUBURBAN\"}",
                RejectReason.BAD_VALUE);
        BROKEN.put("[1,2,3]", RejectReason.MALFORMED_JSON);
        // Not UTF-8 (and not JSON once read leniently, as a file reader would): the bytes must survive.
        BROKEN.put("NOT-UTF-8", RejectReason.MALFORMED_JSON);
    }

    private static final byte[] NOT_UTF8 = {
        '{', '"', 'e', 'v', 'e', 'n', 't', 'I', 'd', '"', ':', (byte) 0xff, (byte) 0xfe, '}'
    };

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;

    private static KafkaConnection kafka;
    private static Map<String, RecordMetadata> brokenSentTo;
    private static List<ConsumerRecord<byte[], byte[]>> kpiRecords;
    private static List<ConsumerRecord<byte[], byte[]>> deadLetterRecords;
    private static List<MeasureRecord> replayed;
    private static List<DeadLetter> replayedDeadLetters;

    @BeforeAll
    static void runTheDayThroughKafkaAndThroughReplay() throws Exception {
        kafka = KAFKA.connect(CONFIG.kafka());
        KAFKA.createTopics(CONFIG.kafka(), 2);

        Path day = dir.resolve("day.jsonl");
        EventFileWriter.writeFaultyAndClean(CONFIG, SEED, DAY, 1, day, dir.resolve("day.clean.jsonl"));
        List<byte[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(day)) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        int middle = lines.size() / 2;
        List<String> broken = new ArrayList<>(BROKEN.keySet());
        for (int i = 0; i < broken.size(); i++) {
            lines.add(
                    middle + i,
                    broken.get(i).equals("NOT-UTF-8") ? NOT_UTF8 : broken.get(i).getBytes(StandardCharsets.UTF_8));
        }
        List<RecordMetadata> sentTo = Topics.publishBytes(kafka, lines);
        brokenSentTo = new LinkedHashMap<>();
        for (int i = 0; i < broken.size(); i++) {
            brokenSentTo.put(broken.get(i), sentTo.get(middle + i));
        }

        List<String> replayArgs = new ArrayList<>(List.of(
                "replay",
                "--out",
                dir.resolve("replay").toString(),
                "--sliding-every",
                SLIDING_EVERY,
                "--parallelism",
                "2",
                "--events"));
        replayArgs.addAll(filePerPartition(CONFIG.kafka().topics().calls()));
        replayArgs.addAll(filePerPartition(CONFIG.kafka().topics().incidents()));
        assertThat(Pacesetter.execute(replayArgs.toArray(String[]::new))).isZero();
        replayed = new ArrayList<>();
        for (String file : List.of(FileOutputs.PERIODS, FileOutputs.KPIS)) {
            Files.readAllLines(dir.resolve("replay").resolve(file))
                    .forEach(l -> replayed.add(RecordJson.readMeasure(l)));
        }
        replayedDeadLetters = Files.readAllLines(dir.resolve("replay").resolve(FileOutputs.DEAD_LETTERS)).stream()
                .map(RecordJson::readDeadLetter)
                .toList();

        long started = System.nanoTime();
        StreamExecutionEnvironment env =
                KafkaTestSupport.environment(dir.resolve("checkpoints"), Duration.ofSeconds(1), 0);
        ClusterJob.defineOn(env, CONFIG, kafka, Duration.parse(SLIDING_EVERY), false, false, true, null);
        env.execute("Pacesetter from Kafka, bounded");
        System.out.printf("The day through Kafka and the job: %.1f s%n", (System.nanoTime() - started) / 1e9);

        kpiRecords = Topics.readAll(kafka, CONFIG.kafka().topics().kpis(), true);
        deadLetterRecords = Topics.readAll(kafka, CONFIG.kafka().topics().deadLetters(), true);
    }

    /** Each partition's records in offset order, one line each, byte for byte: what the replay reads. */
    private static List<String> filePerPartition(String topic) throws Exception {
        Map<Integer, OutputStream> files = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(kafka, topic, false)) {
                OutputStream out = files.get(r.partition());
                if (out == null) {
                    Path file = dir.resolve(topic + "-" + r.partition() + ".jsonl");
                    names.add(file.toString());
                    out = Files.newOutputStream(file);
                    files.put(r.partition(), out);
                }
                out.write(r.value());
                out.write('\n');
            }
        } finally {
            for (OutputStream out : files.values()) {
                out.close();
            }
        }
        return names;
    }

    @Test
    void readCommittedSeesTheFinalFiguresReplayComputesFromTheSameEventsEachOnce() {
        List<MeasureRecord> fromKafka = KafkaTestSupport.measures(kpiRecords).stream()
                .filter(KafkaTestSupport::isFinalFigure)
                .toList();

        assertThat(replayed).as("the replay computed figures").hasSizeGreaterThan(1000);
        assertThat(fromKafka.stream().map(RecordJson::measure).distinct().count())
                .as("no record twice in the KPI topic")
                .isEqualTo(fromKafka.size());
        List<String> differ = Oracle.differences(
                Oracle.finalFigures(replayed.stream().filter(r -> r.isFinal).toList()),
                Oracle.finalFigures(fromKafka.stream().filter(r -> r.isFinal).toList()));
        assertThat(differ)
                .as(differ.size() + " final DAY and MONTH figures in the KPI topic differ from replay's")
                .isEmpty();
    }

    @Test
    void everyKpiRecordIsKeyedByItsIdentity() {
        assertThat(kpiRecords)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.key())
                        .isEqualTo(MeasureRecordSerializer.key(RecordJson.readMeasure(text(r.value())))));
    }

    @Test
    void theLiveRunAlsoPublishesLiveAndProvisionalFiguresThatReplayDoesNot() {
        List<MeasureRecord> all = KafkaTestSupport.measures(kpiRecords);

        assertThat(all).anyMatch(r -> r.window == WindowKind.LIVE);
        assertThat(all).anyMatch(r -> r.window == WindowKind.PERIOD && !r.isFinal);
    }

    @Test
    void everyBrokenRecordIsInTheDeadLetterTopicWithItsReasonCoordinatesAndBytes() {
        for (Map.Entry<String, RecordMetadata> sent : brokenSentTo.entrySet()) {
            RecordMetadata at = sent.getValue();
            String origin = at.topic() + "/" + at.partition() + "@" + at.offset();
            ConsumerRecord<byte[], byte[]> letter = deadLetterRecords.stream()
                    .filter(r -> origin.equals(header(r, DeadLetterSerializer.ORIGIN)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter from " + origin + " for " + sent.getKey()));
            RejectReason expected = BROKEN.get(sent.getKey());
            byte[] original =
                    sent.getKey().equals("NOT-UTF-8") ? NOT_UTF8 : sent.getKey().getBytes(StandardCharsets.UTF_8);

            assertThat(header(letter, DeadLetterSerializer.REASON))
                    .as(sent.getKey())
                    .isEqualTo(expected.name());
            assertThat(header(letter, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo(at.topic());
            assertThat(header(letter, DeadLetterSerializer.SOURCE_PARTITION))
                    .isEqualTo(Integer.toString(at.partition()));
            assertThat(header(letter, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo(Long.toString(at.offset()));
            assertThat(letter.headers()
                            .lastHeader(DeadLetterSerializer.ORIGINAL)
                            .value())
                    .isEqualTo(original);
            DeadLetter body = RecordJson.readDeadLetter(text(letter.value()));
            assertThat(body.reason).isEqualTo(expected);
            assertThat(body.origin).isEqualTo(origin);
            assertThat(body.originalAsBytes()).isEqualTo(original);
        }
    }

    @Test
    void theDeadLetterTopicHoldsTheSameRejectionsAsTheReplay() {
        List<String> fromKafka = deadLetterRecords.stream()
                .map(r -> RecordJson.readDeadLetter(text(r.value())))
                .map(KafkaFiguresITCase::rejection)
                .sorted()
                .toList();
        List<String> fromReplay = replayedDeadLetters.stream()
                .map(KafkaFiguresITCase::rejection)
                .sorted()
                .toList();

        assertThat(fromKafka).hasSizeGreaterThanOrEqualTo(BROKEN.size()).isEqualTo(fromReplay);
    }

    /** A rejection as both runs describe it: where it came from is a file line in one and an offset in the other. */
    private static String rejection(DeadLetter d) {
        return d.reason + " " + d.eventId + " " + d.original;
    }

    private static List<String> sorted(List<MeasureRecord> records) {
        return records.stream().map(RecordJson::measure).sorted().toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : text(h.value());
    }
}
