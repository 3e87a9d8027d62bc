package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The duty Command Officer's digest: its timers at the shift changes, across midnight and clock changes, its state. */
class CommandDigestTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final String FORCE = CONFIG.force().name();

    private final KeyedTwoInputStreamOperatorTestHarness<String, Alert, AlertAction, Alert> harness;

    CommandDigestTest() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new CommandDigest(CONFIG, null), a -> FORCE, a -> FORCE, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Alert alert(Alert.Kind kind, String subject, long time, String lpa) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(kind, subject, time);
        a.kind = kind;
        a.severity = kind == Alert.Kind.INCIDENT_BREACHED ? Alert.Severity.CRITICAL : Alert.Severity.WARNING;
        a.state = Alert.State.RAISED;
        a.incidentId = subject;
        a.time = time;
        a.lpa = lpa;
        a.sentence = kind + " " + subject;
        return a;
    }

    private List<Alert> digests() {
        return harness.extractOutputValues();
    }

    @Test
    void digestTimesHoldAcrossMidnightAndBothClockChanges() {
        DigestTimes times =
                new DigestTimes(ZoneId.of("Europe/London"), List.of(LocalTime.of(19, 0), LocalTime.of(7, 0)));
        // Summer (BST, UTC+1): 19:00 local is 18:00Z; after it, the next is 07:00 the next day (06:00Z).
        assertThat(times.after(ms("2016-06-01T18:00:00Z"))).isEqualTo(ms("2016-06-02T06:00:00Z"));
        assertThat(times.after(ms("2016-06-01T23:30:00Z"))).isEqualTo(ms("2016-06-02T06:00:00Z"));
        assertThat(times.atOrBefore(ms("2016-06-02T05:59:59Z"))).isEqualTo(ms("2016-06-01T18:00:00Z"));
        // Clocks go back 01:00Z 30 October 2016: 19:00 on the 29th is 18:00Z, 07:00 on the 30th is 07:00Z (13 h).
        assertThat(times.after(ms("2016-10-29T18:00:00Z"))).isEqualTo(ms("2016-10-30T07:00:00Z"));
        // Clocks go forward 01:00Z 27 March 2016: 19:00 on the 26th is 19:00Z, 07:00 on the 27th is 06:00Z (11 h).
        assertThat(times.after(ms("2016-03-26T19:00:00Z"))).isEqualTo(ms("2016-03-27T06:00:00Z"));
    }

    @Test
    void atEachShiftChangeTheBreachesSinceTheLastByLpaWithReasonsAndWhatIsAtRisk() throws Exception {
        long evening = ms("2016-06-01T18:00:00Z"); // 19:00 BST
        long morning = ms("2016-06-02T06:00:00Z"); // 07:00 BST
        Alert first = alert(Alert.Kind.INCIDENT_BREACHED, "INC-1", ms("2016-06-01T20:00:00Z"), "North");
        Alert reasoned = first.next(Alert.State.UPDATED);
        reasoned.reason = "no unit free";
        Alert second = alert(Alert.Kind.INCIDENT_BREACHED, "INC-2", ms("2016-06-01T23:30:00Z"), "North");
        Alert third = alert(Alert.Kind.INCIDENT_BREACHED, "INC-3", ms("2016-06-02T01:00:00Z"), "South");
        Alert atRisk = alert(Alert.Kind.INCIDENT_AT_RISK, "INC-4", morning - 5 * MINUTE, "Central");
        Alert tooLate = alert(Alert.Kind.INCIDENT_BREACHED, "INC-5", morning + MINUTE, "South");

        harness.processWatermark1(new Watermark(evening - MINUTE));
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        // Out of order, and the reason before the breach it updates: the digest is the same.
        harness.processElement1(tooLate, tooLate.time);
        harness.processElement1(reasoned, reasoned.time);
        harness.processElement1(third, third.time);
        harness.processElement1(first, first.time);
        harness.processElement1(second, second.time);
        harness.processElement1(atRisk, atRisk.time);
        // The first record seen was the latest: its shift change's timer stays, the earliest is set too.
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processWatermark1(new Watermark(morning));
        assertThat(digests()).hasSize(1);
        Alert d = digests().get(0);
        assertThat(d.kind).isEqualTo(Alert.Kind.COMMAND_DIGEST);
        assertThat(d.time).isEqualTo(morning);
        assertThat(d.since).isEqualTo(evening);
        assertThat(d.count).isEqualTo(3);
        assertThat(d.breachesByLpa).extracting(l -> l.lpa).containsExactly("North", "South");
        assertThat(d.breachesByLpa.get(0).reasonRecorded).isEqualTo(1);
        assertThat(d.breachesByLpa.get(0).missingIncidentIds).containsExactly("INC-2");
        assertThat(d.breachesByLpa.get(1).missingIncidentIds).containsExactly("INC-3");
        assertThat(d.incidentIds).containsExactly("INC-4");
        assertThat(d.sentence).contains("3 grade-1 breaches since 19:00 (North 2, South 1), 2 with no reason recorded");
        // The next timer is set, and the reported breaches are gone from the state; the later one waits.
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        Alert cleared = atRisk.next(Alert.State.CLEARED);
        cleared.time = morning + 2 * MINUTE;
        harness.processElement1(cleared, cleared.time);
        harness.processWatermark1(new Watermark(ms("2016-06-02T18:00:00Z")));
        assertThat(digests()).hasSize(2);
        Alert evening2 = digests().get(1);
        assertThat(evening2.since).isEqualTo(morning);
        assertThat(evening2.count).isEqualTo(1);
        assertThat(evening2.breachesByLpa.get(0).missingIncidentIds).containsExactly("INC-5");
        assertThat(evening2.incidentIds).isEmpty();
    }

    @Test
    void onDemandADigestNowAndTheNextCoversFromThere() throws Exception {
        long t = ms("2016-06-01T12:00:00Z");
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        Alert breach = alert(Alert.Kind.INCIDENT_BREACHED, "INC-1", t - 30 * MINUTE, "North");
        harness.processElement1(breach, breach.time);
        harness.processWatermark1(new Watermark(t));
        harness.processElement2(AlertAction.of(AlertAction.Kind.DIGEST, null, "supt.jones", t + 1, null, "a1"), t);
        assertThat(digests()).hasSize(1);
        assertThat(digests().get(0).count).isEqualTo(1);
        assertThat(digests().get(0).sentence).startsWith("Digest asked for by supt.jones");
        harness.processWatermark1(new Watermark(ms("2016-06-01T18:00:00Z")));
        assertThat(digests()).hasSize(2);
        assertThat(digests().get(1).since).isEqualTo(t);
        assertThat(digests().get(1).count).isZero();
    }
}
