package io.pacesetter.job.report;

import java.time.YearMonth;
import java.util.List;

/**
 * The monthly snapshot for scrutiny boards: every line of every section, the 24-month trends and
 * where the figures come from. What the CSV, XLSX and HTML renderers write.
 */
public record Snapshot(
        String force,
        YearMonth month,
        String timeZone,
        int smallNumberThreshold,
        List<Line> lines,
        List<Trend> trends,
        Provenance provenance) {

    public SnapshotMonths months() {
        return new SnapshotMonths(month);
    }

    public List<Line> section(Section section) {
        return lines.stream().filter(l -> l.section() == section).toList();
    }
}
