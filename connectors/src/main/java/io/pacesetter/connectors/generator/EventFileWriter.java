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
        return write(config, seed, startLocalDate, days, out, null);
    }

    /**
     * Writes the feed with every delivery fault of {@code generator.faults} (docs/faults.md) to
     * {@code faulty}, and the same events delivered cleanly (each once, in time order, nothing broken)
     * to {@code clean}. The faulty file also carries what its faults still owe at the end (a late
     * backlog, a re-send) of the events stamped before it, so both files hold the same events.
     *
     * @return the number of lines written to {@code faulty}
     */
    public static long writeFaultyAndClean(
            PacesetterConfig config, long seed, LocalDate startLocalDate, int days, Path faulty, Path clean) {
        return write(config, seed, startLocalDate, days, faulty, clean);
    }

    private static long write(
            PacesetterConfig config, long seed, LocalDate startLocalDate, int days, Path out, Path cleanOut) {
        if (days < 1) {
            throw new IllegalArgumentException(
                    "--days " + days + " is not allowed; give a whole number of days from 1");
        }
        ZoneId zone = config.force().timeZone();
        Instant start = startLocalDate.atStartOfDay(zone).toInstant();
        Instant end = startLocalDate.plusDays(days).atStartOfDay(zone).toInstant();
        ForceSimulator simulator = cleanOut == null
                ? new ForceSimulator(config, seed, start)
                : new ForceSimulator(config, seed, start, true);
        long count = 0;
        try (Writer writer = open(out);
                Writer cleanWriter = cleanOut == null ? Writer.nullWriter() : open(cleanOut)) {
            for (long t = start.toEpochMilli(); t < end.toEpochMilli(); ) {
                t = Math.min(end.toEpochMilli(), t + STEP);
                count += writeLines(writer, simulator.advanceTo(Instant.ofEpochMilli(t)));
                if (cleanOut != null) {
                    writeLines(cleanWriter, simulator.cleanTo(Instant.ofEpochMilli(t)));
                }
            }
            if (cleanOut != null) {
                count += writeLines(writer, simulator.owedBefore(end));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return count;
    }

    private static long writeLines(Writer writer, java.util.List<String> lines) throws IOException {
        for (String line : lines) {
            writer.write(line);
            writer.write('\n');
        }
        return lines.size();
    }

    private static Writer open(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream file = Files.newOutputStream(out);
        OutputStream raw = out.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
        return new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
    }
}
