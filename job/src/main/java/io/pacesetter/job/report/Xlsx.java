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
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The snapshot as an Excel workbook (Apache POI): one sheet per section, every comparison, the 36-month trend and
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
        // Streamed (SXSSF): rows go to a compressed temporary file as they are made. Building the whole
        // workbook as XML in memory (XSSFWorkbook) took three quarters of `snapshot --store`'s time
        // (docs/benchmarks.md). Rows are only ever appended here, never read back.
        SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, false);
        try {
            Styles styles = new Styles(wb);
            for (Section section : Section.values()) {
                sectionSheet(wb, styles, s, section);
            }
            comparisonSheet(wb, styles, s);
            trendSheet(wb, styles, s);
            if (!s.commentary().isEmpty()) {
                commentarySheet(wb, styles, s);
            }
            provenanceSheet(wb, styles, s);
            wb.write(out);
        } finally {
            wb.close();
            wb.dispose();
        }
    }

    private static void sectionSheet(Workbook wb, Styles st, Snapshot s, Section section) {
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
            difference(row, 11, c, st);
            text(row, 13, Shown.judgement(c), judged(c, st));
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

    static final List<String> COMPARISON_HEADER = List.of(
            "Section",
            "Scope",
            "Measure",
            "Queue",
            "Area",
            "Reason",
            "Comparison",
            "Period",
            "Value",
            "Compared with",
            "Value compared with",
            "Difference",
            "Difference unit",
            "Judgement",
            "p-value");

    /** Every line against every period it is compared with: one row per line and comparison. */
    private static void comparisonSheet(Workbook wb, Styles st, Snapshot s) {
        Sheet sheet = wb.createSheet("Comparisons");
        Row header = sheet.createRow(0);
        for (int c = 0; c < COMPARISON_HEADER.size(); c++) {
            text(header, c, COMPARISON_HEADER.get(c), st.header);
        }
        int r = 1;
        YearMonth month = s.month();
        for (Line l : s.lines()) {
            MeasureKind kind = l.kind();
            for (Compared cmp : l.comparisons()) {
                Row row = sheet.createRow(r++);
                text(row, 0, l.section().title, null);
                text(row, 1, l.scopeLabel(), null);
                text(row, 2, l.label(), null);
                text(row, 3, l.queue(), null);
                text(row, 4, l.area() == null ? "" : l.area().name(), null);
                text(row, 5, l.reason(), null);
                text(row, 6, cmp.kind().csv, null);
                text(row, 7, span(cmp.kind().span(month)), null);
                figure(row, 8, cmp.current(), kind, st);
                text(row, 9, span(cmp.kind().before(month)), null);
                figure(row, 10, cmp.previous(), kind, st);
                difference(row, 11, cmp.change(), st);
                text(row, 13, cmp.change().judgement().name(), judged(cmp.change(), st));
                if (cmp.change().pValue() != null) {
                    number(row, 14, cmp.change().pValue(), st.pValue);
                }
            }
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(
                new org.apache.poi.ss.util.CellRangeAddress(0, Math.max(0, r - 1), 0, COMPARISON_HEADER.size() - 1));
        int[] widths = {18, 20, 52, 8, 8, 20, 15, 20, 11, 20, 11, 12, 16, 24, 10};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
    }

    private static String span(List<YearMonth> months) {
        return months.size() == 1 ? months.get(0).toString() : months.get(0) + " to " + months.get(months.size() - 1);
    }

    private static void difference(Row row, int col, Comparison c, Styles st) {
        if (c.difference() == null) {
            text(row, col, Shown.change(c), st.noData);
            return;
        }
        switch (c.unit()) {
            case PERCENTAGE_POINTS -> {
                number(row, col, c.difference(), st.points);
                text(row, col + 1, "percentage points", null);
            }
            case SECONDS -> {
                number(row, col, c.difference(), st.secondsChange);
                text(row, col + 1, "seconds", null);
            }
            case PERCENT -> {
                number(row, col, c.difference() / 100, st.change);
                text(row, col + 1, "per cent", null);
            }
        }
    }

    private static CellStyle judged(Comparison c, Styles st) {
        return c.judgement() == Comparison.Judgement.BETTER
                ? st.better
                : c.judgement() == Comparison.Judgement.WORSE ? st.worse : null;
    }

    private static void commentarySheet(Workbook wb, Styles st, Snapshot s) {
        Sheet sheet = wb.createSheet("Officer's commentary");
        Row header = sheet.createRow(0);
        text(header, 0, "Measure", st.header);
        text(header, 1, "Commentary", st.header);
        int r = 1;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.commentary()).entrySet()) {
            r = pair(sheet, r, e.getKey(), e.getValue());
        }
        sheet.setColumnWidth(0, 34 * 256);
        sheet.setColumnWidth(1, 120 * 256);
    }

    private static void trendSheet(Workbook wb, Styles st, Snapshot s) {
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
            Row rolling = sheet.createRow(r++);
            text(rolling, 0, t.scopeLabel(), null);
            text(rolling, 1, t.label() + ", rolling 12 months", null);
            if (t.target() != null) {
                number(rolling, 2, t.target(), st.of(kind));
            }
            for (int i = 0; i < months.size(); i++) {
                figure(rolling, 3 + i, t.rolling().get(i), kind, st);
            }
        }
        sheet.createFreezePane(2, 1);
        sheet.setColumnWidth(0, 20 * 256);
        sheet.setColumnWidth(1, 52 * 256);
    }

    private static void provenanceSheet(Workbook wb, Styles st, Snapshot s) {
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
                p.monthsCovered().size() + " of " + SnapshotMonths.TREND_MONTHS + ": "
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
        r = counts(sheet, r, "12 months to " + Labels.shortMonth(s.month()), p.year());
        r = counts(sheet, r, Labels.shortMonth(s.month()), p.month());
        r = pair(sheet, r, "Configuration hash", p.configHash());
        for (Map.Entry<String, Integer> e : p.configHashes().entrySet()) {
            r = pair(sheet, r, "Months counted under " + e.getKey(), Integer.toString(e.getValue()));
        }
        r = pair(sheet, r, "Small-number threshold", Integer.toString(s.smallNumberThreshold()));
        r = pair(sheet, r, "Significance", Significance.method(s.significance()));
        if (s.publicVersion()) {
            r = pair(sheet, r, "Public version", Publication.note(s));
        }
        pair(sheet, r, "Made (UTC)", p.madeAt().toString());
        sheet.createFreezePane(0, 1);
        sheet.setColumnWidth(0, 34 * 256);
        sheet.setColumnWidth(1, 90 * 256);
    }

    private static int counts(Sheet sheet, int r, String span, Provenance.Counts c) {
        r = count(sheet, r, "Call legs counted, " + span, c.callLegs());
        r = count(sheet, r, "Emergency incidents counted, " + span, c.incidents());
        r = count(sheet, r, "Events rejected, " + span, c.rejectedTotal());
        for (Map.Entry<String, Long> e : c.rejected().entrySet()) {
            r = count(sheet, r, "Rejected: " + e.getKey() + ", " + span, e.getValue());
        }
        return r;
    }

    private static int count(Sheet sheet, int r, String item, long value) {
        Row row = sheet.createRow(r);
        text(row, 0, item, null);
        row.createCell(1).setCellValue(value);
        return r + 1;
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
        if (f.suppressed()) {
            text(row, col, "*", st.noData);
        } else if (f.value() == null) {
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
        final CellStyle secondsChange;
        final CellStyle pValue;
        final CellStyle noData;
        final CellStyle better;
        final CellStyle worse;

        Styles(Workbook wb) {
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
            secondsChange = numeric(wb, format, "+0.0\" s\";-0.0\" s\";0.0\" s\"", false);
            pValue = numeric(wb, format, "0.0000", false);
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

        private static CellStyle numeric(Workbook wb, DataFormat format, String pattern, boolean small) {
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
