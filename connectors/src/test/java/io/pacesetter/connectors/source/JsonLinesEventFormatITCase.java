package io.pacesetter.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads {@code .jsonl} and {@code .jsonl.gz} event files through Flink's file source: every line
 * in order, blank lines skipped, a bad line a dead letter at {@code file:line}.
 */
class JsonLinesEventFormatITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .build());

    private static final String T_0800_00 = "2016-06-01T08:00:00.000Z";
    private static final String T_0800_07_500 = "2016-06-01T08:00:07.500Z";
    private static final String T_0800_09 = "2016-06-01T08:00:09.000Z";
    private static final long MS_0800_00 = Instant.parse(T_0800_00).toEpochMilli();
    private static final long MS_0800_07_500 = Instant.parse(T_0800_07_500).toEpochMilli();
    private static final long MS_0800_09 = Instant.parse(T_0800_09).toEpochMilli();

    private static final String OFFERED =
            "{\"eventId\":\"e-1\",\"callId\":\"c-1\",\"type\":\"OFFERED\",\"queue\":\"999\"," + "\"time\":\""
                    + T_0800_00 + "\",\"district\":\"Ashby\"}";
    private static final String ANSWERED =
            "{\"eventId\":\"e-2\",\"callId\":\"c-1\",\"type\":\"ANSWERED\",\"queue\":\"999\"," + "\"time\":\""
                    + T_0800_07_500 + "\"}";
    private static final String TRUNCATED = "{\"eventId\":\"e-3\",\"callId\":\"c-2\",\"type\":";
    private static final String CREATED = "{\"eventId\":\"e-4\",\"incidentId\":\"i-1\",\"type\":\"CREATED\",\"time\":\""
            + T_0800_09 + "\",\"grade\":1,\"district\":\"Bramley\",\"area\":\"RURAL\",\"callId\":\"c-1\"}";
    private static final String UNKNOWN_TYPE = "{\"eventId\":\"e-5\",\"callId\":\"c-3\",\"type\":\"RINGING\","
            + "\"queue\":\"101\",\"time\":\"" + T_0800_09 + "\"}";

    /** Line numbers are 1-based and count blank lines. */
    private static final List<String> LINES = List.of(
            OFFERED, // 1
            "", // 2
            ANSWERED, // 3
            "   ", // 4
            TRUNCATED, // 5
            "\t", // 6
            CREATED, // 7
            UNKNOWN_TYPE); // 8

    private static List<InputRecord> read(Path file) throws Exception {
        List<EventFileSources.NamedSource> sources = EventFileSources.forFiles(List.of(file));
        assertThat(sources).hasSize(1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<InputRecord> records = new ArrayList<>();
        try (var it = env.fromSource(sources.get(0).source(), WatermarkStrategy.noWatermarks(), "x")
                .executeAndCollect("read " + file.getFileName())) {
            it.forEachRemaining(records::add);
        }
        return records;
    }

    private static Path writePlain(Path file, List<String> lines, String newline) throws IOException {
        Files.writeString(file, String.join(newline, lines) + newline, StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeGzip(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static void assertTheSampleCameBack(List<InputRecord> records, String fileName) {
        assertThat(records).hasSize(5);

        assertThat(records.get(0).call)
                .isEqualTo(new CallEvent("e-1", "c-1", CallEventType.OFFERED, "999", MS_0800_00, "Ashby"));
        assertThat(records.get(1).call)
                .isEqualTo(new CallEvent("e-2", "c-1", CallEventType.ANSWERED, "999", MS_0800_07_500, null));

        DeadLetter truncated = records.get(2).deadLetter;
        assertThat(truncated).isNotNull();
        assertThat(truncated.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(truncated.origin).isEqualTo(fileName + ":5");
        assertThat(truncated.original).isEqualTo(TRUNCATED);
        assertThat(truncated.receivedAfter).as("the last good event's time").isEqualTo(MS_0800_07_500);

        assertThat(records.get(3).incident)
                .isEqualTo(new IncidentEvent(
                        "e-4", "i-1", IncidentEventType.CREATED, MS_0800_09, 1, "Bramley", Area.RURAL, null, "c-1"));

        DeadLetter unknownType = records.get(4).deadLetter;
        assertThat(unknownType).isNotNull();
        assertThat(unknownType.reason).isEqualTo(RejectReason.UNKNOWN_TYPE);
        assertThat(unknownType.origin).isEqualTo(fileName + ":8");
        assertThat(unknownType.original).isEqualTo(UNKNOWN_TYPE);
        assertThat(unknownType.eventId).isEqualTo("e-5");
        assertThat(unknownType.eventTime).isEqualTo(MS_0800_09);
    }

    @Test
    void aPlainFileComesBackLineByLineInOrder(@TempDir Path dir) throws Exception {
        Path file = writePlain(dir.resolve("calls.jsonl"), LINES, "\n");

        assertTheSampleCameBack(read(file), "calls.jsonl");
    }

    @Test
    void aGzipFileComesBackTheSameWithItsOwnName(@TempDir Path dir) throws Exception {
        Path file = writeGzip(dir.resolve("calls.jsonl.gz"), LINES);

        assertTheSampleCameBack(read(file), "calls.jsonl.gz");
    }

    @Test
    void windowsLineEndingsCountLinesTheSame(@TempDir Path dir) throws Exception {
        Path file = writePlain(dir.resolve("crlf.jsonl"), LINES, "\r\n");

        assertTheSampleCameBack(read(file), "crlf.jsonl");
    }

    @Test
    void aLastLineWithoutNewlineIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("short.jsonl");
        Files.writeString(file, OFFERED + "\n" + ANSWERED, StandardCharsets.UTF_8);

        List<InputRecord> records = read(file);

        assertThat(records).extracting(InputRecord::eventId).containsExactly("e-1", "e-2");
    }

    @Test
    void anEmptyFileGivesNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

        assertThat(read(file)).isEmpty();
    }

    @Test
    void aLongerGzipFileKeepsOrderAndLineNumbers(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> expectedIds = new ArrayList<>();
        List<String> expectedDeadOrigins = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 100 == 50) {
                lines.add("");
            } else if (i % 250 == 7) {
                lines.add("not json " + i);
                expectedIds.add(null);
                expectedDeadOrigins.add("many.jsonl.gz:" + lines.size());
            } else {
                String id = "e-" + i;
                lines.add("{\"eventId\":\"" + id + "\",\"callId\":\"c-" + i + "\",\"type\":\"OFFERED\","
                        + "\"queue\":\"999\",\"time\":\"" + Instant.ofEpochMilli(MS_0800_00 + i) + "\"}");
                expectedIds.add(id);
            }
        }
        Path file = writeGzip(dir.resolve("many.jsonl.gz"), lines);

        List<InputRecord> records = read(file);

        assertThat(records).extracting(InputRecord::eventId).containsExactlyElementsOf(expectedIds);
        assertThat(records)
                .filteredOn(r -> !r.isEvent())
                .extracting(r -> r.deadLetter.origin)
                .containsExactlyElementsOf(expectedDeadOrigins);
    }

    @Test
    void oneNamedSourcePerFile(@TempDir Path dir) throws Exception {
        Path calls = writePlain(dir.resolve("calls.jsonl"), List.of(OFFERED), "\n");
        Path incidents = writeGzip(dir.resolve("incidents.jsonl.gz"), List.of(CREATED));

        List<EventFileSources.NamedSource> sources = EventFileSources.forFiles(List.of(calls, incidents));

        assertThat(sources)
                .extracting(EventFileSources.NamedSource::name)
                .containsExactly("calls.jsonl", "incidents.jsonl.gz");
        assertThat(EventFileSources.forFiles(List.of())).isEmpty();
    }
}
