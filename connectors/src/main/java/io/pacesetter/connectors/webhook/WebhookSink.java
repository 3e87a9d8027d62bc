package io.pacesetter.connectors.webhook;

import io.pacesetter.config.SecretReferences;
import io.pacesetter.config.WebhookConfig;
import io.pacesetter.connectors.contract.Alert;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * POSTs each alert's JSON ({@code RecordJson.alert}) to {@code alerts.webhook.url}, signed with
 * HMAC-SHA256 under the configured secret, so the receiver can tell it came from Pacesetter.
 *
 * <p>Delivery never holds the pipeline up for long: {@code write} hands the alert to a background
 * client and returns, unless {@code maxInFlight} alerts are already waiting (then it waits for
 * room: back-pressure, not loss). A failed attempt (a connection error, a timeout, HTTP 5xx, 408 or
 * 429) is tried again after {@code firstRetry}, doubling up to {@code maxRetry}, up to
 * {@code attempts} times; a refusal (any other 4xx) is not retried. An alert that is still not
 * delivered is written, with the reason, to the undelivered file: never lost. At a checkpoint
 * ({@code flush}) the writer waits until every alert it accepted is delivered or written there, so
 * a restart from that checkpoint loses none; it may deliver some again, with the same
 * {@code alertId} and {@code revision}, which a receiver uses to keep each once.
 *
 * <p>Each request carries {@code X-Pacesetter-Alert-Id}, {@code X-Pacesetter-Alert-Revision} and
 * {@code X-Pacesetter-Signature: sha256=<hex>} (the HMAC of the exact body bytes). The secret is a
 * reference ({@code ${env:NAME}} or {@code ${file:/path}}) read when the writer starts on its task
 * manager; it is never logged, never in a message and never serialized with the job.
 */
public final class WebhookSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;

    private final WebhookConfig config;
    private final String undeliveredFile;
    private final SerializableFunction<String, String> environment;

    private WebhookSink(WebhookConfig config, Path undeliveredFile, SerializableFunction<String, String> environment) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("alerts.webhook.url is not set: there is no webhook to deliver to");
        }
        this.config = config;
        this.undeliveredFile = undeliveredFile.toAbsolutePath().toString();
        this.environment = environment;
    }

    /**
     * @param config a validated, enabled webhook configuration
     * @param undeliveredFile where alerts that could not be delivered are appended as JSON lines, with the reason
     */
    public static WebhookSink create(WebhookConfig config, Path undeliveredFile) {
        return new WebhookSink(config, undeliveredFile, System::getenv);
    }

    /** The same, reading {@code ${env:…}} references from {@code environment} instead of the process's (for tests). */
    static WebhookSink create(
            WebhookConfig config, Path undeliveredFile, SerializableFunction<String, String> environment) {
        return new WebhookSink(config, undeliveredFile, environment);
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        return createWriter();
    }

    /** A writer, outside a Flink job (tests, tools). */
    WebhookWriter createWriter() throws IOException {
        Function<String, String> env = environment::apply;
        String secret = SecretReferences.resolve("alerts.webhook.secret", config.secret(), env);
        return new WebhookWriter(config, secret, Path.of(undeliveredFile));
    }

    @Override
    public String toString() {
        return "WebhookSink[" + config.url() + ", secret " + config.secret() + "]";
    }
}
