package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.SnapshotConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.job.report.Commentary;
import io.pacesetter.job.report.Publication;
import io.pacesetter.job.report.Snapshot;
import io.pacesetter.job.report.SnapshotBuilder;
import io.pacesetter.job.report.SnapshotFiles;
import io.pacesetter.job.store.MonthlyStoreFiles;
import io.pacesetter.job.store.StoreMonth;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description =
                "Write the monthly snapshot for scrutiny boards (CSV, XLSX, printable HTML) for a month, from archived event "
                        + "files (read by the same pipeline as the live job) or from the monthly aggregate store the live job keeps.")
final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--month",
            required = true,
            paramLabel = "YYYY-MM",
            description = "the month (Europe/London, or force.timeZone)")
    String month;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "writes snapshot-YYYY-MM.csv, .xlsx and .html here")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "csv,xlsx,html",
            split = ",",
            description = "the formats to write (default: snapshot.formats)")
    List<String> formats;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(
                names = "--events",
                arity = "1..*",
                paramLabel = "FILE",
                description =
                        "event files (.jsonl or .jsonl.gz), each in event-time order: counted by the live job's pipeline")
        List<Path> events;

        @Option(
                names = "--store",
                paramLabel = "DIR",
                description = "the monthly aggregate store the live job writes (snapshot.storeDir)")
        Path store;
    }

    @Option(
            names = "--keep-store",
            paramLabel = "DIR",
            description =
                    "--events: keep the months counted as a monthly aggregate store in DIR (e.g. to backfill the live job's "
                            + "snapshot.storeDir from archived events), instead of a scratch directory")
    Path keepStore;

    @Option(
            names = "--commentary",
            paramLabel = "FILE",
            description =
                    "the officer's commentary for the month, keyed by measure: YAML (MEASURE: text) or Markdown "
                            + "(## MEASURE headings), e.g. ATTENDED_WITHIN_STANDARD or 999/ANSWERED_WITHIN_STANDARD; GENERAL for the month")
    Path commentary;

    @Option(
            names = "--public",
            description = "write the public version (snapshot-YYYY-MM-public.*): figures over fewer than "
                    + "snapshot.suppressBelow withheld with secondary suppression, rounded as published")
    boolean publicVersion;

    @Option(names = "--parallelism", description = "--events: operator parallelism (default: run.parallelism)")
    Integer parallelism;

    @Option(names = "--state-backend", defaultValue = "HASHMAP", description = "--events: HASHMAP (default) or ROCKSDB")
    StateBackendKind stateBackend;

    @Override
    public Integer call() throws Exception {
        PacesetterConfig cfg = config.load();
        YearMonth wanted = parseMonth();
        List<String> chosen = formats == null ? cfg.snapshot().formats() : formats;
        for (String f : chosen) {
            if (!SnapshotConfig.FORMATS.contains(f)) {
                throw new Pacesetter.UsageException(
                        "--format " + f + " is not allowed; use any of " + String.join(",", SnapshotConfig.FORMATS));
            }
        }
        Map<String, String> said = Map.of();
        if (commentary != null) {
            if (!Files.isReadable(commentary)) {
                throw new Pacesetter.UsageException("--commentary: " + commentary.toAbsolutePath()
                        + " cannot be read; give a YAML or Markdown file of the officer's commentary keyed by measure");
            }
            try {
                said = Commentary.read(commentary);
            } catch (IllegalArgumentException | IOException bad) {
                throw new Pacesetter.UsageException("--commentary: " + bad.getMessage());
            }
        }
        long started = System.nanoTime();
        Path store = input.store;
        Path scratch = null;
        try {
            if (input.events != null) {
                ReplayCommand.checkReadable(input.events);
                if (keepStore != null) {
                    store = keepStore;
                } else {
                    scratch = Files.createTempDirectory("pacesetter-snapshot-store-");
                    store = scratch;
                }
                countEvents(cfg, store);
                System.out.printf(
                        "Counted the events into %d closed months in %.1f s%n",
                        MonthlyStoreFiles.months(store).size(), (System.nanoTime() - started) / 1e9);
            } else if (keepStore != null) {
                throw new Pacesetter.UsageException(
                        "--keep-store goes with --events (it keeps the months they are counted into); "
                                + "with --store the store is already kept");
            } else if (!Files.isDirectory(store)) {
                throw new Pacesetter.UsageException(
                        "--store: " + store.toAbsolutePath() + " is not a directory; give snapshot.storeDir "
                                + "of the live job (default ./pacesetter-store)");
            }
            long building = System.nanoTime();
            Map<YearMonth, StoreMonth> months = SnapshotFiles.readStore(store, wanted);
            if (months.isEmpty()) {
                throw new Pacesetter.UsageException("no data for the 47 months to " + wanted + " in "
                        + (input.events != null ? "the events given" : store.toAbsolutePath()) + "; the store holds "
                        + MonthlyStoreFiles.months(store));
            }
            Snapshot snapshot;
            try {
                snapshot = new SnapshotBuilder(cfg, Clock.systemUTC())
                        .build(wanted, months)
                        .withCommentary(said);
            } catch (IllegalArgumentException mismatch) {
                throw new Pacesetter.UsageException("--config: " + mismatch.getMessage());
            }
            if (publicVersion) {
                snapshot = Publication.of(snapshot, cfg);
            }
            List<Path> written = SnapshotFiles.write(snapshot, out, chosen);
            double buildSeconds = (System.nanoTime() - building) / 1e9;
            System.out.printf(
                    "Snapshot of %s for %s: %d of 36 months with data, %,d lines; built in %.2f s (%.1f s in all)%n",
                    wanted,
                    cfg.force().name(),
                    snapshot.provenance().monthsCovered().size(),
                    snapshot.lines().size(),
                    buildSeconds,
                    (System.nanoTime() - started) / 1e9);
            for (Path p : written) {
                System.out.println("  " + p.toAbsolutePath());
            }
            return Pacesetter.OK;
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private YearMonth parseMonth() {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new Pacesetter.UsageException(
                    "--month " + month + " is not allowed; give a month as YYYY-MM, e.g. 2016-06");
        }
    }

    /**
     * The replay's pipeline over the files, counting only what the monthly store needs: DAY and MONTH, no sliding
     * windows and no alerts ({@link PacesetterJob.Options#closedMonths}).
     */
    private void countEvents(PacesetterConfig cfg, Path store) throws Exception {
        StreamExecutionEnvironment env =
                FlinkEnvironments.replay(parallelism == null ? cfg.run().parallelism() : parallelism, stateBackend);
        PacesetterJob.define(
                cfg,
                PacesetterJob.Options.closedMonths(cfg),
                Inputs.eventFiles(env, cfg, input.events),
                Sinks.none().monthlyStore(new Sinks.MonthlyStore(store, false, store)));
        env.execute("Pacesetter snapshot " + month);
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
