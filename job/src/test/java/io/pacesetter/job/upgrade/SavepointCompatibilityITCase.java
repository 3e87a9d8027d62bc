package io.pacesetter.job.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of the first release's state layout (commit dcfdb65: the generated week from 2 November
 * 2026, stopped at about 10:03 on Friday the 6th, made by {@link SavepointFixture}) restores in this build
 * and the day it was stopped in comes out whole: the Friday's 999 calls answered and abandoned are the
 * release's hourly windows before the savepoint plus this build's after it. A build that cannot read a
 * state (a changed type without a migration, a changed uid) fails to start; one that reads it wrongly
 * (an open leg or a day's tally lost) gets a different day. See docs/operations.md ("Upgrades").
 */
@Timeout(900)
class SavepointCompatibilityITCase {
    private static final Path FIXTURE = Path.of("src/test/resources/savepoints/release-dcfdb65");
    private static final String FRIDAY = "2026-11-06";
    private static final Instant FRIDAY_START = Instant.parse("2026-11-06T00:00:00Z");
    private static final Instant SATURDAY_START = Instant.parse("2026-11-07T00:00:00Z");

    @TempDir
    Path out;

    @Test
    void theReleasesSavepointRestoresAndItsDayAddsUp() throws Exception {
        List<MeasureRecord> before = Files.readAllLines(FIXTURE.resolve("release-windows.jsonl")).stream()
                .map(RecordJson::readMeasure)
                .toList();
        JobClient job = GeneratedDayRun.start(out, FIXTURE.resolve("savepoint").toAbsolutePath(), Duration.ofHours(1));
        try {
            GeneratedDayRun.awaitWindowsTo(out, SATURDAY_START.plus(Duration.ofHours(1)), job, Duration.ofMinutes(12));
            // periods.jsonl is small: its lines reach the file at a checkpoint's flush.
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (GeneratedDayRun.completeLines(out.resolve(FileOutputs.PERIODS)).stream()
                                    .map(RecordJson::readMeasure)
                                    .filter(SavepointCompatibilityITCase::friday999)
                                    .count()
                            < 2
                    && System.nanoTime() < until) {
                Thread.sleep(500);
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        List<MeasureRecord> after = GeneratedDayRun.completeLines(out.resolve(FileOutputs.KPIS)).stream()
                .map(RecordJson::readMeasure)
                .toList();
        List<MeasureRecord> days = GeneratedDayRun.completeLines(out.resolve(FileOutputs.PERIODS)).stream()
                .map(RecordJson::readMeasure)
                .toList();

        for (String measure : List.of("CALLS_ANSWERED", "CALLS_ABANDONED")) {
            double release = hourlySum(before, measure, FRIDAY_START, Instant.parse("2026-11-06T10:00:00Z"));
            double restored = hourlySum(after, measure, Instant.parse("2026-11-06T10:00:00Z"), SATURDAY_START);
            assertThat(hourlySum(after, measure, FRIDAY_START, Instant.parse("2026-11-06T10:00:00Z")))
                    .as("no window the release had already published comes again")
                    .isZero();
            MeasureRecord day = days.stream()
                    .filter(r -> friday999(r) && measure.equals(r.measure))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no final DAY " + FRIDAY + " " + measure + " among "
                            + days.size() + " period records: "
                            + days.stream()
                                    .map(r -> r.period + " " + r.start + " " + r.revision)
                                    .distinct()
                                    .toList()));
            System.out.printf(
                    "%s 999 on %s: %.0f before the savepoint + %.0f after = DAY %.0f%n",
                    measure, FRIDAY, release, restored, day.value);
            assertThat(release).as("the release's morning").isPositive();
            assertThat(day.value)
                    .as(measure + ": the day's tally carried through the savepoint")
                    .isEqualTo(release + restored);
        }
    }

    /** The Friday's final DAY record (revision 0) of 999 calls answered or abandoned, force-wide. */
    private static boolean friday999(MeasureRecord r) {
        return r.window == WindowKind.PERIOD
                && r.period == PeriodKind.DAY
                && FRIDAY.equals(r.start)
                && r.revision == 0
                && r.scope == Scope.FORCE
                && "999".equals(r.queue)
                && (r.measure.equals("CALLS_ANSWERED") || r.measure.equals("CALLS_ABANDONED"));
    }

    /** The 999 force-wide one-hour windows ending after {@code from}, up to and including {@code to}, summed. */
    private static double hourlySum(List<MeasureRecord> records, String measure, Instant from, Instant to) {
        return records.stream()
                .filter(r -> r.window == WindowKind.SLIDING
                        && r.scope == Scope.FORCE
                        && Objects.equals(r.windowLengthMs, Duration.ofHours(1).toMillis())
                        && measure.equals(r.measure)
                        && "999".equals(r.queue)
                        && r.windowEnd > from.toEpochMilli()
                        && r.windowEnd <= to.toEpochMilli()
                        && r.windowEnd % Duration.ofHours(1).toMillis() == 0)
                .mapToDouble(r -> r.value)
                .sum();
    }
}
