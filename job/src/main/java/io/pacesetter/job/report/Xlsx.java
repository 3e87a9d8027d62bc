package io.pacesetter.job.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The snapshot as an Excel workbook (Apache POI): one sheet per section, the 24-month trend and
 * the provenance; every figure a number with its format (rates as percentages, differences in
 * percentage points or per cent), so the board's analysts can sort and chart them; header rows
 * frozen. A missing figure is the text "no data", never a zero.
 */
public final class Xlsx {
    static final List<String> HEADER = List.of(
            "Scope",
            "Scope id",
            "Measure",
            "Queue",
            "Area",
            "Rank",
            "Reason",
            "Standard",
            "Month",
            "12m Last Year",
            "12m This Year",
            "Better/Worse % or % pt. diff.",
            "Difference unit",
            "Better/worse",
            "Standard met (12m)",
            "Small number (12m)",
            "Notes");

    private Xlsx() {}

    public static void write(Snapshot s, OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles styles = new Styles(wb);
            for (Section section : Section.values()) {
                sectionSheet(wb, styles, s, section);
            }
            trendSheet(wb, styles, s);
            provenanceSheet(wb, styles, s);
            wb.write(out);
        }
    }

    private static void sectionSheet(XSSFWorkbook wb, Styles st, Snapshot s, Section section) {
        Sheet sheet = wb.createSheet(section.title.replace(",", ""));
        Row header = sheet.createRow(0);
        for (int c = 0; c < HEADER.size(); c++) {
            text(header, c, c == 8 ? Labels.shortMonth(s.month()) : HEADER.get(c), st.header);
        }
        int r = 1;
        for (Line l : s.section(section)) {
            Row row = sheet.createRow(r++);
            MeasureKind kind = l.kind();
            text(row, 0, Labels.scope(l.scope(), l.scopeId()), null);
            text(row, 1, l.scopeId(), null);
            text(row, 2, l.label(), null);
            text(row, 3, l.queue(), null);
            text(row, 4, l.area() == null ? "" : l.area().name(), null);
            if (l.rank() > 0) {
                row.createCell(5).setCellValue(l.rank());
            }
            text(row, 6, l.reason(), null);
            if (l.thisYear().target() != null) {
                number(row, 7, l.thisYear().target(), st.of(kind));
            }
            figure(row, 8, l.month(), kind, st);
            figure(row, 9, l.lastYear(), kind, st);
            figure(row, 10, l.thisYear(), kind, st);
            Comparison c = l.change();
            if (c.difference() != null) {
                if (c.unit() == Comparison.Unit.PERCENTAGE_POINTS) {
                    number(row, 11, c.difference(), st.points);
                    text(row, 12, "percentage points", null);
                } else {
                    number(row, 11, c.difference() / 100, st.change);
                    text(row, 12, "per cent", null);
                }
            } else {
                text(row, 11, Shown.change(c), st.noData);
            }
            CellStyle judged = c.judgement() == Comparison.Judgement.BETTER
                    ? st.better
                    : c.judgement() == Comparison.Judgement.WORSE ? st.worse : null;
            text(row, 13, Shown.judgement(c), judged);
            if (l.thisYear().met() != null) {
                row.createCell(14).setCellValue(l.thisYear().met());
            }
            row.createCell(15).setCellValue(l.thisYear().smallNumber());
            text(row, 16, notes(l), null);
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, Math.max(0, r - 1), 0, HEADER.size() - 1));
        int[] widths = {22, 14, 52, 12, 8, 6, 24, 10, 11, 13, 13, 16, 16, 11, 11, 11, 40};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
    }

    private static void trendSheet(XSSFWorkbook wb, Styles st, Snapshot s) {
        Sheet sheet = wb.createSheet("Trend");
        List<YearMonth> months = s.months().trend();
        Row header = sheet.createRow(0);
        text(header, 0, "Scope", st.header);
        text(header, 1, "Measure", st.header);
        text(header, 2, "Standard", st.header);
        for (int i = 0; i < months.size(); i++) {
            text(header, 3 + i, Labels.shortMonth(months.get(i)), st.header);
        }
        int r = 1;
        for (Trend t : s.trends()) {
            Row row = sheet.createRow(r++);
            MeasureKind kind = MeasureKind.of(t.measure());
            text(row, 0, t.scopeLabel(), null);
            text(row, 1, t.label(), null);
            if (t.target() != null) {
                number(row, 2, t.target(), st.of(kind));
            }
            for (int i = 0; i < months.size(); i++) {
                figure(row, 3 + i, t.months().get(i), kind, st);
            }
        }
        sheet.createFreezePane(2, 1);
        sheet.setColumnWidth(0, 20 * 256);
        sheet.setColumnWidth(1, 52 * 256);
    }

    private static void provenanceSheet(XSSFWorkbook wb, Styles st, Snapshot s) {
        Sheet sheet = wb.createSheet("Provenance");
        Provenance p = s.provenance();
        Row header = sheet.createRow(0);
        text(header, 0, "Item", st.header);
        text(header, 1, "Value", st.header);
        int r = 1;
        r = pair(sheet, r, "Force", s.force());
        r = pair(sheet, r, "Month", Labels.month(s.month()));
        r = pair(sheet, r, "Time zone", s.timeZone());
        r = pair(
                sheet,
                r,
                "Months covered",
                p.monthsCovered().size() + " of 24: "
                        + String.join(
                                ", ",
                                p.monthsCovered().stream()
                                        .map(YearMonth::toString)
                                        .toList()));
        r = pair(
                sheet,
                r,
                "Months with no data",
                String.join(
                        ", ",
                        p.monthsMissing().stream().map(YearMonth::toString).toList()));
        Row legs = sheet.createRow(r++);
        text(legs, 0, "Call legs counted", null);
        legs.createCell(1).setCellValue(p.callLegsCounted());
        Row incidents = sheet.createRow(r++);
        text(incidents, 0, "Emergency incidents counted", null);
        incidents.createCell(1).setCellValue(p.incidentsCounted());
        Row rejected = sheet.createRow(r++);
        text(rejected, 0, "Events rejected", null);
        rejected.createCell(1).setCellValue(p.rejectedTotal());
        for (Map.Entry<String, Long> e : p.rejected().entrySet()) {
            Row row = sheet.createRow(r++);
            text(row, 0, "Rejected: " + e.getKey(), null);
            row.createCell(1).setCellValue(e.getValue());
        }
        r = pair(sheet, r, "Configuration hash", p.configHash());
        for (Map.Entry<String, Integer> e : p.configHashes().entrySet()) {
            r = pair(sheet, r, "Months counted under " + e.getKey(), Integer.toString(e.getValue()));
        }
        r = pair(sheet, r, "Small-number threshold", Integer.toString(s.smallNumberThreshold()));
        pair(sheet, r, "Made (UTC)", p.madeAt().toString());
        sheet.createFreezePane(0, 1);
        sheet.setColumnWidth(0, 34 * 256);
        sheet.setColumnWidth(1, 90 * 256);
    }

    private static int pair(Sheet sheet, int r, String item, String value) {
        Row row = sheet.createRow(r);
        text(row, 0, item, null);
        text(row, 1, value, null);
        return r + 1;
    }

    private static String notes(Line l) {
        String month = Shown.notes(l.month());
        String year = Shown.notes(l.thisYear());
        StringBuilder s = new StringBuilder();
        if (!month.isEmpty()) {
            s.append("month: ").append(month);
        }
        if (!year.isEmpty()) {
            s.append(s.length() > 0 ? "; " : "").append("12m: ").append(year);
        }
        if (l.lastYear().partial()) {
            s.append(s.length() > 0 ? "; " : "")
                    .append("last year: ")
                    .append(l.lastYear().monthsWithData())
                    .append(" of 12 months");
        }
        return s.toString();
    }

    private static void figure(Row row, int col, Figure f, MeasureKind kind, Styles st) {
        if (f.value() == null) {
            text(row, col, Shown.NO_DATA, st.noData);
        } else {
            number(row, col, f.value(), f.smallNumber() ? st.smallOf(kind) : st.of(kind));
        }
    }

    private static void number(Row row, int col, double value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value == null ? "" : value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** The workbook's cell styles, made once (a workbook holds at most 64,000). */
    private static final class Styles {
        final CellStyle header;
        final CellStyle rate;
        final CellStyle seconds;
        final CellStyle count;
        final CellStyle smallRate;
        final CellStyle smallSeconds;
        final CellStyle smallCount;
        final CellStyle points;
        final CellStyle change;
        final CellStyle noData;
        final CellStyle better;
        final CellStyle worse;

        Styles(XSSFWorkbook wb) {
            DataFormat format = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setWrapText(true);
            rate = numeric(wb, format, "0.0%", false);
            seconds = numeric(wb, format, "0.0", false);
            count = numeric(wb, format, "#,##0", false);
            smallRate = numeric(wb, format, "0.0%", true);
            smallSeconds = numeric(wb, format, "0.0", true);
            smallCount = numeric(wb, format, "#,##0", true);
            points = numeric(wb, format, "+0.0\" pt\";-0.0\" pt\";0.0\" pt\"", false);
            change = numeric(wb, format, "+0.0%;-0.0%;0.0%", false);
            Font grey = wb.createFont();
            grey.setItalic(true);
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            noData = wb.createCellStyle();
            noData.setFont(grey);
            Font green = wb.createFont();
            green.setColor(IndexedColors.GREEN.getIndex());
            better = wb.createCellStyle();
            better.setFont(green);
            Font red = wb.createFont();
            red.setColor(IndexedColors.RED.getIndex());
            worse = wb.createCellStyle();
            worse.setFont(red);
        }

        private static CellStyle numeric(XSSFWorkbook wb, DataFormat format, String pattern, boolean small) {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(format.getFormat(pattern));
            if (small) {
                style.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
            return style;
        }

        CellStyle of(MeasureKind kind) {
            return switch (kind) {
                case RATE -> rate;
                case SECONDS -> seconds;
                case COUNT -> count;
            };
        }

        CellStyle smallOf(MeasureKind kind) {
            return switch (kind) {
                case RATE -> smallRate;
                case SECONDS -> smallSeconds;
                case COUNT -> smallCount;
            };
        }
    }
}
