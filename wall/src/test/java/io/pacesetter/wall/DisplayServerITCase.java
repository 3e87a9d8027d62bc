package io.pacesetter.wall;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The display's HTTP side over real sockets: what it serves, to whom, and what many open screens cost. */
@Timeout(120)
class DisplayServerITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.loadYaml("display: {staleAfter: PT5S}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DisplayServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesThePageReadOnlyWithoutAnythingFromOutsideAndAnswersHealthChecks() throws Exception {
        DisplayHub hub = new DisplayHub(CONFIG, 1);
        server = DisplayServer.start(hub, "127.0.0.1", 0, null, 10, Duration.ofSeconds(5));
        URI page = server.uri();

        HttpResponse<String> index =
                HTTP.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(index.body()).contains("display.js", "display.css").doesNotContain("http://", "https://", "@import");
        for (String asset : List.of("display.js", "display.css")) {
            HttpResponse<String> body = HTTP.send(
                    HttpRequest.newBuilder(page.resolve(asset)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(body.statusCode()).isEqualTo(200);
            assertThat(body.body())
                    .as("%s fetches nothing from elsewhere", asset)
                    .doesNotContain("https://", "@font-face", "@import");
        }
        assertThat(status(HttpRequest.newBuilder(page)
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build()))
                .isEqualTo(405);
        assertThat(status(HttpRequest.newBuilder(page.resolve("/admin")).build()))
                .isEqualTo(404);

        assertThat(status(HttpRequest.newBuilder(page.resolve("/health")).build()))
                .isEqualTo(503);
        hub.offer(live(3));
        HttpResponse<String> health = HTTP.send(
                HttpRequest.newBuilder(page.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"FED\"", "\"staleAfter\":\"PT5S\"");
    }

    @Test
    void anAccessTokenIsAskedForTheFiguresAndScreensBeyondTheLimitAreRefused() throws Exception {
        server = DisplayServer.start(new DisplayHub(CONFIG, 1), "127.0.0.1", 0, "t0ken", 2, Duration.ofSeconds(5));
        URI events = server.uri().resolve("/events");
        assertThat(openStream(events, null)).isEqualTo(401);
        assertThat(openStream(URI.create(events + "?token=nope"), null)).isEqualTo(401);
        try (Socket first = stream(URI.create(events + "?token=t0ken"), null);
                Socket second = stream(events, "Bearer t0ken")) {
            awaitEvent(first, "figures");
            awaitEvent(second, "figures");
            assertThat(server.screens()).isEqualTo(2);
            assertThat(openStream(URI.create(events + "?token=t0ken"), null))
                    .as("beyond display.maxScreens")
                    .isEqualTo(503);
        }
    }

    /**
     * Holds many event streams open at once and pushes one update to all of them. Prints the heap and
     * threads they cost (measured, both ends in this JVM, so an upper bound for the server alone).
     */
    @Test
    void manyScreensEachGetEveryUpdateAndCostNoThreadEach() throws Exception {
        int screens = Integer.getInteger("pacesetter.display.screens", 500);
        DisplayHub hub = new DisplayHub(CONFIG, 1);
        hub.offer(live(1));
        server = DisplayServer.start(hub, "127.0.0.1", 0, null, screens, Duration.ofSeconds(5));
        URI events = server.uri().resolve("/events");

        long heapBefore = usedHeapAfterGc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < screens; i++) {
                Socket s = stream(events, null);
                open.add(s);
            }
            for (Socket s : open) {
                awaitEvent(s, "figures");
            }
            assertThat(server.screens()).isEqualTo(screens);
            long heapOpen = usedHeapAfterGc();
            int threadsOpen = ManagementFactory.getThreadMXBean().getThreadCount();

            long pushed = System.nanoTime();
            hub.offer(live(42));
            for (Socket s : open) {
                assertThat(awaitEvent(s, "figures")).contains("\"value\":42.0");
            }
            double allUpdatedMs = (System.nanoTime() - pushed) / 1e6;
            System.out.printf(
                    "Wall display: %d open event streams: heap +%.1f MB (%.1f KB per screen, client sockets included), "
                            + "threads +%d; one update reached all of them in %.0f ms%n",
                    screens,
                    (heapOpen - heapBefore) / 1e6,
                    (heapOpen - heapBefore) / 1e3 / screens,
                    threadsOpen - threadsBefore,
                    allUpdatedMs);
            assertThat(threadsOpen - threadsBefore).as("no thread per screen").isLessThan(20);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        // A screen that went away is noticed at the next write and forgotten.
        hub.offer(live(43));
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.screens() > 0 && System.nanoTime() < until) {
            Thread.sleep(100);
            hub.offer(live(44 + (System.nanoTime() % 1000)));
        }
        assertThat(server.screens()).isZero();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static int status(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status of a request for the stream, read off the wire (the stream itself never ends). */
    private static int openStream(URI uri, String authorization) throws IOException {
        try (Socket s = stream(uri, authorization)) {
            String head = readUntil(s.getInputStream(), "\r\n");
            return Integer.parseInt(head.split(" ")[1]);
        }
    }

    private static Socket stream(URI uri, String authorization) throws IOException {
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nAccept: text/event-stream\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Reads the stream until the next event of this name has arrived whole; returns its data line. */
    private static String awaitEvent(Socket s, String name) throws IOException {
        InputStream in = s.getInputStream();
        readUntil(in, "event: " + name + "\n");
        return readUntil(in, "\n\n");
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            seen.append((char) c);
            if (seen.length() >= end.length() && seen.lastIndexOf(end) == seen.length() - end.length()) {
                return seen.toString();
            }
        }
        throw new IOException("the stream ended before '" + end.strip() + "': " + seen);
    }

    private static MeasureRecord live(double waiting) {
        MeasureRecord r = new MeasureRecord();
        r.measure = "CALLS_WAITING";
        r.queue = "999";
        r.scope = Scope.FORCE;
        r.scopeId = "Example County Police";
        r.window = WindowKind.LIVE;
        r.asOf = System.currentTimeMillis();
        r.value = waiting;
        return r;
    }
}
