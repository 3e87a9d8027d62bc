package io.pacesetter.connectors.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.sink.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a force's alerting system would run one: a real local HTTP server that
 * checks every body's signature, keeps each alert once (the highest revision per alertId), and
 * can be told to fail its first requests, or all of them, or to answer slowly.
 */
final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final byte[] secret;
    private final int failFirst;
    private final int failStatus;
    private final long answerAfterMs;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** 2xx answers per delivery identity {@code alertId|revision}. */
    final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    /** Each alert once, in its latest revision: what a de-duplicating receiver shows. */
    final Map<String, Alert> alerts = new ConcurrentHashMap<>();

    final List<String> badSignatures = new CopyOnWriteArrayList<>();

    /**
     * @param failFirst how many requests are answered {@code failStatus} before the receiver works (-1: it never does)
     * @param answerAfterMs how long each answer takes
     */
    Receiver(String secret, int failFirst, int failStatus, long answerAfterMs) throws IOException {
        this(secret, failFirst, failStatus, answerAfterMs, 0);
    }

    /** @param port where to listen (0: any free port), e.g. where a receiver that was down comes back */
    Receiver(String secret, int failFirst, int failStatus, long answerAfterMs, int port) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.failFirst = failFirst;
        this.failStatus = failStatus;
        this.answerAfterMs = answerAfterMs;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/alerts", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int n = requests.incrementAndGet();
            String signature = exchange.getRequestHeaders().getFirst(WebhookWriter.SIGNATURE);
            if (!MessageDigest.isEqual(
                    ("sha256=" + hmac(body)).getBytes(StandardCharsets.UTF_8),
                    String.valueOf(signature).getBytes(StandardCharsets.UTF_8))) {
                badSignatures.add(exchange.getRequestHeaders().getFirst(WebhookWriter.ALERT_ID));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (answerAfterMs > 0) {
                Thread.sleep(answerAfterMs);
            }
            if (failFirst < 0 || n <= failFirst) {
                failed.incrementAndGet();
                exchange.sendResponseHeaders(failStatus, -1);
                return;
            }
            Alert alert = RecordJson.readAlert(new String(body, StandardCharsets.UTF_8));
            accepted.computeIfAbsent(alert.alertId + "|" + alert.revision, k -> new AtomicInteger())
                    .incrementAndGet();
            alerts.merge(alert.alertId, alert, (kept, came) -> came.revision > kept.revision ? came : kept);
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering", e);
        }
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
