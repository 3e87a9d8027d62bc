package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.job.AlertActions;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.OperatorIds;
import io.pacesetter.job.PacesetterJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The graph a Flink cluster runs ({@link ClusterJob}) is the graph the Kafka end-to-end tests run: the same
 * operators, names and uids, whether the sources are bounded (tests) or not (the cluster).
 */
class ClusterGraphTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final KafkaConnection KAFKA =
            KafkaConnection.resolve(CONFIG.kafka().withBootstrapServers("localhost:9092"));

    @Test
    void theClusterRunsTheGraphTheEndToEndTestsRun() {
        Map<String, String> cluster = operators(false);
        Map<String, String> tested = operators(true);
        assertThat(tested).isEqualTo(cluster);
    }

    @Test
    void everyStatefulOperatorOfTheLiveJobIsPinnedByItsUid() {
        Map<String, String> cluster = operators(false);
        assertThat(cluster.keySet())
                .contains(
                        OperatorIds.KAFKA_CALL_EVENTS,
                        OperatorIds.KAFKA_INCIDENT_EVENTS,
                        OperatorIds.DEDUPLICATE,
                        OperatorIds.CALL_LEGS,
                        OperatorIds.INCIDENT_CLOCKS,
                        OperatorIds.DATA_QUALITY,
                        OperatorIds.MEASURE_SLICES,
                        OperatorIds.LIVE_QUEUES,
                        OperatorIds.LIVE_INCIDENTS,
                        OperatorIds.INCIDENT_ALERTS,
                        OperatorIds.BREACH_REVIEW,
                        OperatorIds.LPA_BREACH_SURGE,
                        OperatorIds.CALLBACK_ALERTS,
                        OperatorIds.CALL_HANDLING_ALERTS,
                        OperatorIds.KAFKA_KPIS,
                        OperatorIds.KAFKA_DEAD_LETTERS,
                        OperatorIds.KAFKA_ALERTS,
                        OperatorIds.KAFKA_ACTIONS,
                        OperatorIds.COMMAND_DIGEST,
                        OperatorIds.ALERT_DESK);
    }

    @Test
    void runWithKafkaKeepsTheClusterJobsStatefulOperators() {
        StreamExecutionEnvironment env = environment();
        PacesetterJob.define(
                CONFIG,
                PacesetterJob.Options.liveRun(CONFIG).withPublishEvery(Duration.ofMinutes(15)),
                Inputs.kafka(env, CONFIG, KAFKA, false),
                AlertActions.kafka(env, KAFKA, false),
                RunCommand.liveSinks(CONFIG, Path.of("out"), null, "board").kafka(KAFKA));
        // A savepoint of one restores into the other: run --kafka has every uid the cluster job has.
        assertThat(byUid(env.getStreamGraph(false)).keySet())
                .containsAll(operators(false).keySet());
    }

    @Test
    void withAStoreTheClusterJobWritesTheMonthlyStore() {
        StreamExecutionEnvironment env = environment();
        ClusterJob.defineOn(env, CONFIG, KAFKA, Duration.ofMinutes(15), false, false, false, "s3://force-bucket/store");

        assertThat(byUid(env.getStreamGraph(false)).keySet())
                .contains(OperatorIds.MONTHLY_STORE, OperatorIds.MONTHLY_STORE_FILES);
        assertThat(operators(false).keySet())
                .as("without --store, none")
                .doesNotContain(OperatorIds.MONTHLY_STORE_FILES);
    }

    /** The graph's operators by uid (those without one by name, numbered in graph order), with their names. */
    private static Map<String, String> operators(boolean bounded) {
        StreamExecutionEnvironment env = environment();
        ClusterJob.defineOn(env, CONFIG, KAFKA, Duration.ofMinutes(15), false, false, bounded, null);
        return byUid(env.getStreamGraph(false));
    }

    private static Map<String, String> byUid(StreamGraph graph) {
        Map<String, String> byUid = new TreeMap<>();
        List<StreamNode> nodes = graph.getStreamNodes().stream()
                .sorted((a, b) -> Integer.compare(a.getId(), b.getId()))
                .collect(Collectors.toList());
        Map<String, Integer> unnamed = new TreeMap<>();
        for (StreamNode node : nodes) {
            String uid = node.getTransformationUID();
            String name = node.getOperatorName();
            String key = uid != null ? uid : name + " #" + unnamed.merge(name, 1, Integer::sum);
            byUid.put(key, name);
        }
        return byUid;
    }

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(PacesetterJob.FLINK_SETTINGS));
        FlinkEnvironments.checkpointsThatKeepUp(env);
        return env;
    }
}
