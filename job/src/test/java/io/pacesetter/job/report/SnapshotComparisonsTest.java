package io.pacesetter.job.report;

import static io.pacesetter.job.store.StoreMonths.calls;
import static io.pacesetter.job.store.StoreMonths.concat;
import static io.pacesetter.job.store.StoreMonths.waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.store.StoreMonth;
import io.pacesetter.job.store.StoreMonths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every comparison and every judgement, in the CSV and the workbook, on a store written by hand for 999
 * calls (Jul 2014 – Jun 2016):
 *
 * <ul>
 *   <li>force-wide, every month the same (90 legs at 5 s, 10 at 20 s, 2 abandoned): every comparison SAME;
 *   <li>LPA North, few calls (last year 8 of 10 within 10 s each month, this year 7 of 10): a small difference,
 *       NO_SIGNIFICANT_CHANGE against a year before, SAME against May (also 7 of 10);
 *   <li>LPA South, many calls (last year 900 of 1,000 each month, this year 700 of 1,000, May 2016 600 of
 *       1,000; the rest at 20 s): WORSE against each year before, BETTER against May.
 * </ul>
 */
class SnapshotComparisonsTest {
    static final PacesetterConfig CONFIG = SnapshotBuilderTest.CONFIG;
    static final YearMonth JUNE = SnapshotBuilderTest.JUNE_2016;

    static Snapshot snapshot() {
        Map<YearMonth, StoreMonth> store = new HashMap<>();
        for (YearMonth m : new SnapshotMonths(JUNE).compared()) {
            boolean lastYear = m.isBefore(YearMonth.of(2015, 7));
            boolean may = m.equals(YearMonth.of(2016, 5));
            int south = lastYear ? 900 : may ? 600 : 700;
            int north = lastYear ? 8 : 7;
            store.put(
                    m,
                    StoreMonths.month(
                            CONFIG,
                            m.toString(),
                            calls(
                                    CONFIG,
                                    m.toString(),
                                    "999",
                                    Scope.FORCE,
                                    SnapshotBuilderTest.FORCE,
                                    concat(waits(90, 5_000), waits(10, 20_000)),
                                    2),
                            calls(
                                    CONFIG,
                                    m.toString(),
                                    "999",
                                    Scope.LPA,
                                    "North",
                                    concat(waits(north, 5_000), waits(10 - north, 20_000)),
                                    0),
                            calls(
                                    CONFIG,
                                    m.toString(),
                                    "999",
                                    Scope.LPA,
                                    "South",
                                    concat(waits(south, 5_000), waits(1000 - south, 20_000)),
                                    0)));
        }
        return new SnapshotBuilder(CONFIG, SnapshotBuilderTest.CLOCK).build(JUNE, store);
    }

    static final Snapshot SNAPSHOT = snapshot();

