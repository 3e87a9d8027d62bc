package io.pacesetter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.measures.AnswerRate;
import io.pacesetter.testkit.EmbeddedKafkaExtension;
import io.pacesetter.testkit.Oracle;
import io.pacesetter.testkit.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job on a real Flink cluster (a JobManager in application mode and two TaskManagers, each its
 * own JVM, configured by {@code docker/conf/}) over a generated day in a real Kafka broker, twice:
 * once without a fault, and once through three: one TaskManager killed (SIGKILL) mid-day, the broker
 * stopped for 30 seconds, and a stop with a savepoint followed by a changed build (one new measure,
 * {@code ANSWER_RATE}) started from it on a new cluster. After the kill the job must restore from a
 * RocksDB checkpoint, and the upgrade from the savepoint (Flink's REST API says which). At the end a
 * {@code read_committed} reader of the KPI topic must find exactly the clean run's figures (the new
 * measure aside), none missing and none twice; the alerts, the latest record of each {@code alertId},
 * must be the clean run's, none raised twice; and the dead letters must be the clean run's.
 *
 * <p>The job reads on, as in production. The feed arrives in quarters, each fault between two, so
 * every fault falls in the middle of the day whatever the machine's speed; the next quarter is
 * published while the job recovers. A run is complete when the feed's closing clock (events four days
 * on, in every partition) has moved every sink's watermark past the day and its lateness, and a
 * checkpoint begun after that has committed what the sinks hold.
 */
@Timeout(900)
class FaultToleranceClusterITCase {
    private static final LocalDate DAY = LocalDate.of(2016, 6, 1);
    private static final long SEED = 23;
    private static final int PARTITIONS = 2;
    private static final Duration CHECKPOINTS = Duration.ofSeconds(2);
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(30);
    /**
     * A smaller force and two window lengths, for time on a 2-core machine; delivered as real feeds are
     * (docs/faults.md: late backlogs, re-sent lines, garbage of every kind, a clock running ahead, an
     * outage), every fault of the defaults on; the outage starts ten hours in so that it falls in the day.
     */
    private static final String FEED = """
            generator: {emergencyCallsPerDay: 300, switchboardCallsPerDay: 900, faults: {gapAfter: PT10H}}
            windows: {slide: PT5M, lengths: [PT15M, PT1H]}
            """;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static Path dir;
    private static List<String> feed;
    private static Instant clock;
    private static Run clean;
    private static Run faulty;
    private static Map<String, Oracle.Figure> oracle;

    /** What one run left behind. */
    record Run(
            String name,
            List<String> kpis,
            List<String> alerts,
            List<String> deadLetters,
            Map<Long, JsonNode> checkpoints,
            JsonNode checkpointConfig,
            Faults faults,
            long wallMs,
            List<String> metrics,
            List<String> survivingTaskManagerLog,
            PacesetterConfig config) {}

    /** What the REST API and the KPI topic said about each fault. */
    static final class Faults {
        int killed = -1;
        JsonNode restored;
        long killToFirstOutputMs = -1;
        long brokerBackToFirstOutputMs = -1;
        String savepoint;
        JsonNode upgradeRestored;
    }

    @BeforeAll
    static void runTheDayCleanlyAndWithATaskManagerKilled() throws Exception {
        dir = Files.createDirectories(Path.of(System.getProperty("pacesetter.work.dir", "target/cluster-runs"))
                .resolve("faults-" + System.currentTimeMillis()));
        PacesetterConfig base = ConfigLoader.loadYaml(FEED);
        Path day = dir.resolve("day.jsonl");
        EventFileWriter.writeFaultyAndClean(base, SEED, DAY, 1, day, dir.resolve("day.clean.jsonl"));
        oracle = Oracle.figures(base, day);
        feed = Files.readAllLines(day).stream().filter(l -> !l.isBlank()).toList();
        clock = DAY.plusDays(4).atStartOfDay(ZoneId.of("Europe/London")).toInstant();
        clean = run("clean", false);
        report(clean);
        faulty = run("faulty", true);
        report(faulty);
    }

