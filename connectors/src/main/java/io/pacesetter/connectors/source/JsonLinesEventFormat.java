package io.pacesetter.connectors.source;

import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.parse.EventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a {@code .jsonl} file (gzip when the name ends in {@code .gz}: Flink's file source
 * decompresses by extension) one line per event, parsing each into an {@link InputRecord} at the
 * source so watermarks can follow each file's own event time. Blank lines carry nothing and are
 * skipped; every other line becomes an event or a dead letter whose origin is {@code file:line}.
 */
public final class JsonLinesEventFormat extends SimpleStreamFormat<InputRecord> {
    private final String fileName;

    /** @param fileName the name written into each dead letter's origin */
    public JsonLinesEventFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public StreamFormat.Reader<InputRecord> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        EventParser parser = EventParser.forReplay();
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public InputRecord read() throws IOException {
                String line;
                while ((line = lines.readLine()) != null) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        return parser.parse(line, fileName + ':' + lineNumber);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
