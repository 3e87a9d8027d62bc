package io.pacesetter.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.WebhookConfig;
import io.pacesetter.connectors.contract.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The webhook as a Flink Sink V2 in a job: through a flaky receiver, and through a failure and a restart from a checkpoint. */
@Timeout(120)
class WebhookSinkITCase {
    private static final String SECRET = "correct-horse-battery-staple";
    private static final int ALERTS = 300;
    private static final List<Alert> SENT = WebhookSinkTest.alerts(250);
    /** The job fails once, half-way, after checkpoints have been taken. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path dir;

    private WebhookSink sink() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("webhook-secret"), SECRET);
        return WebhookSink.create(
                new WebhookConfig(
                        receiverUrl,
                        "${file:" + secretFile.toAbsolutePath() + "}",
                        8,
                        Duration.ofMillis(10),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(5),
                        50,
                        Duration.ofMinutes(1)),
                dir.resolve("undelivered.jsonl"));
    }

    private String receiverUrl;

    @Test
    void everyAlertOfAJobReachesAReceiverThatFailsItsFirstRequestsOncePerId() throws Exception {
        // 40 failures spread over 250 alerts arriving at once: none fails all eight attempts.
        try (Receiver receiver = new Receiver(SECRET, 40, 503, 0)) {
            receiverUrl = receiver.url();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.fromData(SENT).sinkTo(sink()).name("Webhook");
            env.execute("alerts to a flaky webhook");

            assertThat(receiver.failed).hasValue(40);
            assertThat(receiver.badSignatures).isEmpty();
            assertThat(receiver.accepted.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            SENT.stream().map(a -> a.alertId + "|" + a.revision).toList());
            assertThat(receiver.accepted.values()).allSatisfy(n -> assertThat(n).hasValue(1));
            assertThat(dir.resolve("undelivered.jsonl")).doesNotExist();
        }
    }

    @Test
    void noAlertIsLostWhenTheJobFailsAndRestartsFromACheckpoint() throws Exception {
        // Fewer failing answers than attempts: every alert must be delivered, none written off.
        try (Receiver receiver = new Receiver(SECRET, 5, 503, 0)) {
            receiverUrl = receiver.url();
            Configuration conf = new Configuration();
            conf.setString("restart-strategy.type", "fixed-delay");
            conf.setString("restart-strategy.fixed-delay.attempts", "1");
            conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            env.enableCheckpointing(100);
            FAILED_ONCE.set(false);
            env.fromSource(
                            new DataGeneratorSource<>(
                                    WebhookSinkITCase::alert,
                                    ALERTS,
                                    RateLimiterStrategy.perSecond(200),
                                    TypeInformation.of(Alert.class)),
                            WatermarkStrategy.noWatermarks(),
                            "Alerts")
                    .map(new FailOnceHalfWay())
                    .name("Fail once half-way")
                    .sinkTo(sink())
                    .name("Webhook");
            env.execute("alerts to a webhook through a restart");

            assertThat(FAILED_ONCE).as("the job did fail and restart").isTrue();
            java.util.Set<Long> missing = new java.util.TreeSet<>();
            for (long i = 0; i < ALERTS; i++) {
                if (!receiver.alerts.containsKey(alert(i).alertId)) {
                    missing.add(i);
                }
            }
            assertThat(missing).as("alerts lost").isEmpty();
            assertThat(dir.resolve("undelivered.jsonl")).doesNotExist();
            assertThat(receiver.accepted.values().stream()
                            .mapToInt(n -> n.get())
                            .sum())
                    .as("some may come twice after the restart, never fewer than once")
                    .isGreaterThanOrEqualTo(ALERTS);
            assertThat(receiver.badSignatures).isEmpty();
        }
    }

    static Alert alert(long i) {
        Alert a = new Alert();
        a.kind = Alert.Kind.CALLBACK_ABANDONED_999;
        a.alertId = Alert.idOf(a.kind, "C-" + i, i);
        a.severity = Alert.Severity.WARNING;
        a.audience.add(Alert.Audience.FORCE_CONTROL_ROOM);
        a.state = Alert.State.RAISED;
        a.time = i;
        a.episodeStart = i;
        a.callId = "C-" + i;
        a.sentence = "999 call C-" + i + " was abandoned: call the caller back.";
        return a;
    }

    /** Throws once, at the alert half-way through, the first time the job runs. */
    static final class FailOnceHalfWay implements MapFunction<Alert, Alert> {
        @Override
        public Alert map(Alert a) {
            if (a.time == ALERTS / 2 && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("a planned failure, half-way through, to test the restart");
            }
            return a;
        }
    }
}
