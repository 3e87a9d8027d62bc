package io.pacesetter.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A standalone Flink cluster in application mode, as separate JVM processes, the way
 * {@code docker/docker-compose.yml} runs it: one JobManager started by
 * {@code StandaloneApplicationClusterEntryPoint} with the slim job jar in {@code usrlib/}, and two
 * TaskManagers ({@code TaskManagerRunner}). Their {@code lib/} is Flink's distribution from Maven
 * Central (target/flink/lib), their {@code conf/} is a copy of {@code docker/conf/}, and their JVM
 * memory flags come from Flink's own {@code BashJavaUtils}, as Flink's start scripts get them.
 *
 * <p>The only settings laid over {@code config.yaml} are those a single machine shared with other tests
 * needs ({@link #overrides}): localhost, free ports, directories under the test's folder, smaller
 * memory, the test's checkpoint interval, and RPC and heartbeat timeouts that a loaded machine does not trip.
 */
final class FlinkCluster implements AutoCloseable {
    static final String ENTRYPOINT = "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
    static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String JOB_CLASS = "io.pacesetter.job.cli.ClusterJob";
    /** Where the images and the harness put the job jar, relative to Flink's home. */
    static final String JOB_JAR = "usrlib/pacesetter-slim.jar";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final Map<String, String> settings;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final List<Integer> prometheusPorts = new ArrayList<>();
    private final String logFormat;
    private final int restPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FlinkCluster(Path home, Map<String, String> settings, Process jobManager, int restPort, String logFormat) {
        this.home = home;
        this.logFormat = logFormat;
        this.settings = settings;
        this.jobManager = jobManager;
        this.restPort = restPort;
    }

    /** The repository's {@code docker/} folder (compose, k8s, conf). */
    static Path dockerDir() {
        return Path.of(required("pacesetter.docker.dir"));
    }

    /**
     * Starts the JobManager running the job with {@code programArgs}, then {@code taskManagers}
     * TaskManagers, and returns once the REST API answers.
     *
     * @param extra further settings over {@code config.yaml} (e.g. {@code execution.state-recovery.path})
     * @param logFormat {@code text} or {@code json}: {@code PACESETTER_LOG_FORMAT} for every process
     */
    static FlinkCluster start(
            Path workDir,
            int taskManagers,
            Duration checkpointInterval,
            Map<String, String> extra,
            List<String> programArgs,
            String logFormat)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(workDir.resolve("flink"));
        Path lib = Path.of(required("pacesetter.flink.lib"));
        Path plugins = Path.of(required("pacesetter.flink.plugins"));
        Path jar = Path.of(required("pacesetter.slim.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build the job first (mvn -B package -pl job -am -DskipTests)");
        }
        if (!Files.exists(home.resolve("lib"))) {
            Files.createSymbolicLink(home.resolve("lib"), lib);
            Files.createSymbolicLink(home.resolve("plugins"), plugins);
        }
        Files.createDirectories(home.resolve("usrlib"));
        Files.copy(jar, home.resolve(JOB_JAR), StandardCopyOption.REPLACE_EXISTING);
        Path conf = Files.createDirectories(home.resolve("conf"));
        try (Stream<Path> files = Files.list(dockerDir().resolve("conf"))) {
            for (Path f : files.toList()) {
                Files.copy(f, conf.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(home.resolve("log"));

        int restPort = freePort();
        Map<String, String> settings = overrides(workDir, freePort(), restPort, checkpointInterval);
        settings.putAll(extra);
        List<String> args = new ArrayList<>();
        args.add("--job-classname");
        args.add(JOB_CLASS);
        args.addAll(programArgs);
        Process jm = launch(
                home,
                "jobmanager",
                ENTRYPOINT,
                jvmParams(home, "GET_JM_RESOURCE_PARAMS", settings, "jobmanager"),
                settings,
                args,
                logFormat);
        FlinkCluster cluster = new FlinkCluster(home, settings, jm, restPort, logFormat);
        // A test JVM stopped early (a timeout, Ctrl-C) must not leave Flink processes behind.
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-flink-cluster"));
        try {
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitRest();
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * What this machine needs over {@code config.yaml}; nothing about state, checkpoints' kind,
     * restarts or slots, which the tests take from the file as a deployment would.
     */
    static Map<String, String> overrides(Path workDir, int rpcPort, int restPort, Duration checkpointInterval) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("jobmanager.rpc.address", "localhost");
        s.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        s.put("jobmanager.bind-host", "localhost");
        s.put("taskmanager.bind-host", "localhost");
        s.put("taskmanager.host", "localhost");
        s.put("rest.address", "localhost");
        s.put("rest.bind-address", "localhost");
        s.put("rest.port", Integer.toString(restPort));
        s.put(
                "execution.checkpointing.dir",
                workDir.resolve("flink-data/checkpoints").toUri().toString());
        s.put(
                "execution.checkpointing.savepoint-dir",
                workDir.resolve("flink-data/savepoints").toUri().toString());
        s.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        s.put("jobmanager.memory.process.size", "900m");
        s.put("taskmanager.memory.process.size", "1200m");
        s.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        // Every history entry, so a test can report every checkpoint of a run.
        s.put("web.checkpoints.history", "1000");
        // A machine shared with other builds can stall a JVM for seconds: no false alarms. A killed
        // TaskManager is still noticed at once, by its refused heartbeat RPCs (heartbeat.rpc-failure-threshold).
        s.put("pekko.ask.timeout", "60 s");
        s.put("heartbeat.timeout", "60 s");
        return s;
    }

    /** Starts one more TaskManager (a replacement, or the cluster's own at start), with its own Prometheus port. */
    Process startTaskManager() throws IOException, InterruptedException {
        Map<String, String> tm = new LinkedHashMap<>(settings);
        // Named by its index, so the REST API's TaskManager ids say which process is which.
        tm.put("taskmanager.resource-id", "taskmanager-" + taskManagers.size());
        int prometheus = freePort();
        tm.put("metrics.reporter.prom.port", Integer.toString(prometheus));
        // Two lines, as taskmanager.sh reads them: the JVM's memory flags, then the derived memory settings (-D k=v
        // ...).
        String[] params = bashJavaUtils(home, "GET_TM_RESOURCE_PARAMS", tm).split("\n");
        List<String> dynamic = new ArrayList<>();
        for (String token : params[params.length - 1].trim().split(" ")) {
            if (!token.isBlank()) {
                dynamic.add(token);
            }
        }
        Process p = launch(
                home,
                "taskmanager-" + taskManagers.size(),
                TASK_MANAGER,
                withJavaOpts(home, "taskmanager", List.of(params[0].trim().split(" "))),
                tm,
                dynamic,
                logFormat);
        taskManagers.add(p);
        prometheusPorts.add(prometheus);
        return p;
    }

    private static List<String> jvmParams(Path home, String command, Map<String, String> settings, String role)
            throws IOException, InterruptedException {
        String out = bashJavaUtils(home, command, settings);
        // GET_JM_RESOURCE_PARAMS answers two lines: the JVM flags, then dynamic settings the JobManager derives itself.
        return withJavaOpts(home, role, List.of(out.split("\n")[0].trim().split(" ")));
    }

    /** The JVM options config.yaml gives (env.java.opts.all and the role's own), before the memory flags, as Flink's scripts place them. */
    private static List<String> withJavaOpts(Path home, String role, List<String> memory) throws IOException {
        Map<String, String> conf = FlinkYaml.read(home.resolve("conf/config.yaml"));
        List<String> jvm = new ArrayList<>();
        for (String key : List.of("env.java.default-opts.all", "env.java.opts.all", "env.java.opts." + role)) {
            for (String opt : conf.getOrDefault(key, "").trim().split("\\s+")) {
                if (!opt.isBlank()) {
                    jvm.add(opt);
                }
            }
        }
        jvm.addAll(memory);
        return jvm;
    }

    /** Flink's start scripts ask BashJavaUtils for the memory flags; so does the harness. */
    private static String bashJavaUtils(Path home, String command, Map<String, String> settings)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                java(),
                "-cp",
                home.resolve("lib") + "/*",
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command,
                "--configDir",
                home.resolve("conf").toString()));
        settings.forEach((k, v) -> {
            cmd.add("-D");
            cmd.add(k + "=" + v);
        });
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils " + command + " failed: " + out);
        }
        StringBuilder result = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                result.append(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                        .append('\n');
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("BashJavaUtils " + command + " gave no result: " + out);
        }
        return result.toString();
    }

    private static Process launch(
            Path home,
            String name,
            String mainClass,
            List<String> jvm,
            Map<String, String> settings,
            List<String> args,
            String logFormat)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvm);
        cmd.add("-Dlog.file=" + home.resolve("log/" + name + ".log"));
        cmd.add("-Dlog4j.configurationFile=file:" + home.resolve("conf/log4j-console.properties"));
        cmd.add("-cp");
        cmd.add(home.resolve("lib") + "/*");
        cmd.add(mainClass);
        cmd.add("--configDir");
        cmd.add(home.resolve("conf").toString());
        settings.forEach((k, v) -> {
            cmd.add("-D");
            cmd.add(k + "=" + v);
        });
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("log/" + name + ".out").toFile());
        pb.environment().put("FLINK_HOME", home.toString());
        pb.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
        pb.environment().put("FLINK_LIB_DIR", home.resolve("lib").toString());
        pb.environment().put("FLINK_PLUGINS_DIR", home.resolve("plugins").toString());
        pb.environment().put("PACESETTER_LOG_FORMAT", logFormat);
        return pb.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the cluster tests through Maven (docker/pom.xml)");
        }
        return value;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitRest() throws InterruptedException {
        awaitJson("/config", n -> n.has("flink-version"), START_TIMEOUT);
    }

    /** GET a REST path; empty while the JobManager does not answer (starting, restarting or gone). */
    Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** POST a JSON body to a REST path and return the answer. */
    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Polls a REST path until its answer satisfies {@code done}; fails with the JobManager's log tail after the deadline. */
    JsonNode awaitJson(String path, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("the JobManager exited (" + jobManager.exitValue()
                        + ") while waiting for " + path + "\n" + logTail("jobmanager"));
            }
            Optional<JsonNode> answer = get(path);
            if (answer.isPresent()) {
                last = answer.get();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + path + " did not reach the expected answer within " + timeout + "; last: "
                + last + "\n" + logTail("jobmanager"));
    }

    /** The id of the application's job, once the JobManager has submitted it. */
    String awaitJobId() throws InterruptedException {
        return awaitJson("/jobs/overview", n -> n.path("jobs").size() == 1, START_TIMEOUT)
                .path("jobs")
                .get(0)
                .path("jid")
                .asText();
    }

    /** Waits until every subtask of the job is RUNNING (after a start or a restart). */
    void awaitRunning(String jobId, Duration timeout) throws InterruptedException {
        awaitJson("/jobs/" + jobId, n -> "RUNNING".equals(n.path("state").asText()) && allRunning(n), timeout);
    }

    private static boolean allRunning(JsonNode job) {
        for (JsonNode v : job.path("vertices")) {
            if (!"RUNNING".equals(v.path("status").asText())) {
                return false;
            }
        }
        return job.path("vertices").size() > 0;
    }

    /**
     * Waits until every subtask of every sink (the vertices writing to Kafka) has seen the watermark
     * reach {@code watermark}: everything the pipeline emits up to that event time is in their
     * transactions, or already committed.
     */
    void awaitSinkWatermark(String jobId, long watermark, Duration timeout) throws InterruptedException {
        JsonNode job = awaitJson("/jobs/" + jobId, n -> n.path("vertices").size() > 0, timeout);
        List<String> sinks = new ArrayList<>();
        job.path("vertices").forEach(v -> {
            if (v.path("name").asText().contains("Write ")) {
                sinks.add(v.path("id").asText());
            }
        });
        if (sinks.isEmpty()) {
            throw new IllegalStateException("no sink vertex in " + job);
        }
        for (String vertex : sinks) {
            awaitJson(
                    "/jobs/" + jobId + "/vertices/" + vertex + "/watermarks",
                    n -> {
                        if (n.size() == 0) {
                            return false;
                        }
                        for (JsonNode w : n) {
                            if (w.path("value").asLong(Long.MIN_VALUE) < watermark) {
                                return false;
                            }
                        }
                        return true;
                    },
                    timeout);
        }
    }

    /** Waits for a checkpoint triggered after {@code wallClockMs} to complete: what the sinks held then is committed. */
    JsonNode awaitCheckpointAfter(String jobId, long wallClockMs, Duration timeout) throws InterruptedException {
        return awaitJson(
                "/jobs/" + jobId + "/checkpoints",
                n -> n.path("latest")
                                .path("completed")
                                .path("trigger_timestamp")
                                .asLong()
                        > wallClockMs,
                timeout);
    }

    /**
     * Stops the job with a savepoint, as the README's upgrade does ({@code POST /jobs/:id/stop},
     * {@code drain: false}), and returns the savepoint's location once it is complete.
     */
    String stopWithSavepoint(String jobId, Duration timeout) throws IOException, InterruptedException {
        String trigger = post("/jobs/" + jobId + "/stop", "{\"drain\": false, \"formatType\": \"CANONICAL\"}")
                .path("request-id")
                .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.isPresent()
                    && "COMPLETED".equals(status.get().path("status").path("id").asText())) {
                JsonNode operation = status.get().path("operation");
                if (!operation.has("location")) {
                    throw new IllegalStateException("the stop with a savepoint failed: " + operation);
                }
                return operation.path("location").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no savepoint within " + timeout + "\n" + logTail("jobmanager"));
    }

    /** Waits for the JobManager to exit, as an application cluster does when its job finishes; returns the exit code. */
    int awaitJobManagerExit(Duration timeout) throws InterruptedException {
        if (!jobManager.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the application did not finish within " + timeout + "\n" + logTail("jobmanager"));
        }
        return jobManager.exitValue();
    }

    /** What a Prometheus server would scrape from a TaskManager's reporter ({@code metrics.reporter.prom}). */
    String scrapePrometheus(int taskManager) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + prometheusPorts.get(taskManager) + "/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "the Prometheus reporter of TaskManager " + taskManager + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** A process's console output (its log, with {@code log4j-console.properties}). */
    List<String> log(String process) throws IOException {
        return Files.readAllLines(home.resolve("log/" + process + ".out"));
    }

    List<Process> taskManagers() {
        return taskManagers;
    }

    /** The TaskManagers (by index) with at least one slot in use: with one job, those running its subtasks. */
    List<Integer> busyTaskManagers() {
        List<Integer> busy = new ArrayList<>();
        get("/taskmanagers")
                .ifPresent(n -> n.path("taskmanagers").forEach(t -> {
                    if (t.path("freeSlots").asInt() < t.path("slotsNumber").asInt()) {
                        busy.add(Integer.parseInt(t.path("id").asText().substring("taskmanager-".length())));
                    }
                }));
        return busy;
    }

    String logTail(String process) {
        try {
            List<String> lines = Files.readAllLines(home.resolve("log/" + process + ".out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path home() {
        return home;
    }

    @Override
    public void close() {
        // Force: a TaskManager whose JobManager has gone keeps retrying the connection for minutes.
        for (Process tm : taskManagers) {
            tm.destroyForcibly();
        }
        jobManager.destroyForcibly();
        try {
            jobManager.waitFor(30, TimeUnit.SECONDS);
            for (Process tm : taskManagers) {
                tm.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
