package io.pacesetter.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file holds whole lines only, even when the task writing it is interrupted, as a cancelled Flink task is. */
class JsonLinesFileSinkTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedWriterStillWritesWholeLinesAndLosesNoneItWasGiven() throws Exception {
        Path file = dir.resolve("kpis.jsonl");
        SinkWriter<Integer> writer = JsonLinesFileSink.<Integer>replacing(
                        file, i -> "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 97) + "\"}")
                .createWriter(null);
        try {
            for (int i = 0; i < 20_000; i++) {
                if (i == 10_000) {
                    // A channel-backed stream would now close itself part-way through a write.
                    Thread.currentThread().interrupt();
                }
                writer.write(i, null);
            }
            writer.close();
        } finally {
            assertThat(Thread.interrupted())
                    .as("the interrupt is left for the task to see")
                    .isTrue();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(20_000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("{\"n\":" + i + ",").endsWith("\"}");
        }
        assertThat(Files.readString(file)).endsWith("\n");
    }
}
