package io.pacesetter.job;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.kafka.KafkaConnection;
import java.net.URI;
import java.nio.file.Path;

/**
 * The sinks an entry point chooses; {@link PacesetterJob#publish} decides what each of them gets.
 * Each is optional (null: not wanted).
 *
 * @param files the directory of the JSON-lines files ({@code periods.jsonl}, {@code kpis.jsonl},
 *     {@code dead-letters.jsonl}, {@code alerts.jsonl})
 * @param appendFiles keep what a previous run wrote (live runs); a replay replaces the files
 * @param kafka KPI records and dead letters exactly once, alerts at least once
 * @param webhookUndelivered alerts to {@code alerts.webhook} when it is enabled; what it cannot deliver goes here
 * @param wallDisplay the name of the wall display's hub in this JVM
 * @param monthlyStore each closed month to the monthly aggregate store
 * @param console the name of the console summary's board in this JVM
 */
public record Sinks(
        Path files,
        boolean appendFiles,
        KafkaConnection kafka,
        Path webhookUndelivered,
        String wallDisplay,
        MonthlyStore monthlyStore,
        String console) {

    /**
     * @param scheduled also write each closed month's snapshot into {@code snapshotDir/YYYY-MM/}
     */
    public record MonthlyStore(URI storeDir, boolean scheduled, Path snapshotDir) {
        public MonthlyStore(Path storeDir, boolean scheduled, Path snapshotDir) {
            this(storeDir.toAbsolutePath().toUri(), scheduled, snapshotDir);
        }

        /**
         * A store at {@code location}: a local folder, or a URI on any file system the Flink cluster has
         * ({@code file:///…}, {@code s3://bucket/prefix}); no scheduled snapshots (make them with
         * {@code snapshot --store}).
         */
        public static MonthlyStore at(String location) {
            URI uri = location.contains("://")
                    ? URI.create(location)
                    : Path.of(location).toAbsolutePath().toUri();
            return new MonthlyStore(uri, false, Path.of("."));
        }

        /** The live job's store, as {@code snapshot:} configures it. */
        public static MonthlyStore live(PacesetterConfig cfg) {
            return new MonthlyStore(
                    Path.of(cfg.snapshot().storeDir()),
                    cfg.snapshot().scheduled(),
                    Path.of(cfg.snapshot().outputDir()));
        }
    }

    /** Whether any of these sinks is given alerts (everything but the monthly store is). */
    public boolean readsAlerts() {
        return files != null || kafka != null || webhookUndelivered != null || wallDisplay != null || console != null;
    }

    public static Sinks none() {
        return new Sinks(null, false, null, null, null, null, null);
    }

    public Sinks files(Path dir, boolean append) {
        return new Sinks(dir, append, kafka, webhookUndelivered, wallDisplay, monthlyStore, console);
    }

    public Sinks kafka(KafkaConnection connection) {
        return new Sinks(files, appendFiles, connection, webhookUndelivered, wallDisplay, monthlyStore, console);
    }

    public Sinks webhook(Path undelivered) {
        return new Sinks(files, appendFiles, kafka, undelivered, wallDisplay, monthlyStore, console);
    }

    public Sinks wallDisplay(String hub) {
        return new Sinks(files, appendFiles, kafka, webhookUndelivered, hub, monthlyStore, console);
    }

    public Sinks monthlyStore(MonthlyStore store) {
        return new Sinks(files, appendFiles, kafka, webhookUndelivered, wallDisplay, store, console);
    }

    public Sinks console(String board) {
        return new Sinks(files, appendFiles, kafka, webhookUndelivered, wallDisplay, monthlyStore, board);
    }
}
