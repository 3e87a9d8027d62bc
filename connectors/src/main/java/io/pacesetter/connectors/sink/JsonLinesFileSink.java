package io.pacesetter.connectors.sink;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes records as JSON lines to one named file ({@code periods.jsonl}, not Flink's rolling part
 * files), flushed at every checkpoint and at the end of input: at least once, which a reader of
 * files handles by keeping the last record per identity. Exactly-once delivery is Kafka's job.
 * Run it at parallelism 1; each record is one line.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    private static final int BUFFER_BYTES = 1 << 16;

    /** Appends one record's JSON object to a line. */
    @FunctionalInterface
    public interface LineEncoder<T> extends Serializable {
        void append(T record, JsonLine line);

        /** A record's JSON made as a string. */
        static <T> LineEncoder<T> of(SerializableFunction<T, String> toJson) {
            return (record, line) -> line.raw(toJson.apply(record));
        }
    }

    private final String file;
    private final LineEncoder<T> encoder;
    private final boolean append;

    private JsonLinesFileSink(String file, LineEncoder<T> encoder, boolean append) {
        this.file = file;
        this.encoder = encoder;
        this.append = append;
    }

    /**
     * @param append appends to the file (a live run, which may be restarted over earlier output), or replaces it
     *     (a replay, whose output is the whole answer)
     */
    public static <T> JsonLinesFileSink<T> of(Path file, boolean append, LineEncoder<T> encoder) {
        return new JsonLinesFileSink<>(file.toAbsolutePath().toString(), encoder, append);
    }

    /** Replaces the file: for a replay, whose output is the whole answer. */
    public static <T> JsonLinesFileSink<T> replacing(Path file, SerializableFunction<T, String> toJson) {
        return of(file, false, LineEncoder.of(toJson));
    }

    /** Appends to the file: for a live run, which may be restarted over earlier output. */
    public static <T> JsonLinesFileSink<T> appending(Path file, SerializableFunction<T, String> toJson) {
        return of(file, true, LineEncoder.of(toJson));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        // A FileOutputStream, not a channel stream: cancelling a task interrupts its thread, and an
        // interrupted channel write could stop part-way through a line.
        OutputStream out = new FileOutputStream(path.toFile(), append);
        return new SinkWriter<>() {
            /** Whole lines only: the file never ends in half a record, however the job is stopped. */
            private final JsonLine lines = new JsonLine(BUFFER_BYTES + 4096);

            @Override
            public void write(T element, Context ctx) throws IOException {
                encoder.append(element, lines);
                lines.newline();
                if (lines.size() >= BUFFER_BYTES) {
                    writeOut();
                }
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writeOut();
                out.flush();
            }

            private void writeOut() throws IOException {
                lines.writeTo(out);
                lines.reset();
            }

            @Override
            public void close() throws IOException {
                try {
                    writeOut();
                } finally {
                    out.close();
                }
            }
        };
    }
}
