package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.AlertActions;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.job.publish.ActiveAlerts;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.job.publish.Headlines;
import io.pacesetter.job.publish.LatestFigures;
import io.pacesetter.job.publish.WallDisplay;
import io.pacesetter.wall.ActionInbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run the live job on a local Flink environment, fed by the built-in generator (or Kafka topics with --kafka), "
                        + "printing a summary every few seconds.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "simulated seconds per wall-clock second (default ${DEFAULT-VALUE}: real time)")
    double speed;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description =
                    "the generator's first simulated instant (default: now at real time; a week ago when --speed > 1, so it stays behind the clock)")
    Instant start;

    @Option(names = "--seed", description = "generator seed (default: generator.seed)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "where JSON lines are written (default: run.outputDir)")
    Path out;

    @Option(
            names = "--sliding-every",
            defaultValue = "PT15M",
            paramLabel = "DURATION",
            description =
                    "write sliding windows ending on multiples of this to kpis.jsonl (default ${DEFAULT-VALUE}); the summary uses every minute")
    Duration slidingEvery;

    @Option(names = "--state-backend", description = "ROCKSDB or HASHMAP (default: run.stateBackend)")
    StateBackendKind stateBackend;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "stop after this long (default: run until Ctrl-C)")
    Duration duration;

    @Option(
            names = "--kafka",
            paramLabel = "embedded|BOOTSTRAP",
            description =
                    "read the event topics and write the KPI and dead-letter topics (exactly once) besides the files: "
                            + "'embedded' starts a broker in this JVM and publishes the built-in feed into it; "
                            + "host:port[,host:port] uses an existing cluster (default: no Kafka, the feed goes straight to the job)")
    String kafka;

    @Option(
            names = "--display-port",
            paramLabel = "PORT",
            description =
                    "serve the wall display on this port (default: display.port; 0: any free port); display.enabled: false turns it off")
    Integer displayPort;

    @Override
    public Integer call() throws Exception {
        PacesetterConfig cfg = config.load();
        if (kafka != null) {
            return KafkaRun.run(this, cfg);
        }
        if (speed <= 0 || speed > 100_000) {
            throw new Pacesetter.UsageException(
                    "--speed " + speed + " is not allowed; use a number above 0 and at most 100000");
        }
        Instant first = feedStart();
        Path outDir = out != null ? out : Path.of(cfg.run().outputDir());

        StreamExecutionEnvironment env = FlinkEnvironments.live(
                cfg.run().parallelism(),
                stateBackend != null ? stateBackend : cfg.run().stateBackend(),
                cfg.run().checkpointInterval(),
                cfg.run().checkpointDir(),
                cfg.run().incrementalCheckpoints(),
                cfg.run());
        env.setBufferTimeout(cfg.run().bufferTimeout().toMillis());
        DataStream<InputRecord> input =
                Inputs.generator(env, cfg, seed != null ? seed : cfg.generator().seed(), first, speed);
        String board = UUID.randomUUID().toString();

        // Actions taken on the page (acknowledge, called back, digest) are left here as files for the job to read.
        Path actionsDir = Files.createDirectories(outDir.resolve("actions"));
        try (WallDisplay display = startDisplay(cfg, speed)) {
            if (display != null) {
                display.takeActions(cfg, ActionInbox.directory(actionsDir));
            }
            PacesetterJob.define(
                    cfg,
                    onTheFeedsClock(PacesetterJob.Options.liveRun(cfg), first).withPublishEvery(slidingEvery),
                    input,
                    AlertActions.files(env, actionsDir),
                    liveSinks(cfg, outDir, display, board));
            System.out.printf(
                    "Pacesetter for %s: generator from %s at %sx real time; writing to %s%n",
                    cfg.force().name(), first, speed, outDir.toAbsolutePath());
            JobClient job = env.executeAsync("Pacesetter live");
            long stopAt = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel()));
            while (System.nanoTime() < stopAt) {
                try {
                    job.getJobExecutionResult()
                            .get(
                                    Math.min(
                                            cfg.run().summaryEvery().toMillis(),
                                            Math.max(1, (stopAt - System.nanoTime()) / 1_000_000)),
                                    TimeUnit.MILLISECONDS);
                    return Pacesetter.OK;
                } catch (TimeoutException stillRunning) {
                    System.out.print(summary(cfg, LatestFigures.read(board), ActiveAlerts.read(board)));
                }
            }
            job.cancel().get();
            System.out.print(summary(cfg, LatestFigures.read(board), ActiveAlerts.read(board)));
            return Pacesetter.OK;
        }
    }

    /**
     * The built-in feed's first simulated instant: {@code --start}, else now; a week ago when
     * faster, so it never runs ahead of the clock.
     */
    Instant feedStart() {
        return start != null
                ? start
                : speed > 1
                        ? Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS)
                        : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * At real time the built-in feed's event time is the wall clock's, so alerts come on time by it
     * though the watermark lags. At a faster speed the clock would be fixed before the job starts and
     * run ahead of the feed by start-up × speed, so the alerts wait for the watermark.
     */
    PacesetterJob.Options onTheFeedsClock(PacesetterJob.Options options, Instant first) {
        return speed == 1 ? options.withLiveClock(LiveClock.simulated(first, Instant.now(), 1)) : options;
    }

    /** The wall display of this run (null when display.enabled is false), its address printed for the operator. */
    WallDisplay startDisplay(PacesetterConfig cfg, double rate) throws Exception {
        if (!cfg.display().enabled()) {
            if (displayPort != null) {
                throw new Pacesetter.UsageException(
                        "--display-port " + displayPort + " was given but display.enabled is false; "
                                + "leave the option out, or set display.enabled: true");
            }
            return null;
        }
        Pacesetter.checkPort(cfg, displayPort);
        WallDisplay display = WallDisplay.start(cfg, rate, null, displayPort);
        System.out.printf(
                "Wall display: %s%s%n",
                display.uri(), cfg.display().protectedByToken() ? " (open it with ?token=<display.accessToken>)" : "");
        return display;
    }

    /** What a live run writes: the files (appended), the webhook, the monthly store, the wall display, the console. */
    static Sinks liveSinks(PacesetterConfig cfg, Path outDir, WallDisplay display, String board) {
        return Sinks.none()
                .files(outDir, true)
                .webhook(outDir.resolve(FileOutputs.ALERTS_UNDELIVERED))
                .monthlyStore(Sinks.MonthlyStore.live(cfg))
                .wallDisplay(display == null ? null : display.name())
                .console(board);
    }

    /**
     * The summary with the alerts still active: a silent feed first and in capitals, since while it
     * lasts the figures above it are not live and quiet queues must not read as good handling.
     */
    static String summary(PacesetterConfig cfg, List<MeasureRecord> figures, List<Alert> active) {
        StringBuilder s = new StringBuilder(summary(cfg, figures));
        for (Alert silent :
                active.stream().filter(a -> a.kind == Alert.Kind.FEED_SILENT).toList()) {
            s.append("  !! FEED SILENT: ").append(silent.sentence).append(System.lineSeparator());
        }
        Map<Alert.Kind, Long> others = active.stream()
                .filter(a -> a.kind != Alert.Kind.FEED_SILENT)
                .collect(Collectors.groupingBy(a -> a.kind, TreeMap::new, Collectors.counting()));
        if (!others.isEmpty()) {
            s.append("  active alerts: ")
                    .append(others.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")))
                    .append(System.lineSeparator());
        }
        return s.toString();
    }

    static String summary(PacesetterConfig cfg, List<MeasureRecord> figures) {
        Headlines headlines = new Headlines(cfg);
        figures.forEach(headlines::offer);
        long asOf = figures.stream()
                .filter(r -> r.window == WindowKind.LIVE)
                .mapToLong(r -> r.asOf)
                .max()
                .orElse(0);
        long lastEnd = figures.stream()
                .filter(r -> r.window == WindowKind.SLIDING)
                .mapToLong(r -> r.windowEnd)
                .max()
                .orElse(0);
        StringBuilder s = new StringBuilder(System.lineSeparator());
        s.append(String.format(
                "%s · events to %s · windows to %s%n",
                cfg.force().name(),
                asOf == 0 ? "-" : RecordJson.instant(asOf),
                lastEnd == 0 ? "-" : RecordJson.instant(lastEnd)));
        StringBuilder now = new StringBuilder("  waiting now:");
        for (String queue : cfg.queues().keySet()) {
            MeasureRecord waiting = force(figures, queue, "CALLS_WAITING");
            MeasureRecord longest = force(figures, queue, "LONGEST_WAIT_SECONDS");
            if (waiting != null) {
                now.append(String.format(
                        "  %s %d (longest %.0f s)",
                        queue, waiting.value.longValue(), longest == null ? 0 : longest.value));
            }
        }
        s.append(now).append(System.lineSeparator());
        long hour = Duration.ofHours(1).toMillis();
        s.append("  last hour:").append(System.lineSeparator());
        headlines
                .callLines(r -> r.window == WindowKind.SLIDING && r.windowLengthMs == hour && r.windowEnd == lastEnd)
                .forEach(l -> s.append("  ").append(l).append(System.lineSeparator()));
        s.append("  today so far:").append(System.lineSeparator());
        String today = figures.stream()
                .filter(r -> r.period == PeriodKind.DAY)
                .map(r -> r.start)
                .max(String::compareTo)
                .orElse("");
        headlines
                .callLines(r -> r.period == PeriodKind.DAY && today.equals(r.start))
                .forEach(l -> s.append("  ").append(l).append(System.lineSeparator()));
        String attendance = headlines.attendanceLine(r -> r.period == PeriodKind.DAY && today.equals(r.start));
        if (attendance != null) {
            s.append("  ").append(attendance).append(System.lineSeparator());
        }
        return s.toString();
    }

    private static MeasureRecord force(List<MeasureRecord> figures, String queue, String measure) {
        return figures.stream()
                .filter(r -> r.window == WindowKind.LIVE
                        && r.scope == Scope.FORCE
                        && queue.equals(r.queue)
                        && measure.equals(r.measure))
                .findFirst()
                .orElse(null);
    }
}
