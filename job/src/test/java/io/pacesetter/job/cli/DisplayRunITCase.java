package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall display of {@code run}, in a real headless Chromium, fed by the real job (the generator
 * at 30× through local Flink with RocksDB) running in a process of its own, so it can be killed.
 * The feed starts at 19:50 on a Friday, going into the evening's busiest hours.
 *
 * <p>Run alone: {@code mvn -B -o verify -pl job -am -Dtest='*Display*ITCase' -Dsurefire.failIfNoSpecifiedTests=false}.
 * The screenshot goes to {@code job/target/display.png}, or where {@code -Dpacesetter.display.screenshot=PATH} says.
 */
@Timeout(420)
class DisplayRunITCase {
    /** A Friday evening: demand rises towards its weekly peak from 20:00. */
    static final String BUSY_EVENING = "2026-11-20T19:50:00Z";

    @TempDir
    Path dir;

    @Test
    void showsTheJobsFiguresLiveWithCountdownsFiltersAndAStaleStateWhenTheJobDies() throws Exception {
        int port = Child.freePort();
        Path out = dir.resolve("out");
        Path config = Files.writeString(dir.resolve("run.yaml"), """
                run: {checkpointDir: %s, checkpointInterval: PT2S, summaryEvery: PT30S}
                display: {staleAfter: PT4S}
                # Most grade-1 incidents reach "at risk" at 30%% of their limit, so the at-risk list is never empty for long.
                attendance: {atRiskShare: 0.3}
                """.formatted(dir.resolve("checkpoints")));
        String[] run = {
            "run",
            "--config",
            config.toString(),
            "--speed",
            "30",
            "--start",
            BUSY_EVENING,
            "--sliding-every",
            "PT1M",
            "--out",
            out.toString(),
            "--display-port",
            Integer.toString(port)
        };

        Child job = Child.start(dir.resolve("run-1.log"), Map.of(), run);
        try (Browser browser = new Browser(dir.resolve("profile"))) {
            URI page = job.awaitPage(Child.START);
            assertThat(page.getPort()).isEqualTo(port);
            browser.open(page);
            browser.awaitState("live", Child.START);
            browser.await(
                    Duration.ofSeconds(120),
                    "sliding-window figures for 999",
                    d -> !figures(browser, "999", "PT1H").isEmpty()
                            && !figures(browser, "999", "PT15M").isEmpty());

            figuresEqualTheKpiRecordsTheJobWrote(browser, out);
            updatesWithoutAReload(browser);
            theCountdownMoves(browser);
            screenshot(browser);
            readableFromAcrossTheRoom(browser);
            filters(browser, page);
            assertThat(browser.consoleErrors()).as("console errors").isEmpty();

            // The job dies: the page says so at once, keeps its last figures, and comes back when the job does, without
            // a reload.
            browser.open(page);
            browser.awaitState("live", Duration.ofSeconds(30));
            browser.js("window.pacesetterTestMark = 'same page'");
            job.kill();
            browser.awaitState("stale", Duration.ofSeconds(10));
            assertThat((String) browser.js("return document.getElementById('state').textContent"))
                    .contains("STALE");
            assertThat(figures(browser, "999", "PT1H"))
                    .as("the last figures stay on the screen")
                    .isNotEmpty();

            job = Child.start(dir.resolve("run-2.log"), Map.of(), run);
            job.awaitPage(Child.START);
            browser.awaitState("live", Child.START);
            assertThat(browser.js("return window.pacesetterTestMark"))
                    .as("recovered without a reload")
                    .isEqualTo("same page");
        } finally {
            job.close();
        }
    }

