package io.pacesetter.job.measures;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;

/**
 * One outcome addressed to one measure scope (e.g. a 999 leg for LPA North): what the slicer adds
 * to a slice. An outcome reaches every scope it counts in as one of these. A Flink POJO.
 */
public class ScopedOutcome {
    /** The slice key: family, queue, scope, scope id and area in one string. */
    public String key;

    public MeasureFamily family;
    public String queue;
    public Scope scope;
    public String scopeId;
    public Area area;
    /** The outcome time that places it in a slice and a period. */
    public long time;

    /** CALL_LEGS: answered, else abandoned; and the wait. */
    public boolean answered;

    public long waitMs;

    /** RESPONSE: what it counts; a dispatch or travel time is in {@link #waitMs}. */
    public ResponseStage stage;

    /**
     * ATTENDANCE: met the standard, else failed; {@code reasonOnly} adds a late reason to a failure
     * already counted.
     */
    public boolean met;

    public boolean reasonOnly;
    /** ATTENDANCE, RESPONSE: takes back an outcome counted before; only DAY and MONTH subtract it. */
    public boolean retraction;
    /** ATTENDANCE: the failure's reason; DATA_QUALITY: the reject reason. */
    public String reason;

    public ScopedOutcome() {}

    public static String key(MeasureFamily family, String queue, Scope scope, String scopeId, Area area) {
        return family.name()
                + '|'
                + (queue == null ? "" : queue)
                + '|'
                + scope.name()
                + '|'
                + scopeId
                + '|'
                + (area == null ? "" : area.name());
    }

    public ScopedOutcome addressedTo(MeasureFamily family, String queue, Scope scope, String scopeId, Area area) {
        ScopedOutcome o = copy();
        o.family = family;
        o.queue = queue;
        o.scope = scope;
        o.scopeId = scopeId;
        o.area = area;
        o.key = key(family, queue, scope, scopeId, area);
        return o;
    }

    private ScopedOutcome copy() {
        ScopedOutcome o = new ScopedOutcome();
        o.time = time;
        o.answered = answered;
        o.waitMs = waitMs;
        o.stage = stage;
        o.met = met;
        o.reasonOnly = reasonOnly;
        o.retraction = retraction;
        o.reason = reason;
        return o;
    }

    @Override
    public String toString() {
        return "ScopedOutcome{" + key + " @" + time
                + (family == MeasureFamily.CALL_LEGS
                        ? (answered ? " answered " : " abandoned ") + waitMs + "ms"
                        : family == MeasureFamily.ATTENDANCE
                                ? (retraction ? " retracted" : "") + (met ? " met" : " failed " + reason)
                                : family == MeasureFamily.RESPONSE ? " " + stage + " " + waitMs + "ms" : " " + reason)
                + '}';
    }
}
