package io.pacesetter.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code snapshot --events} runs ({@link PacesetterJob.Options#closedMonths}): the replay's counting operators,
 * the same uids and names, into the monthly store, and no alert operator.
 */
class ClosedMonthsGraphTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    @TempDir
    Path dir;

    @Test
    void aCountOfClosedMonthsRunsTheReplaysCountingOperatorsAndNoAlerts() throws Exception {
        Sinks store = Sinks.none().monthlyStore(new Sinks.MonthlyStore(dir.resolve("store"), false, dir));
        Map<String, String> count = statefulOperators(PacesetterJob.Options.closedMonths(CONFIG), store);
        Map<String, String> replay = statefulOperators(PacesetterJob.Options.replay(Duration.ofMinutes(15)), store);

        assertThat(count)
                .containsOnlyKeys(
                        OperatorIds.DEDUPLICATE,
                        OperatorIds.CALL_LEGS,
                        OperatorIds.INCIDENT_CLOCKS,
                        OperatorIds.DATA_QUALITY,
                        OperatorIds.MEASURE_SLICES,
                        OperatorIds.MONTHLY_STORE,
                        OperatorIds.MONTHLY_STORE_FILES);
        count.forEach((uid, name) -> assertThat(replay).containsEntry(uid, name));
        assertThat(replay).containsKeys(OperatorIds.INCIDENT_ALERTS, OperatorIds.ALERT_DESK);
    }

    @Test
    void aCountOfClosedMonthsRefusesSinksThatReadAlerts() {
        assertThatThrownBy(() -> statefulOperators(
                        PacesetterJob.Options.closedMonths(CONFIG), Sinks.none().files(dir, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alerts");
    }

    /** The operators with a uid, by uid, with their names. */
    private Map<String, String> statefulOperators(PacesetterJob.Options options, Sinks sinks) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(PacesetterJob.FLINK_SETTINGS));
        PacesetterJob.define(CONFIG, options, Inputs.eventFiles(env, CONFIG, List.of(events)), sinks);
        Map<String, String> byUid = new TreeMap<>();
        for (StreamNode node : env.getStreamGraph(false).getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                byUid.put(node.getTransformationUID(), node.getOperatorName());
            }
        }
        return byUid;
    }
}
