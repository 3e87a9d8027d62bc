package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.cli.Pacesetter;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.testkit.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted cases of issue 16, replayed as a file through the whole graph (routing and the desk included): a grade-1
 * incident with no unit sent for five minutes, a grade-1 incident downgraded three minutes before its deadline, and
 * the duty Command Officer's digests over three days, each with a breach, that hold midnight and the end of British
 * Summer Time (02:00 BST on 30 October 2016 became 01:00 GMT).
 */
@Timeout(300)
class CraftedAlertsReplayITCase {
    @TempDir
    Path dir;

    private static long at(String utc) {
        return Instant.parse(utc).toEpochMilli();
    }

    /** A line's event time, to write the file in the order a feed sends it. */
    private static Instant timeOf(String line) {
        int i = line.indexOf("\"time\":\"") + 8;
        return Instant.parse(line.substring(i, line.indexOf('"', i)));
    }

    private static String incident(String id, IncidentEventType type, String utc, Integer grade, String reason) {
        IncidentEvent e = TestEvents.incident(id, type, at(utc), grade, grade == null ? null : "Ashby", null, reason);
        return RecordJson.incidentEvent(e);
    }

    @Test
    void unresourcedLateDowngradeAndDigestsAcrossMidnightAndTheClockChange() throws Exception {
        List<String> lines = new ArrayList<>();
        // A 999 call every half hour keeps the watermark moving through the three days.
        for (long t = at("2016-10-29T00:00:00Z");
                t <= at("2016-10-31T12:00:00Z");
                t += Duration.ofMinutes(30).toMillis()) {
            String call = "c" + t;
            lines.add(TestEvents.callLine("o" + t, call, CallEventType.OFFERED, "999", t, "Ashby"));
            lines.add(TestEvents.callLine("a" + t, call, CallEventType.ANSWERED, "999", t + 5_000, "Ashby"));
        }
        // A breach a night, for the digest to report (it follows the alerts it reads).
        for (String night : List.of("2016-10-29", "2016-10-30", "2016-10-31")) {
            String id = "B" + night.substring(8);
            lines.add(incident(id, IncidentEventType.CREATED, night + "T03:00:00Z", 1, null));
            lines.add(incident(id, IncidentEventType.ARRIVED, night + "T03:25:00Z", null, null));
            lines.add(incident(id, IncidentEventType.CLOSED, night + "T04:00:00Z", null, "No unit free"));
        }
        lines.add(incident("U1", IncidentEventType.CREATED, "2016-10-29T10:00:00Z", 1, null));
        lines.add(incident("U1", IncidentEventType.DISPATCHED, "2016-10-29T10:05:00Z", null, null));
        lines.add(incident("U1", IncidentEventType.ARRIVED, "2016-10-29T10:12:00Z", null, null));
        lines.add(incident("U1", IncidentEventType.CLOSED, "2016-10-29T10:40:00Z", null, null));
        lines.add(incident("D1", IncidentEventType.CREATED, "2016-10-29T12:00:00Z", 1, null));
        lines.add(incident("D1", IncidentEventType.GRADED, "2016-10-29T12:12:00Z", 2, "Caller says the intruder left"));
        lines.add(incident("D1", IncidentEventType.CLOSED, "2016-10-29T13:00:00Z", null, null));
        lines.sort(Comparator.comparing(CraftedAlertsReplayITCase::timeOf));
        Path events = Files.write(dir.resolve("crafted.jsonl"), lines);

        Path out = dir.resolve("out");
        assertThat(Pacesetter.execute("replay", "--events", events.toString(), "--out", out.toString()))
                .isZero();
        List<Alert> alerts = Files.readAllLines(out.resolve(FileOutputs.ALERTS)).stream()
                .map(RecordJson::readAlert)
                .toList();

        assertThat(alerts.stream().filter(a -> a.kind == Alert.Kind.INCIDENT_UNRESOURCED))
                .as("U1: no unit three minutes after its clock start, then one sent")
                .extracting(a -> a.incidentId, a -> a.state, a -> a.time)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("U1", Alert.State.RAISED, at("2016-10-29T10:03:00Z")),
                        org.assertj.core.groups.Tuple.tuple("U1", Alert.State.CLEARED, at("2016-10-29T10:05:00Z")));
        assertThat(alerts.stream().filter(a -> a.kind == Alert.Kind.INCIDENT_UNRESOURCED))
                .as("D1, never dispatched, is unresourced until its downgrade")
                .extracting(a -> a.incidentId, a -> a.state, a -> a.time)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("D1", Alert.State.RAISED, at("2016-10-29T12:03:00Z")),
                        org.assertj.core.groups.Tuple.tuple("D1", Alert.State.CLEARED, at("2016-10-29T12:12:00Z")));

        assertThat(alerts.stream().filter(a -> a.kind == Alert.Kind.LATE_DOWNGRADES))
                .as("the 29th's daily review lists D1 with its reason")
                .anyMatch(a -> a.incidentIds.contains("D1") && a.sentence.contains("intruder left"));

        List<Long> digests = alerts.stream()
                .filter(a -> a.kind == Alert.Kind.COMMAND_DIGEST && a.state == Alert.State.RAISED)
                .map(a -> a.time)
                .distinct()
                .sorted()
                .toList();
        assertThat(digests)
                .as("07:00 and 19:00 local: BST (UTC+1) on the 29th, GMT from the 30th")
                .contains(
                        at("2016-10-29T06:00:00Z"),
                        at("2016-10-29T18:00:00Z"),
                        at("2016-10-30T07:00:00Z"),
                        at("2016-10-30T19:00:00Z"),
                        at("2016-10-31T07:00:00Z"));
        assertThat(digests).doesNotContain(at("2016-10-30T06:00:00Z"), at("2016-10-30T18:00:00Z"));
        assertThat(alerts.stream().filter(a -> a.kind == Alert.Kind.COMMAND_DIGEST))
                .allMatch(a -> a.audience.equals(List.of(Alert.Audience.DUTY_COMMAND_OFFICER)));
    }
}
