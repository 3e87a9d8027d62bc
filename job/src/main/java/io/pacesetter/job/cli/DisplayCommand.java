package io.pacesetter.job.cli;

import io.pacesetter.config.KafkaConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.job.publish.WallDisplay;
import io.pacesetter.wall.ActionInbox;
import io.pacesetter.wall.TopicFeed;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code display}: the wall display on its own, fed from the KPI and alert topics, so many screens
 * load this process and not the Flink job. {@code GET /health} answers 200 while figures arrive and
 * 503 when none has for {@code display.staleAfter}.
 */
@Command(
        name = "display",
        mixinStandardHelpOptions = true,
        description =
                "Serve the control-room wall display on its own, fed from the KPI and alert topics (kafka.topics.kpis, "
                        + "kafka.topics.alerts); GET /health answers 200 while figures arrive, 503 otherwise.")
final class DisplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "host:port[,host:port] (default: kafka.bootstrapServers)")
    String bootstrap;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "the address to listen on (default: display.bind, 127.0.0.1)")
    String bind;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "the port (default: display.port, 8080; 0: any free port)")
    Integer port;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "stop after this long (default: run until stopped)")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        PacesetterConfig cfg = config.load();
        if (bootstrap != null) {
            KafkaConfig.checkBootstrapServers("--kafka", bootstrap);
        }
        KafkaConfig settings = bootstrap == null ? cfg.kafka() : cfg.kafka().withBootstrapServers(bootstrap);
        KafkaConnection kafka = KafkaConnection.resolve(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Pacesetter.checkPort(cfg, port);
        try (WallDisplay display = WallDisplay.start(cfg, 1, bind, port);
                TopicFeed feed = TopicFeed.start(kafka, display.hub())) {
            if (cfg.display().takesActions()) {
                // Actions taken on this page go to the actions topic, for the cluster job.
                display.takeActions(cfg, ActionInbox.kafka(kafka));
            }
            System.out.printf(
                    "Wall display: %s%s, fed from %s and %s on %s; health at %shealth%n",
                    display.uri(),
                    cfg.display().protectedByToken() ? " (open it with ?token=<display.accessToken>)" : "",
                    settings.topics().kpis(),
                    settings.topics().alerts(),
                    settings.bootstrapServers(),
                    display.uri());
            Thread onSignal = new Thread(stopped::countDown);
            Runtime.getRuntime().addShutdownHook(onSignal);
            long stopAt = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < stopAt
                    && !stopped.await(
                            Math.min(1_000, Math.max(1, (stopAt - System.nanoTime()) / 1_000_000)),
                            TimeUnit.MILLISECONDS)) {
                if (feed.failure() != null) {
                    throw new IllegalStateException(
                            "the display stopped reading the topics: "
                                    + feed.failure().getMessage(),
                            feed.failure());
                }
            }
            return Pacesetter.OK;
        }
    }
}
