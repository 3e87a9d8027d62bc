package io.pacesetter.wall;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.sink.RecordJson;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Acting on alerts over real sockets: who may, what is kept (one file per action, whole), what is refused. */
@Timeout(120)
class DisplayActionsITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path inbox;

    private DisplayServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(server.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<AlertAction> kept() throws Exception {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .map(f -> {
                        try {
                            return RecordJson.readAction(Files.readString(f).trim());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    @Test
    void noActionsUntilSomeoneMayActThenOnlyWithTheirIdentityOrTheToken() throws Exception {
        server = DisplayServer.start(new DisplayHub(CONFIG, 1), "127.0.0.1", 0, null, 10, Duration.ofSeconds(5));
        assertThat(post("/actions", "{\"kind\":\"ACKNOWLEDGE\",\"alertId\":\"a1\"}")
                        .statusCode())
                .isEqualTo(403);

        server.takeActions(ActionInbox.directory(inbox), "s3cret", "X-Forwarded-User");
        assertThat(post("/actions", "{\"kind\":\"ACKNOWLEDGE\",\"alertId\":\"a1\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(
                                "/actions",
                                "{\"kind\":\"ACKNOWLEDGE\",\"alertId\":\"a1\",\"by\":\"x\"}",
                                "Authorization",
                                "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(kept()).isEmpty();

        HttpResponse<String> ack = post(
                "/actions",
                "{\"kind\":\"ACKNOWLEDGE\",\"alertId\":\"a1\",\"note\":\"unit diverted\",\"by\":\"ignored\"}",
                "X-Forwarded-User",
                "insp.khan");
        assertThat(ack.statusCode()).isEqualTo(202);
        HttpResponse<String> digest = post("/digest", "{\"by\":\"supt.jones\"}", "Authorization", "Bearer s3cret");
        assertThat(digest.statusCode()).isEqualTo(202);

        List<AlertAction> kept = kept();
        assertThat(kept).hasSize(2);
        AlertAction a = kept.stream()
                .filter(k -> k.kind == AlertAction.Kind.ACKNOWLEDGE)
                .findFirst()
                .orElseThrow();
        // The proxy's identity, not what the body claims.
        assertThat(a.by).isEqualTo("insp.khan");
        assertThat(a.alertId).isEqualTo("a1");
        assertThat(a.note).isEqualTo("unit diverted");
        assertThat(ack.body()).contains(a.actionId);
        AlertAction d = kept.stream()
                .filter(k -> k.kind == AlertAction.Kind.DIGEST)
                .findFirst()
                .orElseThrow();
        assertThat(d.by).isEqualTo("supt.jones");
        try (Stream<Path> files = Files.list(inbox)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void aBadActionIsRefusedWithWhatIsWrongAndNothingKept() throws Exception {
        server = DisplayServer.start(new DisplayHub(CONFIG, 1), "127.0.0.1", 0, null, 10, Duration.ofSeconds(5));
        server.takeActions(ActionInbox.directory(inbox), null, "X-Forwarded-User");
        HttpResponse<String> noAlert = post("/actions", "{\"kind\":\"ACKNOWLEDGE\"}", "X-Forwarded-User", "insp.khan");
        assertThat(noAlert.statusCode()).isEqualTo(400);
        assertThat(noAlert.body()).contains("alertId");
        HttpResponse<String> badKind =
                post("/actions", "{\"kind\":\"IGNORE\",\"alertId\":\"a\"}", "X-Forwarded-User", "insp.khan");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.body()).contains("IGNORE");
        assertThat(post("/actions", "not json", "X-Forwarded-User", "insp.khan").statusCode())
                .isEqualTo(400);
        assertThat(kept()).isEmpty();
    }
}
