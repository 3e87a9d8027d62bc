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
 * The feed is live from 19:50 on a Friday, going into the evening's busiest hours, after its warm
 * start (the 24 hours before, at full speed), so the trend is full from the first minute.
 *
 * <p>Run alone: {@code mvn -B -o verify -pl job -am -Dtest='*Display*ITCase' -Dsurefire.failIfNoSpecifiedTests=false}.
 * The screenshots go to {@code job/target/display.png} and {@code display-detail.png}, or to the directory
 * {@code -Dpacesetter.display.screenshots=DIR} names.
 */
@Timeout(900)
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

            // The wall view (the default page): a few large figures, readable at 5 m, at every screen size.
            browser.open(page);
            browser.awaitState("live", Child.START);
            awaitTheWallFilled(browser, Duration.ofSeconds(300));
            browser.await(
                    Duration.ofSeconds(60),
                    "the evening's 999 calls waiting",
                    d -> (Boolean)
                            browser.js(
                                    "return [...document.querySelectorAll('#wall-queues .figure')].some(s => Number(s.dataset.value) > 0)"));
            // Each queue's last hour: the first queue's window can reach the page a moment before the others'.
            browser.await(
                    Duration.ofSeconds(60),
                    "every queue's last hour on the wall",
                    d -> shownFigures(browser).stream()
                                    .filter(f -> ((String) f.get("id")).contains("|PT1H|"))
                                    .count()
                            >= 3);
            figuresEqualTheKpiRecordsTheJobWrote(browser, out, 3);
            screenshot(browser, "display.png");
            wallReadableFromFiveMetres(browser);
            rotates(browser, page);

            // The detail view: the full table, the trend, every alert.
            browser.open(page.resolve("/?view=detail"));
            browser.awaitState("live", Child.START);
            browser.await(
                    Duration.ofSeconds(120),
                    "sliding-window figures for 999",
                    d -> !figures(browser, "999", "PT1H").isEmpty()
                            && !figures(browser, "999", "PT15M").isEmpty());

            figuresEqualTheKpiRecordsTheJobWrote(browser, out, 6);
            updatesWithoutAReload(browser);
            theCountdownMoves(browser);
            screenshot(browser, "display-detail.png");
            readableFromAcrossTheRoom(browser);
            filters(browser, page);
            assertThat(browser.consoleErrors()).as("console errors").isEmpty();

            // The job dies: the page says so at once, keeps its last figures, and comes back when the job does, without
            // a reload.
            browser.open(page);
            browser.awaitState("live", Duration.ofSeconds(30));
            awaitTheWallFilled(browser, Duration.ofSeconds(60));
            browser.js("window.pacesetterTestMark = 'same page'");
            job.kill();
            browser.awaitState("stale", Duration.ofSeconds(10));
            assertThat((String) browser.js("return document.getElementById('state').textContent"))
                    .contains("STALE");
            assertThat(shownFigures(browser).stream()
                            .filter(f -> ((String) f.get("id")).contains("|PT1H|"))
                            .toList())
                    .as("the wall's last figures stay on the screen")
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
    private static void figuresEqualTheKpiRecordsTheJobWrote(Browser browser, Path out, int atLeast) throws Exception {
        List<Map<String, Object>> shown = shownFigures(browser);
        List<Map<String, Object>> sliding = shown.stream()
                .filter(f -> ((String) f.get("id")).matches(".*\\|PT(15M|1H)\\|\\d+$"))
                .toList();
        assertThat(sliding).as("sliding-window figures on the page").hasSizeGreaterThanOrEqualTo(atLeast);
        Map<String, MeasureRecord> written = new HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        sliding.forEach(f -> wanted.add((String) f.get("id")));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // kpis.jsonl is flushed at each checkpoint (every 2 s here): wait for the records on the page to be there.
        while (!written.keySet().containsAll(wanted) && System.nanoTime() < until) {
            Thread.sleep(500);
            written.clear();
            // After a day's backfill the file is large: read it as a stream, keeping the figures on the page.
            Path kpis = out.resolve(FileOutputs.KPIS);
            if (Files.exists(kpis)) {
                try (java.util.stream.Stream<String> all = Files.lines(kpis, StandardCharsets.UTF_8)) {
                    all.map(RecordJson::readMeasure)
                            .filter(r -> wanted.contains(r.identity()))
                            .forEach(r -> written.put(r.identity(), r));
                }
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
        assertThat(Double.parseDouble(
                        (String) browser.js("return document.getElementById('trend-chart').dataset.hours || '0'")))
                .as("hours on the 24-hour trend")
                .isGreaterThanOrEqualTo(23);
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

    /** To {@code target/}, or the directory {@code -Dpacesetter.display.screenshots=DIR} names (docs/ for the README). */
    private static void screenshot(Browser browser, String name) throws IOException {
        Path file = Path.of(System.getProperty("pacesetter.display.screenshots", "target"))
                .resolve(name);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, browser.screenshot());
        System.out.println("Wall display screenshot (1920x1080): " + file.toAbsolutePath());
    }

    /** Every figure of the wall view and the 24-hour trend, filled (the warm start fed the day before). */
    static void awaitTheWallFilled(Browser browser, Duration timeout) {
        browser.await(timeout, "the wall's 999 figures and a full 24-hour trend", d -> (Boolean) browser.js("""
                const q = [...document.querySelectorAll('#wall-queues .cell')].slice(0, 3)
                  .map(c => c.querySelector('.figure, .minor'));
                const chart = document.getElementById('wall-trend-chart');
                return q.length === 3 && q.every(s => s && s.dataset.id)
                  && Number(chart.dataset.hours || 0) >= 23 && !!chart.querySelector('polyline.value');"""));
    }

    /**
     * The wall view at 1920×1080 from 5 m: every figure at least 64 px and every word at least 28 px, by the computed
     * style of every visible piece of text; the same in proportion at 3840×2160 and 1366×768; one screen, no
     * scrolling; at most about eight headline figures.
     */
    static void wallReadableFromFiveMetres(Browser browser) {
        int[][] screens = {{1920, 1080}, {3840, 2160}, {1366, 768}};
        for (int[] screen : screens) {
            browser.size(screen[0], screen[1]);
            browser.js("window.dispatchEvent(new Event('resize'))");
            double scale = screen[0] / 1920.0;
            List<Map<String, Object>> texts = PageChecks.texts(browser);
            assertThat(texts).hasSizeGreaterThan(20);
            for (Map<String, Object> t : texts) {
                boolean figure = Boolean.TRUE.equals(t.get("figure"));
                assertThat(PageChecks.number(t, "size"))
                        .as(
                                "at %dx%d, size of '%s' (%s.%s)",
                                screen[0], screen[1], t.get("text"), t.get("tag"), t.get("cls"))
                        .isGreaterThanOrEqualTo(
                                (figure ? PageChecks.WALL_FIGURE_PX : PageChecks.WALL_WORD_PX) * scale - 0.5);
                assertThat(PageChecks.number(t, "ratio"))
                        .as("contrast of '%s'", t.get("text"))
                        .isGreaterThanOrEqualTo(PageChecks.MIN_CONTRAST);
            }
            List<Double> figureSizes = texts.stream()
                    .filter(t -> Boolean.TRUE.equals(t.get("figure")))
                    .map(t -> PageChecks.number(t, "size"))
                    .toList();
            assertThat(figureSizes).as("headline figures on the wall").hasSizeBetween(6, 9);
            assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"
                            + " && document.documentElement.scrollHeight <= window.innerHeight"))
                    .as("the wall view fits %dx%d", screen[0], screen[1])
                    .isTrue();
            assertThat(strings(browser.js("return [...document.querySelectorAll('#wall-view section')]"
                            + ".filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id)")))
                    .as("wall sections whose content spills sideways at %dx%d", screen[0], screen[1])
                    .isEmpty();
            System.out.printf(
                    "Wall view at %dx%d: %d texts, %d figures, smallest figure %.0f px, smallest word %.0f px%n",
                    screen[0],
                    screen[1],
                    texts.size(),
                    figureSizes.size(),
                    figureSizes.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    texts.stream()
                            .filter(t -> !Boolean.TRUE.equals(t.get("figure")))
                            .mapToDouble(t -> PageChecks.number(t, "size"))
                            .min()
                            .orElse(0));
        }
        browser.size(1920, 1080);
        // Calls waiting and the longest wait carry a word and a symbol against their alert level, or say which empty
        // state they are in.
        assertThat(strings(browser.js("return [...document.querySelectorAll('#wall-queues .cell')]"
                        + ".map(c => c.lastElementChild.textContent)")))
                .allMatch(w -> w.matches("[✓!✗] \\S.*|no standard|no data yet|no calls"));
        assertThat((String) browser.js("return document.getElementById('wall-clock').textContent"))
                .matches("Clock \\d\\d:\\d\\d:\\d\\d");
    }

    /** {@code ?rotate=PT5S}: the force, then each LPA in turn, on the same stream. */
    private static void rotates(Browser browser, URI page) {
        browser.open(page.resolve("/?rotate=PT5S"));
        browser.awaitState("live", Duration.ofSeconds(30));
        String shown = browser.await(Duration.ofSeconds(20), "the rotation to reach an LPA", d -> {
            String lpa = (String) browser.js("return document.body.dataset.rotation || null");
            return lpa == null || lpa.isEmpty() ? null : lpa;
        });
        assertThat((String) browser.js("return document.getElementById('filter').textContent"))
                .isEqualTo("LPA " + shown);
        assertThat(shownFigures(browser))
                .isNotEmpty()
                .allSatisfy(f -> assertThat((String) f.get("id")).contains("|LPA|" + shown + "|"));
    }

    private static void filters(Browser browser, URI page) {
        browser.open(page.resolve("/?view=detail&lpa=South"));
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

        browser.open(page.resolve("/?view=detail&queue=101"));
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
                return [...document.querySelectorAll('.figure, .minor')].filter(s => s.dataset.id && s.getClientRects().length)
                  .map(s => ({ id: s.dataset.id, measure: s.dataset.id.split('|')[0], value: s.dataset.value, text: s.textContent }));""");
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object fromBrowser) {
        return (List<String>) fromBrowser;
    }
}
