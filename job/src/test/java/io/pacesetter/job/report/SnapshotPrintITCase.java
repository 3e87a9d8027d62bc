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
                pdf.toString(),
                dir.resolve("page1.txt").toString()));
        // The summary is in two columns: pdftotext sets them side by side, so only a column's first line is read whole.
        String page1 = Files.readString(dir.resolve("page1.txt")).replaceAll("[ \\t]+", " ");
        // The exceptions summary first: the standards missed, then the headline table.
        assertThat(page1)
                .contains(s.force() + ": monthly performance snapshot, June 2016")
                .contains("Exceptions summary")
                .contains("Standards missed")
                .contains("999 calls answered within 10 s: 50.0% in Jun 2016 (not met), 83.8% over 12");
        run(List.of(
                "pdftotext", "-layout", pdf.toString(), dir.resolve("all.txt").toString()));
        String all = Files.readString(dir.resolve("all.txt")).replaceAll("[ \\t]+", " ");
        assertThat(all)
                .contains("Headline measures")
                // the header's groups (its narrow columns wrap, so their words are not read in one line)
                .contains("Quarter to date")
                .contains("Year to date (Apr)")
                .contains("12 months")
                // June 2016 against June 2015 (10 of 20 against 8 of 10) and the 12 months (+3.8 pt): neither
                // significant
                .contains("-30.0 pt")
                .contains("+3.8 pt")
                .contains("not significant")
                .contains("36-month trend");

        run(List.of("pdfinfo", pdf.toString()));
        String info = Files.readString(dir.resolve("process.log"));
        // A4 landscape is 842 × 595 points.
        assertThat(info).containsPattern("Page size:\\s+841.9\\d* x 59[45].\\d* pts");
        java.util.regex.Matcher pages =
                java.util.regex.Pattern.compile("Pages:\\s+(\\d+)").matcher(info);
        assertThat(pages.find()).isTrue();
        assertThat(Integer.parseInt(pages.group(1))).isBetween(1, 12);
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
                .contains("events rejected")
                .contains("call legs (answered or abandoned, every queue)")
                .contains(ConfigHash.of(SnapshotBuilderTest.CONFIG))
                .contains("4 July 2016 09:00:00 UTC");
    }
}
