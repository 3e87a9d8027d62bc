package io.pacesetter.job.report;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.job.store.MonthlyStoreFiles;
import io.pacesetter.job.store.StoreMonth;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Reads the months a snapshot needs from the store and writes its snapshot in the formats asked for. */
public final class SnapshotFiles {
    private SnapshotFiles() {}

    /** The store's months among the 47 to {@code month} that the comparisons and the trend read. */
    public static Map<YearMonth, StoreMonth> readStore(Path storeDir, YearMonth month) throws IOException {
        Map<YearMonth, StoreMonth> held = new TreeMap<>();
        List<YearMonth> wanted = new SnapshotMonths(month).read();
        for (YearMonth m : MonthlyStoreFiles.months(storeDir)) {
            if (wanted.contains(m)) {
                held.put(m, MonthlyStoreFiles.read(MonthlyStoreFiles.fileOf(storeDir, m)));
            }
        }
        return held;
    }

    /** Builds the month's snapshot from the store and writes it; returns the files written. */
    public static List<Path> build(
            PacesetterConfig config, Path storeDir, YearMonth month, Path outDir, List<String> formats, Clock clock)
            throws IOException {
        Snapshot snapshot = new SnapshotBuilder(config, clock).build(month, readStore(storeDir, month));
        return write(snapshot, outDir, formats);
    }

    /**
     * Writes {@code snapshot-YYYY-MM.csv|xlsx|html} ({@code snapshot-YYYY-MM-public.*} for the public version), each through a temporary file, so a reader
     * never sees half of one.
     */
    public static List<Path> write(Snapshot snapshot, Path outDir, List<String> formats) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (String format : formats) {
            String name = "snapshot-" + snapshot.month() + (snapshot.publicVersion() ? "-public" : "");
            Path target = outDir.resolve(name + "." + format);
            // Not createTempFile: its owner-only permissions would stay on the file the board is sent.
            Path temp =
                    outDir.resolve(".snapshot-" + snapshot.month() + "." + format + "." + UUID.randomUUID() + ".tmp");
            try {
                switch (format) {
                    case "csv" -> {
                        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                            SnapshotCsv.write(snapshot, out);
                        }
                    }
                    case "xlsx" -> {
                        try (OutputStream out = Files.newOutputStream(temp)) {
                            Xlsx.write(snapshot, out);
                        }
                    }
                    case "html" -> Files.writeString(temp, Html.render(snapshot), StandardCharsets.UTF_8);
                    default -> throw new IllegalArgumentException("no format '" + format + "'; use csv, xlsx or html");
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(target);
        }
        return written;
    }
}
