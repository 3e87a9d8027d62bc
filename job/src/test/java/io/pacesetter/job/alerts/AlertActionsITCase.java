package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.job.AlertActions;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.wall.ActionInbox;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledgement the way {@code run} takes it: the display server's inbox leaves a file, the job's file source
 * reads it, and the desk sends the alert again with who, when and the note.
 */
@Timeout(180)
class AlertActionsITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final AlertRouting ROUTING = AlertRouting.of(CONFIG);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path actions;

    @Test
    void anAcknowledgementLeftInTheInboxReachesTheAlert() throws Exception {
        long now = System.currentTimeMillis();
        Alert breach = new Alert();
        breach.alertId = Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-9", now);
        breach.kind = Alert.Kind.INCIDENT_BREACHED;
        breach.severity = Alert.Severity.CRITICAL;
        breach.state = Alert.State.RAISED;
        breach.time = now;
        breach.episodeStart = now;
        breach.incidentId = "INC-9";
        breach.sentence = "Grade 1 incident INC-9 passed its 15 min limit.";

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(PacesetterJob.FLINK_SETTINGS));
        env.setParallelism(1);
        CloseableIterator<Alert> out = env.fromData(List.of(ROUTING.route(breach)), TypeInformation.of(Alert.class))
                .connect(AlertActions.files(env, actions))
                .keyBy(a -> a.alertId, a -> a.alertId)
                .process(new AlertDesk(CONFIG, ROUTING, LiveClock.realTime()))
                .collectAsync();
        JobClient job = env.executeAsync("acknowledge through the inbox");
        try {
            Alert raised = out.next();
            assertThat(raised.state).isEqualTo(Alert.State.RAISED);
            assertThat(raised.acknowledgedBy).isNull();

            try (ActionInbox inbox = ActionInbox.directory(actions)) {
                inbox.put(AlertAction.of(
                        AlertAction.Kind.ACKNOWLEDGE,
                        breach.alertId,
                        "insp.khan",
                        now + 1_000,
                        "unit diverted",
                        "a-1"));
            }
            Alert acknowledged = out.next();
            assertThat(acknowledged.alertId).isEqualTo(breach.alertId);
            assertThat(acknowledged.revision).isEqualTo(1);
            assertThat(acknowledged.state).isEqualTo(Alert.State.UPDATED);
            assertThat(acknowledged.acknowledgedBy).isEqualTo("insp.khan");
            assertThat(acknowledged.acknowledgedAt).isEqualTo(now + 1_000);
            assertThat(acknowledged.acknowledgementNote).isEqualTo("unit diverted");
        } finally {
            job.cancel().get();
            out.close();
        }
    }
}
