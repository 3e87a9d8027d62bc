package io.pacesetter.connectors.generator;

import io.pacesetter.config.PacesetterConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.zip.GZIPOutputStream;

/**
 * Writes whole local days of the simulated feed to a JSON-lines file, for replays and the monthly
 * snapshot: the same file every time for the same seed, so figures computed from it can be checked
 * against each other. Days are cut in the force's zone, like the DAY and MONTH periods they feed.
 */
public final class EventFileWriter {
    private static final long STEP = 3_600_000L;

    private EventFileWriter() {}

    /**
     * Writes every line sent in [{@code startLocalDate} 00:00 local, + {@code days}) to {@code out}
     * (gzip if the name ends in {@code .gz}); lines a fault would send after the end are left out.
     *
     * @return the number of lines written
     */
    public static long writeDays(PacesetterConfig config, long seed, LocalDate startLocalDate, int days, Path out) {
        if (days < 1) {
            throw new IllegalArgumentException(
                    "--days " + days + " is not allowed; give a whole number of days from 1");
        }
        ZoneId zone = config.force().timeZone();
        Instant start = startLocalDate.atStartOfDay(zone).toInstant();
        Instant end = startLocalDate.plusDays(days).atStartOfDay(zone).toInstant();
        ForceSimulator simulator = new ForceSimulator(config, seed, start);
        long count = 0;
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream file = Files.newOutputStream(out);
                    OutputStream raw =
                            out.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
                    Writer writer = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16)) {
                for (long t = start.toEpochMilli(); t < end.toEpochMilli(); ) {
                    t = Math.min(end.toEpochMilli(), t + STEP);
                    for (String line : simulator.advanceTo(Instant.ofEpochMilli(t))) {
                        writer.write(line);
                        writer.write('\n');
                        count++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return count;
    }
}
