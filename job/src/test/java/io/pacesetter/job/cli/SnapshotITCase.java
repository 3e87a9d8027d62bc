package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.job.store.MonthlyStoreFiles;
import io.pacesetter.testkit.TestEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot command on a Flink MiniCluster: from hand-made events across a daylight-saving
 * month, and from a generated feed both ways, {@code --events} and {@code --store} after a live-style
 * run (live options, checkpoints, scheduled snapshots) over the same events, which must agree
 * to the byte.
 */
@Timeout(300)
class SnapshotITCase {
    @TempDir
    Path dir;

    private static String call(int n, String callId, String type, String time) {
        return TestEvents.callLine(
                "e" + n,
                callId,
                CallEventType.valueOf(type),
                "999",
                Instant.parse(time).toEpochMilli(),
                TestEvents.DISTRICT);
    }

    private static Map<String, String> csvRow(Path csv, String section, String measure, String scope, String period)
            throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> columns = List.of(lines.get(0).split(",", -1));
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells.length == columns.size()
                    && cells[1].equals(section)
                    && cells[2].equals(measure)
                    && cells[5].equals(scope)
                    && cells[4].equals("999")
                    && cells[10].equals(period)) {
                Map<String, String> row = new java.util.HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(columns.get(i), cells[i]);
                }
                return row;
            }
        }
        throw new AssertionError("no " + section + " " + measure + " " + scope + " " + period + " row in " + csv);
    }

    @Test
    void aMonthWithTheClocksGoingForwardCountsByLocalTimeAndAMissingYearSaysNoData() throws Exception {
        // March 2016 in Europe/London runs from 2016-03-01T00:00Z (GMT) to 2016-03-31T23:00Z (BST).
        List<String> events = List.of(
                call(1, "feb", "OFFERED", "2016-02-29T23:59:54.000Z"),
                        call(2, "feb", "ANSWERED", "2016-02-29T23:59:59.000Z"),
                call(3, "mar1", "OFFERED", "2016-03-01T00:29:48.000Z"),
                        call(4, "mar1", "ANSWERED", "2016-03-01T00:30:00.000Z"),
                call(5, "dst", "OFFERED", "2016-03-27T00:59:55.000Z"),
                        call(6, "dst", "ABANDONED", "2016-03-27T01:00:05.000Z"),
                call(7, "mar31", "OFFERED", "2016-03-31T22:29:52.000Z"),
                        call(8, "mar31", "ANSWERED", "2016-03-31T22:30:00.000Z"),
                call(9, "apr1", "OFFERED", "2016-03-31T23:29:57.000Z"),
                        call(10, "apr1", "ANSWERED", "2016-03-31T23:30:00.000Z"));
        Path file = dir.resolve("march.jsonl");
        Files.write(file, events, StandardCharsets.UTF_8);
        Path out = dir.resolve("march");

        int exit = Pacesetter.execute(
                "snapshot",
                "--month",
                "2016-03",
                "--events",
                file.toString(),
                "--out",
                out.toString(),
                "--format",
                "csv,html",
                "--parallelism",
                "1");

        assertThat(exit).isZero();
        Path csv = out.resolve("snapshot-2016-03.csv");
        // March: answered after 12 s (00:30 GMT on the 1st) and 8 s (23:30 BST on the 31st); one abandoned at the
        // change.
        Map<String, String> answered = csvRow(csv, "CALL_HANDLING", "CALLS_ANSWERED", "FORCE", "MONTH");
        assertThat(answered.get("value")).isEqualTo("2");
        assertThat(answered.get("smallNumber")).isEqualTo("true");
        Map<String, String> within = csvRow(csv, "HEADLINE", "ANSWERED_WITHIN_STANDARD", "FORCE", "MONTH");
        assertThat(within.get("numerator")).isEqualTo("1");
        assertThat(within.get("denominator")).isEqualTo("2");
        assertThat(within.get("value")).isEqualTo("0.5");
        assertThat(csvRow(csv, "CALL_HANDLING", "MEAN_WAIT_SECONDS", "FORCE", "MONTH")
                        .get("value"))
                .isEqualTo("10");
        assertThat(csvRow(csv, "HEADLINE", "ABANDONMENT_RATE", "FORCE", "MONTH").get("value"))
                .isEqualTo(Double.toString(1.0 / 3));
        // The 12 months to March 2016 also hold February's 5 s answer: 2 of 3 within 10 s.
        Map<String, String> year = csvRow(csv, "HEADLINE", "ANSWERED_WITHIN_STANDARD", "FORCE", "12_MONTHS");
        assertThat(year.get("numerator")).isEqualTo("2");
        assertThat(year.get("denominator")).isEqualTo("3");
        assertThat(year.get("monthsWithData")).isEqualTo("2");
        // April 2016 (the 23:30 UTC answer on 31 March) is not in the snapshot's months; the year before has nothing.
        Map<String, String> previous =
                csvRow(csv, "HEADLINE", "ANSWERED_WITHIN_STANDARD", "FORCE", "PREVIOUS_12_MONTHS");
        assertThat(previous.get("value")).isEmpty();
        assertThat(previous.get("note")).isEqualTo("no data");
        Map<String, String> change = csvRow(csv, "HEADLINE", "ANSWERED_WITHIN_STANDARD", "FORCE", "CHANGE");
        assertThat(change.get("judgement")).isEqualTo("NO_DATA");
        assertThat(Files.readString(out.resolve("snapshot-2016-03.html")))
                .contains("Feb 2016 – Mar 2016 (2 of 36 months")
                .doesNotContain("Apr 2016");
    }

    @Test
    void theSnapshotFromTheEventsAndFromTheLiveJobsStoreAreTheSame() throws Exception {
        // A low-volume fortnight across a month's end keeps the test quick: June and July, both partial.
        Path configFile = dir.resolve("pacesetter.yaml");
        Path snapshots = dir.resolve("scheduled");
        Path store = dir.resolve("store");
        Files.writeString(configFile, """
                windows: {lengths: [PT15M, PT1H]}
                generator: {emergencyCallsPerDay: 40, switchboardCallsPerDay: 60}
                snapshot: {storeDir: %s, outputDir: %s, scheduled: true}
                """.formatted(store, snapshots));
        PacesetterConfig cfg = ConfigLoader.load(configFile);
        Path events = dir.resolve("feed.jsonl.gz");
        EventFileWriter.writeDays(cfg, 7, LocalDate.of(2016, 6, 22), 14, events);

        long started = System.nanoTime();
        liveStyleRun(cfg, events);
        System.out.printf(
                "Live-style run over %s: %.1f s%n", events.getFileName(), (System.nanoTime() - started) / 1e9);
        assertThat(MonthlyStoreFiles.months(store)).containsExactly(YearMonth.of(2016, 6), YearMonth.of(2016, 7));

        Path fromEvents = dir.resolve("from-events");
        Path fromStore = dir.resolve("from-store");
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--config",
                        configFile.toString(),
                        "--month",
                        "2016-06",
                        "--events",
                        events.toString(),
                        "--out",
                        fromEvents.toString()))
                .isZero();
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--config",
                        configFile.toString(),
                        "--month",
                        "2016-06",
                        "--store",
                        store.toString(),
                        "--out",
                        fromStore.toString()))
                .isZero();

        byte[] csv = Files.readAllBytes(fromEvents.resolve("snapshot-2016-06.csv"));
        assertThat(csv.length).isGreaterThan(100_000);
        assertThat(Files.readAllBytes(fromStore.resolve("snapshot-2016-06.csv")))
                .isEqualTo(csv);
        assertThat(Files.readAllBytes(snapshots.resolve("2016-06").resolve("snapshot-2016-06.csv")))
                .isEqualTo(csv);
        assertThat(withoutMadeAt(fromStore.resolve("snapshot-2016-06.html")))
                .isEqualTo(withoutMadeAt(fromEvents.resolve("snapshot-2016-06.html")));
        assertThat(cells(fromStore.resolve("snapshot-2016-06.xlsx")))
                .isEqualTo(cells(fromEvents.resolve("snapshot-2016-06.xlsx")));
        String csvText = new String(csv, StandardCharsets.UTF_8);
        assertThat(csvText)
                .contains("2016-06,HEADLINE,ANSWERED_WITHIN_STANDARD,999 calls answered within 10 s,999,FORCE,");
        assertThat(csvText).contains(",DISTRICT,Ashby,");
    }

    /** The live job's options (live figures, provisional periods every minute) with checkpoints, writing the store as a live run does. */
    private void liveStyleRun(PacesetterConfig cfg, Path events) throws Exception {
        StreamExecutionEnvironment env = FlinkEnvironments.live(
                2,
                StateBackendKind.HASHMAP,
                Duration.ofSeconds(2),
                dir.resolve("checkpoints").toString(),
                true);
        Configuration noRestarts = new Configuration();
        noRestarts.setString("restart-strategy.type", "none");
        env.configure(noRestarts);
        PacesetterJob.define(
                cfg,
                PacesetterJob.Options.liveRun(cfg),
                Inputs.eventFiles(env, cfg, List.of(events)),
                Sinks.none().monthlyStore(Sinks.MonthlyStore.live(cfg)));
        env.execute("Live-style run for the monthly store");
    }

    private static String withoutMadeAt(Path html) throws IOException {
        return Files.readString(html).replaceAll("<dt>Made</dt><dd>[^<]*", "<dt>Made</dt><dd>");
    }

    private static List<String> cells(Path xlsx) throws IOException {
        List<String> all = new ArrayList<>();
        try (Workbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        String text = cell.toString();
                        if (!(sheet.getSheetName().equals("Provenance")
                                && row.getCell(0).getStringCellValue().equals("Made (UTC)"))) {
                            all.add(sheet.getSheetName() + '!' + cell.getAddress() + '=' + text);
                        }
                    }
                }
            }
        }
        return all;
    }
}