    /** Every sliding-window figure on the page is a record the job wrote to kpis.jsonl: same identity, same value, shown as such. */
    private static void figuresEqualTheKpiRecordsTheJobWrote(Browser browser, Path out) throws Exception {
        List<Map<String, Object>> shown = shownFigures(browser);
        List<Map<String, Object>> sliding = shown.stream()
                .filter(f -> ((String) f.get("id")).matches(".*\\|PT(15M|1H)\\|\\d+$"))
                .toList();
        assertThat(sliding).as("sliding-window figures on the page").hasSizeGreaterThanOrEqualTo(6);
        Map<String, MeasureRecord> written = new HashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // kpis.jsonl is flushed at each checkpoint (every 2 s here): wait for the records on the page to be there.
        while (!sliding.stream().allMatch(f -> written.containsKey((String) f.get("id")))
                && System.nanoTime() < until) {
            Thread.sleep(500);
            written.clear();
            for (String line : lines(out.resolve(FileOutputs.KPIS))) {
                MeasureRecord r = RecordJson.readMeasure(line);
                written.put(r.identity(), r);
            }
        }
        for (Map<String, Object> f : sliding) {
            String id = (String) f.get("id");
            MeasureRecord r = written.get(id);
            assertThat(r).as("the job wrote %s", id).isNotNull();
            if (r.value == null) {
                assertThat(f.get("value")).as(id).isEqualTo("");
                assertThat(f.get("text")).as(id).isEqualTo("–");
            } else {
                assertThat(Double.parseDouble((String) f.get("value"))).as(id).isEqualTo(r.value);
                assertThat(f.get("text")).as(id).isEqualTo(expectedText(r));
            }
        }
        System.out.printf(
                "Wall display: %d sliding-window figures on the page equal the job's KPI records%n", sliding.size());
    }

    static String expectedText(MeasureRecord r) {
        return switch (r.measure) {
            case "ANSWERED_WITHIN_STANDARD", "ABANDONMENT_RATE", "ATTENDED_WITHIN_STANDARD" ->
                String.format(Locale.ROOT, "%.1f%%", r.value * 100);
            case "MEAN_WAIT_SECONDS" -> String.format(Locale.ROOT, "%.1f s", r.value);
            case "LONGEST_WAIT_SECONDS" ->
                r.value < 100
                        ? Math.round(r.value) + " s"
                        : (long) (r.value / 60) + ":"
                                + String.format(Locale.ROOT, "%02d", ((long) r.value.doubleValue()) % 60);
            default -> Long.toString(Math.round(r.value));
        };
    }

    private static void updatesWithoutAReload(Browser browser) {
        browser.js("window.pacesetterTestMark = 'same page'");
        String before = figures(browser, "999", "PT1H").get(0);
        browser.await(Duration.ofSeconds(30), "a newer 999 hour window", d -> {
            List<String> now = figures(browser, "999", "PT1H");
            return !now.isEmpty() && !now.get(0).equals(before);
        });
        assertThat(browser.js("return window.pacesetterTestMark"))
                .as("no reload")
                .isEqualTo("same page");
    }

    private static void theCountdownMoves(Browser browser) throws InterruptedException {
        String incident = browser.await(
                Duration.ofSeconds(150),
                "an incident in the at-risk list",
                d -> (String)
                        browser.js(
                                "const li = document.querySelector('#at-risk li[data-deadline]'); return li ? li.dataset.incident : null;"));
        String script = "const li = document.querySelector('#at-risk li[data-incident=\"' + arguments[0] + '\"]');"
                + " return li ? li.querySelector('.countdown').textContent + ' | ' + li.querySelector('.place').textContent : null;";
        String first = (String) browser.js(script, incident);
        Thread.sleep(1_200);
        String second = (String) browser.js(script, incident);
        System.out.printf("Wall display countdown: '%s' then, 1.2 s later, '%s'%n", first, second);
        assertThat(first).matches("\\+?\\d+:\\d\\d (left|over) \\| .+ · .+");
        if (second != null) {
            assertThat(second).as("the countdown moved").isNotEqualTo(first);
        } else {
            // The incident left the list (attended or breached) within the 1.2 s: the list itself moved on.
            assertThat((String) browser.js("return document.querySelector('#at-risk').textContent"))
                    .doesNotContain(incident + " ·");
        }
    }

