package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first {@code run}: the built-in feed at real time (so FEED_SILENT is watched, by the wall clock) for
 * five minutes, whatever the hour of the day the test runs at, and no FEED_SILENT: the watch has no history yet, and
 * judges the feed by the fallback rates (docs/alerts.md, "Feed silence").
 */
@Timeout(900)
class RunFeedSilenceITCase {
    @TempDir
    Path dir;

    @Test
    void fiveMinutesOfTheBuiltInFeedRaiseNoFeedSilent() throws Exception {
        Path config = dir.resolve("run.yaml");
        Files.writeString(
                config,
                "run:\n  checkpointDir: " + dir.resolve("checkpoints") + "\n  summaryEvery: PT30S\n"
                        + "display:\n  port: 0\n");
        Path out = dir.resolve("out");

        // Sliding windows published every minute, so the check that the feed ran does not hang on where the run's five
        // minutes fall against the default cadence (PT15M).
        int exit = Pacesetter.execute(
                "run",
                "--config",
                config.toString(),
                "--duration",
                "PT5M",
                "--sliding-every",
                "PT1M",
                "--out",
                out.toString());

        assertThat(exit).isZero();
        List<Alert> alerts = Files.readAllLines(out.resolve(FileOutputs.ALERTS)).stream()
                .map(RecordJson::readAlert)
                .toList();
        assertThat(alerts).noneMatch(a -> a.kind == Alert.Kind.FEED_SILENT);
        assertThat(Files.readAllLines(out.resolve(FileOutputs.KPIS)))
                .as("the feed ran: its sliding windows were written")
                .isNotEmpty();
    }
}
