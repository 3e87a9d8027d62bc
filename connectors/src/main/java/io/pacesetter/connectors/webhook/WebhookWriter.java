package io.pacesetter.connectors.webhook;

import io.pacesetter.config.WebhookConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.sink.RecordJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** One subtask's deliveries: see {@link WebhookSink}. */
final class WebhookWriter implements SinkWriter<Alert> {
    /** The JDK's own logging: the connectors module does not compile against a logging library. */
    private static final System.Logger LOG = System.getLogger(WebhookWriter.class.getName());

    static final String SIGNATURE = "X-Pacesetter-Signature";
    static final String ALERT_ID = "X-Pacesetter-Alert-Id";
    static final String REVISION = "X-Pacesetter-Alert-Revision";

    private final URI url;
    private final SecretKeySpec key;
    private final int attempts;
    private final long firstRetryMs;
    private final long maxRetryMs;
    private final Duration timeout;
    private final long checkpointWaitMs;
    private final Semaphore room;
    private final ExecutorService requests;
    private final ScheduledExecutorService retries;
    private final HttpClient client;
    private final UndeliveredAlerts undelivered;
    /** Accepted and not yet delivered or written to the undelivered file. Guarded by {@code this}. */
    private int inFlight;
    /** Accepted and not yet delivered, written to the undelivered file or not. Guarded by {@code this}. */
    private final Set<Delivery> pending = new LinkedHashSet<>();
    /** A failure that would lose an alert (the undelivered file cannot be written): the job must fail and restart. */
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    WebhookWriter(WebhookConfig config, String secret, Path undeliveredFile) throws IOException {
        this.url = URI.create(config.url());
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.attempts = config.attempts();
        this.firstRetryMs = config.firstRetry().toMillis();
        this.maxRetryMs = config.maxRetry().toMillis();
        this.timeout = config.timeout();
        this.checkpointWaitMs = config.checkpointWait().toMillis();
        this.room = new Semaphore(config.maxInFlight());
        this.requests = Executors.newFixedThreadPool(2, daemon("pacesetter-webhook"));
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon("pacesetter-webhook-retry"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(requests)
                .build();
        this.undelivered = new UndeliveredAlerts(undeliveredFile);
        mac(); // a key the JVM cannot use fails now, not on the first alert
    }

    @Override
    public void write(Alert alert, Context context) throws IOException, InterruptedException {
        failIfAnAlertCouldBeLost();
        String body = RecordJson.alert(alert);
        // Bounded: beyond maxInFlight the pipeline waits here rather than piling alerts up in memory.
        room.acquire();
        Delivery d = new Delivery(alert.alertId, alert.revision, body);
        synchronized (this) {
            inFlight++;
            pending.add(d);
        }
        attempt(d, 1);
    }

    /**
     * At a checkpoint and at the end of input: every accepted alert delivered, or written to the undelivered
     * file. A receiver that is down must not hold the checkpoint (the KPI topics commit on it): after
     * {@code checkpointWait}, what is still pending is written to the undelivered file now and retried on in
     * the background, so a restart from this checkpoint loses none of it.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        long until = System.nanoTime() + checkpointWaitMs * 1_000_000L;
        synchronized (this) {
            long left;
            while (inFlight > 0 && fatal.get() == null && (left = until - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000L));
            }
            for (Delivery d : pending) {
                if (!d.spilled && fatal.get() == null) {
                    undelivered.write(
                            d.alertId,
                            d.revision,
                            "not delivered within alerts.webhook.checkpointWait (" + checkpointWaitMs
                                    + " ms) of a checkpoint; still being retried",
                            d.attempts,
                            d.body);
                    d.spilled = true;
                    inFlight--;
                }
            }
        }
        failIfAnAlertCouldBeLost();
    }

    @Override
    public void close() throws IOException {
        // Anything still in flight was accepted after the last checkpoint: the restart from it sends it again.
        retries.shutdownNow();
        requests.shutdownNow();
        undelivered.close();
    }

    private void attempt(Delivery d, int attempt) {
        d.attempts = attempt;
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Pacesetter")
                .header(ALERT_ID, d.alertId)
                .header(REVISION, Integer.toString(d.revision))
                .header(SIGNATURE, "sha256=" + sign(d.body))
                .POST(HttpRequest.BodyPublishers.ofString(d.body, StandardCharsets.UTF_8))
                .build();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> answered(d, attempt, response, error));
        } catch (RejectedExecutionException | IllegalStateException closed) {
            // The writer is closing (the job is cancelled or failing): this alert was not checkpointed as
            // delivered, so the restart from the last checkpoint sends it again.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Webhook writer closed before alert " + d.alertId + " revision " + d.revision
                            + " was delivered; it is sent again after the restart",
                    closed);
        }
    }

    private void answered(Delivery d, int attempt, HttpResponse<Void> response, Throwable failure) {
        Throwable error = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (error == null && response.statusCode() / 100 == 2) {
            done(d);
            return;
        }
        int status = error == null ? response.statusCode() : 0;
        String why = error != null
                ? error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                : "HTTP " + status;
        boolean worthRetrying = error != null || status >= 500 || status == 408 || status == 429;
        if (worthRetrying && attempt < attempts) {
            long wait = backOff(attempt);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "Webhook delivery of alert " + d.alertId + " revision " + d.revision + " failed (" + why
                            + "), attempt " + attempt + " of " + attempts + "; retrying in " + wait + " ms");
            try {
                retries.schedule(() -> attempt(d, attempt + 1), wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Webhook writer closed while alert " + d.alertId + " revision " + d.revision
                                + " waited for a retry; it is sent again after the restart",
                        closed);
            }
            return;
        }
        String reason = worthRetrying
                ? why + " after " + attempt + " attempts"
                : why + ": refused by the receiver, not retried";
        LOG.log(
                System.Logger.Level.WARNING,
                "Webhook delivery of alert " + d.alertId + " revision " + d.revision + " failed for good (" + reason
                        + "); written to " + undelivered.file());
        try {
            synchronized (this) {
                if (!d.spilled) { // else it is in the file already, from a checkpoint that did not wait for it
                    undelivered.write(d.alertId, d.revision, reason, attempt, d.body);
                }
            }
        } catch (IOException | RuntimeException e) {
            fatal.compareAndSet(null, e);
        }
        done(d);
    }

    /** {@code firstRetry}, then twice as long each time, at most {@code maxRetry}. */
    long backOff(int attemptsSoFar) {
        double wait = firstRetryMs * Math.pow(2, attemptsSoFar - 1);
        return (long) Math.min(wait, maxRetryMs);
    }

    private synchronized void done(Delivery d) {
        if (pending.remove(d) && !d.spilled) {
            inFlight--;
        }
        room.release();
        notifyAll();
    }

    private void failIfAnAlertCouldBeLost() throws IOException {
        Throwable e = fatal.get();
        if (e != null) {
            throw new IOException(
                    "an alert could neither be delivered to the webhook nor written to the undelivered file "
                            + undelivered.file()
                            + "; failing so that the job restarts from its last checkpoint and sends it again",
                    e);
        }
    }

    /** Hex HMAC-SHA256 of the body's UTF-8 bytes. */
    String sign(String body) {
        return HexFormat.of().formatHex(mac().doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Never the key in the message: only that it could not be used.
            throw new IllegalStateException(
                    "cannot sign webhook bodies with HmacSHA256 and the configured alerts.webhook.secret", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One alert's delivery; identity equality (the same alert may be accepted twice after a restart). */
    private static final class Delivery {
        final String alertId;
        final int revision;
        final String body;
        /** Attempts made so far. Guarded by the writer. */
        int attempts;
        /** Written to the undelivered file by a checkpoint that did not wait for it. Guarded by the writer. */
        boolean spilled;

        Delivery(String alertId, int revision, String body) {
            this.alertId = alertId;
            this.revision = revision;
            this.body = body;
        }
    }
}
