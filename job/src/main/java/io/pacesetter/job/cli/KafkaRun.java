package io.pacesetter.job.cli;

import io.pacesetter.config.KafkaConfig;
import io.pacesetter.config.KafkaTopics;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.generator.FeedPace;
import io.pacesetter.connectors.kafka.EmbeddedKafka;
import io.pacesetter.connectors.kafka.FeedPublisher;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.job.AlertActions;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.job.publish.ActiveAlerts;
import io.pacesetter.job.publish.LatestFigures;
import io.pacesetter.job.publish.WallDisplay;
import io.pacesetter.wall.ActionInbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run --kafka embedded|BOOTSTRAP}: the live job reading the call and incident topics and
 * writing the KPI and dead-letter topics (exactly once) and the alerts topic (at least once),
 * besides the files and the console summary of a plain {@code run}. With {@code embedded} it first
 * starts a broker in this JVM, creates the topics and publishes the built-in feed into them from a
 * thread of its own, as an upstream system would; with a bootstrap address it reads whatever that
 * cluster's topics hold.
 */
final class KafkaRun {
    static final String EMBEDDED = "embedded";
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(30);

    private KafkaRun() {}

    static int run(RunCommand options, PacesetterConfig cfg) throws Exception {
        boolean embedded = EMBEDDED.equals(options.kafka);
        if (!embedded && (options.start != null || options.seed != null || options.speed != 1)) {
            throw new Pacesetter.UsageException(
                    "--speed, --start and --seed drive the built-in feed; with --kafka " + options.kafka
                            + " the events come from that cluster's topics. Leave them out, or use --kafka embedded");
        }
        if (!embedded) {
            KafkaConfig.checkBootstrapServers("--kafka", options.kafka);
        }
        if (options.speed <= 0 || options.speed > 100_000) {
            throw new Pacesetter.UsageException(
                    "--speed " + options.speed + " is not allowed; use a number above 0 and at most 100000");
        }
        Path outDir = options.out != null ? options.out : Path.of(cfg.run().outputDir());
        EmbeddedKafka broker = null;
        FeedPublisher feed = null;
        WallDisplay display = null;
        try {
            KafkaConfig settings;
            if (embedded) {
                broker = EmbeddedKafka.start();
                settings = cfg.kafka().onEmbeddedBroker(broker.bootstrapServers());
                if (!cfg.kafka().properties().isEmpty()) {
                    System.out.println(
                            "Note: kafka.properties are for a cluster's brokers; the embedded broker is plain localhost and does not use them");
                }
                createTopics(broker, settings.topics(), cfg.run().parallelism());
                System.out.printf(
                        "Embedded Kafka broker at %s (started in %.1f s); topics %s, %s -> %s, %s, %s%n",
                        broker.bootstrapServers(),
                        broker.startTime().toMillis() / 1e3,
                        settings.topics().calls(),
                        settings.topics().incidents(),
                        settings.topics().kpis(),
                        settings.topics().deadLetters(),
                        settings.topics().alerts());
            } else {
                settings = cfg.kafka().withBootstrapServers(options.kafka);
            }
            KafkaConnection kafka = KafkaConnection.resolve(settings);
            for (String note : kafka.checkBroker(kafka.topicsByKey(), true, BROKER_TIMEOUT)) {
                System.out.println("Note: " + note);
            }

            // Barriers go unaligned within run.alignedCheckpointTimeout (at most 1 s), so a backlog does not hold
            // the transactions' commits back (what FlinkEnvironments.checkpointsThatKeepUp sets for the tests).
            StreamExecutionEnvironment env = FlinkEnvironments.live(
                    cfg.run(),
                    options.stateBackend != null
                            ? options.stateBackend
                            : cfg.run().stateBackend());
            Instant liveFrom = options.feedStart();
            FeedPace pace = options.pace(liveFrom);
            Instant first = liveFrom.minus(options.backfill);
            PacesetterJob.Options live = embedded
                    ? options.onTheFeedsClock(PacesetterJob.Options.liveRun(cfg), pace)
                    // A cluster's feeds are stamped by the wall clock: alerts come on time by it, and a silent feed is
                    // noticed.
                    : PacesetterJob.Options.liveRun(cfg).withLiveClock(LiveClock.realTime());
            // The feed's pace: the built-in feed at --speed, a cluster's topics in real time.
            display = options.startDisplay(cfg, embedded ? options.speed : 1);
            if (display != null && cfg.display().takesActions()) {
                display.takeActions(cfg, ActionInbox.kafka(kafka));
            }
            String board = UUID.randomUUID().toString();
            PacesetterJob.define(
                    cfg,
                    live.withPublishEvery(options.slidingEvery),
                    Inputs.kafka(env, cfg, kafka, false),
                    AlertActions.kafka(env, kafka, false),
                    RunCommand.liveSinks(cfg, outDir, display, board).kafka(kafka));

            JobClient job = env.executeAsync("Pacesetter live from Kafka");
            if (embedded) {
                feed = FeedPublisher.start(
                        kafka,
                        cfg,
                        options.seed != null ? options.seed : cfg.generator().seed(),
                        first,
                        pace);
                System.out.printf(
                        "Publishing the built-in feed live from %s at %sx real time, after a backfill from %s%n",
                        liveFrom, options.speed, first);
            }
            System.out.printf(
                    "Pacesetter for %s: reading %s and %s on %s; KPI records to %s (visible to read_committed readers "
                            + "at each checkpoint, every %s); writing to %s%n",
                    cfg.force().name(),
                    settings.topics().calls(),
                    settings.topics().incidents(),
                    settings.bootstrapServers(),
                    settings.topics().kpis(),
                    cfg.run().checkpointInterval(),
                    outDir.toAbsolutePath());
            // A real feed's warm start is its topics' retention, read from kafka.startingOffsets (EARLIEST by default).
            RunCommand.CatchUp catchUp =
                    new RunCommand.CatchUp(first, embedded ? pace : FeedPace.from(Instant.now(), 1));
            return watch(cfg, job, board, options.duration, feed, broker, catchUp);
        } finally {
            if (display != null) {
                display.close();
            }
            if (feed != null) {
                feed.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    /**
     * Prints the summary every {@code run.summaryEvery} until the duration is over, the job ends or
     * the feed fails; the job is not left running on any of these paths.
     */
    private static int watch(
            PacesetterConfig cfg,
            JobClient job,
            String board,
            Duration duration,
            FeedPublisher feed,
            EmbeddedKafka broker,
            RunCommand.CatchUp catchUp)
            throws Exception {
        long stopAt = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        // Ctrl-C: run()'s finally does not run on a signal, so the hook stops the job, the feed and the broker
        // (whose logs are temporary files) itself.
        Thread onSignal = new Thread(() -> {
            try {
                job.cancel().get(10, TimeUnit.SECONDS);
                if (feed != null) {
                    feed.close();
                }
                if (broker != null) {
                    broker.close();
                }
            } catch (Exception e) {
                System.err.println("Stopping after a signal: " + e);
            }
        });
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            while (System.nanoTime() < stopAt) {
                if (feed != null && feed.failure() != null) {
                    job.cancel().get();
                    throw new IllegalStateException(
                            "the built-in feed stopped publishing: "
                                    + feed.failure().getMessage(),
                            feed.failure());
                }
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
                    System.out.print(RunCommand.summary(cfg, figures, ActiveAlerts.read(board)));
                }
            }
            job.cancel().get();
            System.out.print(RunCommand.summary(cfg, LatestFigures.read(board), ActiveAlerts.read(board)));
            if (feed != null) {
                System.out.printf("The built-in feed published %,d events%n", feed.published());
            }
            return Pacesetter.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping and the hook is running: there is nothing left to remove.
            }
        }
    }

    /**
     * Inputs spread over as many partitions as the job has readers; the KPI topic compacted,
     * keeping the latest record of each identity.
     */
    private static void createTopics(EmbeddedKafka broker, KafkaTopics topics, int partitions) throws Exception {
        broker.createTopics(partitions, Map.of(), topics.calls(), topics.incidents());
        broker.createTopics(partitions, Map.of("cleanup.policy", "compact"), topics.kpis());
        broker.createTopics(1, Map.of(), topics.deadLetters(), topics.alerts(), topics.actions());
    }
}
