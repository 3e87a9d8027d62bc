package io.pacesetter.connectors.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacesetter.connectors.sink.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The webhook's dead letters: each alert that could not be delivered, as one JSON line with the
 * reason, the attempts made, when it was given up and the alert itself (as it would have been
 * POSTed), appended and flushed at once so a crash right after loses none. Opened on first use.
 */
final class UndeliveredAlerts implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private BufferedWriter out;

    UndeliveredAlerts(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized void write(String alertId, int revision, String reason, int attempts, String alertJson)
            throws IOException {
        if (out == null) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            out = new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    StandardCharsets.UTF_8));
        }
        StringWriter line = new StringWriter(alertJson.length() + 200);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("reason", reason);
            g.writeNumberField("attempts", attempts);
            g.writeStringField("gaveUpAt", RecordJson.instant(System.currentTimeMillis()));
            g.writeStringField("alertId", alertId);
            g.writeNumberField("revision", revision);
            g.writeFieldName("alert");
            g.writeRawValue(alertJson);
            g.writeEndObject();
        }
        out.write(line.toString());
        out.write('\n');
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
