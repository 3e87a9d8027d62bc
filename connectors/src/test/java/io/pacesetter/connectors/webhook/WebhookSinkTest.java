package io.pacesetter.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.WebhookConfig;
import io.pacesetter.connectors.contract.Alert;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The webhook against a real local HTTP server: signed, retried with back-off, never blocking for long, never losing an alert. */
@Timeout(60)
class WebhookSinkTest {
    private static final String SECRET = "correct-horse-battery-staple";

    @TempDir
    Path dir;

    static List<Alert> alerts(int n) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Alert a = new Alert();
            a.kind = Alert.Kind.INCIDENT_BREACHED;
            a.alertId = Alert.idOf(a.kind, "INC-" + i, 1_000L * i);
            a.severity = Alert.Severity.CRITICAL;
            a.audience.add(Alert.Audience.DUTY_COMMAND_OFFICER);
            a.state = Alert.State.RAISED;
            a.time = 1_000L * i + 900_000;
            a.episodeStart = 1_000L * i;
            a.incidentId = "INC-" + i;
            a.sentence = "Grade 1 incident INC-" + i + " passed its limit with nobody on scene.";
            a.force = "Example County Police";
            alerts.add(a);
            if (i % 5 == 0) {
                Alert cleared = a.next(Alert.State.CLEARED);
                cleared.outcome = "ATTENDED_LATE";
                alerts.add(cleared);
            }
        }
        return alerts;
    }

    private WebhookWriter writer(String url, int attempts) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");
        WebhookConfig config = new WebhookConfig(
                url,
                "${file:" + secretFile.toAbsolutePath() + "}",
                attempts,
                Duration.ofMillis(10),
                Duration.ofMillis(80),
                Duration.ofSeconds(5),
                1000,
                Duration.ofMinutes(1));
        return WebhookSink.create(config, dir.resolve("undelivered.jsonl"), name -> null)
                .createWriter();
    }

    @Test
    void everyAlertArrivesOncePerIdThoughTheReceiverFailsItsFirstRequests() throws Exception {
        List<Alert> sent = alerts(100);
        try (Receiver receiver = new Receiver(SECRET, 30, 503, 0);
                WebhookWriter writer = writer(receiver.url(), 8)) {
            for (Alert a : sent) {
                writer.write(a, null);
            }
            writer.flush(false);

            assertThat(receiver.failed)
                    .as("the receiver's first answers were failures")
                    .hasValue(30);
            assertThat(receiver.badSignatures)
                    .as("every body is signed with the secret")
                    .isEmpty();
            assertThat(receiver.accepted.keySet())
                    .as("every delivery arrived")
                    .containsExactlyInAnyOrderElementsOf(
                            sent.stream().map(a -> a.alertId + "|" + a.revision).toList());
            assertThat(receiver.accepted.values())
                    .as("each accepted once")
                    .allSatisfy(n -> assertThat(n).hasValue(1));
            assertThat(receiver.alerts)
                    .as("one per alertId, in its latest revision")
                    .hasSize(100);
            assertThat(receiver.alerts.get(sent.get(0).alertId).state).isEqualTo(Alert.State.CLEARED);
            assertThat(dir.resolve("undelivered.jsonl")).doesNotExist();
        }
    }

    @Test
    void alertsTheReceiverNeverTakesAreWrittenToTheUndeliveredFileWithTheReason() throws Exception {
        List<Alert> sent = alerts(10);
        try (Receiver receiver = new Receiver(SECRET, -1, 500, 0);
                WebhookWriter writer = writer(receiver.url(), 3)) {
            for (Alert a : sent) {
                writer.write(a, null);
            }
            writer.flush(false);

            assertThat(receiver.requests).as("three attempts each").hasValue(3 * sent.size());
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("undelivered.jsonl"))) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(sent.size()).allSatisfy(n -> {
            assertThat(n.get("reason").asText()).isEqualTo("HTTP 500 after 3 attempts");
            assertThat(n.get("attempts").asInt()).isEqualTo(3);
            assertThat(n.get("alert").get("sentence").asText()).startsWith("Grade 1 incident");
        });
        assertThat(lines)
                .extracting(
                        n -> n.get("alertId").asText() + "|" + n.get("revision").asInt())
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(a -> a.alertId + "|" + a.revision).toList());
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        try (Receiver receiver = new Receiver(SECRET, -1, 422, 0);
                WebhookWriter writer = writer(receiver.url(), 8)) {
            writer.write(alerts(1).get(0), null);
            writer.flush(false);

            assertThat(receiver.requests).hasValue(1);
        }
        assertThat(Files.readString(dir.resolve("undelivered.jsonl")))
                .contains("HTTP 422: refused by the receiver, not retried");
    }

    @Test
    void anUnreachableReceiverIsRetriedAndThenWrittenOff() throws Exception {
        try (WebhookWriter writer = writer("http://127.0.0.1:9/alerts", 2)) {
            writer.write(alerts(1).get(0), null);
            writer.flush(false);
        }
        assertThat(Files.readString(dir.resolve("undelivered.jsonl")))
                .contains("ConnectException")
                .contains("after 2 attempts");
    }

    @Test
    void writingDoesNotWaitForASlowReceiverButACheckpointWaitsForEveryDelivery() throws Exception {
        List<Alert> sent = alerts(8);
        try (Receiver receiver = new Receiver(SECRET, 0, 503, 2000);
                WebhookWriter writer = writer(receiver.url(), 8)) {
            for (Alert a : sent) {
                writer.write(a, null);
            }
            // Every write has returned while the receiver is still holding its first request: write only hands
            // the alert over (a timing limit here would only measure the machine's load).
            assertThat(receiver.accepted)
                    .as("delivered when the writes returned")
                    .isEmpty();

            writer.flush(false);

            assertThat(receiver.accepted).hasSize(sent.size());
        }
    }

    @Test
    @Timeout(90) // without the bound, flush waits out 100 attempts two seconds apart (over three minutes)
    void aReceiverThatIsDownHoldsACheckpointOnlyForCheckpointWaitAndLosesNothing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // Nothing listens on the port: every attempt is refused, as when the receiver is down.
        Path secretFile = Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");
        WebhookConfig config = new WebhookConfig(
                "http://127.0.0.1:" + port + "/alerts",
                "${file:" + secretFile.toAbsolutePath() + "}",
                100,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                100,
                Duration.ofMillis(500));
        Path undelivered = dir.resolve("undelivered.jsonl");
        List<Alert> sent = alerts(5);
        try (WebhookWriter writer =
                WebhookSink.create(config, undelivered, name -> null).createWriter()) {
            for (Alert a : sent) {
                writer.write(a, null);
            }
            writer.flush(false);

            assertThat(Files.readAllLines(undelivered))
                    .as("every pending alert is in the undelivered file when the checkpoint goes on")
                    .hasSize(sent.size())
                    .allMatch(line -> line.contains("checkpointWait"));

            try (Receiver receiver = new Receiver(SECRET, 0, 503, 0, port)) {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (receiver.accepted.size() < sent.size() && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertThat(receiver.accepted.keySet())
                        .as("and still delivered once the receiver is back")
                        .containsExactlyInAnyOrderElementsOf(sent.stream()
                                .map(a -> a.alertId + "|" + a.revision)
                                .toList());
            }
            writer.flush(false);
            assertThat(Files.readAllLines(undelivered))
                    .as("nothing written twice")
                    .hasSize(sent.size());
        }
    }

    @Test
    void theBackOffDoublesUpToTheLongestWait() throws Exception {
        try (WebhookWriter writer = writer("http://127.0.0.1:9/alerts", 8)) {
            assertThat(IntStream.rangeClosed(1, 5).mapToLong(writer::backOff).toArray())
                    .containsExactly(10, 20, 40, 80, 80);
        }
    }

    @Test
    void theSecretIsReadFromItsReferenceAndNeverShown() throws Exception {
        WebhookConfig config = new WebhookConfig(
                "https://alerts.example.invalid/hook",
                "${env:HOOK_KEY}",
                3,
                Duration.ofMillis(10),
                Duration.ofMillis(80),
                Duration.ofSeconds(5),
                10,
                Duration.ofMinutes(1));
        WebhookSink sink =
                WebhookSink.create(config, dir.resolve("u.jsonl"), name -> name.equals("HOOK_KEY") ? SECRET : null);

        try (WebhookWriter writer = sink.createWriter()) {
            assertThat(writer.sign("{}")).hasSize(64);
        }
        assertThat(sink.toString()).contains("${env:HOOK_KEY}").doesNotContain(SECRET);
    }
}
