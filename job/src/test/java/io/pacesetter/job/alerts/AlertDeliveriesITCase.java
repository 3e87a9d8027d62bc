package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.sink.JsonLinesFileSink;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.connectors.source.EventFileSources;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.InputWatermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets how much: a generated feed (4 days; {@code -Dpacesetter.deliveryDays=30} for the month of
 * docs/alerts.md) replayed through the whole pipeline with the default routing, its deliveries (every record, all
 * states) counted per audience per local day. The duty Command Officer must average at most 12 a day, and gets the
 * digest at each shift change.
 */
class AlertDeliveriesITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final int DAYS = Integer.getInteger("pacesetter.deliveryDays", 4);
    private static final LocalDate FIRST = LocalDate.of(2016, 6, 1);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    static Path dir;

    private static List<Alert> alerts;

    @BeforeAll
    static void replay() throws Exception {
        Path events = dir.resolve("days.jsonl.gz");
        EventFileWriter.writeDays(CONFIG, 7, FIRST, DAYS, events);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(PacesetterJob.FLINK_SETTINGS));
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        DataStream<InputRecord> input = null;
        for (EventFileSources.NamedSource source : EventFileSources.forFiles(List.of(events))) {
            input = env.fromSource(source.source(), InputWatermarks.replay(CONFIG.events()), source.name())
                    .setParallelism(1);
        }
        PacesetterJob.defineWorkflow(CONFIG, PacesetterJob.Options.replay(Duration.ofMinutes(15)), input)
                .alerts()
                .sinkTo(JsonLinesFileSink.replacing(dir.resolve("alerts.jsonl"), RecordJson::alert))
                .setParallelism(1);
        env.execute("alert deliveries over " + DAYS + " generated days");
        alerts = Files.readAllLines(dir.resolve("alerts.jsonl")).stream()
                .map(RecordJson::readAlert)
                .toList();
    }

    /** Deliveries per local day (of the record's moment) per audience. */
    private static Map<LocalDate, Map<Alert.Audience, Integer>> perDay() {
        Map<LocalDate, Map<Alert.Audience, Integer>> days = new TreeMap<>();
        for (Alert a : alerts) {
            LocalDate day = Instant.ofEpochMilli(a.time)
                    .atZone(CONFIG.force().timeZone())
                    .toLocalDate();
            if (day.isBefore(FIRST) || !day.isBefore(FIRST.plusDays(DAYS))) {
                continue;
            }
            for (Alert.Audience who : a.audience) {
                days.computeIfAbsent(day, d -> new EnumMap<>(Alert.Audience.class))
                        .merge(who, 1, Integer::sum);
            }
        }
        return days;
    }

    @Test
    void theDutyCommandOfficerGetsAtMostTwelveADayOnAverage() {
        Map<LocalDate, Map<Alert.Audience, Integer>> days = perDay();
        StringBuilder table = new StringBuilder("| day | Pacesetter | Force Control Room | duty Command Officer |\n");
        Map<Alert.Audience, Integer> total = new EnumMap<>(Alert.Audience.class);
        for (Map.Entry<LocalDate, Map<Alert.Audience, Integer>> d : days.entrySet()) {
            table.append("| ").append(d.getKey());
            for (Alert.Audience who : Alert.Audience.values()) {
                int n = d.getValue().getOrDefault(who, 0);
                total.merge(who, n, Integer::sum);
                table.append(" | ").append(n);
            }
            table.append(" |\n");
        }
        table.append("| mean a day");
        for (Alert.Audience who : Alert.Audience.values()) {
            table.append(" | ").append(String.format("%.1f", total.getOrDefault(who, 0) / (double) DAYS));
        }
        table.append(" |\n");
        System.out.println("Deliveries per audience per day over " + DAYS + " generated days:\n" + table);
        Map<String, Long> officer = new TreeMap<>();
        for (Alert a : alerts) {
            if (a.audience.contains(Alert.Audience.DUTY_COMMAND_OFFICER)) {
                officer.merge(
                        a.kind + " " + a.state + " " + a.severity + (a.escalatedAt != null ? " escalated" : ""),
                        1L,
                        Long::sum);
            }
        }
        System.out.println("The duty Command Officer's, by kind: " + officer);

        assertThat(days).hasSize(DAYS);
        double officerPerDay = total.getOrDefault(Alert.Audience.DUTY_COMMAND_OFFICER, 0) / (double) DAYS;
        assertThat(officerPerDay)
                .as("the duty Command Officer's deliveries a day")
                .isLessThanOrEqualTo(12.0);
        // The feed does breach: the Pacesetter team hears of every one, the officer of none but in the digest.
        assertThat(alerts)
                .filteredOn(a -> a.kind == Alert.Kind.INCIDENT_BREACHED)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.audience).doesNotContain(Alert.Audience.DUTY_COMMAND_OFFICER));
    }

    @Test
    void theDigestComesAtEachShiftChangeWithTheBreachesSinceTheLast() {
        List<Alert> digests = alerts.stream()
                .filter(a -> a.kind == Alert.Kind.COMMAND_DIGEST)
                .sorted(java.util.Comparator.comparingLong(a -> a.time))
                .toList();
        // 07:00 and 19:00 of each day the feed covers, none missed, and one after the end of the input.
        assertThat(digests).hasSizeBetween(2 * DAYS - 1, 2 * DAYS + 1);
        for (int i = 1; i < digests.size(); i++) {
            assertThat(digests.get(i).time - digests.get(i - 1).time)
                    .isEqualTo(Duration.ofHours(12).toMillis());
            assertThat(digests.get(i).since).isEqualTo(digests.get(i - 1).time);
        }
        assertThat(digests).allSatisfy(d -> {
            assertThat(d.audience).containsExactly(Alert.Audience.DUTY_COMMAND_OFFICER);
            assertThat(Instant.ofEpochMilli(d.time)
                            .atZone(CONFIG.force().timeZone())
                            .toLocalTime()
                            .toString())
                    .isIn("07:00", "19:00");
        });
        long breaches = alerts.stream()
                .filter(a -> a.kind == Alert.Kind.INCIDENT_BREACHED && a.revision == 0)
                .filter(a -> a.time < digests.get(digests.size() - 1).time)
                .count();
        long inDigests = digests.stream().mapToLong(d -> d.count).sum();
        // Every breach before the last digest is in one digest, less the few corrected to attended in time.
        assertThat(inDigests).isBetween(breaches - breaches / 20, breaches);
    }
}
