package io.pacesetter.job.upgrade;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.FeedPace;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.job.publish.FileOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live job as {@code run --speed} builds it (generator, files, monthly store; RocksDB), on a
 * generated Monday from a fixed seed, so that a savepoint of it can be taken by one build and restored
 * by another. {@link SavepointFixture} made the committed savepoint; {@link SavepointCompatibilityITCase}
 * restores it.
 */
final class GeneratedDayRun {
    static final long SEED = 20_261_102L;
    static final Instant FIRST = Instant.parse("2026-11-02T00:00:00Z");
    static final String DAY = "2026-11-02";
    /** Simulated seconds per wall second: a day in a few seconds of generation, the job sets the pace. */
    static final double SPEED = 5_000;

    static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    private GeneratedDayRun() {}

    /**
     * Starts the job writing into {@code out}, from {@code savepoint} when given, sliding windows to the
     * file every {@code publishEvery} (a stateless filter: it does not change the state layout).
     */
    static JobClient start(Path out, Path savepoint, Duration publishEvery) throws Exception {
        Map<String, String> conf = new HashMap<>(PacesetterJob.FLINK_SETTINGS);
        conf.put("state.backend.type", "rocksdb");
        // RocksDB as run sets it up (RocksDB timers, a state changelog): the release's savepoint, taken with heap
        // timers and no changelog, must restore into that too.
        conf.putAll(FlinkEnvironments.rocksDbSettings(CONFIG.run().rocksdb()));
        conf.putAll(FlinkEnvironments.changelogSettings(
                CONFIG.run().changelog(), out.resolve("checkpoints").toString()));
        conf.put("execution.checkpointing.interval", "2 s");
        conf.put(
                "execution.checkpointing.dir",
                out.resolve("checkpoints").toUri().toString());
        conf.put("restart-strategy.type", "none");
        if (savepoint != null) {
            // A state changelog restores only a savepoint it owns (Flink's CLAIM mode), and may delete it once a
            // checkpoint subsumes it: a copy is claimed, and the release's own stays as it is.
            Path claimed = copyOf(savepoint, out.resolve("claimed-savepoint"));
            conf.put("execution.state-recovery.path", claimed.toUri().toString());
            conf.put("execution.state-recovery.claim-mode", "CLAIM");
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(conf));
        env.setParallelism(2);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        DataStream<InputRecord> input = Inputs.generator(env, CONFIG, SEED, FIRST, FeedPace.from(FIRST, SPEED));
        PacesetterJob.define(
                CONFIG,
                PacesetterJob.Options.liveRun(CONFIG).withPublishEvery(publishEvery),
                input,
                Sinks.none()
                        .files(out, true)
                        .monthlyStore(new Sinks.MonthlyStore(out.resolve("store"), false, out.resolve("snapshots"))));
        return env.executeAsync(savepoint == null ? "Generated day" : "Generated day from a savepoint");
    }

    private static Path copyOf(Path dir, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(dir.relativize(p).toString()));
            }
        }
        return to;
    }

    /** The end of the newest sliding window written so far (0 before the first). */
    static long newestWindowEnd(Path out) throws IOException {
        Path kpis = out.resolve(FileOutputs.KPIS);
        if (!Files.exists(kpis)) {
            return 0;
        }
        long newest = 0;
        for (String line : completeLines(kpis)) {
            if (!line.isBlank()) {
                MeasureRecord r = RecordJson.readMeasure(line);
                if (r.window == WindowKind.SLIDING) {
                    newest = Math.max(newest, r.windowEnd);
                }
            }
        }
        return newest;
    }

    /** Waits until a sliding window ending at {@code end} or later is written. */
    static void awaitWindowsTo(Path out, Instant end, JobClient job, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (newestWindowEnd(out) < end.toEpochMilli()) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended before windows to " + end + ": "
                        + job.getJobExecutionResult().handle((r, e) -> e).get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no sliding window to " + end + " within " + within);
            }
            Thread.sleep(200);
        }
    }

    /** The day's figures as written to periods.jsonl: the newest revision of each, by its identity. */
    static Map<String, String> dayFigures(Path out) throws IOException {
        Map<String, MeasureRecord> newest = new TreeMap<>();
        for (String line : completeLines(out.resolve(FileOutputs.PERIODS))) {
            if (line.isBlank()) {
                continue;
            }
            MeasureRecord r = RecordJson.readMeasure(line);
            if (r.period == PeriodKind.DAY && DAY.equals(r.start)) {
                newest.merge(r.identity(), r, (a, b) -> b.revision >= a.revision ? b : a);
            }
        }
        Map<String, String> figures = new TreeMap<>();
        newest.forEach((id, r) -> figures.put(id, r.numerator + " / " + r.denominator + " = " + r.value));
        return figures;
    }

    /** The lines written whole so far (the job may be half way through the last). */
    static List<String> completeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }
}
