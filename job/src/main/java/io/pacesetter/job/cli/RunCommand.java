package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.GeneratedBatch;
import io.pacesetter.connectors.generator.GeneratorSource;
import io.pacesetter.connectors.parse.EventParser;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.connectors.webhook.WebhookSink;
import io.pacesetter.job.OperatorIds;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.alerts.LiveClock;
import io.pacesetter.job.ingest.InputWatermarks;
import io.pacesetter.job.snapshot.MonthlyStore;
import java.nio.file.Path;
import java.time.Clock;
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
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
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
                cfg.run().incrementalCheckpoints());
        env.setBufferTimeout(cfg.run().bufferTimeout().toMillis());
        DataStream<InputRecord> input = env.fromSource(
                        GeneratorSource.create(
                                cfg, seed != null ? seed : cfg.generator().seed(), first, speed),
                        InputWatermarks.generated(cfg.events()),
                        "Generator")
                .setParallelism(1)
                .flatMap(new ParseGenerated(cfg.events().futureTolerance()))
                .name("Parse generated events")
                .setParallelism(1);

        PacesetterJob.Options options = onTheFeedsClock(PacesetterJob.Options.liveRun(cfg), first);
        PacesetterJob.Outputs outputs = PacesetterJob.defineWorkflow(cfg, options, input);
        FileOutputs.attach(
                new PacesetterJob.Outputs(
                        outputs.measures()
                                .filter(new EndsOnMultipleOf(slidingEvery))
                                .name("Sliding every " + slidingEvery),
                        outputs.deadLetters(),
                        outputs.alerts()),
                outDir,
                true);
        MonthlyStore.attachLive(cfg, outputs);
        attachWebhook(cfg, outputs.alerts(), outDir);
        String board = UUID.randomUUID().toString();
        outputs.measures()
                .sinkTo(new LatestFigures(board))
                .name("Console summary")
                .setParallelism(1);
        outputs.alerts()
                .sinkTo(new ActiveAlerts(board))
                .name("Console summary: active alerts")
                .setParallelism(1);

        try (WallDisplay display = startDisplay(cfg, speed)) {
            if (display != null) {
                display.attach(outputs);
            }
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

    /** The built-in feed's first simulated instant: {@code --start}, else now; a week ago when faster, so it never runs ahead of the clock. */
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
        WallDisplay display = WallDisplay.start(cfg, rate, null, displayPort);
        System.out.printf(
                "Wall display: %s%s%n",
                display.uri(), cfg.display().protectedByToken() ? " (open it with ?token=<display.accessToken>)" : "");
        return display;
    }

    /** Alerts to the configured webhook, if any; what it still cannot deliver goes to {@code alerts-undelivered.jsonl}. */
    static void attachWebhook(PacesetterConfig cfg, DataStream<Alert> alerts, Path outDir) {
        if (cfg.alerts().webhook().enabled()) {
            alerts.sinkTo(WebhookSink.create(cfg.alerts().webhook(), outDir.resolve(FileOutputs.ALERTS_UNDELIVERED)))
                    .uid(OperatorIds.ALERTS_WEBHOOK)
                    .name(OperatorIds.ALERTS_WEBHOOK_NAME)
                    .setParallelism(1);
        }
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

    /** Keeps periods and live records, and sliding windows ending on a multiple of the cadence. */
    static final class EndsOnMultipleOf implements org.apache.flink.api.common.functions.FilterFunction<MeasureRecord> {
        private final long everyMs;

        EndsOnMultipleOf(Duration every) {
            this.everyMs = every.toMillis();
        }

        @Override
        public boolean filter(MeasureRecord r) {
            return r.window != WindowKind.SLIDING || r.windowEnd % everyMs == 0;
        }
    }

    /** Parses the generator's lines with the live rules: an event stamped ahead of the wall clock is FUTURE. */
    static final class ParseGenerated extends RichFlatMapFunction<GeneratedBatch, InputRecord> {
        private final Duration futureTolerance;
        private transient EventParser parser;

        ParseGenerated(Duration futureTolerance) {
            this.futureTolerance = futureTolerance;
        }

        @Override
        public void open(OpenContext openContext) {
            parser = EventParser.forLive(Clock.systemUTC(), futureTolerance);
        }

        @Override
        public void flatMap(GeneratedBatch batch, Collector<InputRecord> out) {
            for (String line : batch.lines) {
                out.collect(parser.parse(line, "generator"));
            }
        }
    }
}