    /** The CSV's rows of one line (call handling, 999) and comparison, by period. */
    static Map<String, Map<String, String>> csvRows(String measure, String scopeId, String comparison)
            throws Exception {
        StringWriter out = new StringWriter();
        SnapshotCsv.write(SNAPSHOT, out);
        List<String> lines = out.toString().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        Map<String, Map<String, String>> byPeriod = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.contains("\"")) {
                continue; // a label with a comma: not a line of this test
            }
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            if (row.get("section").equals("CALL_HANDLING")
                    && row.get("queue").equals("999")
                    && row.get("measure").equals(measure)
                    && row.get("scopeId").equals(scopeId)
                    && row.get("comparison").equals(comparison)) {
                assertThat(byPeriod.put(row.get("period"), row))
                        .as("one row per period")
                        .isNull();
            }
        }
        return byPeriod;
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
        // scope id, measure, comparison, judgement, current period, its start, its end, previous period, start, end
        "Example County Police, ANSWERED_WITHIN_STANDARD, MONTH, SAME, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "Example County Police, ANSWERED_WITHIN_STANDARD, QUARTER, SAME, QUARTER, 2016-04, 2016-06, QUARTER_LAST_YEAR, 2015-04, 2015-06",
        "Example County Police, ANSWERED_WITHIN_STANDARD, YEAR_TO_DATE, SAME, YEAR_TO_DATE, 2016-04, 2016-06, YEAR_TO_DATE_LAST_YEAR, 2015-04, 2015-06",
        "Example County Police, ANSWERED_WITHIN_STANDARD, 12_MONTHS, SAME, 12_MONTHS, 2015-07, 2016-06, PREVIOUS_12_MONTHS, 2014-07, 2015-06",
        "Example County Police, ANSWERED_WITHIN_STANDARD, PREVIOUS_MONTH, SAME, MONTH, 2016-06, 2016-06, PREVIOUS_MONTH, 2016-05, 2016-05",
        "Example County Police, MEAN_WAIT_SECONDS, MONTH, SAME, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "Example County Police, P90_WAIT_SECONDS, 12_MONTHS, SAME, 12_MONTHS, 2015-07, 2016-06, PREVIOUS_12_MONTHS, 2014-07, 2015-06",
        "Example County Police, CALLS_ANSWERED, QUARTER, SAME, QUARTER, 2016-04, 2016-06, QUARTER_LAST_YEAR, 2015-04, 2015-06",
        "North, ANSWERED_WITHIN_STANDARD, MONTH, NO_SIGNIFICANT_CHANGE, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "North, ANSWERED_WITHIN_STANDARD, QUARTER, NO_SIGNIFICANT_CHANGE, QUARTER, 2016-04, 2016-06, QUARTER_LAST_YEAR, 2015-04, 2015-06",
        "North, ANSWERED_WITHIN_STANDARD, YEAR_TO_DATE, NO_SIGNIFICANT_CHANGE, YEAR_TO_DATE, 2016-04, 2016-06, YEAR_TO_DATE_LAST_YEAR, 2015-04, 2015-06",
        "North, ANSWERED_WITHIN_STANDARD, 12_MONTHS, NO_SIGNIFICANT_CHANGE, 12_MONTHS, 2015-07, 2016-06, PREVIOUS_12_MONTHS, 2014-07, 2015-06",
        "North, ANSWERED_WITHIN_STANDARD, PREVIOUS_MONTH, SAME, MONTH, 2016-06, 2016-06, PREVIOUS_MONTH, 2016-05, 2016-05",
        "North, MEAN_WAIT_SECONDS, MONTH, NO_SIGNIFICANT_CHANGE, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "South, ANSWERED_WITHIN_STANDARD, MONTH, WORSE, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "South, ANSWERED_WITHIN_STANDARD, QUARTER, WORSE, QUARTER, 2016-04, 2016-06, QUARTER_LAST_YEAR, 2015-04, 2015-06",
        "South, ANSWERED_WITHIN_STANDARD, YEAR_TO_DATE, WORSE, YEAR_TO_DATE, 2016-04, 2016-06, YEAR_TO_DATE_LAST_YEAR, 2015-04, 2015-06",
        "South, ANSWERED_WITHIN_STANDARD, 12_MONTHS, WORSE, 12_MONTHS, 2015-07, 2016-06, PREVIOUS_12_MONTHS, 2014-07, 2015-06",
        "South, ANSWERED_WITHIN_STANDARD, PREVIOUS_MONTH, BETTER, MONTH, 2016-06, 2016-06, PREVIOUS_MONTH, 2016-05, 2016-05",
        "South, MEAN_WAIT_SECONDS, MONTH, WORSE, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "South, MEAN_WAIT_SECONDS, PREVIOUS_MONTH, BETTER, MONTH, 2016-06, 2016-06, PREVIOUS_MONTH, 2016-05, 2016-05",
        "South, P90_WAIT_SECONDS, MONTH, WORSE, MONTH, 2016-06, 2016-06, MONTH_LAST_YEAR, 2015-06, 2015-06",
        "South, CALLS_ANSWERED, 12_MONTHS, SAME, 12_MONTHS, 2015-07, 2016-06, PREVIOUS_12_MONTHS, 2014-07, 2015-06"
    })
    void eachComparisonHasItsPeriodsAndJudgementInTheCsvAndTheWorkbook(
            String scopeId,
            String measure,
            String comparison,
            String judgement,
            String current,
            String currentStart,
            String currentEnd,
            String previous,
            String previousStart,
            String previousEnd)
            throws Exception {
        Map<String, Map<String, String>> rows = csvRows(measure, scopeId, comparison);

        assertThat(rows).containsOnlyKeys(current, previous, "CHANGE");
        assertThat(rows.get(current)).containsEntry("periodStart", currentStart).containsEntry("periodEnd", currentEnd);
        assertThat(rows.get(previous))
                .containsEntry("periodStart", previousStart)
                .containsEntry("periodEnd", previousEnd);
        assertThat(rows.get("CHANGE"))
                .containsEntry("judgement", judgement)
                .containsEntry("periodStart", previousStart)
                .containsEntry("periodEnd", currentEnd);
        if (!judgement.equals("SAME")) {
            double p = Double.parseDouble(rows.get("CHANGE").get("pValue"));
            if (judgement.equals("NO_SIGNIFICANT_CHANGE")) {
                assertThat(p).isGreaterThanOrEqualTo(0.05);
            } else {
                assertThat(p).isLessThan(0.05);
            }
        }

        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx()))) {
            Sheet sheet = wb.getSheet("Comparisons");
            String scopeLabel = scopeId.equals(SnapshotBuilderTest.FORCE) ? "Force-wide" : "LPA " + scopeId;
            String label = Labels.measure(CONFIG, measure, "999", null, null);
            Row found = null;
            for (Row row : sheet) {
                if (row.getCell(0).getStringCellValue().equals(Section.CALL_HANDLING.title)
                        && row.getCell(1).getStringCellValue().equals(scopeLabel)
                        && row.getCell(2).getStringCellValue().equals(label)
                        && row.getCell(6).getStringCellValue().equals(comparison)) {
                    assertThat(found).as("one workbook row").isNull();
                    found = row;
                }
            }
            assertThat(found).as(scopeLabel + " " + label + " " + comparison).isNotNull();
            assertThat(found.getCell(13).getStringCellValue()).isEqualTo(judgement);
            String span = currentStart.equals(currentEnd) ? currentStart : currentStart + " to " + currentEnd;
            assertThat(found.getCell(7).getStringCellValue()).isEqualTo(span);
            assertThat(found.getCell(8).getNumericCellValue())
                    .isCloseTo(Double.parseDouble(rows.get(current).get("value")), within(1e-12));
            assertThat(found.getCell(10).getNumericCellValue())
                    .isCloseTo(Double.parseDouble(rows.get(previous).get("value")), within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // South's waits: June 2016 700 at 5 s and 300 at 20 s (9.5 s), June 2015 900 and 100 (6.5 s)
        "MONTH, 3.0, seconds",
        // May 2016: 600 and 400 (11.0 s)
        "PREVIOUS_MONTH, -1.5, seconds"
    })
    void theAverageWaitChangesInSeconds(String comparison, double seconds, String unit) throws Exception {
        Map<String, String> change =
                csvRows("MEAN_WAIT_SECONDS", "South", comparison).get("CHANGE");

        assertThat(Double.parseDouble(change.get("value"))).isCloseTo(seconds, within(1e-9));
        assertThat(change.get("unit")).isEqualTo(unit);
    }

    private static byte[] workbook;

    /** Written once for every case: a workbook takes seconds on a loaded machine. */
    private static synchronized byte[] xlsx() throws Exception {
        if (workbook == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Xlsx.write(SNAPSHOT, bytes);
            workbook = bytes.toByteArray();
        }
        return workbook;
    }
}
