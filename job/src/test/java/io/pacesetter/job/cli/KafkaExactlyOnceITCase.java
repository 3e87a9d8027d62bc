package io.pacesetter.job.cli;

import static io.pacesetter.testkit.Topics.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.Oracle;
import io.pacesetter.testkit.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once, proved against a real broker: the same day runs twice into two KPI topics, once
 * cleanly and once with a failure injected in the middle of a transaction, after at least two
 * checkpoints have completed, on a feed delivered with every fault. The failed run restarts from its last
 * checkpoint; a {@code read_committed} reader of its topic finds each record once and the clean run's final
 * figures, while a {@code read_uncommitted} reader also sees the records of the aborted transaction, written a
 * second time after the restart: the transactions are real.
 */
@Timeout(240)
class KafkaExactlyOnceITCase {
    private static final LocalDate DAY = LocalDate.of(2016, 6, 2);
    private static final Duration CHECKPOINTS = Duration.ofMillis(500);
    /** Figures (final records) the sink must have written in the open transaction before the failure. */
    private static final int FIGURES_IN_OPEN_TRANSACTION = 10;
    /**
     * A smaller force, two window lengths and a five-minute slide (live figures are refreshed every slide), for
     * time. Delivered as real feeds are (docs/faults.md), with every fault of the defaults on; the outage starts
     * ten hours in so that it falls in the day.
     */
    private static final String FEED = """
            generator: {emergencyCallsPerDay: 300, switchboardCallsPerDay: 900, faults: {gapAfter: PT10H}}
            windows: {slide: PT5M, lengths: [PT15M, PT1H]}
            """;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;

    private static Map<String, Long> clean;
    private static Map<String, Long> recovered;
    private static Map<String, Long> recoveredUncommitted;
    private static Map<String, Long> cleanDeadLetters;
    private static Map<String, Long> recoveredDeadLetters;
    private static List<Alert> cleanAlerts;
    private static List<Alert> recoveredAlerts;
    private static int restartsSeen;
    private static Map<String, Oracle.Figure> oracle;
    private static List<MeasureRecord> recoveredRecords;
    private static List<MeasureRecord> cleanRecords;

    @BeforeAll
    static void runTheSameDayCleanlyAndWithAFailure() throws Exception {
        PacesetterConfig cleanRun = KafkaTestSupport.config(FEED + """
                kafka:
                  transactionalIdPrefix: clean-run
                  topics: {kpis: kpis-clean, deadLetters: dead-letters-clean, alerts: alerts-clean}
                """);
        PacesetterConfig failingRun = KafkaTestSupport.config(FEED + """
                kafka:
                  transactionalIdPrefix: failing-run
                  topics: {kpis: kpis-failing, deadLetters: dead-letters-failing, alerts: alerts-failing}
                """);
        KAFKA.createTopics(cleanRun.kafka(), 2);
        // The same input topics as the clean run: outputs of its own.
        KAFKA.createOutputTopics(failingRun.kafka(), 2);

        Path day = dir.resolve("day.jsonl");
        EventFileWriter.writeFaultyAndClean(cleanRun, 11, DAY, 1, day, dir.resolve("day.clean.jsonl"));
        oracle = Oracle.figures(cleanRun, day);
        KafkaConnection cleanKafka = KAFKA.connect(cleanRun.kafka());
        Topics.publish(cleanKafka, Files.readAllLines(day));

        run(cleanRun, cleanKafka, false);
        KafkaConnection failingKafka = KAFKA.connect(failingRun.kafka());
        JobExecutionResult failed = run(failingRun, failingKafka, true);
        restartsSeen = FailMidTransaction.FAILURES.get();
        System.out.printf(
                "Failed run: %d injected failure(s), finished in %d ms%n", restartsSeen, failed.getNetRuntime());

        cleanRecords = KafkaTestSupport.measures(
                Topics.readAll(cleanKafka, cleanRun.kafka().topics().kpis(), true));
        clean = counted(cleanRecords);
        recoveredRecords = KafkaTestSupport.measures(
                Topics.readAll(failingKafka, failingRun.kafka().topics().kpis(), true));
        recovered = counted(recoveredRecords);
        recoveredUncommitted = counted(KafkaTestSupport.measures(
                Topics.readAll(failingKafka, failingRun.kafka().topics().kpis(), false)));
        cleanDeadLetters = deadLetters(cleanKafka, cleanRun.kafka().topics().deadLetters());
        recoveredDeadLetters =
                deadLetters(failingKafka, failingRun.kafka().topics().deadLetters());
        cleanAlerts = alerts(cleanKafka, cleanRun.kafka().topics().alerts());
        recoveredAlerts = alerts(failingKafka, failingRun.kafka().topics().alerts());
    }

