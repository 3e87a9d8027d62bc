package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.FeedPace;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                    "the simulated instant the feed is live from, after its backfill (default: now at real time; a week ago "
                            + "when --speed > 1; a faster feed that catches up with the clock goes on at real time)")
    Instant start;

    @Option(
            names = "--backfill",
            defaultValue = "PT24H",
            paramLabel = "DURATION",
            description =
                    "a warm start: the built-in feed's DURATION before --start is fed first at full speed, so the figures, "
                            + "today's totals and the 24-hour trend are filled within about a minute (default ${DEFAULT-VALUE}; PT0S: none)")
    Duration backfill;

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
        Instant liveFrom = feedStart();
        FeedPace pace = pace(liveFrom);
        Instant first = liveFrom.minus(backfill);
        Path outDir = out != null ? out : Path.of(cfg.run().outputDir());

        StreamExecutionEnvironment env = FlinkEnvironments.live(
                cfg.run(), stateBackend != null ? stateBackend : cfg.run().stateBackend());
        DataStream<InputRecord> input =
                Inputs.generator(env, cfg, seed != null ? seed : cfg.generator().seed(), first, pace);
        String board = UUID.randomUUID().toString();

        // Actions taken on the page (acknowledge, called back, digest) are left here as files for the job to read.
        Path actionsDir = Files.createDirectories(outDir.resolve("actions"));
        try (WallDisplay display = startDisplay(cfg, speed)) {
            if (display != null) {
                display.takeActions(cfg, ActionInbox.directory(actionsDir));
            }
            PacesetterJob.define(
                    cfg,
                    onTheFeedsClock(PacesetterJob.Options.liveRun(cfg), pace).withPublishEvery(slidingEvery),
                    input,
                    AlertActions.files(env, actionsDir),
                    liveSinks(cfg, outDir, display, board));
            System.out.printf(
                    "Pacesetter for %s: generator live from %s at %sx real time; writing to %s%n",
                    cfg.force().name(), liveFrom, speed, outDir.toAbsolutePath());
            CatchUp catchUp = new CatchUp(first, pace);
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
                    List<MeasureRecord> figures = LatestFigures.read(board);
                    catchUp.report(figures, System.currentTimeMillis()).ifPresent(System.out::println);
                    System.out.print(summary(cfg, figures, ActiveAlerts.read(board)));
                }
            }
            job.cancel().get();
            System.out.print(summary(cfg, LatestFigures.read(board), ActiveAlerts.read(board)));
            return Pacesetter.OK;
        }
    }

    /**
     * The simulated instant the built-in feed is live from, after its backfill: {@code --start}, else now;
     * a week ago when faster, so a user sees it play at that speed for a while before it catches up with the
     * clock and goes on at real time ({@link FeedPace}).
     */
    Instant feedStart() {
        return start != null
                ? start
                : speed > 1
                        ? Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS)
                        : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * At real time the built-in feed's event time is the wall clock's, so alerts come on time by it though the
     * watermark lags, and a silent feed is noticed by it. The provisional incident alerts never judge ahead of the
     * feed itself (the newest event taken in, plus the time since), so a backfill's incidents, whose deadlines are
     * all past by the wall clock, are judged as the backfill reaches them. At a faster speed the clock would be fixed
     * before the job starts and run ahead of the feed by start-up × speed, so the alerts wait for the watermark.
     */
    PacesetterJob.Options onTheFeedsClock(PacesetterJob.Options options, FeedPace pace) {
        return speed == 1
                ? options.withLiveClock(LiveClock.simulated(
                        Instant.ofEpochMilli(pace.liveFromMs()), Instant.ofEpochMilli(pace.wallAnchorMs()), 1))
                : options;
    }

    /** The feed's pace from now: the backfill at once, then {@code --speed}, never ahead of the clock. */
    FeedPace pace(Instant liveFrom) {
        if (backfill.isNegative()) {
            throw new Pacesetter.UsageException(
                    "--backfill " + backfill + " is not allowed; use a duration of zero or more, e.g. PT24H or PT0S");
        }
        return FeedPace.from(liveFrom, speed);
    }

    /**
     * Tells the console while the feed catches up (its backfill, and a faster feed's run up to the clock) and when
     * the figures are live: once each, by the newest live figure's event time against the feed's pace.
     */
    static final class CatchUp {
        /** The figures are live once their event time is this close to where the feed is. */
        private static final long LIVE_WITHIN_MS = 60_000;

        private final Instant first;
        private final FeedPace pace;
        private boolean announced;
        private boolean live;
        private boolean realTime;

        CatchUp(Instant first, FeedPace pace) {
            this.first = first;
            this.pace = pace;
        }

        Optional<String> report(List<MeasureRecord> figures, long wallMs) {
            long eventsTo = figures.stream()
                    .filter(r -> r.window == WindowKind.LIVE && r.asOf != null)
                    .mapToLong(r -> r.asOf)
                    .max()
                    .orElse(Long.MIN_VALUE);
            List<String> said = new ArrayList<>();
            if (!announced) {
                announced = true;
                if (first.toEpochMilli() < pace.liveFromMs()) {
                    said.add(String.format(
                            "Catching up: feeding %s to %s at full speed (a backfill in event time), then %sx real time",
                            first, Instant.ofEpochMilli(pace.liveFromMs()), pace.speed()));
                }
            }
            if (!live && eventsTo != Long.MIN_VALUE && eventsTo >= pace.simulatedNow(wallMs) - LIVE_WITHIN_MS) {
                live = true;
                said.add(String.format(
                        "Live: the figures have caught up (events to %s), %s s after start; now at %sx real time",
                        RecordJson.instant(eventsTo), (wallMs - pace.wallAnchorMs()) / 1000, pace.speedAt(wallMs)));
            }
            if (!realTime && pace.speed() > 1 && wallMs >= pace.realTimeFrom()) {
                realTime = true;
                said.add("The feed has caught up with the clock: it goes on at real time, never ahead of it");
            }
            return said.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", said));
        }
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
