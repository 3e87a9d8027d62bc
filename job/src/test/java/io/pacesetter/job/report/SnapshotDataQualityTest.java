package io.pacesetter.job.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.store.StoreMonth;
import io.pacesetter.job.store.StoreMonths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The data-quality counts agree with themselves: the HTML table, the CSV's DATA_QUALITY rows, the
 * workbook's Data quality sheet and the provenance (footer and sheet) carry the same numbers, for the
 * month and the 12 months to it. (They once read 0 in the tables while the footer counted thousands.)
 */
class SnapshotDataQualityTest {
    static final YearMonth JUNE = SnapshotBuilderTest.JUNE_2016;

    /** Month i of the 24: (i % 3 + 1) duplicates; this year also 2 malformed lines; every month an unknown district (a note). */
    static Snapshot snapshot() {
        Map<YearMonth, StoreMonth> store = new HashMap<>();
        List<YearMonth> months = new SnapshotMonths(JUNE).compared();
        for (int i = 0; i < months.size(); i++) {
            YearMonth m = months.get(i);
            List<String> reasons = new ArrayList<>();
            for (int d = 0; d <= i % 3; d++) {
                reasons.add("DUPLICATE");
            }
            if (i >= 12) {
                reasons.add("MALFORMED_JSON");
                reasons.add("MALFORMED_JSON");
            }
            reasons.add("UNKNOWN_DISTRICT");
            store.put(
                    m,
                    StoreMonths.month(
                            SnapshotBuilderTest.CONFIG,
                            m.toString(),
                            StoreMonths.calls(
                                    SnapshotBuilderTest.CONFIG,
                                    m.toString(),
                                    "999",
                                    Scope.FORCE,
                                    SnapshotBuilderTest.FORCE,
                                    StoreMonths.waits(10, 4_000),
                                    1),
                            StoreMonths.rejected(
                                    SnapshotBuilderTest.CONFIG, m.toString(), reasons.toArray(String[]::new))));
        }
        return new SnapshotBuilder(SnapshotBuilderTest.CONFIG, SnapshotBuilderTest.CLOCK).build(JUNE, store);
    }

    @Test
    void theTableTheCsvTheWorkbookAndTheProvenanceCountTheSameRejections() throws Exception {
        Snapshot s = snapshot();
        Provenance p = s.provenance();
        // 12 months to June (months 12..23): duplicates 4 × (1 + 2 + 3) = 24, malformed 24; June (23): 3 and 2.
        assertThat(p.year().rejected()).containsExactly(Map.entry("DUPLICATE", 24L), Map.entry("MALFORMED_JSON", 24L));
        assertThat(p.month().rejected()).containsExactly(Map.entry("DUPLICATE", 3L), Map.entry("MALFORMED_JSON", 2L));

        StringWriter csv = new StringWriter();
        SnapshotCsv.write(s, csv);
        String html = Html.render(s);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Xlsx.write(s, bytes);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (String reason : List.of("DUPLICATE", "MALFORMED_JSON")) {
                long year = p.year().rejected().get(reason);
                long month = p.month().rejected().get(reason);
                // CSV
                assertThat(csvValue(csv.toString(), reason, "12_MONTHS", "12_MONTHS"))
                        .isEqualTo(year);
                assertThat(csvValue(csv.toString(), reason, "MONTH", "MONTH")).isEqualTo(month);
                // workbook: the Data quality sheet and the Provenance sheet
                Row row = row(wb, "Data quality", 2, "Inputs rejected: " + reason);
                assertThat((long) row.getCell(10).getNumericCellValue()).isEqualTo(year);
                assertThat((long) row.getCell(8).getNumericCellValue()).isEqualTo(month);
                assertThat((long) row(wb, "Provenance", 0, "Rejected: " + reason + ", 12 months to Jun 2016")
                                .getCell(1)
                                .getNumericCellValue())
                        .isEqualTo(year);
                assertThat((long) row(wb, "Provenance", 0, "Rejected: " + reason + ", Jun 2016")
                                .getCell(1)
                                .getNumericCellValue())
                        .isEqualTo(month);
                // HTML: the data-quality table (month, then 12m last year, 12m this year) and the footer
                Matcher cells = Pattern.compile("<td class=\"label\">Inputs rejected: " + reason
                                + "</td><td class=\"n\"></td><td class=\"n[^\"]*\">([0-9,]+)</td>.*?"
                                + "<td class=\"n[^\"]*\">[0-9,]+</td><td class=\"n[^\"]*\">([0-9,]+)</td>")
                        .matcher(html);
                assertThat(cells.find()).as(reason + " in the HTML table").isTrue();
                assertThat(Long.parseLong(cells.group(1).replace(",", ""))).isEqualTo(month);
                assertThat(Long.parseLong(cells.group(2).replace(",", ""))).isEqualTo(year);
                List<Long> footer = new ArrayList<>();
                Matcher f = Pattern.compile("data-reason=\"" + reason + "\">" + reason + " ([0-9,]+)<")
                        .matcher(html);
                while (f.find()) {
                    footer.add(Long.parseLong(f.group(1).replace(",", "")));
                }
                assertThat(footer).containsExactly(year, month);
            }
        }
        // A note (an unknown district) is a data-quality row but not a rejection.
        assertThat(p.year().rejected()).doesNotContainKey("UNKNOWN_DISTRICT");
        assertThat(csvValue(csv.toString(), "UNKNOWN_DISTRICT", "12_MONTHS", "12_MONTHS"))
                .isEqualTo(12);
    }

    private static long csvValue(String csv, String reason, String comparison, String period) {
        for (String line : csv.lines().toList()) {
            String[] c = line.split(",", -1);
            if (c[2].equals("DATA_QUALITY_" + reason) && c[10].equals(period) && c[26].equals(comparison)) {
                return Long.parseLong(c[17]);
            }
        }
        throw new AssertionError("no CSV row for " + reason + " " + period);
    }

    private static Row row(Workbook wb, String sheet, int column, String text) {
        for (Row row : wb.getSheet(sheet)) {
            if (row.getCell(column) != null && text.equals(row.getCell(column).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + text + " in " + sheet);
    }
}
