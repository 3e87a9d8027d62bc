package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.FORCE;
import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindOperator;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What follows from the breaches: the daily review's list, and a surge in one LPA for the duty Command Officer. Each
 * case runs on the heap backend and again on RocksDB, where the state is held between checkpoints.
 */
class BreachAlertsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    /** 08:00 on 1 June 2016, London; the day ends at 23:00 UTC. */
    private static final long T0800 = ms("2016-06-01T07:00:00Z");

    private static final long END_OF_JUNE_1 = ms("2016-06-01T23:00:00Z");

    private static Alert breach(String incidentId, long deadline, String lpa) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(Alert.Kind.INCIDENT_BREACHED, incidentId, deadline - 15 * MINUTE);
        a.kind = Alert.Kind.INCIDENT_BREACHED;
        a.state = Alert.State.RAISED;
        a.severity = Alert.Severity.CRITICAL;
        a.incidentId = incidentId;
        a.deadline = deadline;
        a.time = deadline;
        a.lpa = lpa;
        a.force = FORCE;
        return a;
    }

    private static Alert withReason(Alert breach, String reason) {
        Alert next = breach.next(Alert.State.UPDATED);
        next.reason = reason;
        return next;
    }

    private static Alert withdrawn(Alert breach) {
        Alert next = breach.next(Alert.State.CLEARED);
        next.outcome = "ATTENDED_IN_TIME";
        return next;
    }

    @Nested
    class DailyReview {
        KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness =
                harness(new BreachReview(CONFIG), a -> FORCE, onRocksDb());

        boolean onRocksDb() {
            return false;
        }

        private void send(Alert... alerts) throws Exception {
            for (Alert a : alerts) {
                harness.processElement(a, a.time);
            }
        }

        @Test
        void theDaysBreachesWithoutAReasonAreListedWhenTheDayEnds() throws Exception {
            Alert i1 = breach("INC-1", T0800, "North");
            send(
                    i1,
                    breach("INC-2", T0800 + 60 * MINUTE, "South"),
                    breach("INC-3", T0800 + 90 * MINUTE, "North"),
                    withReason(i1, "Traffic"));
            harness.processWatermark(END_OF_JUNE_1 - 1);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark(END_OF_JUNE_1);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.kind).isEqualTo(Alert.Kind.UNREASONED_BREACHES);
                assertThat(AlertRouting.of(CONFIG).audienceOf(a)).containsExactly(Alert.Audience.PACESETTER);
                assertThat(a.severity).isEqualTo(Alert.Severity.INFO);
                assertThat(a.time).isEqualTo(END_OF_JUNE_1);
                assertThat(a.incidentIds).containsExactly("INC-2", "INC-3");
                assertThat(a.count).isEqualTo(2);
                assertThat(a.sentence)
                        .isEqualTo("2 missed emergency attendances on Wednesday 1 June 2016 have no reason recorded "
                                + "yet, for the daily review: INC-2 and INC-3.");
            });
        }

        @Test
        void reasonsAtTheReviewShortenTheListUntilItClears() throws Exception {
            Alert i2 = breach("INC-2", T0800, "South");
            Alert i3 = breach("INC-3", T0800 + MINUTE, "North");
            send(i2, i3);
            harness.processWatermark(END_OF_JUNE_1);
            long review = ms("2016-06-02T08:30:00Z");

            Alert i2Reason = withReason(i2, "No resources available");
            i2Reason.time = review;
            send(i2Reason);
            Alert i3Withdrawn = withdrawn(i3);
            i3Withdrawn.time = review + MINUTE;
            send(i3Withdrawn);
            harness.processWatermark(review + MINUTE);

            assertThat(harness.extractOutputValues())
                    .extracting(a -> a.state, a -> a.revision, a -> a.incidentIds)
                    .containsExactly(
                            tuple(Alert.State.RAISED, 0, List.of("INC-2", "INC-3")),
                            tuple(Alert.State.UPDATED, 1, List.of("INC-3")),
                            tuple(Alert.State.CLEARED, 2, List.of()));
        }

        @Test
        void aReasonFromTheNextMorningThatOvertakesMidnightWaitsForItsTime() throws Exception {
            Alert i1 = breach("INC-1", T0800, "North");
            send(i1);
            harness.processWatermark(END_OF_JUNE_1 - MINUTE);
            Alert nextMorning = withReason(i1, "Traffic");
            nextMorning.time = ms("2016-06-02T08:30:00Z");
            send(nextMorning); // from a faster subtask: the watermark has not passed midnight yet

            harness.processWatermark(nextMorning.time);

            assertThat(harness.extractOutputValues())
                    .extracting(a -> a.state, a -> a.incidentIds)
                    .containsExactly(
                            tuple(Alert.State.RAISED, List.of("INC-1")), tuple(Alert.State.CLEARED, List.of()));
        }

        @Test
        void aDayIsForgottenItsRetentionAfterItEnds() throws Exception {
            send(breach("INC-1", T0800, "North"));
            harness.processWatermark(END_OF_JUNE_1);
            assertThat(entriesInState(harness, "review-days"))
                    .as("the day, with its summary")
                    .isEqualTo(1);

            harness.processWatermark(END_OF_JUNE_1 + Duration.ofDays(2).toMillis());

            assertThat(entriesInState(harness, "review-days", "waiting-breaches"))
                    .isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }

        @Test
        void aRestoreMidDayKeepsTheBreachesHeldBeforeIt() throws Exception {
            Alert i1 = breach("INC-1", T0800, "North");
            send(i1, breach("INC-2", T0800 + MINUTE, "South"));
            harness.processWatermark(T0800 + MINUTE);
            // As a checkpoint does: what is held is written back before the barrier, then the state is snapshotted.
            harness.prepareSnapshotPreBarrier(1);
            OperatorSubtaskState snapshot = harness.snapshot(1, T0800);
            harness.close();

            harness = harness(new BreachReview(CONFIG), a -> FORCE, onRocksDb(), snapshot);
            send(withReason(i1, "Traffic"), breach("INC-3", T0800 + 2 * MINUTE, "North"));
            harness.processWatermark(END_OF_JUNE_1);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(a -> assertThat(a.incidentIds).containsExactly("INC-2", "INC-3"));
        }
    }

    @Nested
    class DailyReviewOnRocksDb extends DailyReview {
        @Override
        boolean onRocksDb() {
            return true;
        }
    }

    @Nested
    class LpaSurge {
        KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness =
                harness(new LpaBreachSurge(CONFIG), a -> a.lpa, onRocksDb());

        boolean onRocksDb() {
            return false;
        }

        private void send(Alert... alerts) throws Exception {
            for (Alert a : alerts) {
                harness.processElement(a, a.time);
            }
        }

        @Test
        void threeBreachesInAnHourAreNotASurgeAndAFourthIs() throws Exception {
            send(
                    breach("INC-1", T0800, "North"),
                    breach("INC-2", T0800 + 20 * MINUTE, "North"),
                    breach("INC-3", T0800 + 40 * MINUTE, "North"),
                    breach("INC-9", T0800 + 45 * MINUTE, "South"));
            harness.processWatermark(T0800 + 59 * MINUTE);
            assertThat(harness.extractOutputValues()).isEmpty();

            send(breach("INC-4", T0800 + 59 * MINUTE + 1, "North"));
            harness.processWatermark(T0800 + 59 * MINUTE + 1);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.kind).isEqualTo(Alert.Kind.LPA_BREACH_SURGE);
                assertThat(AlertRouting.of(CONFIG).audienceOf(a)).containsExactly(Alert.Audience.DUTY_COMMAND_OFFICER);
                assertThat(a.lpa).isEqualTo("North");
                assertThat(a.count).isEqualTo(4);
                assertThat(a.incidentIds).containsExactly("INC-1", "INC-2", "INC-3", "INC-4");
                assertThat(a.sentence)
                        .isEqualTo("4 emergency attendances missed in North LPA in the hour to 08:59:00, more than 3: "
                                + "INC-1, INC-2, INC-3 and INC-4.");
            });
        }

        @Test
        void theSurgeClearsWhenTheFirstBreachLeavesTheHour() throws Exception {
            for (int i = 0; i < 4; i++) {
                send(breach("INC-" + i, T0800 + i * MINUTE, "North"));
            }
            harness.processWatermark(T0800 + 60 * MINUTE - 1);
            assertThat(harness.extractOutputValues()).extracting(a -> a.state).containsExactly(Alert.State.RAISED);

            harness.processWatermark(T0800 + 60 * MINUTE);

            assertThat(harness.extractOutputValues())
                    .extracting(a -> a.state, a -> a.count)
                    .containsExactly(tuple(Alert.State.RAISED, 4L), tuple(Alert.State.CLEARED, 3L));
            harness.processWatermark(T0800 + 2 * 60 * MINUTE);
            assertThat(entriesInState(harness, "breach-deadlines", "surge")).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }

        @Test
        void aRestoreInTheHourKeepsTheBreachesHeldBeforeIt() throws Exception {
            for (int i = 0; i < 3; i++) {
                send(breach("INC-" + i, T0800 + i * MINUTE, "North"));
            }
            harness.processWatermark(T0800 + 2 * MINUTE);
            assertThat(entriesInState(harness, "breach-deadlines"))
                    .as("North's breaches")
                    .isEqualTo(1);
            // As a checkpoint does: what is held is written back before the barrier, then the state is snapshotted.
            harness.prepareSnapshotPreBarrier(1);
            OperatorSubtaskState snapshot = harness.snapshot(1, T0800);
            harness.close();

            harness = harness(new LpaBreachSurge(CONFIG), a -> a.lpa, onRocksDb(), snapshot);
            send(breach("INC-3", T0800 + 3 * MINUTE, "North"));
            harness.processWatermark(T0800 + 3 * MINUTE);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo(Alert.State.RAISED);
                assertThat(a.incidentIds).containsExactly("INC-0", "INC-1", "INC-2", "INC-3");
            });
        }

        @Test
        void aBreachWithdrawnAsAttendedInTimeLeavesTheCount() throws Exception {
            Alert first = breach("INC-0", T0800, "North");
            send(first);
            for (int i = 1; i < 4; i++) {
                send(breach("INC-" + i, T0800 + i * MINUTE, "North"));
            }
            send(withdrawn(first));
            harness.processWatermark(T0800 + 30 * MINUTE);

            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Nested
    class LpaSurgeOnRocksDb extends LpaSurge {
        @Override
        boolean onRocksDb() {
            return true;
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(
            HoldingProcessFunction<String, Alert, Alert> function, KeySelector<Alert, String> key, boolean onRocksDb) {
        return harness(function, key, onRocksDb, null);
    }

    /** @param restoreFrom a snapshot to start from, or null */
    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(
            HoldingProcessFunction<String, Alert, Alert> function,
            KeySelector<Alert, String> key,
            boolean onRocksDb,
            OperatorSubtaskState restoreFrom) {
        try {
            var h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new WriteBehindOperator<>(function), key, Types.STRING);
            if (onRocksDb) {
                h.setStateBackend(new EmbeddedRocksDBStateBackend());
            }
            if (restoreFrom != null) {
                h.initializeState(restoreFrom);
            }
            h.open();
            return h;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the harness", e);
        }
    }

    /** How many keys have each of these states, summed, once what is held is written back as a checkpoint would. */
    private static long entriesInState(KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h, String... states)
            throws Exception {
        h.prepareSnapshotPreBarrier(0);
        long keys = 0;
        for (String state : states) {
            try (var stream = h.getOperator().getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
                keys += stream.count();
            }
        }
        return keys;
    }
}
