package io.pacesetter.job.measures;

/** A DAY or MONTH being counted: its tally and how it has been published. A Flink POJO. */
public class PeriodTally {
    public Tally tally = new Tally();
    /** Published as final (the watermark passed its end); later additions are revisions. */
    public boolean isFinal;
    public int revision;
    /** Changed since it was last published. */
    public boolean changed;

    public PeriodTally() {}
}
