package io.pacesetter.job.measures;

import io.pacesetter.connectors.contract.PeriodKind;

/** A DAY or MONTH being counted: its tally and how it has been published. A Flink POJO. */
public class PeriodTally {
    public PeriodKind kind;
    /** The local date it starts, e.g. 2024-03-31. */
    public String start;

    public long startMs;
    public long endMs;
    public Tally tally = new Tally();
    /** Published as final (the watermark passed its end); later additions are revisions. */
    public boolean isFinal;

    public int revision;
    /** Changed since it was last published. */
    public boolean changed;

    public PeriodTally() {}

    PeriodTally(CalendarPeriod period) {
        kind = period.kind();
        start = period.start().toString();
        startMs = period.startMs();
        endMs = period.endMs();
    }
}