    /** One run on its own topics (input included), so the two runs share nothing but the broker. */
    private static Run run(String name, boolean withFaults) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, FEED + """
                kafka:
                  groupId: %1$s
                  transactionalIdPrefix: %1$s
                  topics: {calls: calls-%1$s, incidents: incidents-%1$s, kpis: kpis-%1$s, deadLetters: dead-letters-%1$s, alerts: alerts-%1$s, actions: actions-%1$s}
                """.formatted(name));
        PacesetterConfig cfg = ConfigLoader.load(config);
        KAFKA.createTopics(cfg.kafka(), PARTITIONS);
        KafkaConnection kafka = KAFKA.connect(cfg.kafka());
        List<String> args = List.of(
                "--kafka", KAFKA.bootstrapServers(), "--config", config.toString(), "--job-name", "Pacesetter " + name);

        long started = System.currentTimeMillis();
        Map<Long, JsonNode> checkpoints = new TreeMap<>();
        Faults faults = new Faults();
        JsonNode checkpointConfig;
        List<String> metrics = new ArrayList<>();
        List<String> log;
        int quarter = feed.size() / 4;
        try (TopicFollower kpis = new TopicFollower(kafka, cfg.kafka().topics().kpis())) {
            FlinkCluster cluster =
                    FlinkCluster.start(dir.resolve(name), 2, CHECKPOINTS, Map.of(), args, withFaults ? "json" : "text");
            try {
                String job = cluster.awaitJobId();
                cluster.awaitRunning(job, STEP_TIMEOUT);
                checkpointConfig = cluster.awaitJson(
                        "/jobs/" + job + "/checkpoints/config", n -> n.has("state_backend"), STEP_TIMEOUT);
                Topics.publish(kafka, feed.subList(0, quarter));
                if (withFaults) {
                    // 1. A TaskManager killed mid-day, once a checkpoint completed and figures were committed.
                    cluster.awaitJson(
                            "/jobs/" + job + "/checkpoints",
                            n -> n.path("counts").path("completed").asInt() >= 1,
                            STEP_TIMEOUT);
                    TopicFollower.await(() -> kpis.count() > 0, STEP_TIMEOUT, "the first committed KPI record");
                    // The slots of whichever TaskManager registered first may hold the whole job: kill one that runs
                    // some of it.
                    List<Integer> busy = cluster.busyTaskManagers();
                    assertThat(busy).as("TaskManagers running the job").isNotEmpty();
                    faults.killed = busy.get(0);
                    long killedAt = System.currentTimeMillis();
                    cluster.taskManagers().get(faults.killed).destroyForcibly();
                    System.out.printf(
                            "[%s] killed TaskManager %d of %s running the job (SIGKILL) %,d ms into the run, with %,d KPI records "
                                    + "committed%n",
                            name, faults.killed, busy, killedAt - started, kpis.count());
                    Topics.publish(kafka, feed.subList(quarter, 2 * quarter));
                    faults.restored = cluster.awaitJson(
                                    "/jobs/" + job + "/checkpoints",
                                    n -> n.path("latest").path("restored").has("id"),
                                    STEP_TIMEOUT)
                            .path("latest")
                            .path("restored");
                    TopicFollower.await(
                            () -> kpis.firstSeenAfter(killedAt) > 0,
                            STEP_TIMEOUT,
                            "a KPI record committed after the restore");
                    faults.killToFirstOutputMs = kpis.firstSeenAfter(killedAt) - killedAt;

                    // 2. The broker gone for 30 seconds, once the job had committed again after its restore.
                    cluster.awaitCheckpointAfter(job, System.currentTimeMillis(), STEP_TIMEOUT);
                    long stoppedAt = System.currentTimeMillis();
                    KAFKA.broker().stopBroker();
                    Thread.sleep(BROKER_OUTAGE.toMillis());
                    KAFKA.broker().restartBroker();
                    long backAt = System.currentTimeMillis();
                    System.out.printf("[%s] broker stopped for %,d ms%n", name, backAt - stoppedAt);
                    Topics.publish(kafka, feed.subList(2 * quarter, 3 * quarter));
                    TopicFollower.await(
                            () -> kpis.firstSeenAfter(backAt) > 0,
                            STEP_TIMEOUT,
                            "a KPI record committed after the broker came back");
                    faults.brokerBackToFirstOutputMs = kpis.firstSeenAfter(backAt) - backAt;
                    cluster.awaitRunning(job, STEP_TIMEOUT);

                    // 3. Stop with a savepoint; start a changed build (ANSWER_RATE added) from it on a new cluster.
                    cluster.awaitCheckpointAfter(job, System.currentTimeMillis(), STEP_TIMEOUT);
                    faults.savepoint = cluster.stopWithSavepoint(job, STEP_TIMEOUT);
                    assertThat(cluster.awaitJobManagerExit(STEP_TIMEOUT))
                            .as("the application ends with its stopped job")
                            .isZero();
                    log = cluster.log("taskmanager-" + (1 - faults.killed));
                    collectCheckpoints(cluster, job, checkpoints);
                    cluster.close();
                    List<String> changed = new ArrayList<>(args);
                    changed.add("--answer-rate");
                    cluster = FlinkCluster.start(
                            dir.resolve(name + "-upgraded"),
                            2,
                            CHECKPOINTS,
                            Map.of("execution.state-recovery.path", faults.savepoint),
                            changed,
                            "json");
                    job = cluster.awaitJobId();
                    cluster.awaitRunning(job, STEP_TIMEOUT);
                    faults.upgradeRestored = cluster.awaitJson(
                                    "/jobs/" + job + "/checkpoints",
                                    n -> n.path("latest").path("restored").has("id"),
                                    STEP_TIMEOUT)
                            .path("latest")
                            .path("restored");
                    Topics.publish(kafka, feed.subList(3 * quarter, feed.size()));
                } else {
                    Topics.publish(kafka, feed.subList(quarter, feed.size()));
                    log = cluster.log("taskmanager-1");
                }
                Topics.publishClock(kafka, PARTITIONS, "end", clock);
                // The bounded-out-of-orderness watermark of the closing clock: every event of the day is behind it.
                cluster.awaitSinkWatermark(
                        job,
                        clock.toEpochMilli() - cfg.events().outOfOrderness().toMillis() - 1,
                        STEP_TIMEOUT);
                cluster.awaitCheckpointAfter(job, System.currentTimeMillis(), STEP_TIMEOUT);
                collectCheckpoints(cluster, job, checkpoints);
                for (int tm = 0; tm < 2; tm++) {
                    metrics.addAll(List.of(cluster.scrapePrometheus(tm).split("\n")));
                }
            } finally {
                cluster.close();
            }
            kpis.check();
        }
        return new Run(
                name,
                Topics.readValues(kafka, cfg.kafka().topics().kpis(), true),
                Topics.readValues(kafka, cfg.kafka().topics().alerts(), true),
                Topics.readValues(kafka, cfg.kafka().topics().deadLetters(), true),
                checkpoints,
                checkpointConfig,
                faults,
                System.currentTimeMillis() - started,
                metrics,
                log,
                cfg);
    }

    private static void collectCheckpoints(FlinkCluster cluster, String job, Map<Long, JsonNode> into) {
        cluster.get("/jobs/" + job + "/checkpoints")
                .ifPresent(n ->
                        n.path("history").forEach(c -> into.put(c.path("id").asLong(), c)));
    }

    private static void report(Run run) {
        List<JsonNode> done = run.checkpoints().values().stream()
                .filter(c -> "COMPLETED".equals(c.path("status").asText()))
                .toList();
        List<Long> durations = done.stream()
                .map(c -> c.path("end_to_end_duration").asLong())
                .sorted()
                .toList();
        List<Long> full =
                done.stream().map(c -> c.path("state_size").asLong()).sorted().toList();
        List<Long> uploaded = done.stream()
                .map(c -> c.path("checkpointed_size").asLong())
                .sorted()
                .toList();
        System.out.printf(
                "[%s] %,d events in; %,d KPI records, %,d alert records, %,d dead letters committed; wall %.1f s%n",
                run.name(),
                feed.size(),
                run.kpis().size(),
                run.alerts().size(),
                run.deadLetters().size(),
                run.wallMs() / 1e3);
        System.out.printf(
                "[%s] %d checkpoints completed (every %s): duration median %,d ms, max %,d ms; full state median %,d B, "
                        + "max %,d B; uploaded (incremental) median %,d B, max %,d B%n",
                run.name(),
                done.size(),
                CHECKPOINTS,
                median(durations),
                max(durations),
                median(full),
                max(full),
                median(uploaded),
                max(uploaded));
        System.out.printf("[%s] the job's metrics: %s%n", run.name(), metricNames(run.metrics()));
        Faults f = run.faults();
        if (f.restored != null) {
            System.out.printf(
                    "[%s] restored from checkpoint %s (%s); first KPI record committed %,d ms after the kill%n",
                    run.name(),
                    f.restored.path("id"),
                    f.restored.path("external_path").asText(),
                    f.killToFirstOutputMs);
            System.out.printf(
                    "[%s] first KPI record committed %,d ms after the broker came back%n",
                    run.name(), f.brokerBackToFirstOutputMs);
            System.out.printf(
                    "[%s] savepoint %s; the changed build restored it: %s%n",
                    run.name(), f.savepoint, f.upgradeRestored);
        }
    }

    private static long median(List<Long> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    }

    @Test
    void bothRunsKeptTheirStateInRocksDbWithCheckpoints() {
        for (Run run : List.of(clean, faulty)) {
            assertThat(run.checkpointConfig().path("state_backend").asText())
                    .as(run.name() + ": state backend from config.yaml")
                    .containsIgnoringCase("rocksdb");
            assertThat(run.checkpoints().values())
                    .as(run.name() + ": completed checkpoints")
                    .anyMatch(c -> "COMPLETED".equals(c.path("status").asText()));
        }
    }

    @Test
    void afterTheKillTheJobRestoredFromACheckpointNotASavepoint() {
        assertThat(faulty.faults().restored).isNotNull();
        assertThat(faulty.faults().restored.path("is_savepoint").asBoolean()).isFalse();
        assertThat(faulty.faults().restored.path("id").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(faulty.faults().killToFirstOutputMs).isPositive();
    }

    @Test
    void afterTheBrokerOutageTheJobCaughtUp() {
        assertThat(faulty.faults().brokerBackToFirstOutputMs).isPositive();
    }

    @Test
    void theChangedBuildStartedFromTheSavepointAndPublishedItsNewMeasure() {
        assertThat(faulty.faults().upgradeRestored.path("is_savepoint").asBoolean())
                .isTrue();
        assertThat(faulty.faults().upgradeRestored.path("external_path").asText())
                .isEqualTo(faulty.faults().savepoint);
        assertThat(faulty.kpis()).anyMatch(json -> AnswerRate.MEASURE.equals(RecordJson.readMeasure(json).measure));
        assertThat(clean.kpis()).noneMatch(json -> AnswerRate.MEASURE.equals(RecordJson.readMeasure(json).measure));
    }

    @Test
    void noAlertWasRaisedTwice() {
        // Alerts go out at least once: a record sent again after a restart is the same delivery, byte for byte, and
        // counts once; a second, different RAISED record for one alert would be an alert raised twice. FEED_SILENT is
        // the exception: it is judged on the wall clock, so when the kill fell between its raising and the next
        // checkpoint it is raised again under the same id (the same episode) with the silence as long as it is then; so
        // is an alert on a window figure, which sees the calls as they are read back.
        Map<String, List<String>> raised = faulty.alerts().stream()
                .distinct()
                .filter(json -> RecordJson.readAlert(json).state == Alert.State.RAISED)
                .collect(Collectors.groupingBy(json -> RecordJson.readAlert(json).alertId));
        assertThat(raised).isNotEmpty();
        List<List<String>> twice = raised.values().stream()
                .filter(records -> records.size() > 1)
                .filter(records -> RecordJson.readAlert(records.get(0)).kind != Alert.Kind.FEED_SILENT)
                .filter(records -> RecordJson.readAlert(records.get(0)).window == null)
                .filter(records -> RecordJson.readAlert(records.get(0)).kind != Alert.Kind.COMMAND_DIGEST)
                .toList();
        assertThat(twice).as("alerts raised twice with different content").isEmpty();
    }

    @Test
    void committedFiguresAreTheCleanRunsNoneMissingNoneTwice() {
        Map<String, Long> cleanFigures = finalFigures(clean.kpis());
        assertThat(cleanFigures).as("the clean run wrote a day of figures").hasSizeGreaterThan(1000);
        assertThat(cleanFigures.values()).as("no figure twice in the clean run").containsOnly(1L);
        assertThat(finalFigures(faulty.kpis()).values())
                .as("no figure twice under read_committed after the kill, the outage and the upgrade")
                .containsOnly(1L);
        // On a feed with late backlogs, which sliding windows a late event still reaches, and under which revision a
        // DAY settles, follow the pace the partitions were read at: the runs must agree on the final figures. Leaving
        // out the new measure: open legs and incident clocks carried on over the kill, the outage and the upgrade, or
        // figures would differ (and NO_OFFER or NO_CREATED dead letters appear).
        List<String> differ = Oracle.differences(periods(clean.kpis()), periods(faulty.kpis()));
        assertThat(differ)
                .as(differ.size() + " final DAY figures differ after the kill, the outage and the upgrade")
                .isEmpty();
    }

    private static Map<String, Oracle.Figure> periods(List<String> kpis) {
        return Oracle.finalFigures(kpis.stream()
                .map(RecordJson::readMeasure)
                .filter(r -> r.window == WindowKind.PERIOD && r.isFinal)
                .filter(r -> !AnswerRate.MEASURE.equals(r.measure))
                .toList());
    }

    @Test
    void bothRunsFinalDayFiguresAreTheOraclesEveryDuplicateAndGarbageLineCounted() {
        for (Run run : List.of(clean, faulty)) {
            List<MeasureRecord> periods = run.kpis().stream()
                    .map(RecordJson::readMeasure)
                    .filter(r -> r.window == WindowKind.PERIOD && r.isFinal)
                    .filter(r -> !AnswerRate.MEASURE.equals(r.measure))
                    .toList();
            // The feed is one day of June: the MONTH is never final here, so the DAY figures are compared.
            Map<String, Oracle.Figure> days = new TreeMap<>(oracle);
            days.keySet().removeIf(id -> !id.contains("|DAY|"));
            List<String> differ = Oracle.differences(days, Oracle.finalFigures(periods));
            differ.stream().limit(40).forEach(d -> System.out.println("  " + run.name() + " vs oracle: " + d));
            assertThat(differ)
                    .as(run.name() + ": " + differ.size() + " final figures differ from the oracle's")
                    .isEmpty();
        }
    }

    @Test
    void alertsDeduplicatedByIdAreTheCleanRuns() {
        Map<String, String> cleanAlerts = latestPerAlert(clean.alerts());
        assertThat(cleanAlerts).as("the clean run raised alerts").isNotEmpty();
        assertThat(latestPerAlert(faulty.alerts())).isEqualTo(cleanAlerts);
    }

    @Test
    void deadLettersAreTheCleanRuns() {
        assertThat(clean.deadLetters())
                .as("duplicates in the feed are dead letters")
                .isNotEmpty();
        assertThat(counted(withoutOrigin(faulty.deadLetters()))).isEqualTo(counted(withoutOrigin(clean.deadLetters())));
    }

    @Test
    void prometheusCountsTheEventsInPerTopicTheDeadLettersAndTheAlertsOfTheRun() {
        long calls = feed.stream().filter(l -> !l.contains("\"incidentId\"")).count();
        long incidents = feed.size() - calls;
        // The closing clock: a call offered and answered and an incident created, in every partition.
        assertThat(sum(
                        clean.metrics(),
                        "events_in",
                        label(clean.config().kafka().topics().calls())))
                .isEqualTo(calls + 2 * PARTITIONS);
        assertThat(sum(
                        clean.metrics(),
                        "events_in",
                        label(clean.config().kafka().topics().incidents())))
                .isEqualTo(incidents + PARTITIONS);
        long duplicates = clean.deadLetters().stream()
                .map(RecordJson::readDeadLetter)
                .filter(d -> "DUPLICATE".equals(String.valueOf(d.reason)))
                .count();
        assertThat(duplicates).as("the feed has duplicates").isPositive();
        assertThat(sum(clean.metrics(), "dead_letters", "\"DUPLICATE\"")).isEqualTo(duplicates);
        long raised = clean.alerts().stream()
                .map(RecordJson::readAlert)
                .filter(a -> a.state == Alert.State.RAISED)
                .count();
        assertThat(sum(clean.metrics(), "alerts_raised", "")).isEqualTo(raised);
        assertThat(sum(clean.metrics(), "watermark_lag_ms", ""))
                .as("a 2016 feed: the figures are years behind the wall clock")
                .isGreaterThan(Duration.ofDays(365).toMillis());
        assertThat(sum(clean.metrics(), "calls_waiting", "\"999\""))
                .as("open 999 legs at the end of the feed")
                .isNotNegative();
        assertThat(sum(clean.metrics(), "incidents_open", "")).isNotNegative();
        assertThat(sum(clean.metrics(), "incidents_at_risk", "")).isNotNegative();
        assertThat(sum(
                        faulty.metrics(),
                        "events_in",
                        label(faulty.config().kafka().topics().calls())))
                .as("the upgraded job counts too")
                .isPositive();
    }

    @Test
    void withPacesetterLogFormatJsonEveryLogLineIsAJsonObject() throws Exception {
        List<String> lines = faulty.survivingTaskManagerLog().stream()
                .filter(l -> !l.isBlank())
                .toList();
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines.stream().filter(l -> l.startsWith("{")).toList()) {
            json.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
        }
        assertThat(json)
                .as("JSON log lines")
                .hasSizeGreaterThan(50)
                .allMatch(n -> n.has("@timestamp") && n.has("log.level") && n.has("message"));
        assertThat(lines)
                .as("no plain-text log line")
                .noneMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} .*"));
        assertThat(clean.survivingTaskManagerLog())
                .as("the default is text")
                .anyMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\d .*"));
    }

    /**
     * The sum over subtasks of one of the job's Prometheus metrics (named {@code ..._pacesetter_..._<suffix>}),
     * over the series whose labels contain {@code label}.
     */
    static double sum(List<String> metrics, String suffix, String label) {
        double total = 0;
        boolean found = false;
        for (String line : metrics) {
            int brace = line.indexOf('{');
            if (brace > 0
                    && !line.startsWith("#")
                    && line.substring(0, brace).contains("_pacesetter_")
                    && line.substring(0, brace).endsWith("_" + suffix)
                    && line.substring(brace).contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertThat(found)
                .as("a metric ..._pacesetter_..._" + suffix + " {" + label + "} among " + metricNames(metrics))
                .isTrue();
        return total;
    }

    /** A label value as the Prometheus reporter writes it: characters other than letters, digits, ':' and '_' become '_'. */
    static String label(String value) {
        return "\"" + value.replaceAll("[^a-zA-Z0-9:_]", "_") + "\"";
    }

    static java.util.Set<String> metricNames(List<String> metrics) {
        return metrics.stream()
                .filter(l -> l.contains("pacesetter") && !l.startsWith("#") && l.indexOf('{') > 0)
                .map(l -> l.substring(0, l.indexOf('{')))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Final figures (SLIDING, and PERIOD once final with every revision) as their JSON, counted. */
    static Map<String, Long> finalFigures(List<String> kpis) {
        List<String> finals = new ArrayList<>();
        for (String json : kpis) {
            MeasureRecord r = RecordJson.readMeasure(json);
            if (r.window == WindowKind.SLIDING || (r.window == WindowKind.PERIOD && r.isFinal)) {
                finals.add(json);
            }
        }
        return counted(finals);
    }

    /**
     * A reader's view of the alerts: the highest revision of each alertId. Left out: alerts on a LIVE
     * figure (the call-handling rule on the longest wait now), which read the LIVE records, refreshed
     * as the watermark moves: when a refresh comes, and so when such an alert starts and ends, depends
     * on how fast the events arrived, as the LIVE records themselves do (left out of the figures above).
     */
    static Map<String, String> latestPerAlert(List<String> alerts) {
        Map<String, Alert> latest = new TreeMap<>();
        for (String json : alerts) {
            Alert a = RecordJson.readAlert(json);
            // Alerts on window figures follow the pace the partitions were read at (as the sliding windows do), and
            // FEED_SILENT the wall clock, and the officer's digest summarises them: the runs must agree on the rest.
            if (a.window == null && a.kind != Alert.Kind.FEED_SILENT && a.kind != Alert.Kind.COMMAND_DIGEST) {
                latest.merge(a.alertId, a, (x, y) -> y.revision > x.revision ? y : x);
            }
        }
        return latest.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> RecordJson.alert(e.getValue()), (x, y) -> x, TreeMap::new));
    }

    /** Dead letters name their topic (each run has its own), partition and offset: compare what was rejected and why. */
    static List<String> withoutOrigin(List<String> deadLetters) {
        return deadLetters.stream()
                .map(RecordJson::readDeadLetter)
                .map(d -> d.reason + " " + d.eventId + " " + d.original)
                .toList();
    }

    static Map<String, Long> counted(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
