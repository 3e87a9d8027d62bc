package io.pacesetter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file, the Kubernetes deployment, the Dockerfile and the cluster tests' harness must
 * describe one deployment: the Flink version of the root pom, the slim jar in {@code usrlib/}, the same
 * entry class, and the Flink settings of {@code docker/conf/config.yaml}. Each check here is one way
 * the files could drift apart without anyone noticing until a deployment.
 */
class ClusterConfigurationTest {
    private static final Path DOCKER = FlinkCluster.dockerDir();
    private static final String FLINK_VERSION = System.getProperty("pacesetter.flink.version");
    private static final String JAR_IN_IMAGE = "/opt/flink/" + FlinkCluster.JOB_JAR;
    /** config.yaml keys that Kubernetes sets its own way: addresses and memory from the pod spec, JVM flags from the image. */
    private static final Set<String> KUBERNETES_OWN = Set.of(
            "jobmanager.rpc.address",
            "jobmanager.rpc.port",
            "jobmanager.bind-host",
            "taskmanager.bind-host",
            "rest.address",
            "rest.bind-address",
            "rest.port",
            "jobmanager.memory.process.size",
            "taskmanager.memory.process.size",
            "env.java.opts.all");
    /** What the harness may lay over config.yaml: where things are on this machine, never how the job runs. */
    private static final Set<String> HARNESS_MAY_OVERRIDE = Set.of(
            "jobmanager.rpc.address",
            "jobmanager.rpc.port",
            "jobmanager.bind-host",
            "taskmanager.bind-host",
            "taskmanager.host",
            "rest.address",
            "rest.bind-address",
            "rest.port",
            "execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir",
            "execution.checkpointing.interval",
            "jobmanager.memory.process.size",
            "taskmanager.memory.process.size",
            "io.tmp.dirs",
            "web.checkpoints.history",
            "pekko.ask.timeout",
            "heartbeat.timeout");

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            // SnakeYAML itself, not Jackson: the compose file uses anchors and merge keys (<<: *flink).
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> services() throws IOException {
        return map(yaml(DOCKER.resolve("docker-compose.yml")).get("services"));
    }

    private static Map<String, Object> flinkDeployment() throws IOException {
        try (Reader r = Files.newBufferedReader(DOCKER.resolve("k8s/flinkdeployment.yaml"))) {
            for (Object doc : new Yaml().loadAll(r)) {
                if ("FlinkDeployment".equals(map(doc).get("kind"))) {
                    return map(doc);
                }
            }
        }
        throw new AssertionError("no FlinkDeployment in k8s/flinkdeployment.yaml");
    }

    private static String dockerfile() throws IOException {
        return Files.readString(DOCKER.resolve("Dockerfile"));
    }

    @Test
    void everyFileNamesTheRootPomsFlinkVersion() throws IOException {
        assertThat(FLINK_VERSION).isNotBlank();
        Matcher arg = Pattern.compile("(?m)^ARG FLINK_VERSION=(\\S+)$").matcher(dockerfile());
        assertThat(arg.find()).as("Dockerfile: ARG FLINK_VERSION=").isTrue();
        assertThat(arg.group(1)).as("Dockerfile's Flink").isEqualTo(FLINK_VERSION);
        assertThat(dockerfile()).contains("FROM flink:${FLINK_VERSION}-java17");
        for (String name : List.of("jobmanager", "taskmanager-1", "taskmanager-2")) {
            Map<String, Object> build = map(map(services().get(name)).get("build"));
            assertThat(map(build.get("args")).get("FLINK_VERSION"))
                    .as(name + " build arg")
                    .isEqualTo(FLINK_VERSION);
        }
        String[] v = FLINK_VERSION.split("\\.");
        assertThat(map(flinkDeployment().get("spec")).get("flinkVersion")).isEqualTo("v" + v[0] + "_" + v[1]);
    }

