package io.pacesetter.bench.commands;

import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.parse.EventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The limit of a command over event files: each file read (and gunzipped) line by line and every line
 * parsed by the parser the file source uses, one file after another on one thread, as one Flink source
 * reads one file. Nothing is counted or written; what a command does beyond this is its own cost.
 */
public final class ReadAndParse {
    private ReadAndParse() {}

    public static void main(String[] args) throws IOException {
        long events = 0;
        long rejected = 0;
        long latest = Long.MIN_VALUE;
        for (String name : args) {
            Path file = Path.of(name);
            EventParser parser = EventParser.forReplay();
            long line = 0;
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                    BufferedReader lines =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                String text;
                while ((text = lines.readLine()) != null) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    InputRecord r = parser.parse(text, file.getFileName() + ":" + line);
                    if (r.isEvent()) {
                        events++;
                        latest = Math.max(latest, r.eventTime());
                    } else {
                        rejected++;
                    }
                }
            }
        }
        // Printed so the parse cannot be optimised away, and to show what was read.
        System.out.printf("read and parsed %,d events, %,d rejected, latest at %d%n", events, rejected, latest);
    }
}
