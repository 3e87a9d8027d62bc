package io.pacesetter.bench.live;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.InputWatermarks;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A checkpoint of about 1 GB of Pacesetter's RocksDB state, and restores from it: the whole pipeline
 * ({@code defineWorkflow}) on a MiniCluster at parallelism 2, fed {@code --legs} call legs left open, takes
 * two incremental checkpoints, a full one and a canonical savepoint, and is restarted from each kind, every
 * step with Flink's own figures. Everything written is deleted at the end. The run in full, and its
 * figures: docs/benchmarks.md.
 *
 * <p>{@code bench/run checkpoint [--legs N] [--dir DIR]}
 */
public final class CheckpointRestore {
    /** The highest source index emitted so far, for the rate limiter (the source runs in this JVM). */
    static final AtomicLong EMITTED = new AtomicLong(-1);

    static volatile long legs;

    private CheckpointRestore() {}

    public static void main(String[] args) throws Exception {
        long legCount = 3_900_000; // 3,300,000 gave 887 MB of state
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--legs" -> legCount = Long.parseLong(args[++i]);
                case "--dir" -> base = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i] + "; use --legs N or --dir DIR");
            }
        }
        legs = legCount;
        PrintStream out = System.out;
        Path root = Files.createTempDirectory(base, "pacesetter-checkpoint-bench-");
        try {
            run(out, root, legCount);
        } finally {
            AlertTiming.deleteTree(root);
            out.printf("deleted %s%n", root);
        }
    }

    private static void run(PrintStream out, Path root, long legCount) throws Exception {
        Path checkpoints = root.resolve("checkpoints");
        Path savepoints = root.resolve("savepoints");
        Files.createDirectories(checkpoints);
        Files.createDirectories(savepoints);
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        // Only the checkpoints this benchmark asks for.
        conf.setString("execution.checkpointing.interval", "1 h");
        conf.setString("execution.checkpointing.num-retained", "5");
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.setString("restart-strategy.type", "none");
        PacesetterJob.FLINK_SETTINGS.forEach(conf::setString);
        conf.setString("taskmanager.memory.managed.size", "2g");
        out.printf(
                "Checkpoint and restore of Pacesetter's RocksDB state: %,d open call legs, parallelism 2, state in %s; "
                        + "load average %.2f%n",
                legCount, root, load());

        try (BenchCluster cluster = new BenchCluster(conf, 8)) {
            StreamGraph graph = pipeline(conf);
            JobID job = cluster.submit(graph);
            long t0 = System.nanoTime();
            while (EMITTED.get() < legCount - 1) {
                Thread.sleep(500);
            }
            // Let the last records through the pipeline before the first checkpoint.
            Thread.sleep(3000);
            out.printf("%,d legs fed in %.1f s%n", legCount, (System.nanoTime() - t0) / 1e9);

            List<String> rows = new ArrayList<>();
            // The first incremental checkpoint uploads every file; the next only what changed since.
            checkpoint(out, rows, cluster, job, CheckpointType.INCREMENTAL, "first incremental checkpoint");
            Thread.sleep(2000);
            CompletedCheckpointStats next =
                    checkpoint(out, rows, cluster, job, CheckpointType.INCREMENTAL, "next incremental checkpoint");
            CompletedCheckpointStats full = checkpoint(out, rows, cluster, job, CheckpointType.FULL, "full checkpoint");
            long s0 = System.nanoTime();
            String savepoint = cluster.cluster()
                    .triggerSavepoint(job, savepoints.toUri().toString(), false, SavepointFormatType.CANONICAL)
                    .get();
            long savepointMs = (System.nanoTime() - s0) / 1_000_000;
            rows.add(row("savepoint (canonical)", savepointMs, -1, -1, sizeOf(savepoint, false)));
            out.println(rows.get(rows.size() - 1));
            cluster.cancel(job);

            rows.add(restore(out, cluster, conf, "restore from the incremental checkpoint", next.getExternalPath()));
            rows.add(restore(out, cluster, conf, "restore from the full checkpoint", full.getExternalPath()));
            rows.add(restore(out, cluster, conf, "restore from the savepoint", savepoint));

            out.println();
            out.println(
                    "| step | duration ms | state size MB (Flink) | written MB (Flink) | on disk MB (checkpoints: the job's whole directory) |");
            out.println("| --- | ---: | ---: | ---: | ---: |");
            rows.forEach(out::println);
            out.printf("load average at the end %.2f%n", load());
        }
    }

    private static CompletedCheckpointStats checkpoint(
            PrintStream out, List<String> rows, BenchCluster cluster, JobID job, CheckpointType type, String what)
            throws Exception {
        long id = cluster.cluster().triggerCheckpoint(job, type).get();
        CompletedCheckpointStats c = (CompletedCheckpointStats) cluster.checkpoint(job, id);
        rows.add(row(
                what,
                c.getEndToEndDuration(),
                c.getStateSize(),
                c.getCheckpointedSize(),
                sizeOf(c.getExternalPath(), true)));
        out.println(rows.get(rows.size() - 1) + " (" + c.getExternalPath() + ")");
        return c;
    }

    private static String restore(PrintStream out, BenchCluster cluster, Configuration conf, String what, String path)
            throws Exception {
        StreamGraph graph = pipeline(conf);
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(path, false));
        long s0 = System.nanoTime();
        JobID job = cluster.submit(graph);
        long toRunningMs = (System.nanoTime() - s0) / 1_000_000;
        // The longest time any task spent restoring its state (Flink's INITIALIZING state).
        long longest = 0;
        String slowest = "";
        for (AccessExecutionJobVertex vertex :
                cluster.graph(job).getAllVertices().values()) {
            for (AccessExecutionVertex subtask : vertex.getTaskVertices()) {
                long init = subtask.getCurrentExecutionAttempt().getStateTimestamp(ExecutionState.INITIALIZING);
                long running = subtask.getCurrentExecutionAttempt().getStateTimestamp(ExecutionState.RUNNING);
                if (init > 0 && running > 0 && running - init > longest) {
                    longest = running - init;
                    slowest = vertex.getName() + " #" + subtask.getParallelSubtaskIndex();
                }
            }
        }
        long restoredSize = cluster.checkpoints(job).getLatestRestoredCheckpoint() == null
                ? -1
                : cluster.checkpoints(job).getLatestRestoredCheckpoint().getStateSize();
        cluster.cancel(job);
        String r = row(what, longest, restoredSize, -1, -1) + " (slowest task: " + slowest
                + "; submission to every task running " + toRunningMs + " ms)";
        out.println(r);
        return r;
    }

    /** The job, built afresh for each submission (a restore differs only in where it starts). */
    private static StreamGraph pipeline(Configuration conf) throws Exception {
        PacesetterConfig config = ConfigLoader.loadYaml("run: {parallelism: 2}\n");
        List<String> districts = config.lpas().stream()
                .flatMap(l -> l.districts().stream())
                .map(d -> d.name())
                .toList();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        long count = legs;
        long start = Instant.parse("2026-11-23T06:00:00Z").toEpochMilli();
        long spreadMs = Duration.ofMinutes(90).toMillis();
        DataStream<InputRecord> input = env.fromSource(
                        new DataGeneratorSource<>(
                                i -> {
                                    EMITTED.accumulateAndGet(i, Math::max);
                                    if (i >= count) {
                                        return InputRecord.of(new DeadLetter(
                                                RejectReason.MALFORMED_JSON,
                                                "keep-alive",
                                                "{",
                                                "checkpoint-bench",
                                                null,
                                                null));
                                    }
                                    String callId = uuid(i, 1).toString();
                                    return InputRecord.of(new CallEvent(
                                            uuid(i, 2).toString(),
                                            callId,
                                            CallEventType.OFFERED,
                                            i % 3 == 0 ? "999" : "101",
                                            start + i * spreadMs / count,
                                            districts.get((int) (i % districts.size()))));
                                },
                                Long.MAX_VALUE,
                                new LoadThenTrickle(count),
                                TypeInformation.of(InputRecord.class)),
                        InputWatermarks.replay(config.events()),
                        "Open legs, then a trickle")
                .setParallelism(1);
        // Published as a replay publishes (no live figures): the state is the event path's, not the wall display's.
        PacesetterJob.Outputs outputs = PacesetterJob.defineWorkflow(
                config, new PacesetterJob.Options(false, false, config.windows().slide()), input);
        outputs.measures().sinkTo(new AlertTiming.Discard<>()).name("Discard measures");
        outputs.deadLetters().sinkTo(new AlertTiming.Discard<>()).name("Discard dead letters");
        outputs.alerts().sinkTo(new AlertTiming.Discard<>()).name("Discard alerts");
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("checkpoint bench");
        return graph;
    }

    static UUID uuid(long i, long salt) {
        long a = mix(i * 31 + salt);
        long b = mix(a ^ (i + salt * 0x9E3779B97F4A7C15L));
        return new UUID((a & ~0xF000L) | 0x4000L, (b & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String row(String step, long ms, long stateBytes, long writtenBytes, long diskBytes) {
        return String.format("| %s | %,d | %s | %s | %s |", step, ms, mb(stateBytes), mb(writtenBytes), mb(diskBytes));
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "" : String.format("%,.0f", bytes / 1e6);
    }

    /**
     * Bytes under a savepoint; for a checkpoint, under the job's whole checkpoint directory (every
     * checkpoint kept so far and the files they share), since which files belong to which is Flink's business.
     */
    private static long sizeOf(String pointer, boolean wholeJobDirectory) throws IOException {
        Path dir = Path.of(URI.create(pointer.startsWith("file:") ? pointer : "file:" + pointer));
        return treeSize(wholeJobDirectory ? dir.getParent() : dir);
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** As fast as the job takes them until every leg is out, then ten records a second to keep the job up. */
    static final class LoadThenTrickle<S extends SourceSplit> implements RateLimiterStrategy<S> {
        private final long unlimited;

        LoadThenTrickle(long unlimited) {
            this.unlimited = unlimited;
        }

        @Override
        public RateLimiter<S> createRateLimiter(int parallelism) {
            return permits -> EMITTED.get() < unlimited - 1
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(
                            () -> {}, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        }
    }
}
