package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.sink.JsonLinesFileSink;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.connectors.source.EventFileSources;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.InputWatermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays two generated days through the whole pipeline on a MiniCluster, at parallelism 1 and 3,
 * writing {@code alerts.jsonl} as the replay command does: the alerts are the same every time, and
 * they agree with the figures (one breach per missed attendance, one callback per abandoned 999 leg).
 * A third replay at parallelism 3 with Flink's object reuse off gives the same alerts, measure
 * records and dead letters as with it on ({@link PacesetterJob#FLINK_SETTINGS}).
 */
@Timeout(300)
class ReplayAlertsITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(4)
                    .build());

    @TempDir
    static Path dir;

    private static List<String> alertsAtOne;
    private static List<String> alertsAtThree;
    private static List<String> alertsWithoutObjectReuse;
    private static List<MeasureRecord> periods;

    @BeforeAll
    static void replayTwice() throws Exception {
        Path events = dir.resolve("two-days.jsonl.gz");
        EventFileWriter.writeDays(CONFIG, 7, LocalDate.of(2016, 6, 1), 2, events);
        alertsAtOne = replay(events, 1, dir.resolve("p1"), true);
        alertsAtThree = replay(events, 3, dir.resolve("p3"), true);
        alertsWithoutObjectReuse = replay(events, 3, dir.resolve("p3-copying"), false);
        periods = Files.readAllLines(dir.resolve("p3").resolve("periods.jsonl")).stream()
                .map(RecordJson::readMeasure)
                .toList();
    }

    private static List<String> replay(Path events, int parallelism, Path out, boolean objectReuse) throws Exception {
        Configuration conf = Configuration.fromMap(PacesetterJob.FLINK_SETTINGS);
        conf.setString("pipeline.object-reuse", Boolean.toString(objectReuse));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        DataStream<InputRecord> input = null;
        for (EventFileSources.NamedSource source : EventFileSources.forFiles(List.of(events))) {
            input = env.fromSource(source.source(), InputWatermarks.replay(CONFIG.events()), source.name())
                    .setParallelism(1);
        }
        PacesetterJob.Outputs outputs =
                PacesetterJob.defineWorkflow(CONFIG, PacesetterJob.Options.replay(Duration.ofMinutes(15)), input);
        outputs.alerts()
                .sinkTo(JsonLinesFileSink.replacing(out.resolve("alerts.jsonl"), RecordJson::alert))
                .setParallelism(1);
        outputs.measures()
                .filter(r -> r.window == WindowKind.PERIOD && r.isFinal)
                .sinkTo(JsonLinesFileSink.replacing(out.resolve("periods.jsonl"), RecordJson::measure))
                .setParallelism(1);
        outputs.measures()
                .sinkTo(JsonLinesFileSink.replacing(out.resolve("measures.jsonl"), RecordJson::measure))
                .setParallelism(1);
        outputs.deadLetters()
                .sinkTo(JsonLinesFileSink.replacing(out.resolve("dead-letters.jsonl"), RecordJson::deadLetter))
                .setParallelism(1);
        env.execute("replay with alerts at parallelism " + parallelism);
        return Files.readAllLines(out.resolve("alerts.jsonl")).stream().sorted().toList();
    }

    private static List<Alert> alerts() {
        return alertsAtThree.stream().map(RecordJson::readAlert).toList();
    }

    @Test
    void aReplaysAlertsAreTheSameWhateverTheParallelism() {
        assertThat(alertsAtThree).isNotEmpty();
        assertThat(alertsAtThree.stream().filter(a -> !alertsAtOne.contains(a)).toList())
                .as(
                        "only at parallelism 3; at 1: %s",
                        alertsAtOne.stream()
                                .filter(a -> !alertsAtThree.contains(a))
                                .toList())
                .isEmpty();
        assertThat(alertsAtOne.stream().filter(a -> !alertsAtThree.contains(a)).toList())
                .as("only at parallelism 1")
                .isEmpty();
        assertThat(alertsAtThree).isEqualTo(alertsAtOne);
    }

    @Test
    void objectReuseChangesNothing() throws Exception {
        assertThat(alertsWithoutObjectReuse).isEqualTo(alertsAtThree);
        for (String file : List.of("measures.jsonl", "dead-letters.jsonl")) {
            List<String> reused = sortedLines(dir.resolve("p3").resolve(file));
            assertThat(sortedLines(dir.resolve("p3-copying").resolve(file)))
                    .as(file)
                    .isEqualTo(reused);
        }
        assertThat(sortedLines(dir.resolve("p3").resolve("measures.jsonl"))).hasSizeGreaterThan(10_000);
        assertThat(sortedLines(dir.resolve("p3").resolve("dead-letters.jsonl"))).isNotEmpty();
    }

    private static List<String> sortedLines(Path file) throws Exception {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    @Test
    void everyKindThatEventTimeCanRaiseIsThereAndNoWallClockKind() {
        assertThat(alerts())
                .extracting(a -> a.kind)
                .contains(
                        Alert.Kind.INCIDENT_AT_RISK,
                        Alert.Kind.INCIDENT_BREACHED,
                        Alert.Kind.CALLBACK_ABANDONED_999,
                        Alert.Kind.UNREASONED_BREACHES)
                .doesNotContain(Alert.Kind.FEED_SILENT);
    }

    @Test
    void eachAlertIsRaisedOnceAndItsRecordsCountUpFromThere() {
        Map<String, List<Alert>> byId = alerts().stream().collect(Collectors.groupingBy(a -> a.alertId));
        byId.values().forEach(records -> {
            List<Alert> sorted = records.stream()
                    .sorted(Comparator.comparingInt(a -> a.revision))
                    .toList();
            assertThat(sorted.get(0).state).isEqualTo(Alert.State.RAISED);
            assertThat(sorted)
                    .extracting(a -> a.revision)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, sorted.size())
                            .boxed()
                            .toList());
            assertThat(sorted)
                    .extracting(a -> a.sentence)
                    .allSatisfy(s -> assertThat(s).isNotBlank());
        });
    }

    @Test
    void thereIsOneBreachForEachMissedAttendanceOfEachDay() {
        Map<String, Long> failedPerDay = new HashMap<>();
        for (MeasureRecord r : latest(periods)) {
            if (r.measure.equals("ATTENDED_WITHIN_STANDARD")
                    && r.period == PeriodKind.DAY
                    && r.scope == Scope.FORCE
                    && r.area == null) {
                failedPerDay.put(r.start, Math.round(r.denominator - r.numerator));
            }
        }
        Map<String, Long> breachesPerDay = alerts().stream()
                .filter(a -> a.kind == Alert.Kind.INCIDENT_BREACHED && a.state == Alert.State.RAISED)
                .collect(Collectors.groupingBy(
                        a -> java.time.Instant.ofEpochMilli(a.deadline)
                                .atZone(CONFIG.force().timeZone())
                                .toLocalDate()
                                .toString(),
                        Collectors.counting()));
        assertThat(failedPerDay).isNotEmpty();
        assertThat(breachesPerDay).isEqualTo(failedPerDay);
    }

    @Test
    void thereIsOneCallbackForEachAbandoned999Leg() {
        long abandoned = latest(periods).stream()
                .filter(r -> r.measure.equals("CALLS_ABANDONED")
                        && "999".equals(r.queue)
                        && r.period == PeriodKind.DAY
                        && r.scope == Scope.FORCE)
                .mapToLong(r -> Math.round(r.value))
                .sum();
        long told = alerts().stream()
                .filter(a -> a.kind == Alert.Kind.CALLBACK_ABANDONED_999 && a.state != Alert.State.CLEARED)
                .count();
        assertThat(told).isPositive().isEqualTo(abandoned);
    }

    /** The last revision of each record identity. */
    private static List<MeasureRecord> latest(List<MeasureRecord> records) {
        return List.copyOf(records.stream()
                .collect(Collectors.toMap(
                        MeasureRecord::identity, Function.identity(), (a, b) -> b.revision >= a.revision ? b : a))
                .values());
    }
}
