package io.pacesetter.job.publish;

import io.pacesetter.connectors.sink.JsonLinesFileSink;
import java.nio.file.Path;

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

    /** @param append keep what a previous run wrote (live runs); otherwise replace the file */
    public static <T> JsonLinesFileSink<T> sink(Path file, boolean append, JsonLinesFileSink.LineEncoder<T> encoder) {
        return JsonLinesFileSink.of(file, append, encoder);
    }
}
