package io.pacesetter.connectors.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    @Test
    void writesWholeLocalDaysGzippedOrNot(@TempDir Path dir) throws IOException {
        LocalDate day = LocalDate.of(2016, 10, 30); // 25 hours in Europe/London
        var zone = CONFIG.force().timeZone();
        List<String> expected = new ForceSimulator(
                        CONFIG, 11, day.atStartOfDay(zone).toInstant())
                .advanceTo(day.plusDays(1).atStartOfDay(zone).toInstant());

        Path plain = dir.resolve("out/feed.jsonl");
        long written = EventFileWriter.writeDays(CONFIG, 11, day, 1, plain);
        assertThat(written).isEqualTo(expected.size());
        assertThat(Files.readAllLines(plain, StandardCharsets.UTF_8)).isEqualTo(expected);

        Path gzipped = dir.resolve("feed.jsonl.gz");
        assertThat(EventFileWriter.writeDays(CONFIG, 11, day, 1, gzipped)).isEqualTo(expected.size());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertThat(reader.lines().toList()).isEqualTo(expected);
        }
    }
}
