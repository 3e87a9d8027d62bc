package io.pacesetter.job.report;

import java.io.IOException;
import java.io.Writer;
import java.time.YearMonth;
import java.util.List;

/**
 * The snapshot as one tidy table: a row per line (measure, queue, scope, area, reason) and period
 * ({@code MONTH}, {@code PREVIOUS_12_MONTHS}, {@code 12_MONTHS}, and {@code CHANGE} for the
 * difference between the two years), then a {@code TREND} row per headline measure, force-wide
 * and LPA scope and month of the 24. Values are plain numbers: rates as shares (0..1), waits in
 * seconds, counts; a missing figure is an empty value with the note {@code no data}.
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
            "note");

    private SnapshotCsv() {}

    public static void write(Snapshot s, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        SnapshotMonths months = s.months();
        for (Line l : s.lines()) {
            row(
                    out,
                    s,
                    l.section().name(),
                    l.measure(),
                    l.label(),
                    l.queue(),
                    l.scope().name(),
                    l.scopeId(),
                    l.area(),
                    l.reason(),
                    l.rank(),
                    "MONTH",
                    months.month(),
                    months.month(),
                    l.month(),
                    l.kind(),
                    l.denominatorRule(),
                    null);
            row(
                    out,
                    s,
                    l.section().name(),
                    l.measure(),
                    l.label(),
                    l.queue(),
                    l.scope().name(),
                    l.scopeId(),
                    l.area(),
                    l.reason(),
                    l.rank(),
                    "PREVIOUS_12_MONTHS",
                    months.lastYear().get(0),
                    months.lastYear().get(11),
                    l.lastYear(),
                    l.kind(),
                    l.denominatorRule(),
                    null);
            row(
                    out,
                    s,
                    l.section().name(),
                    l.measure(),
                    l.label(),
                    l.queue(),
                    l.scope().name(),
                    l.scopeId(),
                    l.area(),
                    l.reason(),
                    l.rank(),
                    "12_MONTHS",
                    months.thisYear().get(0),
                    months.thisYear().get(11),
                    l.thisYear(),
                    l.kind(),
                    l.denominatorRule(),
                    null);
            row(
                    out,
                    s,
                    l.section().name(),
                    l.measure(),
                    l.label(),
                    l.queue(),
                    l.scope().name(),
                    l.scopeId(),
                    l.area(),
                    l.reason(),
                    l.rank(),
                    "CHANGE",
                    months.lastYear().get(0),
                    months.thisYear().get(11),
                    null,
                    l.kind(),
                    l.denominatorRule(),
                    l.change());
        }
        for (Trend t : s.trends()) {
            List<YearMonth> trendMonths = months.trend();
            for (int i = 0; i < trendMonths.size(); i++) {
                row(
                        out,
                        s,
                        "TREND",
                        t.measure(),
                        t.label(),
                        t.queue(),
                        t.scope().name(),
                        t.scopeId(),
                        t.area(),
                        null,
                        0,
                        "MONTH",
                        trendMonths.get(i),
                        trendMonths.get(i),
                        t.months().get(i),
                        MeasureKind.of(t.measure()),
                        null,
                        null);
            }
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
            Comparison change)
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
            cells[i++] = change.unit() == Comparison.Unit.PERCENTAGE_POINTS ? "percentage points" : "percent";
            i += 2;
            cells[i++] = denominatorRule;
            cells[i++] = Direction.of(measure).name();
            cells[i++] = change.judgement().name();
            cells[i++] = "";
            cells[i] = change.judgement() == Comparison.Judgement.NO_DATA
                    ? Shown.NO_DATA
                    : change.judgement() == Comparison.Judgement.NOT_COMPARABLE ? "last year 0" : "";
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
            cells[i] = f.hasData() ? Shown.notes(f) : Shown.NO_DATA;
        }
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