    /**
     * The job as run --kafka builds it. The failing run takes its input at a live feed's pace, so that
     * checkpoints complete while it writes figures; the pace changes no figure, event time does not see it.
     */
    private static JobExecutionResult run(PacesetterConfig config, KafkaConnection kafka, boolean fail)
            throws Exception {
        StreamExecutionEnvironment env =
                KafkaTestSupport.environment(dir.resolve("checkpoints-" + fail), CHECKPOINTS, fail ? 1 : 0);
        DataStream<InputRecord> input = fail
                // Paced in the source tasks themselves (chained), so no backlog queues up ahead of the barriers.
                ? Inputs.kafkaCalls(env, config, kafka, true)
                        .map(new Unhurried())
                        .name("Calls at a live feed's pace")
                        .union(Inputs.kafkaIncidents(env, config, kafka, true)
                                .map(new Unhurried())
                                .name("Incidents at a live feed's pace"))
                : Inputs.kafka(env, config, kafka, true);
        // The cluster job's options and sinks; the failure goes between the figures and their publishing.
        PacesetterJob.Options options = PacesetterJob.Options.liveRun(config).withPublishEvery(Duration.ofMinutes(15));
        PacesetterJob.Outputs computed = PacesetterJob.defineWorkflow(config, options, input);
        if (fail) {
            computed = new PacesetterJob.Outputs(
                    computed.measures().map(new FailMidTransaction()).name("Fail once, mid-transaction"),
                    computed.deadLetters(),
                    computed.alerts(),
                    computed.closedMonths());
        }
        PacesetterJob.publish(config, options, computed, Sinks.none().kafka(kafka));
        return env.execute(fail ? "Pacesetter from Kafka, failing once" : "Pacesetter from Kafka, clean");
    }

