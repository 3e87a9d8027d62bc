package io.pacesetter.job.publish;

/**
 * The JSON-lines files a run writes: {@code periods.jsonl} (final DAY and MONTH records and their
 * revisions), {@code kpis.jsonl} (sliding windows), {@code dead-letters.jsonl} and {@code alerts.jsonl}.
 */
public final class FileOutputs {
    public static final String PERIODS = "periods.jsonl";
    public static final String KPIS = "kpis.jsonl";
    public static final String DEAD_LETTERS = "dead-letters.jsonl";
    public static final String ALERTS = "alerts.jsonl";
    public static final String ALERTS_UNDELIVERED = "alerts-undelivered.jsonl";
    /** The accumulator counting the records written to {@link #KPIS}. */
    public static final String KPIS_WRITTEN = "kpis-written";

    private FileOutputs() {}
}