    private static void readableFromAcrossTheRoom(Browser browser) {
        List<Map<String, Object>> texts = PageChecks.texts(browser);
        assertThat(texts).hasSizeGreaterThan(40);
        for (Map<String, Object> t : texts) {
            assertThat(PageChecks.number(t, "ratio"))
                    .as("contrast of '%s' (%s.%s)", t.get("text"), t.get("tag"), t.get("cls"))
                    .isGreaterThanOrEqualTo(PageChecks.MIN_CONTRAST);
            assertThat(PageChecks.number(t, "size"))
                    .as("size of '%s'", t.get("text"))
                    .isGreaterThanOrEqualTo(
                            Boolean.TRUE.equals(t.get("figure")) ? PageChecks.MIN_FIGURE_PX : PageChecks.MIN_TEXT_PX);
        }
        assertThat(texts.stream()
                        .filter(t -> Boolean.TRUE.equals(t.get("figure")))
                        .count())
                .isGreaterThan(15);
        double lowest = texts.stream()
                .mapToDouble(t -> PageChecks.number(t, "ratio"))
                .min()
                .orElseThrow();
        double smallestFigure = texts.stream()
                .filter(t -> Boolean.TRUE.equals(t.get("figure")))
                .mapToDouble(t -> PageChecks.number(t, "size"))
                .min()
                .orElseThrow();
        System.out.printf(
                "Wall display at 1920x1080: %d texts, lowest contrast %.2f:1, smallest figure %.0f px%n",
                texts.size(), lowest, smallestFigure);
        assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling at 1920x1080")
                .isTrue();
        assertThat(strings(browser.js("return [...document.querySelectorAll('section')]"
                        + ".filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id)")))
                .as("sections whose content spills sideways")
                .isEmpty();
        assertThat((Boolean) browser.js("return document.documentElement.scrollHeight <= window.innerHeight"))
                .as("one 1920x1080 screen holds the whole page")
                .isTrue();
        assertThat(Integer.parseInt(
                        (String) browser.js("return document.getElementById('trend-chart').dataset.points || '0'")))
                .as("points on the 24-hour trend")
                .isGreaterThanOrEqualTo(2);
        assertThat((Boolean) browser.js("return !!document.querySelector('#trend-chart svg polyline.value')"))
                .as("the trend line")
                .isTrue();

        browser.size(3840, 2160);
        double smallestAt4k = PageChecks.texts(browser).stream()
                .filter(t -> Boolean.TRUE.equals(t.get("figure")))
                .mapToDouble(t -> PageChecks.number(t, "size"))
                .min()
                .orElseThrow();
        assertThat(smallestAt4k).as("figures grow with a 4K screen").isGreaterThanOrEqualTo(smallestFigure * 1.9);
        assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("4K fits")
                .isTrue();
        browser.size(1366, 768);
        assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("a laptop fits")
                .isTrue();
        browser.size(1920, 1080);
    }

    private static void screenshot(Browser browser) throws IOException {
        Path file = Path.of(System.getProperty("pacesetter.display.screenshot", "target/display.png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, browser.screenshot());
        System.out.println("Wall display screenshot (1920x1080): " + file.toAbsolutePath());
    }

    private static void filters(Browser browser, URI page) {
        browser.open(page.resolve("/?lpa=South"));
        browser.awaitState("live", Duration.ofSeconds(30));
        browser.await(
                Duration.ofSeconds(60),
                "South's figures",
                d -> !figures(browser, "999", "PT1H").isEmpty());
        List<Map<String, Object>> shown = shownFigures(browser);
        assertThat(shown)
                .isNotEmpty()
                .allSatisfy(f -> assertThat((String) f.get("id")).contains("|LPA|South|"));
        assertThat((String) browser.js("return document.getElementById('filter').textContent"))
                .contains("LPA South");
        assertThat((List<?>) browser.js(
                        "return [...document.querySelectorAll('#at-risk li[data-lpa]')].map(li => li.dataset.lpa)"))
                .allMatch("South"::equals);

        browser.open(page.resolve("/?queue=101"));
        browser.awaitState("live", Duration.ofSeconds(30));
        assertThat(strings(browser.js(
                        "return [...document.querySelectorAll('#calls-body tr')].map(tr => tr.dataset.queue)")))
                .containsExactly("101");
        assertThat((Boolean) browser.js("return document.getElementById('response').hidden"))
                .isTrue();
        assertThat(shownFigures(browser))
                .allSatisfy(f -> assertThat((String) f.get("id")).startsWith(f.get("measure") + "|101|FORCE|"));
    }

    /** The identities behind the figures of one queue and frame, in the calls table. */
    @SuppressWarnings("unchecked")
    static List<String> figures(Browser browser, String queue, String frame) {
        return (List<String>) browser.js("""
                return [...document.querySelectorAll('#calls-body tr[data-queue="' + arguments[0] + '"] .figure')]
                  .map(s => s.dataset.id).filter(id => id && id.includes('|' + arguments[1] + '|'));""", queue, frame);
    }

    /** Every figure on the page with an identity: its id, measure, raw value and the text shown. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> shownFigures(Browser browser) {
        return (List<Map<String, Object>>) browser.js("""
                return [...document.querySelectorAll('.figure')].filter(s => s.dataset.id && !s.closest('[hidden]'))
                  .map(s => ({ id: s.dataset.id, measure: s.dataset.id.split('|')[0], value: s.dataset.value, text: s.textContent }));""");
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object fromBrowser) {
        return (List<String>) fromBrowser;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
