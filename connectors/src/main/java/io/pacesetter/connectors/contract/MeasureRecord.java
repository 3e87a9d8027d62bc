package io.pacesetter.connectors.contract;

import io.pacesetter.config.Area;
import java.util.Objects;

/**
 * One figure, as output contract v1 defines it. The same record goes to the KPI stream, the files
 * and (later) the display, alerts and the monthly store. A Flink POJO.
 */
public class MeasureRecord {
    public String measure;
    /** The queue for call measures, else null. */
    public String queue;

    public Scope scope;
    public String scopeId;
    /** URBAN or RURAL for the attendance split, else null (both). */
    public Area area;

    public WindowKind window;
    /** SLIDING: epoch ms; else null. */
    public Long windowStart;

    public Long windowEnd;
    public Long windowLengthMs;
    /** LIVE: the event time the figure is as of, epoch ms. */
    public Long asOf;
    /** PERIOD: DAY or MONTH, and the local date it starts ({@code 2024-03-10}, {@code 2024-03-01}). */
    public PeriodKind period;

    public String start;
    public Double numerator;
    public Double denominator;
    public Double value;
    public Double target;
    public Boolean met;
    public String denominatorRule;
    /** For ATTENDANCE_FAILURES_BY_REASON: the reason recorded for the failures counted; else null. */
    public String reason;
    /** False while the window or period is still open (a provisional figure). Written as {@code final}. */
    public boolean isFinal;
    /** How many times late events have corrected this DAY or MONTH. */
    public int revision;

    public String force;

    public MeasureRecord() {}

    /**
     * The record's whole identity: a compacted topic keeps one record for each, and a newer
     * revision replaces an older one.
     */
    /** The identity without the time: the newest window or period of this kind replaces the last on a screen. */
    public String figureKind() {
        return measure
                + '|'
                + queue
                + '|'
                + scope
                + '|'
                + scopeId
                + '|'
                + area
                + '|'
                + window
                + '|'
                + windowLengthMs
                + '|'
                + period
                + '|'
                + reason;
    }

    /**
     * How new the figure is among those of its {@link #figureKind}: a later window or day wins; within one day, a
     * later revision, and a final figure over the provisional one.
     */
    public long moment() {
        return switch (window) {
            case LIVE -> asOf == null ? Long.MIN_VALUE : asOf;
            case SLIDING -> windowEnd;
            case PERIOD -> java.time.LocalDate.parse(start).toEpochDay() * 10_000 + revision * 2L + (isFinal ? 1 : 0);
        };
    }

    public String identity() {
        StringBuilder id = new StringBuilder(96)
                .append(measure)
                .append('|')
                .append(nullToEmpty(queue))
                .append('|')
                .append(scope)
                .append('|')
                .append(scopeId)
                .append('|')
                .append(area == null ? "" : area.name())
                .append('|');
        if (reason != null) {
            id.append(reason).append('|');
        }
        switch (window) {
            case SLIDING ->
                id.append(java.time.Duration.ofMillis(windowLengthMs))
                        .append('|')
                        .append(windowEnd);
            case PERIOD -> id.append(period).append('|').append(start);
            case LIVE -> id.append("LIVE");
        }
        return id.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasureRecord r
                && isFinal == r.isFinal
                && revision == r.revision
                && Objects.equals(measure, r.measure)
                && Objects.equals(queue, r.queue)
                && scope == r.scope
                && Objects.equals(scopeId, r.scopeId)
                && area == r.area
                && window == r.window
                && Objects.equals(windowStart, r.windowStart)
                && Objects.equals(windowEnd, r.windowEnd)
                && Objects.equals(windowLengthMs, r.windowLengthMs)
                && Objects.equals(asOf, r.asOf)
                && period == r.period
                && Objects.equals(start, r.start)
                && Objects.equals(numerator, r.numerator)
                && Objects.equals(denominator, r.denominator)
                && Objects.equals(value, r.value)
                && Objects.equals(target, r.target)
                && Objects.equals(met, r.met)
                && Objects.equals(denominatorRule, r.denominatorRule)
                && Objects.equals(reason, r.reason)
                && Objects.equals(force, r.force);
    }

    @Override
    public int hashCode() {
        return Objects.hash(measure, queue, scope, scopeId, area, window, windowEnd, period, start, value, revision);
    }

    @Override
    public String toString() {
        return identity() + " = " + value + " (" + numerator + "/" + denominator + ") final=" + isFinal + " rev="
                + revision;
    }
}
