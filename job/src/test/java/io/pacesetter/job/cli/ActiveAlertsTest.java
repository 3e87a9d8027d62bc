package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.publish.ActiveAlerts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;

/** What the console of a local run shows of the alerts: a silent feed loudly, the rest counted, cleared ones gone. */
class ActiveAlertsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.loadYaml("");
    private static final long SILENT_SINCE =
            Instant.parse("2016-06-01T03:58:00Z").toEpochMilli();

    private static Alert alert(Alert.Kind kind, String subject, int revision, Alert.State state, String sentence) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(kind, subject, SILENT_SINCE);
        a.revision = revision;
        a.kind = kind;
        a.severity = Alert.Severity.CRITICAL;
        a.state = state;
        a.episodeStart = SILENT_SINCE;
        a.sentence = sentence;
        return a;
    }

    private static final String SILENT =
            "No call events have arrived for 2 minutes (the last was stamped 04:58): the call-handling "
                    + "figures are not live. Check the telephony feed.";

    @Test
    void aSilentFeedIsShownUntilItIsClearedAndOtherAlertsAreCountedByKind() throws Exception {
        String board = UUID.randomUUID().toString();
        SinkWriter<Alert> writer = new ActiveAlerts(board).createWriter(null);
        writer.write(alert(Alert.Kind.FEED_SILENT, "calls", 0, Alert.State.RAISED, SILENT), null);
        writer.write(alert(Alert.Kind.INCIDENT_AT_RISK, "INC-1", 0, Alert.State.RAISED, "at risk"), null);
        writer.write(alert(Alert.Kind.INCIDENT_BREACHED, "INC-2", 0, Alert.State.RAISED, "breached"), null);
        writer.write(alert(Alert.Kind.INCIDENT_BREACHED, "INC-3", 0, Alert.State.RAISED, "breached"), null);
        // A redelivery after a restart changes nothing.
        writer.write(alert(Alert.Kind.INCIDENT_BREACHED, "INC-3", 0, Alert.State.RAISED, "breached"), null);

        String shown = RunCommand.summary(CONFIG, List.of(), ActiveAlerts.read(board));

        assertThat(shown).contains("!! FEED SILENT: " + SILENT);
        assertThat(shown).contains("active alerts: 1 INCIDENT_AT_RISK, 2 INCIDENT_BREACHED");

        writer.write(
                alert(Alert.Kind.FEED_SILENT, "calls", 1, Alert.State.CLEARED, "Call events are arriving again"), null);
        writer.write(alert(Alert.Kind.INCIDENT_AT_RISK, "INC-1", 1, Alert.State.CLEARED, "arrived"), null);

        String after = RunCommand.summary(CONFIG, List.of(), ActiveAlerts.read(board));
        assertThat(after).doesNotContain("FEED SILENT").contains("active alerts: 2 INCIDENT_BREACHED");
        assertThat(ActiveAlerts.read(board)).hasSize(2);
    }
}
