package io.pacesetter.job.measures;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;

/**
 * One closed month of one measure scope (family, queue, scope, scope id, area): its whole tally,
 * counts, sums and the exact count of every answered wait, so months add up exactly. What the
 * monthly aggregate store keeps. A Flink POJO.
 */
public class MonthAggregate {
    /** The measure scope, as {@link ScopedOutcome#key}. */
    public String key;

    public MeasureFamily family;
    public String queue;
    public Scope scope;
    public String scopeId;
    public Area area;
    /** The local month, e.g. {@code 2016-06}. */
    public String month;
    /** The moment (epoch ms) after which no late event can change it: its end plus the allowed lateness. */
    public long closedAt;
    /** How many times late events corrected it after it was first final. */
    public int revision;

    public Tally tally = new Tally();

    public MonthAggregate() {}

    public static MonthAggregate of(ScopedOutcome key, PeriodTally month, long closedAt) {
        MonthAggregate a = new MonthAggregate();
        a.key = key.key;
        a.family = key.family;
        a.queue = key.queue;
        a.scope = key.scope;
        a.scopeId = key.scopeId;
        a.area = key.area;
        a.month = month.start.substring(0, 7);
        a.closedAt = closedAt;
        a.revision = month.revision;
        a.tally = month.tally;
        return a;
    }

    /** The scope as the slicer keys it, for {@link io.pacesetter.job.measures.MeasureRecords#emit}. */
    public ScopedOutcome scopeKey() {
        return new ScopedOutcome().addressedTo(family, queue, scope, scopeId, area);
    }

    @Override
    public String toString() {
        return "MonthAggregate{" + month + ' ' + key + " rev " + revision + '}';
    }
}
