package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.kafka.MeasureRecordSerializer;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code display} on its own, as a cluster deployment runs it ({@code display --kafka HOST:PORT
 * --bind … --port …}), fed from the KPI and alert topics of the real embedded broker, seen in a real
 * headless Chromium. The test is the job here: it writes the records, so it knows every figure the
 * page must show, and it can stop and start feeding at will.
 *
 * <p>Run alone: {@code mvn -B -o verify -pl job -am -Dtest='*Display*ITCase' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Timeout(240)
class DisplayCommandITCase {
    private static final String FORCE = "Example County Police";
    private static final String KPIS = "display-kpis";
    private static final String ALERTS = "display-alerts";

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;

    private static KafkaConnection kafka;
    private static Path config;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void createTopics() throws Exception {
        config = Files.writeString(dir.resolve("display.yaml"), """
                kafka: {topics: {kpis: %s, alerts: %s}}
                display: {staleAfter: PT3S}
                """.formatted(KPIS, ALERTS));
        PacesetterConfig cfg = ConfigLoader.load(config);
        kafka = KAFKA.connect(cfg.kafka());
        KAFKA.createTopics(2, Map.of("cleanup.policy", "compact"), KPIS);
        KAFKA.createTopics(1, Map.of(), ALERTS);
    }

    @Test
    void showsWhatTheTopicsHoldLiveSaysStaleWhenTheFeedStopsAndAnswersHealthChecks() throws Exception {
        try (Child display = Child.start(
                        dir.resolve("display.log"),
                        Map.of(),
                        "display",
                        "--config",
                        config.toString(),
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        "0");
                Browser browser = new Browser(dir.resolve("profile"));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            URI page = display.awaitPage(Duration.ofSeconds(60));
            assertThat(health(page).statusCode()).as("health before any figure").isEqualTo(503);

            long now = System.currentTimeMillis();
            Map<String, MeasureRecord> sent = new HashMap<>();
            long newestEnd = 0;
            for (MeasureRecord r : figures(now)) {
                send(producer, r);
                sent.put(r.identity(), r);
                newestEnd = r.window == WindowKind.SLIDING ? Math.max(newestEnd, r.windowEnd) : newestEnd;
            }
            long end = newestEnd;
            send(
                    producer,
                    alert(
                            "at-risk-1",
                            0,
                            Alert.Kind.INCIDENT_AT_RISK,
                            Alert.State.RAISED,
                            "I-TEST-1",
                            "Kingsmead",
                            "South",
                            now + Duration.ofMinutes(9).toMillis()));
            send(
                    producer,
                    alert(
                            "at-risk-2",
                            0,
                            Alert.Kind.INCIDENT_AT_RISK,
                            Alert.State.RAISED,
                            "I-TEST-2",
                            "Ashby",
                            "North",
                            now + Duration.ofMinutes(5).toMillis()));
            send(
                    producer,
                    alert(
                            "at-risk-2",
                            1,
                            Alert.Kind.INCIDENT_AT_RISK,
                            Alert.State.CLEARED,
                            "I-TEST-2",
                            "Ashby",
                            "North",
                            now + Duration.ofMinutes(5).toMillis()));
            Alert silent = alert("silent-1", 0, Alert.Kind.FEED_SILENT, Alert.State.RAISED, null, null, null, null);
            silent.feed = "incidents";
            silent.sentence = "No incident events have arrived for 2 min: the emergency response figures are not live.";
            send(producer, silent);
            producer.flush();

            browser.open(page.resolve("/?view=detail")); // the at-risk list and the full table are the detail view's
            browser.awaitState("live", Duration.ofSeconds(30));
            browser.await(Duration.ofSeconds(30), "the at-risk incident", d ->
                    (Boolean) browser.js("return !!document.querySelector('#at-risk li[data-incident=\"I-TEST-1\"]')"));
            assertThat(health(page).statusCode()).as("health while fed").isEqualTo(200);

            // Every figure shown is one the topic holds, with its value; every force-wide figure sent is shown.
            List<String> expected = sent.values().stream()
                    .filter(r -> r.scope == Scope.FORCE && (r.window != WindowKind.SLIDING || r.windowEnd == end))
                    .map(MeasureRecord::identity)
                    .toList();
            browser.await(
                    Duration.ofSeconds(30),
                    "every force-wide figure sent",
                    d -> DisplayRunITCase.shownFigures(browser).stream()
                            .map(f -> (String) f.get("id"))
                            .toList()
                            .containsAll(expected));
            List<Map<String, Object>> shown = DisplayRunITCase.shownFigures(browser);
            for (Map<String, Object> f : shown) {
                MeasureRecord r = sent.get((String) f.get("id"));
                assertThat(r).as("%s was sent", f.get("id")).isNotNull();
                assertThat(Double.parseDouble((String) f.get("value")))
                        .as((String) f.get("id"))
                        .isEqualTo(r.value);
                assertThat(f.get("text")).as((String) f.get("id")).isEqualTo(DisplayRunITCase.expectedText(r));
            }
            assertThat(shown.stream().map(f -> (String) f.get("id")).toList()).containsAll(expected);
            assertThat((String) browser.js("return document.getElementById('breaches-today').textContent"))
                    .as("breaches today: the day's attendance outcomes that failed, 10 - 8")
                    .isEqualTo("2");
            assertThat((String) browser.js("return document.getElementById('at-risk').textContent"))
                    .contains("I-TEST-1 · Kingsmead")
                    .doesNotContain("I-TEST-2");
            assertThat(
                            (String)
                                    browser.js(
                                            "return document.getElementById('banner').hidden ? '' : document.getElementById('banner').textContent"))
                    .contains("No incident events have arrived");
            assertThat((String) browser.js(
                            "return document.querySelector('#calls-body tr[data-queue=\"999\"] .verdict').textContent"))
                    .isEqualTo("✗ MISSES");
            assertThat(browser.consoleErrors()).as("console errors").isEmpty();

            measureSecondsFromRecordToPage(browser, producer);

            // The feed stops: after display.staleAfter the page says STALE and /health answers 503; it recovers when
            // records come again.
            browser.awaitState("stale", Duration.ofSeconds(10));
            assertThat(health(page).statusCode()).isEqualTo(503);
            send(producer, live("CALLS_WAITING", "999", System.currentTimeMillis(), 2));
            producer.flush();
            browser.awaitState("live", Duration.ofSeconds(10));
            assertThat(health(page).statusCode()).isEqualTo(200);
            assertThat(browser.consoleErrors()).as("console errors").isEmpty();
        }
    }

    @Test
    void aDisplayWithAnAccessTokenServesItsFiguresOnlyToScreensThatGiveIt() throws Exception {
        Path protectedConfig = Files.writeString(dir.resolve("protected.yaml"), """
                kafka: {topics: {kpis: %s, alerts: %s}}
                display: {staleAfter: PT3S, accessToken: '${env:PACESETTER_DISPLAY_TOKEN}'}
                """.formatted(KPIS, ALERTS));
        try (Child display = Child.start(
                        dir.resolve("protected.log"),
                        Map.of("PACESETTER_DISPLAY_TOKEN", "wall-7f3a"),
                        "display",
                        "--config",
                        protectedConfig.toString(),
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--port",
                        "0");
                Browser browser = new Browser(dir.resolve("protected-profile"));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            URI page = display.awaitPage(Duration.ofSeconds(60));
            assertThat(display.output()).doesNotContain("wall-7f3a");
            assertThat(get(page.resolve("/events")).statusCode()).isEqualTo(401);
            assertThat(get(page.resolve("/events?token=wrong")).statusCode()).isEqualTo(401);
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(page.resolve("/events"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .as("read-only")
                    .isEqualTo(405);

            send(producer, live("CALLS_WAITING", "999", System.currentTimeMillis(), 4));
            producer.flush();
            browser.open(page.resolve("/?token=wall-7f3a"));
            browser.awaitState("live", Duration.ofSeconds(30));
            browser.open(page);
            browser.await(
                    Duration.ofSeconds(10),
                    "a page without the token to stay without figures",
                    d -> "connecting".equals(browser.state()) || "stale".equals(browser.state()));
        }
    }

    /** Seconds from a record written to the KPI topic to its figure on the page, with the page's own clock on this machine. */
    private static void measureSecondsFromRecordToPage(Browser browser, KafkaProducer<byte[], byte[]> producer)
            throws Exception {
        browser.js("""
                window.pacesetterSeen = {};
                setInterval(() => {
                  const s = document.querySelector('#calls-body tr[data-queue="999"] .figure[data-id^="CALLS_WAITING|"]');
                  if (s && !(s.dataset.value in window.pacesetterSeen)) window.pacesetterSeen[s.dataset.value] = Date.now();
                }, 5);""");
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int waiting = 100 + i;
            long sentAt = System.currentTimeMillis();
            send(producer, live("CALLS_WAITING", "999", sentAt, waiting));
            producer.flush();
            Number seenAt = browser.await(Duration.ofSeconds(10), "waiting " + waiting + " on the page", d ->
                    (Number) browser.js("return window.pacesetterSeen[arguments[0]]", Integer.toString(waiting)));
            latencies.add(seenAt.longValue() - sentAt);
            Thread.sleep(300);
        }
        LongSummaryStatistics stats =
                latencies.stream().mapToLong(Long::longValue).summaryStatistics();
        System.out.printf(
                "Wall display (display command): record written to the KPI topic -> figure on the page: min %d ms, mean %.0f ms, "
                        + "max %d ms over %d records %s%n",
                stats.getMin(), stats.getAverage(), stats.getMax(), stats.getCount(), latencies);
        assertThat(stats.getMax()).as("within seconds").isLessThan(5_000);
    }

    private static List<MeasureRecord> figures(long now) {
        long end = now - now % Duration.ofMinutes(15).toMillis();
        String today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneId.of("Europe/London"))
                .toString();
        List<MeasureRecord> records = new ArrayList<>();
        records.add(sliding("ANSWERED_WITHIN_STANDARD", "999", Scope.FORCE, FORCE, 15, end, 48, 55, 0.9, false));
        records.add(sliding("ANSWERED_WITHIN_STANDARD", "999", Scope.FORCE, FORCE, 60, end, 190, 208, 0.9, true));
        records.add(sliding("ABANDONMENT_RATE", "999", Scope.FORCE, FORCE, 60, end, 4, 212, 0.02, true));
        records.add(sliding("MEAN_WAIT_SECONDS", "999", Scope.FORCE, FORCE, 60, end, 1540.5, 208, null, null));
        records.add(sliding("ABANDONMENT_RATE", "101", Scope.FORCE, FORCE, 60, end, 31, 240, null, null));
        records.add(sliding("MEAN_WAIT_SECONDS", "101", Scope.FORCE, FORCE, 60, end, 3480, 209, 15.0, false));
        records.add(sliding("ANSWERED_WITHIN_STANDARD", "999", Scope.LPA, "South", 60, end, 60, 70, 0.9, false));
        records.add(day("ANSWERED_WITHIN_STANDARD", "999", Scope.FORCE, FORCE, today, 1800, 1950, 0.9, true));
        records.add(day("ATTENDED_WITHIN_STANDARD", null, Scope.FORCE, FORCE, today, 8, 10, 0.9, false));
        records.add(day("ATTENDED_WITHIN_STANDARD", null, Scope.LPA, "South", today, 3, 4, 0.9, false));
        records.add(live("CALLS_WAITING", "999", now, 3));
        records.add(live("LONGEST_WAIT_SECONDS", "999", now, 41.2));
        records.add(live("INCIDENTS_OPEN", null, now, 4));
        records.add(live("INCIDENTS_AT_RISK", null, now, 1));
        records.add(live("INCIDENTS_BREACHED", null, now, 0));
        // The 24-hour trend: the hour's figure every 15 minutes over the last six hours.
        for (int i = 24; i >= 1; i--) {
            records.add(sliding(
                    "ANSWERED_WITHIN_STANDARD",
                    "999",
                    Scope.FORCE,
                    FORCE,
                    60,
                    end - i * Duration.ofMinutes(15).toMillis(),
                    170 + i,
                    200,
                    0.9,
                    170 + i >= 180));
        }
        return records;
    }

    private static MeasureRecord base(String measure, String queue, Scope scope, String scopeId) {
        MeasureRecord r = new MeasureRecord();
        r.measure = measure;
        r.queue = queue;
        r.scope = scope;
        r.scopeId = scopeId;
        r.force = FORCE;
        return r;
    }

    private static MeasureRecord sliding(
            String measure,
            String queue,
            Scope scope,
            String scopeId,
            int minutes,
            long end,
            double numerator,
            double denominator,
            Double target,
            Boolean met) {
        MeasureRecord r = base(measure, queue, scope, scopeId);
        r.window = WindowKind.SLIDING;
        r.windowLengthMs = Duration.ofMinutes(minutes).toMillis();
        r.windowEnd = end;
        r.windowStart = end - r.windowLengthMs;
        r.numerator = numerator;
        r.denominator = denominator;
        r.value = numerator / denominator;
        r.target = target;
        r.met = met;
        r.isFinal = true;
        return r;
    }

    private static MeasureRecord day(
            String measure,
            String queue,
            Scope scope,
            String scopeId,
            String date,
            double numerator,
            double denominator,
            Double target,
            Boolean met) {
        MeasureRecord r = base(measure, queue, scope, scopeId);
        r.window = WindowKind.PERIOD;
        r.period = PeriodKind.DAY;
        r.start = date;
        r.numerator = numerator;
        r.denominator = denominator;
        r.value = numerator / denominator;
        r.target = target;
        r.met = met;
        return r;
    }

    private static MeasureRecord live(String measure, String queue, long asOf, double value) {
        MeasureRecord r = base(measure, queue, Scope.FORCE, FORCE);
        r.window = WindowKind.LIVE;
        r.asOf = asOf;
        r.value = value;
        return r;
    }

    private static Alert alert(
            String id,
            int revision,
            Alert.Kind kind,
            Alert.State state,
            String incident,
            String district,
            String lpa,
            Long deadline) {
        Alert a = new Alert();
        a.alertId = id;
        a.revision = revision;
        a.kind = kind;
        a.severity = kind == Alert.Kind.INCIDENT_AT_RISK ? Alert.Severity.WARNING : Alert.Severity.CRITICAL;
        a.audience = new ArrayList<>(List.of(Alert.Audience.PACESETTER));
        a.state = state;
        a.time = System.currentTimeMillis();
        a.episodeStart = a.time;
        a.incidentId = incident;
        a.district = district;
        a.lpa = lpa;
        a.area = incident == null ? null : Area.URBAN;
        a.deadline = deadline;
        a.sentence = incident == null
                ? null
                : "Grade 1 incident " + incident + " in " + district + " has had nobody on scene.";
        a.force = FORCE;
        return a;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, MeasureRecord r) throws Exception {
        producer.send(new ProducerRecord<>(
                        KPIS,
                        MeasureRecordSerializer.key(r),
                        RecordJson.measure(r).getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Alert a) throws Exception {
        producer.send(new ProducerRecord<>(
                        ALERTS,
                        a.alertId.getBytes(StandardCharsets.UTF_8),
                        RecordJson.alert(a).getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static Answer health(URI page) throws Exception {
        Answer answer = get(page.resolve("/health"));
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).contains("\"status\":");
        return answer;
    }

    /** Status, type and body; the body of an open event stream is not read (it never ends). */
    record Answer(int statusCode, String contentType, String body) {}

    private static Answer get(URI uri) throws Exception {
        HttpResponse<java.io.InputStream> response = HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            String text = response.statusCode() == 200 && uri.getPath().equals("/events")
                    ? ""
                    : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("content-type").orElse(""),
                    text);
        }
    }
}
