package io.pacesetter.job.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.job.store.ConfigHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report printed to PDF by real headless Chromium, as a board member's browser would print
 * it, and its first page read back with pdftotext: the title and the headline table are there, on
 * A4 landscape, with nothing fetched from outside the file.
 */
class SnapshotPrintITCase {
    private static final String CHROMIUM = "/usr/bin/chromium";

    @TempDir
    Path dir;

    private String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("process.log").toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in 90 s");
        }
        String log = Files.readString(dir.resolve("process.log"));
        assertThat(p.exitValue()).as(command.get(0) + " exit; output:\n" + log).isZero();
        return log;
    }

    @Test
    @Timeout(150)
    void theFirstPrintedPageHasTheTitleAndTheHeadlineTable() throws Exception {
        Snapshot s = SnapshotBuilderTest.handWorked();
        Path html = dir.resolve("snapshot-2016-06.html");
        Files.writeString(html, Html.render(s), StandardCharsets.UTF_8);
        Path pdf = dir.resolve("snapshot.pdf");

        run(List.of(
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"),
                "--no-pdf-header-footer",
                "--print-to-pdf=" + pdf,
                html.toUri().toString()));
        assertThat(pdf).exists();

        run(List.of(
                "pdftotext",
                "-f",
                "1",
                "-l",
                "1",
                "-layout",
                pdf.toString(),
                dir.resolve("page1.txt").toString()));
        String page1 = Files.readString(dir.resolve("page1.txt")).replaceAll("[ \\t]+", " ");
        assertThat(page1).contains(s.force() + ": monthly performance snapshot, June 2016");
        assertThat(page1)
                .contains("Headline measures")
                .contains("12m Last Year")
                .contains("12m This Year")
                .contains("Better/ Worse % or")
                .contains("% pt. diff.");
        assertThat(page1)
                .containsPattern("999 calls answered within 10 s 90.0% 50.0% 80.0% 83.8% \\+3.8 pt better not met");
        assertThat(page1).containsPattern("999 abandonment rate 2.0% 9.1% 9.1% 15.6% \\+6.5 pt worse not met");
        // The label wraps in its cell: its second line follows the figures.
        assertThat(page1)
                .containsPattern(
                        "Emergency incidents attended within standard 90.0% 70.0% 80.0% 70.0% -10.0 pt worse not met")
                .contains("(15 min urban, 20 min rural)");

        run(List.of("pdfinfo", pdf.toString()));
        String info = Files.readString(dir.resolve("process.log"));
        // A4 landscape is 842 × 595 points.
        assertThat(info).containsPattern("Page size:\\s+841.9\\d* x 59[45].\\d* pts");
    }

    @Test
    void theReportFetchesNothing() {
        String html = Html.render(SnapshotBuilderTest.handWorked());

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("src=")
                .doesNotContain("url(")
                .doesNotContain("@import");
        assertThat(html).contains("size: A4 landscape").contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        assertThat(html)
                .contains("Months covered")
                .contains("Events counted")
                .contains("Events rejected")
                .contains(ConfigHash.of(SnapshotBuilderTest.CONFIG))
                .contains("4 July 2016 09:00:00 UTC");
    }
}
