package io.pacesetter.job.report;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;

/**
 * One row of a snapshot table: a measure for one queue, scope and area (and reason), over the
 * month, the 12 months to it and the 12 months before, with the change between the two years.
 *
 * @param label the measure in the force's words, e.g. "999 calls answered within 10 s"
 * @param rank for breach reasons: 1 for the commonest over the 12 months to the month; else 0
 * @param comparisons every period compared ({@link ComparisonKind} order); {@code month}, {@code lastYear},
 *     {@code thisYear} and {@code change} are the month and the 12-month comparison among them
 */
public record Line(
        Section section,
        String measure,
        String label,
        String queue,
        Scope scope,
        String scopeId,
        Area area,
        String reason,
        String denominatorRule,
        Figure month,
        Figure lastYear,
        Figure thisYear,
        Comparison change,
        int rank,
        java.util.List<Compared> comparisons) {

    public Compared compared(ComparisonKind kind) {
        for (Compared c : comparisons) {
            if (c.kind() == kind) {
                return c;
            }
        }
        throw new IllegalArgumentException("no " + kind + " comparison on " + measure);
    }

    /** The key a commentary file gives for this line's measure: "999/ANSWERED_WITHIN_STANDARD", "ATTENDED_WITHIN_STANDARD". */
    public String commentaryKey() {
        return queue == null ? measure : queue + "/" + measure;
    }

    public Direction direction() {
        return Direction.of(measure);
    }

    public MeasureKind kind() {
        return MeasureKind.of(measure);
    }

    /** "Force-wide", "LPA North", "District Ashby". */
    public String scopeLabel() {
        return Labels.scope(scope, scopeId);
    }
}
