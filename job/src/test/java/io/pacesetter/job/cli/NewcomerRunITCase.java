package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.job.publish.FileOutputs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first {@code run}, as the README tells them: no options but where to write, the built-in feed at real
 * time, in a process of its own. Its warm start (the last 24 hours of the feed at full speed) fills the wall view, the
 * 999 figures and the 24-hour trend, within {@code pacesetter.newcomer.fillWithin} (default PT90S, the issue's
 * acceptance); the console says it is catching up and when it is live; and no {@code FEED_SILENT} is raised while it is
 * watched for {@code pacesetter.newcomer.watch} from start (PT5M), whatever the hour the test runs at (docs/alerts.md,
 * "Feed silence").
 */
@Timeout(900)
class NewcomerRunITCase {
    @TempDir
    Path dir;

    @Test
    void theWallIsFilledWithinAMinuteAndTheBuiltInFeedNeverLooksSilent() throws Exception {
        Duration fillWithin = Duration.parse(System.getProperty("pacesetter.newcomer.fillWithin", "PT90S"));
        Duration watch = Duration.parse(System.getProperty("pacesetter.newcomer.watch", "PT5M"));
        Path out = dir.resolve("out");
        Path config = Files.writeString(
                dir.resolve("run.yaml"), "run: {checkpointDir: %s}%n".formatted(dir.resolve("checkpoints")));
        long started = System.nanoTime();
        Child run = Child.start(
                dir.resolve("run.log"),
                Map.of(),
                "run",
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--display-port",
                "0");
        try (Browser browser = new Browser(dir.resolve("profile"))) {
            URI page = run.awaitPage(Child.START);
            browser.open(page);
            // Waits past the bound, so a slow machine still measures how long it took (the assertion below decides).
            try {
                DisplayRunITCase.awaitTheWallFilled(browser, fillWithin.plus(Duration.ofSeconds(150)));
            } catch (RuntimeException notFilled) {
                System.out.printf(
                        "Newcomer's run, not filled: trend %s h; console:%n%s%n",
                        browser.js("return document.getElementById('wall-trend-chart').dataset.hours"),
                        run.output().lines().filter(l -> !l.startsWith(" ")).reduce("", (x, y) -> x + y + "\n"));
                throw notFilled;
            }
            double filledAfter = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "Newcomer's run: the wall view filled (999 figures, %s h of trend) %.1f s after the command started%n",
                    browser.js("return document.getElementById('wall-trend-chart').dataset.hours"), filledAfter);
            assertThat(run.output()).contains("Catching up: feeding");
            // What the newcomer sees once it is filled, to look at (target/, or -Dpacesetter.display.screenshots=DIR).
            Path shot = Path.of(System.getProperty("pacesetter.display.screenshots", "target"))
                    .resolve("newcomer.png");
            Files.createDirectories(shot.toAbsolutePath().getParent());
            Files.write(shot, browser.screenshot());

            long until = started + watch.toNanos();
            while (System.nanoTime() < until) {
                assertThat((Boolean) browser.js("return document.getElementById('banner').hidden"))
                        .as("no FEED_SILENT banner %.0f s after start", (System.nanoTime() - started) / 1e9)
                        .isTrue();
                Thread.sleep(1_000);
            }
            assertThat(run.output())
                    .contains("Live: the figures have caught up")
                    .doesNotContain("FEED SILENT");
            Path alerts = out.resolve(FileOutputs.ALERTS);
            String written = Files.exists(alerts) ? Files.readString(alerts, StandardCharsets.UTF_8) : "";
            assertThat(written).as("alerts written in the first %s", watch).doesNotContain("FEED_SILENT");
            assertThat(browser.consoleErrors()).as("console errors").isEmpty();
            assertThat(filledAfter).as("seconds from run to a filled wall").isLessThanOrEqualTo(fillWithin.toSeconds());
        } finally {
            run.close();
        }
    }
}