    private static Map<String, Long> counted(List<MeasureRecord> records) {
        return records.stream()
                .filter(KafkaTestSupport::isFinalFigure)
                .map(RecordJson::measure)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> deadLetters(KafkaConnection kafka, String topic) {
        return Topics.readValues(kafka, topic, true).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /**
     * The alerts topic as a reader sees it, without those the two runs need not agree on: FEED_SILENT
     * is a matter of the wall clock during the run; a rule on a window figure sees the calls as they arrive (on a
     * feed with late backlogs, which sliding windows a late leg still reaches follows the pace the run took its two
     * partitions at); and the duty Command Officer's digest summarises those.
     */
    private static List<Alert> alerts(KafkaConnection kafka, String topic) {
        return Topics.readAll(kafka, topic, false).stream()
                .map(r -> {
                    Alert alert = RecordJson.readAlert(text(r.value()));
                    assertThat(text(r.key())).as("an alert's key is its id").isEqualTo(alert.alertId);
                    return alert;
                })
                .filter(a ->
                        a.kind != Alert.Kind.FEED_SILENT && a.window == null && a.kind != Alert.Kind.COMMAND_DIGEST)
                .toList();
    }

    /** What a reader that keeps one record per (alertId, revision) sees. */
    private static Set<String> deduplicated(List<Alert> alerts) {
        Map<String, String> byDelivery = new TreeMap<>();
        alerts.forEach(a -> byDelivery.putIfAbsent(a.alertId + "#" + a.revision, RecordJson.alert(a)));
        return new TreeSet<>(byDelivery.values());
    }

    @Test
    void theFailureReallyHappenedMidTransactionAfterTwoCompletedCheckpoints() {
        assertThat(restartsSeen).as("injected failures").isEqualTo(1);
        assertThat(FailMidTransaction.checkpointsBeforeFailure.get()).isGreaterThanOrEqualTo(2);
    }

    /**
     * On a feed with late backlogs, which sliding windows a late event still reaches, and under which revision a
     * DAY settles, depend on the pace at which the two partitions were read, so two runs need not publish the same
     * records; what they must agree on is the final figures (docs/faults.md), and read_committed must see each
     * record once.
     */
    @Test
    void readCommittedSeesEachRecordOnceAndTheCleanRunsFinalFigures() {
        assertThat(clean).as("the clean run wrote figures").hasSizeGreaterThan(1000);
        assertThat(clean.values()).as("no figure twice in the clean run").containsOnly(1L);
        assertThat(recovered.values())
                .as("no figure twice in the run that failed and restarted, read_committed")
                .containsOnly(1L);
        List<String> differ = Oracle.differences(
                Oracle.finalFigures(cleanRecords.stream().filter(r -> r.isFinal).toList()),
                Oracle.finalFigures(
                        recoveredRecords.stream().filter(r -> r.isFinal).toList()));
        assertThat(differ)
                .as(differ.size() + " final figures differ between the clean run and the one that failed")
                .isEmpty();
    }

    @Test
    void readUncommittedAlsoSeesTheAbortedTransactionsRecords() {
        Map<String, Long> twice = new HashMap<>();
        recoveredUncommitted.forEach((record, n) -> {
            if (n > 1) {
                twice.put(record, n);
            }
        });
        assertThat(recoveredUncommitted.keySet())
                .as("read_uncommitted sees every committed figure")
                .containsAll(recovered.keySet());
        assertThat(twice)
                .as("figures written in the aborted transaction and again after the restart")
                .hasSizeGreaterThanOrEqualTo(FIGURES_IN_OPEN_TRANSACTION);
    }

    @Test
    void theRecoveredRunsFinalFiguresOnAFaultyFeedAreTheOraclesEveryDuplicateAndGarbageLineCounted() {
        Map<String, Oracle.Figure> published = Oracle.finalFigures(
                recoveredRecords.stream().filter(r -> r.isFinal).toList());
        List<String> differ = Oracle.differences(oracle, published);
        differ.stream().filter(d -> d.contains("|FORCE|")).forEach(d -> System.out.println("  oracle: " + d));
        assertThat(oracle.keySet()).anyMatch(id -> id.startsWith("DATA_QUALITY_DUPLICATE|"));
        assertThat(oracle.keySet()).anyMatch(id -> id.startsWith("DATA_QUALITY_MALFORMED_JSON|"));
        assertThat(differ)
                .as(differ.size() + " final figures differ from the oracle's")
                .isEmpty();
    }

    @Test
    void deadLettersAreExactlyOnceToo() {
        assertThat(cleanDeadLetters).isNotEmpty();
        assertThat(recoveredDeadLetters).isEqualTo(cleanDeadLetters);
    }

    @Test
    void alertsAreAtLeastOnceWithTheSameIdsSoADeduplicatingReaderSeesTheCleanRunsAlerts() {
        assertThat(cleanAlerts).as("the clean run raised alerts").hasSizeGreaterThan(10);
        assertThat(deduplicated(cleanAlerts))
                .as("no delivery twice in the clean run")
                .hasSize(cleanAlerts.size());
        // Not transactional: records sent after the last checkpoint are sent again after the restart,
        // and every repeat is the same delivery, byte for byte, so keeping one per (alertId, revision) is enough.
        assertThat(recoveredAlerts.size())
                .as("deliveries in the run that failed")
                .isGreaterThanOrEqualTo(cleanAlerts.size());
        assertThat(deduplicated(recoveredAlerts)).isEqualTo(deduplicated(cleanAlerts));
        System.out.printf(
                "Alerts: %d in the clean run, %d deliveries in the run that failed once (%d repeated)%n",
                cleanAlerts.size(), recoveredAlerts.size(), recoveredAlerts.size() - cleanAlerts.size());
    }

    /**
     * Takes the day's events at a live feed's pace rather than all at once: slowly (50 a second per
     * reader) until two checkpoints have completed, then faster (250 a second) until the failure,
     * then as fast as they come. However slow the machine, the failure finds the job still working.
     */
    static final class Unhurried implements MapFunction<InputRecord, InputRecord> {
        @Override
        public InputRecord map(InputRecord record) throws InterruptedException {
            if (!FailMidTransaction.FAILED.get()) {
                Thread.sleep(FailMidTransaction.LAST_COMPLETED_CHECKPOINT.get() < 2 ? 20 : 4);
            }
            return record;
        }
    }

    /**
     * Passes figures on to the KPI sink (chained to it, so a barrier reaches both at once), and once in
     * the whole test throws: after two checkpoints have completed, once {@link #FIGURES_IN_OPEN_TRANSACTION}
     * final figures have gone into the sink's open transaction since the last barrier, and after waiting
     * for the producer to send them to the broker, so the aborted transaction really holds them.
     */
    static final class FailMidTransaction
            implements MapFunction<MeasureRecord, MeasureRecord>, CheckpointListener, CheckpointedFunction {
        static final AtomicInteger FAILURES = new AtomicInteger();
        static final AtomicInteger checkpointsBeforeFailure = new AtomicInteger();
        static final AtomicLong LAST_COMPLETED_CHECKPOINT = new AtomicLong();
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private int completedCheckpoints;
        /** Figures written since the last barrier: all of them in the transaction still open. */
        private int figuresSinceCheckpoint;

        @Override
        public MeasureRecord map(MeasureRecord record) throws InterruptedException {
            if (KafkaTestSupport.isFinalFigure(record)) {
                figuresSinceCheckpoint++;
            }
            if (completedCheckpoints >= 2
                    && figuresSinceCheckpoint >= FIGURES_IN_OPEN_TRANSACTION
                    && FAILED.compareAndSet(false, true)) {
                checkpointsBeforeFailure.set(completedCheckpoints);
                FAILURES.incrementAndGet();
                // The figures before this one are in the sink's open transaction; give the producer time to send them.
                // No checkpoint can complete meanwhile: its barrier waits behind this call.
                Thread.sleep(500);
                throw new IllegalStateException("injected failure in the middle of a transaction");
            }
            return record;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            // The barrier: the sink closes its transaction here and opens the next.
            figuresSinceCheckpoint = 0;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            // Nothing to restore: the failure happens once per test, which the static flag remembers.
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completedCheckpoints++;
            LAST_COMPLETED_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
        }
    }
}