    @Test
    void theJobJarIsInUsrlibEverywhereAndHoldsTheEntryClass() throws IOException {
        assertThat(dockerfile()).contains("job/target/pacesetter-slim.jar " + JAR_IN_IMAGE);
        assertThat(Path.of(System.getProperty("pacesetter.slim.jar"))
                        .getFileName()
                        .toString())
                .isEqualTo("pacesetter-slim.jar");
        Map<String, Object> job = map(map(flinkDeployment().get("spec")).get("job"));
        assertThat(job.get("jarURI")).isEqualTo("local://" + JAR_IN_IMAGE);
        assertThat(job.get("entryClass")).isEqualTo(FlinkCluster.JOB_CLASS);
        assertThat(job.get("upgradeMode")).isEqualTo("savepoint");
        String command = String.valueOf(map(services().get("jobmanager")).get("command"));
        assertThat(command)
                .startsWith("standalone-job")
                .contains("--job-classname " + FlinkCluster.JOB_CLASS)
                .contains("--kafka kafka:9092");
        assertThat(String.join(" ", (List<String>) job.get("args"))).contains("--kafka");
        Path slim = Path.of(System.getProperty("pacesetter.slim.jar"));
        if (Files.exists(slim)) {
            try (JarFile jar = new JarFile(slim.toFile())) {
                assertThat(jar.getEntry(FlinkCluster.JOB_CLASS.replace('.', '/') + ".class"))
                        .as("entry class in the slim jar")
                        .isNotNull();
                assertThat(jar.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                        .as("the slim jar leaves Flink to the cluster")
                        .isNull();
            }
        }
    }

    @Test
    void composePublishesEveryPortOnThisMachinesLoopbackOnly() throws IOException {
        // "8080:8080" would publish on every interface: a display without a token, Flink's REST API
        // (which submits and cancels jobs) and Kafka open to the control room's network.
        int published = 0;
        for (Map.Entry<String, Object> service : services().entrySet()) {
            Object ports = map(service.getValue()).get("ports");
            if (ports == null) {
                continue;
            }
            for (Object port : (List<?>) ports) {
                published++;
                assertThat(String.valueOf(port))
                        .as(service.getKey() + " publishes " + port)
                        .matches("127\\.0\\.0\\.1:\\d+:\\d+");
            }
        }
        assertThat(published).as("the display and Flink's web UI are published").isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyFlinkContainerMountsTheConfigAndTheStateVolume() throws IOException {
        Map<String, String> conf = FlinkYaml.read(DOCKER.resolve("conf/config.yaml"));
        String checkpoints = conf.get("execution.checkpointing.dir");
        String savepoints = conf.get("execution.checkpointing.savepoint-dir");
        for (String name : List.of("jobmanager", "taskmanager-1", "taskmanager-2")) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) map(services().get(name)).get("volumes");
            assertThat(volumes).as(name).contains("./conf:/opt/pacesetter/conf:ro");
            String stateVolume = volumes.stream()
                    .filter(v -> v.startsWith("flink-data:"))
                    .findFirst()
                    .orElseThrow();
            String mountedAt = stateVolume.split(":")[1];
            assertThat(checkpoints)
                    .as(name + ": checkpoints on the named volume")
                    .startsWith("file://" + mountedAt + "/");
            assertThat(savepoints)
                    .as(name + ": savepoints on the named volume")
                    .startsWith("file://" + mountedAt + "/");
        }
        assertThat(map(yaml(DOCKER.resolve("docker-compose.yml")).get("volumes")))
                .containsKey("flink-data");
        assertThat(Files.readString(DOCKER.resolve("pacesetter-entrypoint.sh")))
                .contains("cp /opt/pacesetter/conf/* \"${FLINK_HOME}/conf/\"");
    }

    @Test
    void configYamlSaysRocksDbIncrementalCheckpointsRestartsAndPrometheus() throws IOException {
        Map<String, String> conf = FlinkYaml.read(DOCKER.resolve("conf/config.yaml"));
        assertThat(conf)
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("restart-strategy.type", "exponential-delay")
                .containsEntry(
                        "metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf)
                .containsKeys(
                        "execution.checkpointing.interval",
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir");
    }

    @Test
    void kubernetesHasEveryFlinkSettingOfConfigYamlWithTheSameValue() throws IOException {
        Map<String, String> conf = FlinkYaml.read(DOCKER.resolve("conf/config.yaml"));
        Map<String, Object> k8s = map(map(flinkDeployment().get("spec")).get("flinkConfiguration"));
        Map<String, String> differ = new TreeMap<>();
        conf.forEach((key, value) -> {
            if (!KUBERNETES_OWN.contains(key) && !value.equals(String.valueOf(k8s.get(key)))) {
                differ.put(key, "config.yaml " + value + ", k8s " + k8s.get(key));
            }
        });
        assertThat(differ)
                .as("settings that differ between docker/conf/config.yaml and k8s/flinkdeployment.yaml")
                .isEmpty();
        List<String> onlyInK8s = new ArrayList<>();
        k8s.keySet().stream()
                .filter(k -> !conf.containsKey(k) && !k.startsWith("high-availability."))
                .forEach(onlyInK8s::add);
        assertThat(onlyInK8s).as("settings only Kubernetes has (other than HA)").isEmpty();
    }

    @Test
    void theHarnessChangesOnlyWhereThingsAreNeverHowTheJobRuns() {
        Map<String, String> overrides = FlinkCluster.overrides(Path.of("/tmp/x"), 1, 2, Duration.ofSeconds(1));
        assertThat(HARNESS_MAY_OVERRIDE).containsAll(overrides.keySet());
        assertThat(overrides)
                .doesNotContainKeys(
                        "state.backend.type",
                        "execution.checkpointing.incremental",
                        "restart-strategy.type",
                        "taskmanager.numberOfTaskSlots",
                        "parallelism.default");
    }
}
