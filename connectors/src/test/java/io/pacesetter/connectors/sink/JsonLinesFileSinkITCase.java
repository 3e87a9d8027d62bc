package io.pacesetter.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.RejectReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Writes records as JSON lines to one named file through a small Flink job. */
class JsonLinesFileSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .build());

    private static final long MS_0800_10 =
            Instant.parse("2016-06-01T08:00:10.000Z").toEpochMilli();

    private static void writeStrings(JsonLinesFileSink<String> sink, String... lines) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(lines).sinkTo(sink);
        env.execute("write " + lines.length + " lines");
    }

    @Test
    void replacingWritesOneLinePerRecordInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kpi.jsonl");

        writeStrings(JsonLinesFileSink.replacing(file, s -> s), "{\"a\":1}", "{\"b\":2}", "{\"c\":3}");

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
    }

    @Test
    void replacingDropsEarlierContent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kpi.jsonl"), "old line one\nold line two which is longer\n");

        writeStrings(JsonLinesFileSink.replacing(file, s -> s), "new");

        assertThat(Files.readAllLines(file)).containsExactly("new");
    }

    @Test
    void appendingKeepsEarlierContent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("alerts.jsonl"), "earlier\n");

        writeStrings(JsonLinesFileSink.appending(file, s -> s), "later-1", "later-2");

        assertThat(Files.readAllLines(file)).containsExactly("earlier", "later-1", "later-2");
    }

    @Test
    void appendingCreatesAMissingFileAndItsDirectories(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/nested/alerts.jsonl");

        writeStrings(JsonLinesFileSink.appending(file, s -> s), "first");
        writeStrings(JsonLinesFileSink.appending(file, s -> s), "second");

        assertThat(Files.readAllLines(file)).containsExactly("first", "second");
    }

    @Test
    void theConverterTurnsEachRecordIntoItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dead-letters.jsonl");
        DeadLetter d = new DeadLetter(
                RejectReason.BAD_TIME,
                "bad time",
                "{\"time\":\"2016-06-01 08:00\"}",
                "calls.jsonl:2",
                "e-1",
                MS_0800_10);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(d).sinkTo(JsonLinesFileSink.replacing(file, RecordJson::deadLetter));
        env.execute("dead letters");

        List<String> lines = Files.readAllLines(file);

        assertThat(lines).hasSize(1);
        assertThat(RecordJson.readDeadLetter(lines.get(0))).isEqualTo(d);
    }

    @Test
    void textIsWrittenAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("names.jsonl");

        writeStrings(JsonLinesFileSink.replacing(file, s -> s), "{\"scopeId\":\"Ynys M\u00f4n\"}");

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"scopeId\":\"Ynys M\u00f4n\"}\n");
    }
}
