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
 * POSTs each alert's JSON ({@code RecordJson.alert}) to {@code alerts.webhook.url}, signed with HMAC-SHA256
 * under the configured secret, so the receiver can tell it came from Pacesetter. Failed attempts are retried
 * with a doubling wait; what still cannot be delivered is written, with the reason, to the undelivered file.
 * At a checkpoint ({@code flush}) it waits until every alert it accepted is delivered or written there, so a
 * restart loses none. The secret is never logged nor serialized with the job. Headers, retries and
 * redelivery: docs/alerts.md, "Where they go".
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

    /**
     * The same, reading {@code ${env:…}} references from {@code environment} instead of the
     * process's (for tests).
     */
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
