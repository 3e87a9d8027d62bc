package io.pacesetter.job.report;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The monthly snapshot for scrutiny boards: every line of every section, the 36-month trends and
 * where the figures come from. What the CSV, XLSX and HTML renderers write.
 *
 * @param significance the two-sided level a change must reach to be called better or worse
 * @param commentary the officer's commentary by measure ({@link Commentary}); empty without one
 * @param publicVersion small numbers withheld ({@link Publication}), for publishing
 * @param suppressBelow the public version withholds figures counted over fewer than this
 */
public record Snapshot(
        String force,
        YearMonth month,
        String timeZone,
        int smallNumberThreshold,
        List<Line> lines,
        List<Trend> trends,
        Provenance provenance,
        double significance,
        Map<String, String> commentary,
        boolean publicVersion,
        int suppressBelow) {

    public SnapshotMonths months() {
        return new SnapshotMonths(month);
    }

    public List<Line> section(Section section) {
        return lines.stream().filter(l -> l.section() == section).toList();
    }

    public Snapshot withCommentary(Map<String, String> byMeasure) {
        return new Snapshot(
                force,
                month,
                timeZone,
                smallNumberThreshold,
                lines,
                trends,
                provenance,
                significance,
                Map.copyOf(byMeasure),
                publicVersion,
                suppressBelow);
    }

    /** The commentary for a line's measure ("999/ANSWERED_WITHIN_STANDARD", or the measure alone), or null. */
    public String commentaryOn(Line l) {
        String text = commentary.get(l.commentaryKey());
        return text != null ? text : commentary.get(l.measure());
    }
}
