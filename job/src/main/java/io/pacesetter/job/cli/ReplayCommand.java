package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.job.ingest.CountInputs;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.job.publish.Headlines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replay event files (.jsonl or .jsonl.gz, calls and incidents mixed) in event time and write every figure.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--events",
            required = true,
            arity = "1..*",
            paramLabel = "FILE",
            description = "event files, each in event-time order")
    List<Path> events;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "writes periods.jsonl, kpis.jsonl, dead-letters.jsonl and alerts.jsonl here")
    Path out;

    @Option(
            names = "--sliding-every",
            defaultValue = "PT15M",
            paramLabel = "DURATION",
            description = "write sliding windows ending on multiples of this (default ${DEFAULT-VALUE})")
    Duration slidingEvery;

    @Option(names = "--parallelism", description = "operator parallelism (default: run.parallelism)")
    Integer parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "HASHMAP",
            description = "HASHMAP (default: a replay needs no durable state) or ROCKSDB")
    StateBackendKind stateBackend;

    @Override
    public Integer call() throws Exception {
        PacesetterConfig cfg = config.load();
        checkReadable(events);
        long slide = cfg.windows().slide().toMillis();
        if (slidingEvery.isNegative() || slidingEvery.isZero() || slidingEvery.toMillis() % slide != 0) {
            throw new Pacesetter.UsageException(
                    "--sliding-every " + slidingEvery + " is not allowed; use a multiple of windows.slide ("
                            + cfg.windows().slide() + "), e.g. PT15M or PT1H");
        }
        Files.createDirectories(out);

        StreamExecutionEnvironment env =
                FlinkEnvironments.replay(parallelism == null ? cfg.run().parallelism() : parallelism, stateBackend);
        PacesetterJob.define(
                cfg,
                PacesetterJob.Options.replay(slidingEvery),
                Inputs.eventFiles(env, cfg, events),
                Sinks.none().files(out, false));

        long started = System.nanoTime();
        JobExecutionResult result = env.execute("Pacesetter replay");
        double seconds = (System.nanoTime() - started) / 1e9;
        Long read = result.getAccumulatorResult(CountInputs.EVENTS_READ);
        Long kpis = result.getAccumulatorResult(FileOutputs.KPIS_WRITTEN);
        System.out.print(summary(cfg, read == null ? 0 : read, kpis == null ? 0 : kpis, seconds));
        return Pacesetter.OK;
    }

    /** A usage error naming the first of the {@code --events} files that cannot be read. */
    static void checkReadable(List<Path> files) {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new Pacesetter.UsageException("--events: cannot read " + file.toAbsolutePath());
            }
        }
    }

    private String summary(PacesetterConfig cfg, long read, long kpiRecords, double seconds) throws IOException {
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long rejectedTotal = 0;
        for (String line : lines(out.resolve(FileOutputs.DEAD_LETTERS))) {
            DeadLetter d = RecordJson.readDeadLetter(line);
            rejected.merge(d.reason, 1L, Long::sum);
            rejectedTotal++;
        }
        Headlines headlines = new Headlines(cfg);
        long periodRecords = 0;
        for (String line : lines(out.resolve(FileOutputs.PERIODS))) {
            headlines.offer(RecordJson.readMeasure(line));
            periodRecords++;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "Replayed %,d inputs from %d file(s) in %.1f s (%,.0f inputs/s)%n",
                read, events.size(), seconds, read / Math.max(seconds, 1e-9)));
        s.append(String.format("Rejected %,d", rejectedTotal));
        rejected.forEach((reason, n) -> s.append(String.format("  %s %,d", reason, n)));
        s.append(String.format("%nDuplicates ignored: %,d%n", rejected.getOrDefault(RejectReason.DUPLICATE, 0L)));
        List<String> months = headlines.records().stream()
                .filter(r -> r.period == PeriodKind.MONTH)
                .map(r -> r.start)
                .distinct()
                .sorted()
                .toList();
        for (String month : months) {
            s.append("Force-wide, month from ")
                    .append(month)
                    .append(" (final figures, latest revision):%n".formatted());
            for (String line : headlines.callLines(r -> r.period == PeriodKind.MONTH && month.equals(r.start))) {
                s.append(line).append(System.lineSeparator());
            }
            String attendance = headlines.attendanceLine(r -> r.period == PeriodKind.MONTH && month.equals(r.start));
            if (attendance != null) {
                s.append(attendance).append(System.lineSeparator());
            }
        }
        s.append(String.format(
                "Wrote %s: %,d period records, %,d sliding-window records, %,d dead letters%n",
                out, periodRecords, kpiRecords, rejectedTotal));
        return s.toString();
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return reader.lines().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
