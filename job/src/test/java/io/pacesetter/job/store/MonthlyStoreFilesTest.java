package io.pacesetter.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.measures.MonthAggregate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store files: everything a tally holds comes back, and writing a month again gives the same bytes. */
class MonthlyStoreFilesTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final String FORCE = CONFIG.force().name();

    @TempDir
    Path dir;

    private static ClosedMonth june() {
        MonthAggregate calls = StoreMonths.calls(
                CONFIG,
                "2016-06",
                "999",
                Scope.FORCE,
                FORCE,
                StoreMonths.concat(StoreMonths.waits(3, 4_321), new long[] {10_000, 10_001, 61_500}),
                2);
        calls.tally.shortAbandoned = 1;
        calls.revision = 2;
        MonthAggregate urban =
                StoreMonths.attendance(CONFIG, "2016-06", Scope.LPA, "North", Area.URBAN, 4, "TRAFFIC", "");
        MonthAggregate quality = StoreMonths.rejected(CONFIG, "2016-06", "DUPLICATE", "DUPLICATE", "UNKNOWN_DISTRICT");
        List<MonthAggregate> all = new java.util.ArrayList<>(List.of(quality, urban, calls));
        all.sort(java.util.Comparator.comparing(a -> a.key));
        return new ClosedMonth("2016-06", all);
    }

    @Test
    void aMonthReadBackHasEveryCountAndEveryWait() throws IOException {
        ClosedMonth month = june();
        Path file = MonthlyStoreFiles.write(dir, month, FORCE, "Europe/London", "abc123");

        StoreMonth read = MonthlyStoreFiles.read(file);

        assertThat(file.getFileName().toString()).isEqualTo("2016-06.json.gz");
        assertThat(read.month()).isEqualTo(YearMonth.of(2016, 6));
        assertThat(read.force()).isEqualTo(FORCE);
        assertThat(read.configHash()).isEqualTo("abc123");
        assertThat(read.aggregates())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(month.aggregates);
        assertThat(MonthlyStoreFiles.months(dir)).containsExactly(YearMonth.of(2016, 6));
    }

    @Test
    void aStoreOnAFlinkFileSystemUriHoldsTheSameBytesAsOneOnADisk() throws IOException {
        // The cluster job's store: a URI for Flink's FileSystem (file:// here, s3:// on a cluster with the plugin).
        Path onDisk = MonthlyStoreFiles.write(dir.resolve("disk"), june(), FORCE, "Europe/London", "abc123");
        java.net.URI viaFlink =
                MonthlyStoreFiles.write(dir.resolve("flink").toUri(), june(), FORCE, "Europe/London", "abc123");
        MonthlyStoreFiles.write(dir.resolve("flink").toUri(), june(), FORCE, "Europe/London", "abc123");

        assertThat(Files.readAllBytes(Path.of(viaFlink))).isEqualTo(Files.readAllBytes(onDisk));
        assertThat(MonthlyStoreFiles.months(dir.resolve("flink")))
                .as("written again after a restart: one file, no temporary left")
                .containsExactly(YearMonth.of(2016, 6));
        try (var files = Files.list(dir.resolve("flink"))) {
            assertThat(files).containsExactly(Path.of(viaFlink));
        }
    }

    @Test
    void writingAMonthAgainAfterARestartGivesTheSameFile() throws IOException {
        Path file = MonthlyStoreFiles.write(dir, june(), FORCE, "Europe/London", "abc123");
        byte[] first = Files.readAllBytes(file);

        MonthlyStoreFiles.write(dir, june(), FORCE, "Europe/London", "abc123");

        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFileThatIsNotAStoreFileIsRefusedSayingWhatToDo() throws IOException {
        Path file = dir.resolve("2016-07.json.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"format\":\"something-else\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> MonthlyStoreFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a pacesetter-monthly-store/1 file")
                .hasMessageContaining("snapshot.storeDir");
    }
}
