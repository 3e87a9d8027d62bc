package io.pacesetter.bench.live;

import io.pacesetter.config.ChangelogConfig;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.InputWatermarks;
import io.pacesetter.job.ingest.LiveClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How late live incident alerts come while RocksDB takes incremental checkpoints: the whole pipeline with a
 * real-time {@link LiveClock} on a MiniCluster at parallelism 2, loaded with open incidents and a steady call
 * feed, times each alert of {@code --incidents} unattended grade-1 incidents from its moment to the end of
 * the pipeline, once per buffer timeout, and prints median, p99 and max. The run in full, and its figures:
 * docs/benchmarks.md.
 *
 * <p>{@code bench/run alerts [--incidents N] [--open-incidents N] [--calls-per-second N]
 * [--checkpoint-every-ms N] [--buffer-timeouts 0,10] [--aligned | --compare-aligned] [--full | --compare-full]
 * [--no-changelog | --compare-changelog] [--materialize-every PT1M] [--warm-up PT90S]} (every setting as {@code run} has it unless
 * told; {@code --compare-X}: each timeout with X's other setting first, then as run has it)
 */
public final class AlertTiming {
    static final ConcurrentLinkedQueue<long[]> RAISED = new ConcurrentLinkedQueue<>();
    /**
     * Set by the benchmark once the open priority incidents are in and the first checkpoint holds
     * them: incidents may start.
     */
    static volatile boolean timing;
    /**
     * Set for the warm-up before the timing: incidents come as they will while timing, but their alerts are not
     * timed. A control room's job runs for weeks; without a warm-up the timed minute is the JVM's first, with the
     * compilers taking a third of both cores just as each checkpoint's code is compiled (docs/benchmarks.md).
     */
    static volatile boolean warming;

    static final AtomicInteger WARM_UP_CREATED = new AtomicInteger();
    /** Flink settings given with --flink key=value, set last: to try a setting before making it run's. */
    static final java.util.Map<String, String> FLINK_OVERRIDES = new java.util.LinkedHashMap<>();
    /** Incidents of the warm-up: their alerts are not timed. */
    static final String WARM_UP = "WARM-";

    /** Grade-1 incidents due 5 s after creation; the rest as pacesetter-defaults.yaml has it. */
    static String CONFIG = """
            attendance: {urbanLimit: PT5S, ruralLimit: PT5S}
            run: {parallelism: 2}
            """;

    static volatile int incidents;
    static final AtomicInteger CREATED = new AtomicInteger();
    /**
     * Checkpoints always aligned (before run.alignedCheckpointTimeout); otherwise as run has them: barriers overtake
     * queued records instead of holding back the channels they arrived on.
     */
    static boolean aligned;
    /** Incremental RocksDB checkpoints (a native checkpoint: the memtables flushed on the task thread) or full ones. */
    static boolean incremental = true;

    /** A log of state changes beside the checkpoints, as run keeps it (run.changelog), or none. */
    static boolean changelog = true;
    /** How often the changelog's backend is materialized, when not as run has it. */
    static Duration materializeEvery;

    private AlertTiming() {}

    public static void main(String[] args) throws Exception {
        int incidentCount = 2000;
        int openIncidents = 300_000;
        int callsPerSecond = 300;
        long checkpointEveryMs = 3000;
        // As run has it (run.bufferTimeout), unless given.
        List<Long> timeouts =
                List.of(ConfigLoader.loadYaml(CONFIG).run().bufferTimeout().toMillis());
        boolean compareAligned = false;
        boolean compareFull = false;
        boolean compareChangelog = false;
        Duration warmUp = Duration.ofSeconds(90);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--incidents" -> incidentCount = Integer.parseInt(args[++i]);
                case "--open-incidents" -> openIncidents = Integer.parseInt(args[++i]);
                case "--calls-per-second" -> callsPerSecond = Integer.parseInt(args[++i]);
                case "--checkpoint-every-ms" -> checkpointEveryMs = Long.parseLong(args[++i]);
                case "--buffer-timeouts" ->
                    timeouts =
                            Stream.of(args[++i].split(",")).map(Long::parseLong).toList();
                case "--aligned" -> aligned = true;
                case "--compare-aligned" -> compareAligned = true;
                case "--full" -> incremental = false;
                case "--no-changelog" -> changelog = false;
                case "--compare-changelog" -> compareChangelog = true;
                case "--materialize-every" -> materializeEvery = Duration.parse(args[++i]);
                case "--compare-full" -> compareFull = true;
                case "--warm-up" -> warmUp = Duration.parse(args[++i]);
                case "--flink" -> {
                    String[] kv = args[++i].split("=", 2);
                    FLINK_OVERRIDES.put(kv[0], kv[1]);
                }
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i]
                                    + "; use --incidents, --open-incidents, --calls-per-second, --checkpoint-every-ms, --buffer-timeouts, --aligned, --compare-aligned, --full, --compare-full, --no-changelog, --compare-changelog, --materialize-every, --warm-up, --flink key=value");
            }
        }
        incidents = incidentCount;
        PrintStream out = System.out;
        out.printf(
                "Live alert timing: %,d incidents (2 alerts each), %,d open priority incidents loaded first, %d call events/s, "
                        + "RocksDB incremental checkpoints every %d ms, timed after a warm-up of %s; load average %.2f%n",
                incidentCount,
                openIncidents,
                callsPerSecond,
                checkpointEveryMs,
                warmUp,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> rows = new ArrayList<>();
        for (long timeout : timeouts) {
            if (compareAligned) {
                aligned = true;
                rows.add(runOnce(out, timeout, openIncidents, callsPerSecond, checkpointEveryMs, warmUp));
                aligned = false;
            }
            if (compareChangelog) {
                changelog = false;
                rows.add(runOnce(out, timeout, openIncidents, callsPerSecond, checkpointEveryMs, warmUp));
                changelog = true;
            }
            if (compareFull) {
                incremental = false;
                rows.add(runOnce(out, timeout, openIncidents, callsPerSecond, checkpointEveryMs, warmUp));
                incremental = true;
            }
            rows.add(runOnce(out, timeout, openIncidents, callsPerSecond, checkpointEveryMs, warmUp));
        }
        out.println();
        out.println(
                "| buffer timeout | alerts | median ms | p99 ms | max ms | alerts during a checkpoint | their p99 ms | checkpoints (median / max duration ms, max size MB) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        rows.forEach(out::println);
        out.printf(
                "load average at the end %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String runOnce(
            PrintStream out,
            long bufferTimeoutMs,
            int openIncidents,
            int callsPerSecond,
            long checkpointEveryMs,
            Duration warmUp)
            throws Exception {
        RAISED.clear();
        CREATED.set(0);
        WARM_UP_CREATED.set(0);
        timing = false;
        warming = false;
        Path checkpoints = Files.createTempDirectory("pacesetter-alert-timing-");
        PacesetterConfig config = ConfigLoader.loadYaml(CONFIG);
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        // RocksDB as run sets it up (run.rocksdb).
        FlinkEnvironments.rocksDbSettings(config.run().rocksdb()).forEach(conf::setString);
        conf.setString("execution.checkpointing.incremental", Boolean.toString(incremental));
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString("execution.checkpointing.interval", checkpointEveryMs + " ms");
        conf.setString("restart-strategy.type", "none");
        // The changelog as run keeps it (run.changelog), unless this run goes without one or materializes otherwise.
        ChangelogConfig changelogAsTold = new ChangelogConfig(
                changelog,
                materializeEvery != null
                        ? materializeEvery
                        : config.run().changelog().materializeEvery());
        FlinkEnvironments.changelogSettings(changelogAsTold, checkpoints.toString())
                .forEach(conf::setString);
        PacesetterJob.FLINK_SETTINGS.forEach(conf::setString);
        conf.setString("taskmanager.memory.managed.size", "1g");
        if (bufferTimeoutMs >= 0) {
            conf.setString("execution.buffer-timeout.interval", bufferTimeoutMs + " ms");
        }
        if (aligned) {
            conf.setString("execution.checkpointing.unaligned.enabled", "false");
        } else {
            // As run has them (run.alignedCheckpointTimeout).
            FlinkEnvironments.unalignedAfter(config.run().alignedCheckpointTimeout())
                    .forEach(conf::setString);
        }
        FLINK_OVERRIDES.forEach(conf::setString);
        try (BenchCluster cluster = new BenchCluster(conf, 8)) {
            List<String> districts = config.lpas().stream()
                    .flatMap(l -> l.districts().stream())
                    .map(d -> d.name())
                    .toList();
            LiveClock clock = LiveClock.realTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            env.setParallelism(2);

            // Open priority (grade 2) incidents first, as fast as they go: state for every checkpoint to carry, and
            // no alerts of their own (only grade 1 has an attendance clock).
            DataStream<InputRecord> preload = env.fromSource(
                    new DataGeneratorSource<>(
                            i -> InputRecord.of(new IncidentEvent(
                                    "pre-" + CheckpointRestore.uuid(i, 3),
                                    "PRE-" + CheckpointRestore.uuid(i, 4),
                                    IncidentEventType.CREATED,
                                    System.currentTimeMillis(),
                                    2,
                                    districts.get((int) (i % districts.size())),
                                    null,
                                    null,
                                    "call-" + CheckpointRestore.uuid(i, 5))),
                            openIncidents,
                            TypeInformation.of(InputRecord.class)),
                    InputWatermarks.live(config.events()),
                    "Open incidents");
            // Then the steady feed: calls offered and answered, and (once timing) incidents at the wall clock.
            int perSecond = callsPerSecond;
            DataStream<InputRecord> feed = env.fromSource(
                            new DataGeneratorSource<>(
                                    i -> feedRecord(i, districts),
                                    Long.MAX_VALUE,
                                    RateLimiterStrategy.perSecond(perSecond),
                                    TypeInformation.of(InputRecord.class)),
                            InputWatermarks.live(config.events()),
                            "Calls and incidents at the wall clock")
                    .setParallelism(1);
            PacesetterJob.Outputs outputs = PacesetterJob.defineWorkflow(
                    config, PacesetterJob.Options.liveRun(config).withLiveClock(clock), preload.union(feed));
            outputs.alerts()
                    .sinkTo(new Recorder())
                    .name("Record emission times")
                    .setParallelism(1);
            outputs.measures().sinkTo(new Discard<>()).name("Discard measures");
            outputs.deadLetters().sinkTo(new Discard<>()).name("Discard dead letters");

            JobID job = cluster.submit(env, "alert timing");
            long loadStart = System.nanoTime();
            // The open priority incidents are in once the preload source has finished; then wait for a checkpoint that
            // holds them.
            long nextNote = System.nanoTime() + 10_000_000_000L;
            while (!preloadFinished(cluster, job)) {
                Thread.sleep(200);
                if (System.nanoTime() > nextNote) {
                    out.printf(
                            "  loading open priority incidents: %d s%n",
                            (System.nanoTime() - loadStart) / 1_000_000_000L);
                    nextNote += 10_000_000_000L;
                }
            }
            long loadedAfterMs = (System.nanoTime() - loadStart) / 1_000_000;
            int before = cluster.completed(job).size();
            while (cluster.completed(job).size() < before + 2) {
                Thread.sleep(100);
            }
            long compiledBeforeMs = compilationMs();
            if (!warmUp.isZero()) {
                warming = true;
                Thread.sleep(warmUp.toMillis());
                warming = false;
                // The warm-up's last incidents are due 5 s after they were created.
                Thread.sleep(6_000);
            }
            long compiledAfterWarmUpMs = compilationMs();
            timing = true;
            long startedAt = System.currentTimeMillis();
            long giveUp = System.nanoTime() + 600_000_000_000L;
            // Every incident gives two alerts, unless the job takes it in after its limit (a loaded machine): then
            // it is told breached at once, and at risk never. So: until all have come, or none for 15 s after the
            // last incident.
            int seen = 0;
            long quietSince = System.nanoTime();
            while (RAISED.size() < 2 * incidents && System.nanoTime() < giveUp) {
                Thread.sleep(200);
                if (RAISED.size() != seen) {
                    seen = RAISED.size();
                    quietSince = System.nanoTime();
                } else if (CREATED.get() >= incidents && System.nanoTime() - quietSince > 15_000_000_000L) {
                    break;
                }
            }
            long endedAt = System.currentTimeMillis();
            long compiledWhileTimedMs = compilationMs() - compiledAfterWarmUpMs;
            List<AbstractCheckpointStats> done = cluster.completed(job);
            cluster.cancel(job);

            List<long[]> raised = new ArrayList<>(RAISED);
            List<Long> all = new ArrayList<>();
            List<Long> during = new ArrayList<>();
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            int overAMinute = 0;
            for (long[] r : raised) {
                distinct.add(r[2]);
                if (r[1] - clock.wallTimeAt(r[0]) > 60_000) {
                    overAMinute++;
                }
            }
            out.printf(
                    "%d RAISED records of %d distinct alerts; %d of them over a minute after their moment%n",
                    raised.size(), distinct.size(), overAMinute);
            for (long[] r : raised) {
                long delay = r[1] - clock.wallTimeAt(r[0]);
                all.add(delay);
                if (withinACheckpoint(r[1], done)) {
                    during.add(delay);
                }
            }
            List<Long> durations = new ArrayList<>();
            long maxSize = 0;
            int inTiming = 0;
            for (AbstractCheckpointStats c : done) {
                if (c.getTriggerTimestamp() >= startedAt && c.getTriggerTimestamp() <= endedAt) {
                    inTiming++;
                }
                durations.add(c.getEndToEndDuration());
                maxSize = Math.max(maxSize, c.getStateSize());
            }
            durations.sort(null);
            printWhereCheckpointsWait(out, cluster, job, done, startedAt, endedAt);
            printSlowest(out, raised, clock, done, startedAt);
            String label = (bufferTimeoutMs < 0 ? "default (100 ms)" : bufferTimeoutMs + " ms")
                    + (aligned
                            ? ", aligned"
                            : ", unaligned after " + config.run().alignedCheckpointTimeout())
                    + (incremental ? ", incremental" : ", full")
                    + (changelogAsTold.enabled()
                            ? ", changelog materialized every " + changelogAsTold.materializeEvery()
                            : ", no changelog");
            out.printf(
                    "%nbuffer timeout %s: open priority incidents loaded in %.1f s; %d checkpoints completed, %d of them during the timing "
                            + "(durations ms: %s); state size up to %,d bytes%n",
                    label, loadedAfterMs / 1000.0, done.size(), inTiming, durations, maxSize);
            out.printf(
                    "warm-up %s: %,d incidents; the JIT compilers worked %,d ms during the warm-up and %,d ms during the timing%n",
                    warmUp, WARM_UP_CREATED.get(), compiledAfterWarmUpMs - compiledBeforeMs, compiledWhileTimedMs);
            if (all.size() < 2 * incidents) {
                out.printf("only %d of %d alerts came within 10 minutes%n", all.size(), 2 * incidents);
            }
            all.sort(null);
            during.sort(null);
            out.printf(
                    "delays over %d RAISED alerts: median %d ms, p99 %d ms, max %d ms, min %d ms; %d alerts arrived during a "
                            + "checkpoint: median %s ms, p99 %s ms, max %s ms%n",
                    all.size(),
                    pct(all, 0.5),
                    pct(all, 0.99),
                    last(all),
                    all.get(0),
                    during.size(),
                    during.isEmpty() ? "-" : pct(during, 0.5),
                    during.isEmpty() ? "-" : pct(during, 0.99),
                    during.isEmpty() ? "-" : last(during));
            return String.format(
                    "| %s | %,d | %d | %d | %d | %,d | %s | %d checkpoints: %d / %d ms, %,d MB |",
                    label,
                    all.size(),
                    pct(all, 0.5),
                    pct(all, 0.99),
                    last(all),
                    during.size(),
                    during.isEmpty() ? "-" : pct(during, 0.99),
                    durations.size(),
                    durations.isEmpty() ? 0 : durations.get(durations.size() / 2),
                    durations.isEmpty() ? 0 : durations.get(durations.size() - 1),
                    maxSize / 1_000_000);
        } finally {
            deleteTree(checkpoints);
        }
    }

    /**
     * Where the checkpoints taken while alerts were timed spent their time, operator by operator (the slowest
     * subtask of each, over those checkpoints): the barrier's wait to reach the task (start delay), the alignment
     * (aligned checkpoints: channels that have their barrier are held back meanwhile), the synchronous part on the
     * task's own thread (records wait), and the asynchronous upload. An alert waits for what its operators hold
     * back.
     */
    private static void printWhereCheckpointsWait(
            PrintStream out,
            BenchCluster cluster,
            JobID job,
            List<AbstractCheckpointStats> done,
            long startedAt,
            long endedAt)
            throws Exception {
        java.util.Map<String, long[]> worst = new java.util.LinkedHashMap<>();
        java.util.Map<org.apache.flink.runtime.jobgraph.JobVertexID, String> names = new java.util.HashMap<>();
        cluster.graph(job).getAllVertices().forEach((id, v) -> names.put(id, v.getName()));
        for (AbstractCheckpointStats c : done) {
            if (c.getTriggerTimestamp() < startedAt || c.getTriggerTimestamp() > endedAt) {
                continue;
            }
            for (org.apache.flink.runtime.checkpoint.TaskStateStats task : c.getAllTaskStateStats()) {
                long[] w = worst.computeIfAbsent(names.getOrDefault(task.getJobVertexId(), "?"), k -> new long[4]);
                for (org.apache.flink.runtime.checkpoint.SubtaskStateStats sub : task.getSubtaskStats()) {
                    if (sub == null) {
                        continue;
                    }
                    w[0] = Math.max(w[0], sub.getCheckpointStartDelay());
                    w[1] = Math.max(w[1], sub.getAlignmentDuration());
                    w[2] = Math.max(w[2], sub.getSyncCheckpointDuration());
                    w[3] = Math.max(w[3], sub.getAsyncCheckpointDuration());
                }
            }
        }
        out.println(
                "checkpoints during the timing, slowest subtask per operator (ms): start delay, alignment, sync, async");
        worst.forEach((name, w) -> out.printf(
                "  %6d %6d %6d %6d  %s%n",
                w[0], w[1], w[2], w[3], name.length() > 150 ? name.substring(0, 150) : name));
    }

    /**
     * The ten slowest alerts, each with when it arrived (s after the timing began) and the checkpoint it arrived
     * during, if any: whether the tail comes with the checkpoints, with some of them (a materialization), or
     * between them.
     */
    private static void printSlowest(
            PrintStream out, List<long[]> raised, LiveClock clock, List<AbstractCheckpointStats> done, long startedAt) {
        List<long[]> slowest = new ArrayList<>(raised);
        slowest.sort(Comparator.comparingLong((long[] r) -> r[1] - clock.wallTimeAt(r[0]))
                .reversed());
        out.printf(
                "the slowest alerts (the timing began at %s UTC): delay ms, arrived s after the timing began, during"
                        + " checkpoint (s, ms)%n",
                java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.ofEpochMilli(startedAt)));
        for (long[] r : slowest.subList(0, Math.min(10, slowest.size()))) {
            String during = "-";
            for (AbstractCheckpointStats c : done) {
                if (r[1] >= c.getTriggerTimestamp() && r[1] <= c.getTriggerTimestamp() + c.getEndToEndDuration()) {
                    during = String.format(
                            "%.1f, %d", (c.getTriggerTimestamp() - startedAt) / 1000.0, c.getEndToEndDuration());
                }
            }
            out.printf("  %6d %7.1f  %s%n", r[1] - clock.wallTimeAt(r[0]), (r[1] - startedAt) / 1000.0, during);
        }
        StringBuilder slow = new StringBuilder();
        for (AbstractCheckpointStats c : done) {
            if (c.getEndToEndDuration() > 300) {
                slow.append(String.format(
                        " %.1f (%d ms)", (c.getTriggerTimestamp() - startedAt) / 1000.0, c.getEndToEndDuration()));
            }
        }
        out.println("checkpoints over 300 ms, s after the timing began:" + slow);
    }

    /** Time the JIT compilers have spent so far, in ms of their threads (-1 if the JVM does not tell). */
    private static long compilationMs() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static boolean preloadFinished(BenchCluster cluster, JobID job) throws Exception {
        return cluster.graph(job).getAllVertices().values().stream()
                .filter(v -> v.getName().contains("Open incidents"))
                .allMatch(v -> v.getAggregateState() == org.apache.flink.runtime.execution.ExecutionState.FINISHED);
    }

    private static boolean withinACheckpoint(long wallMs, List<AbstractCheckpointStats> checkpoints) {
        for (AbstractCheckpointStats c : checkpoints) {
            if (wallMs >= c.getTriggerTimestamp() && wallMs <= c.getTriggerTimestamp() + c.getEndToEndDuration()) {
                return true;
            }
        }
        return false;
    }

    /** Nearest rank, as every figure in Pacesetter. */
    static long pct(List<Long> sorted, double share) {
        return sorted.get((int) Math.ceil(sorted.size() * share) - 1);
    }

    private static long last(List<Long> sorted) {
        return sorted.get(sorted.size() - 1);
    }

    /**
     * Record i of the steady feed: while timing, every third record is a new incident (until all are
     * created); the rest are call legs, offered and answered on the next record, across the districts.
     */
    static InputRecord feedRecord(long i, List<String> districts) {
        long now = System.currentTimeMillis();
        if (warming && i % 3 == 0) {
            int n = WARM_UP_CREATED.getAndIncrement();
            return gradeOneIncident("warm-" + n, WARM_UP + n, now, districts.get(n % districts.size()));
        }
        if (timing && i % 3 == 0) {
            int n = CREATED.getAndIncrement();
            if (n < incidents) {
                return gradeOneIncident("inc-" + n, "INC-" + n, now, districts.get(n % districts.size()));
            }
        }
        long leg = i / 2;
        CallEventType type = i % 2 == 0 ? CallEventType.OFFERED : CallEventType.ANSWERED;
        return InputRecord.of(new CallEvent(
                "feed-" + i, "call-" + leg, type, "999", now, districts.get((int) (leg % districts.size()))));
    }

    /** A grade-1 incident created now in the district, nobody sent: the clock must tell it at risk and breached. */
    private static InputRecord gradeOneIncident(String eventId, String incidentId, long now, String district) {
        return InputRecord.of(
                new IncidentEvent(eventId, incidentId, IncidentEventType.CREATED, now, 1, district, null, null, null));
    }

    static final class Recorder implements Sink<Alert> {
        @Override
        public SinkWriter<Alert> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Alert alert, Context ctx) {
                    long now = System.currentTimeMillis();
                    // The clock's own alerts: told by the wall clock. (An unresourced incident's alert follows the
                    // watermark, two minutes behind, by design.)
                    if (alert.state == Alert.State.RAISED
                            && !(alert.incidentId != null && alert.incidentId.startsWith(WARM_UP))
                            && (alert.kind == Alert.Kind.INCIDENT_AT_RISK
                                    || alert.kind == Alert.Kind.INCIDENT_BREACHED)) {
                        RAISED.add(new long[] {alert.time, now, alert.alertId.hashCode(), alert.revision});
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    static final class Discard<T> implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {}

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /** A directory and all under it; nothing if it is not there. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete " + p, e);
                }
            });
        }
    }
}
