package io.pacesetter.job.report;

import java.io.IOException;
import java.io.Writer;
import java.time.YearMonth;
import java.util.List;

/**
 * The snapshot as one tidy table: for each line (measure, queue, scope, area, reason) and each
 * comparison ({@code comparison}: {@code MONTH}, {@code QUARTER}, {@code YEAR_TO_DATE}, {@code 12_MONTHS},
 * {@code PREVIOUS_MONTH}), a row for the current period, one for the period it is compared with
 * ({@code MONTH_LAST_YEAR}, {@code QUARTER_LAST_YEAR}, {@code YEAR_TO_DATE_LAST_YEAR}, {@code
 * PREVIOUS_12_MONTHS}, {@code PREVIOUS_MONTH}) and a {@code CHANGE} row with the difference, its judgement
 * and the test's p-value; then {@code TREND} rows per headline measure, force-wide and LPA scope and month
 * of the 36 ({@code MONTH} and {@code ROLLING_12_MONTHS}). Values are plain numbers: rates as shares (0..1),
 * waits in seconds, counts; a missing figure is an empty value with the note {@code no data}, a withheld
 * one (public version) the note {@code suppressed}.
 */
public final class SnapshotCsv {
    static final List<String> COLUMNS = List.of(
            "month",
            "section",
            "measure",
            "label",
            "queue",
            "scope",
            "scopeId",
            "area",
            "reason",
            "rank",
            "period",
            "periodStart",
            "periodEnd",
            "monthsWithData",
            "monthsInPeriod",
            "numerator",
            "denominator",
            "value",
            "unit",
            "target",
            "met",
            "denominatorRule",
            "direction",
            "judgement",
            "smallNumber",
            "note",
            "comparison",
            "pValue");

    private SnapshotCsv() {}

    public static void write(Snapshot s, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        SnapshotMonths months = s.months();
        for (Line l : s.lines()) {
            for (Compared c : l.comparisons()) {
                List<YearMonth> now = c.kind().span(months.month());
                List<YearMonth> before = c.kind().before(months.month());
                Row row = new Row(
                        s,
                        l.section().name(),
                        l.measure(),
                        l.label(),
                        l.queue(),
                        l.scope().name());
                row.of(l);
                row.period(c.kind().currentPeriod(), now.get(0), now.get(now.size() - 1), c.kind());
                row.write(out, c.current(), l.kind(), l.denominatorRule(), null);
                row.period(c.kind().previousPeriod(), before.get(0), before.get(before.size() - 1), c.kind());
                row.write(out, c.previous(), l.kind(), l.denominatorRule(), null);
                row.period("CHANGE", before.get(0), now.get(now.size() - 1), c.kind());
                row.write(out, null, l.kind(), l.denominatorRule(), c.change());
            }
        }
        for (Trend t : s.trends()) {
            List<YearMonth> trendMonths = months.trend();
            for (int i = 0; i < trendMonths.size(); i++) {
                YearMonth m = trendMonths.get(i);
                Row row = new Row(
                        s, "TREND", t.measure(), t.label(), t.queue(), t.scope().name());
                row.scopeId = t.scopeId();
                row.area = t.area();
                row.period("MONTH", m, m, null);
                row.write(out, t.months().get(i), MeasureKind.of(t.measure()), null, null);
                row.period("ROLLING_12_MONTHS", m.minusMonths(11), m, null);
                row.write(out, t.rolling().get(i), MeasureKind.of(t.measure()), null, null);
            }
        }
    }

    /** The cells a line's rows share. */
    private static final class Row {
        final Snapshot s;
        final String section;
        final String measure;
        final String label;
        final String queue;
        final String scope;
        String scopeId;
        io.pacesetter.config.Area area;
        String reason;
        int rank;
        String period;
        YearMonth start;
        YearMonth end;
        ComparisonKind comparison;

        Row(Snapshot s, String section, String measure, String label, String queue, String scope) {
            this.s = s;
            this.section = section;
            this.measure = measure;
            this.label = label;
            this.queue = queue;
            this.scope = scope;
        }

        void of(Line l) {
            scopeId = l.scopeId();
            area = l.area();
            reason = l.reason();
            rank = l.rank();
        }

        void period(String period, YearMonth start, YearMonth end, ComparisonKind comparison) {
            this.period = period;
            this.start = start;
            this.end = end;
            this.comparison = comparison;
        }

        void write(Writer out, Figure f, MeasureKind kind, String denominatorRule, Comparison change)
                throws IOException {
            row(
                    out,
                    s,
                    section,
                    measure,
                    label,
                    queue,
                    scope,
                    scopeId,
                    area,
                    reason,
                    rank,
                    period,
                    start,
                    end,
                    f,
                    kind,
                    denominatorRule,
                    change,
                    comparison);
        }
    }

    private static void row(
            Writer out,
            Snapshot s,
            String section,
            String measure,
            String label,
            String queue,
            String scope,
            String scopeId,
            io.pacesetter.config.Area area,
            String reason,
            int rank,
            String period,
            YearMonth start,
            YearMonth end,
            Figure f,
            MeasureKind kind,
            String denominatorRule,
            Comparison change,
            ComparisonKind comparison)
            throws IOException {
        String[] cells = new String[COLUMNS.size()];
        int i = 0;
        cells[i++] = s.month().toString();
        cells[i++] = section;
        cells[i++] = measure;
        cells[i++] = label;
        cells[i++] = queue;
        cells[i++] = scope;
        cells[i++] = scopeId;
        cells[i++] = area == null ? "" : area.name();
        cells[i++] = reason;
        cells[i++] = rank == 0 ? "" : Integer.toString(rank);
        cells[i++] = period;
        cells[i++] = start.toString();
        cells[i++] = end.toString();
        if (change != null) {
            i += 4;
            cells[i++] = Shown.plain(change.difference());
            cells[i++] = switch (change.unit()) {
                case PERCENTAGE_POINTS -> "percentage points";
                case SECONDS -> "seconds";
                case PERCENT -> "percent";
            };
            i += 2;
            cells[i++] = denominatorRule;
            cells[i++] = Direction.of(measure).name();
            cells[i++] = change.judgement().name();
            cells[i++] = "";
            cells[i++] = change.judgement() == Comparison.Judgement.NO_DATA
                    ? Shown.NO_DATA
                    : change.judgement() == Comparison.Judgement.NOT_COMPARABLE ? "was 0" : "";
        } else {
            cells[i++] = Integer.toString(f.monthsWithData());
            cells[i++] = Integer.toString(f.monthsInPeriod());
            cells[i++] = Shown.plain(f.numerator());
            cells[i++] = Shown.plain(f.denominator());
            cells[i++] = Shown.plain(f.value());
            cells[i++] = switch (kind) {
                case RATE -> "share";
                case SECONDS -> "seconds";
                case COUNT -> "count";
            };
            cells[i++] = Shown.plain(f.target());
            cells[i++] = f.met() == null ? "" : f.met().toString();
            cells[i++] = denominatorRule;
            cells[i++] = Direction.of(measure).name();
            cells[i++] = "";
            cells[i++] = Boolean.toString(f.smallNumber());
            cells[i++] = f.suppressed() ? Shown.SUPPRESSED : f.hasData() ? Shown.notes(f) : Shown.NO_DATA;
        }
        cells[i++] = comparison == null ? "" : comparison.csv;
        cells[i] = change == null ? "" : Shown.plain(change.pValue());
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.write(',');
            }
            out.write(quote(cells[c]));
        }
        out.write("\r\n");
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
