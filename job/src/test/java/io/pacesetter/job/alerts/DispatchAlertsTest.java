package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static io.pacesetter.testkit.TestEvents.incident;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentNotice;
import io.pacesetter.job.incidents.IncidentOutcome;
import io.pacesetter.job.incidents.ResponseTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * INCIDENT_UNRESOURCED and the LATE_DOWNGRADES review, through the real incident clock as in the job, in event
 * time. Defaults: unresourced after 3 minutes; late within 5 minutes of the deadline; Ashby urban (15 minutes).
 */
class DispatchAlertsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    private static IncidentEvent event(String id, IncidentEventType type, Duration after, Integer grade) {
        return incident(id, type, after(after), grade, type == IncidentEventType.CREATED ? "Ashby" : null, null, null);
    }

    /** The clock, then one alert function fed one of its side outputs, a watermark forwarded after its records. */
    private static final class Chain<T> implements AutoCloseable {
        final KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, IncidentOutcome> clock;
        final KeyedOneInputStreamOperatorTestHarness<String, T, Alert> alerts;
        final org.apache.flink.util.OutputTag<T> tag;
        int forwarded;

        Chain(
                org.apache.flink.util.OutputTag<T> tag,
                org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, T, Alert> function,
                org.apache.flink.api.java.functions.KeySelector<T, String> key)
                throws Exception {
            this.tag = tag;
            clock = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                    new IncidentClock(CONFIG, false, true, null), e -> e.incidentId, Types.STRING);
            alerts = ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, key, Types.STRING);
        }

        void send(IncidentEvent... events) throws Exception {
            for (IncidentEvent e : events) {
                clock.processElement(e, e.time);
            }
        }

        void watermark(long time) throws Exception {
            clock.processWatermark(time);
            var out = clock.getSideOutput(tag);
            if (out != null) {
                List<StreamRecord<T>> all = new ArrayList<>(out);
                for (int i = forwarded; i < all.size(); i++) {
                    alerts.processElement(all.get(i));
                }
                forwarded = all.size();
            }
            alerts.processWatermark(time);
        }

        List<Alert> alerts() {
            return alerts.extractOutputValues();
        }

        @Override
        public void close() throws Exception {
            clock.close();
            alerts.close();
        }
    }

    @Nested
    class Unresourced {
        private Chain<IncidentNotice> h;

        @BeforeEach
        void open() throws Exception {
            h = new Chain<>(IncidentClock.NOTICES, new UnresourcedAlerts(CONFIG), n -> n.incidentId);
        }

        @AfterEach
        void close() throws Exception {
            h.close();
        }

        @Test
        void noUnitThreeMinutesAfterTheClockStartRaisesAndTheDispatchClearsIt() throws Exception {
            h.send(event("i1", IncidentEventType.CREATED, Duration.ZERO, 1));
            h.watermark(after(ofMinutes(3)) - 1);
            assertThat(h.alerts()).as("2:59.999 is not yet 3 minutes").isEmpty();

            h.watermark(after(ofMinutes(3)));
            assertThat(h.alerts()).singleElement().satisfies(a -> {
                assertThat(a.kind).isEqualTo(Alert.Kind.INCIDENT_UNRESOURCED);
                assertThat(a.state).isEqualTo(Alert.State.RAISED);
                assertThat(a.severity).isEqualTo(Alert.Severity.WARNING);
                assertThat(a.audience).containsExactly(Alert.Audience.FORCE_CONTROL_ROOM, Alert.Audience.PACESETTER);
                assertThat(a.time).isEqualTo(after(ofMinutes(3)));
                assertThat(a.lpa).isEqualTo("North");
                assertThat(a.sentence)
                        .isEqualTo("Grade 1 incident i1 in Ashby (North LPA) has had no unit dispatched 3 min after it "
                                + "became grade 1 at 08:00:00; its attendance limit passes at 08:15:00.");
            });

            h.send(event("i1", IncidentEventType.DISPATCHED, ofSeconds(250), null));
            h.watermark(after(ofMinutes(5)));
            assertThat(h.alerts()).hasSize(2).last().satisfies(a -> {
                assertThat(a.state).isEqualTo(Alert.State.CLEARED);
                assertThat(a.outcome).isEqualTo("DISPATCHED");
                assertThat(a.dispatchedAt).isEqualTo(after(ofSeconds(250)));
                assertThat(a.revision).isEqualTo(1);
            });
        }

        @Test
        void aDispatchWithinThreeMinutesRaisesNothingAndLeavesNoState() throws Exception {
            h.send(
                    event("i1", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("i1", IncidentEventType.DISPATCHED, ofMinutes(3), null));
            h.watermark(after(ofHours(1)));

            assertThat(h.alerts()).isEmpty();
            assertThat(h.alerts.numKeyedStateEntries()).isZero();
            assertThat(h.alerts.numEventTimeTimers()).isZero();
        }

        @Test
        void clearedByArrivalCancellationOrDowngradeEachSayingSo() throws Exception {
            h.send(
                    event("a", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("a", IncidentEventType.ARRIVED, ofMinutes(4), null),
                    event("c", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("c", IncidentEventType.CANCELLED, ofMinutes(4), null),
                    event("d", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("d", IncidentEventType.GRADED, ofMinutes(4), 2));
            h.watermark(after(ofHours(1)));

            assertThat(h.alerts().stream().filter(a -> a.state == Alert.State.CLEARED))
                    .extracting(a -> a.incidentId + ":" + a.outcome)
                    .containsExactlyInAnyOrder("a:ATTENDED", "c:CANCELLED", "d:DOWNGRADED");
            assertThat(h.alerts.numKeyedStateEntries()).isZero();
        }

        @Test
        void aUnitSentBeforeTheUpgradeMeansNoAlert() throws Exception {
            h.send(
                    event("i1", IncidentEventType.CREATED, Duration.ZERO, 2),
                    event("i1", IncidentEventType.DISPATCHED, ofMinutes(1), null),
                    event("i1", IncidentEventType.GRADED, ofMinutes(2), 1));
            h.watermark(after(ofHours(1)));

            assertThat(h.alerts()).isEmpty();
        }

        @Test
        void aBreachWithNobodySentStaysUnresourcedUntilSomeoneIs() throws Exception {
            h.send(
                    event("i1", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("i1", IncidentEventType.DISPATCHED, ofMinutes(20), null));
            h.watermark(after(ofMinutes(19)));
            assertThat(h.alerts()).singleElement().matches(Alert::isActive);

            h.watermark(after(ofMinutes(21)));
            assertThat(h.alerts()).last().matches(a -> "DISPATCHED".equals(a.outcome));
        }
    }

    @Nested
    class LateReview {
        private Chain<ResponseTime> h;

        @BeforeEach
        void open() throws Exception {
            h = new Chain<>(IncidentClock.RESPONSE_TIMES, new LateDowngradeReview(CONFIG), r -> "force");
        }

        @AfterEach
        void close() throws Exception {
            h.close();
        }

        @Test
        void theDaysLateDowngradesAndCancellationsAreListedWithTheirReasonsWhenTheDayEnds() throws Exception {
            IncidentEvent downgrade = event("i2", IncidentEventType.GRADED, ofMinutes(12), 2);
            downgrade.reason = "Reassessed: caller safe";
            h.send(
                    event("i1", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("i1", IncidentEventType.CANCELLED, ofMinutes(17), null),
                    event("i2", IncidentEventType.CREATED, Duration.ZERO, 1),
                    downgrade,
                    event("i3", IncidentEventType.CREATED, Duration.ZERO, 1),
                    event("i3", IncidentEventType.GRADED, ofMinutes(9), 2)); // 6 minutes before: not late
            h.watermark(after(ofHours(15).plusMinutes(59)));
            // 08:00 BST + 15 h 59 min = 23:59 BST: the day is not over.
            assertThat(h.alerts()).isEmpty();

            h.watermark(after(ofHours(16))); // midnight, Europe/London
            assertThat(h.alerts()).singleElement().satisfies(a -> {
                assertThat(a.kind).isEqualTo(Alert.Kind.LATE_DOWNGRADES);
                assertThat(a.severity).isEqualTo(Alert.Severity.INFO);
                assertThat(a.incidentIds).containsExactly("i2", "i1");
                assertThat(a.count).isEqualTo(2L);
                assertThat(a.sentence)
                        .isEqualTo("2 grade-1 incidents were downgraded or cancelled late on Wednesday 1 June 2016, "
                                + "with nobody on scene, for the daily review: i2 in Ashby (North LPA) downgraded to "
                                + "grade 2 at 08:12:00, 3 min before its deadline (reason: Reassessed: caller safe); "
                                + "i1 in Ashby (North LPA) cancelled at 08:17:00, 2 min after its deadline "
                                + "(no reason given).");
            });

            h.watermark(after(ofHours(16).plus(ofDays(2))));
            assertThat(h.alerts()).last().satisfies(a -> {
                assertThat(a.state).isEqualTo(Alert.State.CLEARED);
                assertThat(a.outcome).isEqualTo("REVIEW_CLOSED");
            });
            assertThat(h.alerts.numKeyedStateEntries()).isZero();
        }
    }
}
