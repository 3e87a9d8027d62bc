package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default, for real: local Flink, the generator, RocksDB with incremental checkpoints, files and the console. */
@Timeout(180)
class RunITCase {
    @TempDir
    Path dir;

    @Test
    void runsTheGeneratorThroughThePipelineWithRocksDbCheckpointsAndWritesRecords() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path config = dir.resolve("run.yaml");
        Files.writeString(
                config,
                "run:\n  checkpointDir: " + checkpoints + "\n  checkpointInterval: PT2S\n  summaryEvery: PT2S\n"
                        + "display:\n  port: 0\n");
        Path out = dir.resolve("out");

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        int exit;
        try {
            // 600 simulated seconds a second: about three simulated hours in the 20 s of running. An hour's warm
            // start rather than the default day, so checkpoints complete within the 20 s on a loaded machine (the
            // day's backfill is NewcomerRunITCase's).
            exit = Pacesetter.execute(
                    "run",
                    "--config",
                    config.toString(),
                    "--speed",
                    "600",
                    "--backfill",
                    "PT1H",
                    "--duration",
                    "PT20S",
                    "--out",
                    out.toString(),
                    "--sliding-every",
                    "PT1M");
        } finally {
            System.setOut(previous);
        }
        assertThat(exit).isZero();

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Example County Police", "waiting now:", "last hour:", "999");

        List<MeasureRecord> kpis = Files.readAllLines(out.resolve(FileOutputs.KPIS)).stream()
                .map(RecordJson::readMeasure)
                .toList();
        assertThat(kpis).isNotEmpty().allMatch(r -> r.window == WindowKind.SLIDING);
        assertThat(kpis).anyMatch(r -> r.measure.equals("ANSWERED_WITHIN_STANDARD") && "999".equals(r.queue));

        try (Stream<Path> completed = Files.walk(checkpoints)) {
            List<Path> metadata = completed
                    .filter(p -> p.getFileName().toString().equals("_metadata"))
                    .toList();
            assertThat(metadata).as("completed checkpoints").isNotEmpty();
        }
        try (Stream<Path> shared = Files.walk(checkpoints)) {
            assertThat(shared.anyMatch(p -> p.getFileName().toString().equals("shared")))
                    .as("RocksDB incremental checkpoints")
                    .isTrue();
        }
    }
}
