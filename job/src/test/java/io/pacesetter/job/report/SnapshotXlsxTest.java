package io.pacesetter.job.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacesetter.job.store.ConfigHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook opened with POI: a sheet per section, numbers as numbers in their formats, frozen headers, "no data" as text. */
class SnapshotXlsxTest {
    private static Workbook open(Snapshot s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Xlsx.write(s, bytes);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static Row rowWith(Sheet sheet, int column, String text) {
        for (Row row : sheet) {
            Cell c = row.getCell(column);
            if (c != null
                    && c.getCellType() == CellType.STRING
                    && c.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + text + " in sheet " + sheet.getSheetName());
    }

    @Test
    void aSheetPerSectionThenTheComparisonsTheTrendAndTheProvenance() throws IOException {
        try (Workbook wb = open(SnapshotBuilderTest.handWorked())) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(9);
            assertThat(wb.getSheetName(0)).isEqualTo("Headline measures");
            assertThat(wb.getSheetName(3)).isEqualTo("Attendance urban and rural");
            assertThat(wb.getSheetName(6)).isEqualTo("Comparisons");
            assertThat(wb.getSheetName(7)).isEqualTo("Trend");
            assertThat(wb.getSheetName(8)).isEqualTo("Provenance");
            for (Sheet sheet : wb) {
                assertThat(sheet.getPaneInformation().isFreezePane())
                        .as(sheet.getSheetName())
                        .isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow())
                        .as(sheet.getSheetName())
                        .isEqualTo((short) 1);
            }
        }
    }

    @Test
    void headlineFiguresAreNumbersWithPercentageFormats() throws IOException {
        try (Workbook wb = open(SnapshotBuilderTest.handWorked())) {
            Sheet headline = wb.getSheet("Headline measures");
            assertThat(headline.getRow(0).getCell(8).getStringCellValue()).isEqualTo("Jun 2016");
            assertThat(headline.getRow(0).getCell(11).getStringCellValue()).isEqualTo("Better/Worse % or % pt. diff.");
            Row within = rowWith(headline, 2, "999 calls answered within 10 s");

            assertThat(within.getCell(7).getNumericCellValue()).isEqualTo(0.9);
            assertThat(within.getCell(8).getNumericCellValue()).isEqualTo(0.5);
            assertThat(within.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(within.getCell(9).getNumericCellValue()).isEqualTo(0.8);
            assertThat(within.getCell(10).getNumericCellValue()).isCloseTo(109.0 / 130, within(1e-12));
            assertThat(within.getCell(11).getNumericCellValue()).isCloseTo((109.0 / 130 - 0.8) * 100, within(1e-9));
            assertThat(within.getCell(11).getCellStyle().getDataFormatString()).contains("\" pt\"");
            assertThat(within.getCell(12).getStringCellValue()).isEqualTo("percentage points");
            assertThat(within.getCell(13).getStringCellValue()).isEqualTo("not significant");
            assertThat(within.getCell(14).getBooleanCellValue()).isFalse();

            Row meanWait = rowWith(wb.getSheet("Call handling"), 2, "999 average time to answer (s)");
            assertThat(meanWait.getCell(9).getNumericCellValue()).isEqualTo(8.0);
            assertThat(meanWait.getCell(11).getNumericCellValue()).isCloseTo(866.0 / 130 - 8, within(1e-12));
            assertThat(meanWait.getCell(11).getCellStyle().getDataFormatString())
                    .isEqualTo("+0.0\" s\";-0.0\" s\";0.0\" s\"");
            assertThat(meanWait.getCell(12).getStringCellValue()).isEqualTo("seconds");
            assertThat(meanWait.getCell(13).getStringCellValue()).isEqualTo("not significant");
        }
    }

    @Test
    void aMissingYearIsTheTextNoDataNotAZero() throws IOException {
        Snapshot s = new SnapshotBuilder(SnapshotBuilderTest.CONFIG, SnapshotBuilderTest.CLOCK)
                .build(SnapshotBuilderTest.JUNE_2016, SnapshotBuilderTest.handWorkedStore(false));
        try (Workbook wb = open(s)) {
            Row within = rowWith(wb.getSheet("Headline measures"), 2, "999 calls answered within 10 s");

            assertThat(within.getCell(9).getCellType()).isEqualTo(CellType.STRING);
            assertThat(within.getCell(9).getStringCellValue()).isEqualTo("no data");
            assertThat(within.getCell(11).getStringCellValue()).isEqualTo("no data");
            Row trend = rowWith(wb.getSheet("Trend"), 1, "999 calls answered within 10 s");
            assertThat(trend.getCell(3).getStringCellValue()).isEqualTo("no data");
            assertThat(trend.getCell(3 + 35).getNumericCellValue()).isEqualTo(0.5);
        }
    }

    @Test
    void theProvenanceSheetCountsAndHashes() throws IOException {
        try (Workbook wb = open(SnapshotBuilderTest.handWorked())) {
            Sheet p = wb.getSheet("Provenance");

            assertThat(rowWith(p, 0, "Call legs counted, 12 months to Jun 2016")
                            .getCell(1)
                            .getNumericCellValue())
                    .isEqualTo(11 * 12 + 22);
            assertThat(rowWith(p, 0, "Events rejected, 12 months to Jun 2016")
                            .getCell(1)
                            .getNumericCellValue())
                    .isEqualTo(12);
            assertThat(rowWith(p, 0, "Events rejected, Jun 2016").getCell(1).getNumericCellValue())
                    .isEqualTo(1);
            assertThat(rowWith(p, 0, "Configuration hash").getCell(1).getStringCellValue())
                    .isEqualTo(ConfigHash.of(SnapshotBuilderTest.CONFIG));
        }
    }
}
