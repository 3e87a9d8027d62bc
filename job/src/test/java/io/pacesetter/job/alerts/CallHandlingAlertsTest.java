package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.FORCE;
import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.measures.MeasureRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Call-handling rules on the figures the pipeline publishes: raised beyond a level, on enough calls,
 * for long enough; cleared only beyond the clear level. Each test would fail if the alert flapped.
 */
class CallHandlingAlertsTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    /** 09:00 on 1 June 2016, London. */
    private static final long T0900 = ms("2016-06-01T08:00:00Z");

    private static final String ANSWERED_RULE = "{ queue: \"999\", measure: ANSWERED_WITHIN_STANDARD, window: PT1H, "
            + "direction: BELOW, warning: 0.90, critical: 0.80, clear: 0.92, minCalls: 20, minDuration: %s }";

    private KeyedOneInputStreamOperatorTestHarness<String, RuleReading, Alert> harness;
    private PacesetterConfig config;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void open(PacesetterConfig config) throws Exception {
        this.config = config;
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CallHandlingAlerts(config), r -> r.key, Types.STRING);
    }

    private void openWithAnsweredRule(String minDuration) throws Exception {
        open(ConfigLoader.loadYaml("alerts: {callHandling: [" + String.format(ANSWERED_RULE, minDuration) + "]}"));
    }

    /** The one-hour 999 window ending {@code end}, force-wide: {@code within} of {@code answered} answered within 10 s. */
    private static MeasureRecord hour(long end, long within, long answered) {
        MeasureRecord r = MeasureRecords.sliding(end - HOUR, end);
        r.measure = "ANSWERED_WITHIN_STANDARD";
        r.queue = "999";
        r.scope = Scope.FORCE;
        r.scopeId = FORCE;
        r.numerator = (double) within;
        r.denominator = (double) answered;
        r.value = answered == 0 ? null : (double) within / answered;
        r.target = 0.9;
        r.force = FORCE;
        return r;
    }

    private void send(MeasureRecord... records) throws Exception {
        List<RuleReading> readings = new ArrayList<>();
        for (MeasureRecord r : records) {
            CallHandlingAlerts.readings(config).flatMap(r, new Collector<>() {
                @Override
                public void collect(RuleReading reading) {
                    readings.add(reading);
                }

                @Override
                public void close() {}
            });
        }
        for (RuleReading reading : readings) {
            long t = reading.record.window == WindowKind.LIVE ? reading.record.asOf : reading.record.windowEnd;
            harness.processElement(reading, t);
        }
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void aFigureHoveringAroundTheWarningLevelIsRaisedOnceAndClearedOnlyAboveTheClearLevel() throws Exception {
        openWithAnsweredRule("PT0S");
        long t = T0900;
        send(hour(t, 89, 100));
        send(
                hour(t += MINUTE, 91, 100),
                hour(t += MINUTE, 89, 100),
                hour(t += MINUTE, 91, 100),
                hour(t += MINUTE, 90, 100),
                hour(t += MINUTE, 895, 1000),
                hour(t += MINUTE, 919, 1000));
        assertThat(alerts())
                .as("raised once, however often the figure crosses 90%")
                .hasSize(1);

        send(hour(t += MINUTE, 92, 100));
        assertThat(alerts()).extracting(a -> a.state).containsExactly(Alert.State.RAISED, Alert.State.CLEARED);

        send(hour(t += MINUTE, 91, 100));
        assertThat(alerts())
                .as("91% is not below the warning level: nothing new")
                .hasSize(2);
        send(hour(t += MINUTE, 89, 100));

        assertThat(alerts())
                .extracting(a -> a.state, a -> a.revision)
                .containsExactly(
                        tuple(Alert.State.RAISED, 0), tuple(Alert.State.CLEARED, 1), tuple(Alert.State.RAISED, 0));
        assertThat(alerts().get(2).alertId)
                .as("a second episode is a second alert")
                .isNotEqualTo(alerts().get(0).alertId);
    }

    @Test
    void exactlyAtTheWarningLevelIsNotBelowIt() throws Exception {
        openWithAnsweredRule("PT0S");
        send(hour(T0900, 90, 100));
        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).as("nothing to remember").isZero();
    }

    @Test
    void theAlertSaysTheFigureTheLevelAndTheStandard() throws Exception {
        openWithAnsweredRule("PT0S");
        send(hour(T0900, 35, 40));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(Alert.Kind.CALL_HANDLING);
            assertThat(a.severity).isEqualTo(Alert.Severity.WARNING);
            assertThat(AlertRouting.of(config).audienceOf(a))
                    .containsExactlyInAnyOrder(Alert.Audience.FORCE_CONTROL_ROOM, Alert.Audience.PACESETTER);
            assertThat(a.measure).isEqualTo("ANSWERED_WITHIN_STANDARD");
            assertThat(a.queue).isEqualTo("999");
            assertThat(a.scope).isEqualTo(Scope.FORCE);
            assertThat(a.window).isEqualTo(WindowKind.SLIDING);
            assertThat(a.windowLengthMs).isEqualTo(HOUR);
            assertThat(a.value).isEqualTo(0.875);
            assertThat(a.level).isEqualTo(0.9);
            assertThat(a.time).isEqualTo(T0900);
            assertThat(a.sentence)
                    .isEqualTo("999 calls answered within 10 s in the hour to 09:00: 87.5% (35 of 40), below the "
                            + "warning level of 90% (the standard is 90%).");
        });
    }

    @Test
    void tooFewCallsNeitherRaiseNorClear() throws Exception {
        openWithAnsweredRule("PT0S");
        long t = T0900;
        send(hour(t, 5, 10), hour(t += MINUTE, 0, 19));
        assertThat(alerts()).as("50% and 0% of too few calls to judge").isEmpty();

        send(hour(t += MINUTE, 70, 100));
        send(hour(t += MINUTE, 19, 19));
        assertThat(alerts())
                .as("100% of 19 calls does not clear it either")
                .extracting(a -> a.severity, a -> a.state)
                .containsExactly(tuple(Alert.Severity.CRITICAL, Alert.State.RAISED));

        send(hour(t += MINUTE, 20, 20));
        assertThat(alerts()).last().extracting(a -> a.state).isEqualTo(Alert.State.CLEARED);
    }

    @Test
    void theFigureMustStayBeyondItsLevelForTheMinimumDuration() throws Exception {
        openWithAnsweredRule("PT5M");
        long t = T0900;
        send(hour(t, 85, 100), hour(t += MINUTE, 85, 100), hour(t += MINUTE, 85, 100));
        send(hour(t += MINUTE, 91, 100)); // 09:03: back short of the level: the five minutes start again
        long since = t + MINUTE;
        for (int i = 0; i < 5; i++) {
            send(hour(t += MINUTE, 85, 100));
        }
        assertThat(alerts()).as("09:04 to 09:08 is four minutes").isEmpty();

        send(hour(t += MINUTE, 85, 100));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.time).isEqualTo(since + 5 * MINUTE);
            assertThat(a.episodeStart).isEqualTo(since);
            assertThat(a.sentence).endsWith(", since 09:04:00.");
        });
    }

    @Test
    void aWarningBecomesCriticalForTheDutyCommandOfficerAndIsNotLoweredUntilCleared() throws Exception {
        openWithAnsweredRule("PT0S");
        long t = T0900;
        send(hour(t, 85, 100), hour(t += MINUTE, 79, 100), hour(t += MINUTE, 85, 100), hour(t += MINUTE, 78, 100));

        assertThat(alerts())
                .extracting(a -> a.state, a -> a.severity)
                .containsExactly(
                        tuple(Alert.State.RAISED, Alert.Severity.WARNING),
                        tuple(Alert.State.UPDATED, Alert.Severity.CRITICAL));
        assertThat(AlertRouting.of(config).audienceOf(alerts().get(1))).contains(Alert.Audience.DUTY_COMMAND_OFFICER);
        assertThat(alerts().get(1).sentence).contains("is now 79% (79 of 100), below the critical level of 80%");

        send(hour(t += MINUTE, 93, 100));
        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.severity).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(a.outcome).isEqualTo("RECOVERED");
            assertThat(a.sentence)
                    .isEqualTo("999 calls answered within 10 s in the hour to 09:04 is back to 93% (93 of 100), at or "
                            + "above 92%: cleared after 4 min.");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOlderFigureThanOneAlreadyJudgedIsIgnored() throws Exception {
        openWithAnsweredRule("PT0S");
        send(hour(T0900, 85, 100), hour(T0900 - MINUTE, 95, 100));
        assertThat(alerts()).extracting(a -> a.state).containsExactly(Alert.State.RAISED);
    }

    @Test
    void whenTheWindowEmptiesTheAlertIsClearedSayingSoAndForgotten() throws Exception {
        openWithAnsweredRule("PT0S");
        send(hour(T0900, 85, 100));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0900 + HOUR);

        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.state).isEqualTo(Alert.State.CLEARED);
            assertThat(a.outcome).isEqualTo("NO_FIGURES");
            assertThat(a.sentence)
                    .isEqualTo("No new figure for 999 calls answered within 10 s since 09:00:00 (no calls to count): "
                            + "the alert is cleared.");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theDefaultLongestWaitRuleWatchesTheLiveFigure() throws Exception {
        open(ConfigLoader.defaults());
        long t = T0900;
        send(live("LONGEST_WAIT_SECONDS", t, 31), live("LONGEST_WAIT_SECONDS", t += MINUTE, 25));
        send(live("LONGEST_WAIT_SECONDS", t += MINUTE, 61));
        send(live("LONGEST_WAIT_SECONDS", t += MINUTE, 20));

        assertThat(alerts())
                .extracting(a -> a.state, a -> a.severity)
                .containsExactly(
                        tuple(Alert.State.RAISED, Alert.Severity.WARNING),
                        tuple(Alert.State.UPDATED, Alert.Severity.CRITICAL),
                        tuple(Alert.State.CLEARED, Alert.Severity.CRITICAL));
        assertThat(alerts().get(0).sentence)
                .isEqualTo("The longest current wait in the 999 queue at 09:00:00: 31 s, above the "
                        + "warning level of 30 s.");
        assertThat(alerts().get(0).window).isEqualTo(WindowKind.LIVE);
    }

    @Test
    void theRulesReadOnlyTheRecordsTheyWatch() throws Exception {
        open(ConfigLoader.defaults());
        MeasureRecord provisional = hour(T0900, 1, 100);
        provisional.isFinal = false;
        MeasureRecord lpa = hour(T0900, 1, 100);
        lpa.scope = Scope.LPA;
        lpa.scopeId = "North";
        MeasureRecord quarter = MeasureRecords.sliding(T0900 - 15 * MINUTE, T0900);
        quarter.measure = "ANSWERED_WITHIN_STANDARD";
        quarter.queue = "999";
        quarter.scope = Scope.FORCE;
        quarter.scopeId = FORCE;
        quarter.value = 0.1;
        quarter.denominator = 100.0;

        send(provisional, lpa, quarter, live("CALLS_SUSPECT", T0900, 50));

        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLiveFiguresAlertHasTheSameIdWhicheverOrderItsFiguresCameIn() throws Exception {
        // The same two changes of the longest wait, arriving from two subtasks in either order: the first
        // judged figure differs, the episode (the slide it went beyond the level in) does not.
        open(ConfigLoader.defaults());
        send(live("LONGEST_WAIT_SECONDS", T0900 + 10_000, 31), live("LONGEST_WAIT_SECONDS", T0900 + 40_000, 35));
        String inOrder = alerts().get(0).alertId;
        harness.close();
        open(ConfigLoader.defaults());
        send(live("LONGEST_WAIT_SECONDS", T0900 + 40_000, 35), live("LONGEST_WAIT_SECONDS", T0900 + 10_000, 31));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.alertId).isEqualTo(inOrder);
            assertThat(a.episodeStart).isEqualTo(T0900);
        });
    }

    @Test
    void afterARestoreTheFirstLiveFigureReChecksAnAlertRaisedSinceTheCheckpoint() throws Exception {
        open(ConfigLoader.defaults());
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0900);
        send(live("LONGEST_WAIT_SECONDS", T0900, 61)); // raised after the checkpoint, then the job fails
        Alert raised = alerts().get(0);
        harness.close();

        harness = restored(checkpoint);
        send(live("LONGEST_WAIT_SECONDS", T0900 + MINUTE, 12), live("LONGEST_WAIT_SECONDS", T0900 + 2 * MINUTE, 40));

        assertThat(alerts())
                .as("the restored state knows nothing of the alert: the first figure re-checks its subject")
                .first()
                .satisfies(a -> {
                    assertThat(a.state).isEqualTo(Alert.State.CLEARED);
                    assertThat(a.outcome).isEqualTo("RECHECKED");
                    assertThat(a.conditionSubject()).isEqualTo(raised.conditionSubject());
                    assertThat(a.alertId).isNotEqualTo(raised.alertId);
                });
        assertThat(alerts())
                .as("once per subject: the next episode is raised as usual")
                .extracting(a -> a.state)
                .containsExactly(Alert.State.CLEARED, Alert.State.RAISED);
    }

    @Test
    void afterARestoreAFigureStillBeyondTheLevelRaisesTheSameAlertAgain() throws Exception {
        open(ConfigLoader.defaults());
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0900);
        send(live("LONGEST_WAIT_SECONDS", T0900 + 10_000, 45));
        Alert raised = alerts().get(0);
        harness.close();

        harness = restored(checkpoint);
        send(live("LONGEST_WAIT_SECONDS", T0900 + 20_000, 47));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.state).isEqualTo(Alert.State.RAISED);
            assertThat(a.alertId).isEqualTo(raised.alertId);
        });
    }

    private KeyedOneInputStreamOperatorTestHarness<String, RuleReading, Alert> restored(OperatorSubtaskState state)
            throws Exception {
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CallHandlingAlerts(config)), (RuleReading r) -> r.key, Types.STRING);
        restored.initializeState(state);
        restored.open();
        return restored;
    }

    private static MeasureRecord live(String measure, long asOf, double value) {
        return MeasureRecords.live(ConfigLoader.defaults(), measure, "999", Scope.FORCE, FORCE, value, asOf);
    }
}
