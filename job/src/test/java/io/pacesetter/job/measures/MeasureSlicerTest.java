package io.pacesetter.job.measures;

import static io.pacesetter.job.TestData.leg;
import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.WindowKind;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class MeasureSlicerTest {
    /** The default alert rules watch PT1H windows, which these configurations do not compute. */
    private static final String NO_CALL_HANDLING_ALERTS = "alerts: {callHandling: []}";

    private static final PacesetterConfig ONE_WINDOW =
            ConfigLoader.loadYaml("windows: {lengths: [PT15M]}\n" + NO_CALL_HANDLING_ALERTS);

    private static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> harness(
            PacesetterConfig config, boolean provisional) throws Exception {
        return SlicerHarness.open(new MeasureSlicer(config, config.windows().slide(), provisional));
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h, ScopedOutcome... outcomes)
            throws Exception {
        for (ScopedOutcome o : outcomes) {
            h.processElement(o, o.time);
        }
    }

    private static MeasureRecord find(List<MeasureRecord> records, String measure, long windowEnd) {
        return records.stream()
                .filter(r -> r.window == WindowKind.SLIDING && r.measure.equals(measure) && r.windowEnd == windowEnd)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " ending " + windowEnd + " in " + records));
    }

    private static List<MeasureRecord> periods(List<MeasureRecord> records, PeriodKind kind, String measure) {
        return records.stream()
                .filter(r -> r.period == kind && r.measure.equals(measure))
                .toList();
    }

    @Test
    void exactlyTenSecondsIsWithinStandardAndOneMillisecondMoreIsNot() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            send(
                    h,
                    leg("999", ms("2016-06-01T08:00:10Z"), 10_000, true),
                    leg("999", ms("2016-06-01T08:00:20Z"), 10_001, true));
            h.processWatermark(ms("2016-06-01T08:01:00Z"));

            MeasureRecord within =
                    find(h.extractOutputValues(), "ANSWERED_WITHIN_STANDARD", ms("2016-06-01T08:01:00Z"));
            assertThat(within.numerator).isEqualTo(1.0);
            assertThat(within.denominator).isEqualTo(2.0);
            assertThat(within.value).isEqualTo(0.5);
            assertThat(within.target).isEqualTo(0.9);
            assertThat(within.met).isFalse();
            assertThat(within.denominatorRule).isEqualTo("ANSWERED");
            assertThat(within.windowStart).isEqualTo(ms("2016-06-01T07:46:00Z"));
            assertThat(within.windowLengthMs).isEqualTo(Duration.ofMinutes(15).toMillis());
        }
    }

    @Test
    void theThreeAnswerBandsPutExactlyTenSecondsInTheMiddleBand() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            long t = ms("2016-06-01T08:00:30Z");
            send(
                    h,
                    leg("999", t, 9_999, true),
                    leg("999", t, 10_000, true),
                    leg("999", t, 59_999, true),
                    leg("999", t, 60_000, true),
                    leg("999", t, 3_000, false));
            h.processWatermark(ms("2016-06-01T08:01:00Z"));
            List<MeasureRecord> out = h.extractOutputValues();
            long end = ms("2016-06-01T08:01:00Z");

            assertThat(find(out, "ANSWER_BAND_UNDER_10S", end).numerator).isEqualTo(1.0);
            assertThat(find(out, "ANSWER_BAND_10_TO_60S", end).numerator).isEqualTo(2.0);
            assertThat(find(out, "ANSWER_BAND_60S_PLUS", end).numerator).isEqualTo(1.0);
            assertThat(find(out, "ANSWER_BAND_10_TO_60S", end).value).isEqualTo(0.5);
            assertThat(find(out, "CALLS_ANSWERED", end).value).isEqualTo(4.0);
            assertThat(find(out, "CALLS_ABANDONED", end).value).isEqualTo(1.0);
            assertThat(find(out, "ABANDONMENT_RATE", end).value).isEqualTo(0.2);
            assertThat(find(out, "ABANDONMENT_RATE", end).met).isFalse();
            assertThat(find(out, "MEAN_WAIT_SECONDS", end).value).isEqualTo((9.999 + 10 + 59.999 + 60) / 4);
            assertThat(find(out, "P90_WAIT_SECONDS", end).value).isEqualTo(60.0);
        }
    }

    @Test
    void theDenominatorRuleIsPerQueueAndPrintedBesideTheFigure() throws Exception {
        for (String[] rule : new String[][] {
            {"ANSWERED", "2", "ANSWERED"},
            {"ANSWERED_AND_ABANDONED", "4", "ANSWERED_AND_ABANDONED"},
            {"EXCLUDING_SHORT_ABANDONS", "3", "EXCLUDING_SHORT_ABANDONS_5S"}
        }) {
            PacesetterConfig config =
                    ConfigLoader.loadYaml("windows: {lengths: [PT15M]}\nqueues: {\"999\": {denominatorRule: " + rule[0]
                            + "}}\n" + NO_CALL_HANDLING_ALERTS);
            try (var h = harness(config, false)) {
                long t = ms("2016-06-01T08:00:30Z");
                send(
                        h,
                        leg("999", t, 5_000, true),
                        leg("999", t, 12_000, true),
                        leg("999", t, 4_999, false),
                        leg("999", t, 20_000, false));
                h.processWatermark(ms("2016-06-01T08:01:00Z"));

                MeasureRecord within =
                        find(h.extractOutputValues(), "ANSWERED_WITHIN_STANDARD", ms("2016-06-01T08:01:00Z"));
                assertThat(within.numerator).as(rule[0]).isEqualTo(1.0);
                assertThat(within.denominator).as(rule[0]).isEqualTo(Double.parseDouble(rule[1]));
                assertThat(within.denominatorRule).isEqualTo(rule[2]);
            }
        }
    }

    @Test
    void anOutcomeExactlyAtAWindowEndBelongsToTheNextWindow() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            send(
                    h,
                    leg("999", ms("2016-06-01T08:00:59.999Z"), 1_000, true),
                    leg("999", ms("2016-06-01T08:01:00Z"), 1_000, true));
            h.processWatermark(ms("2016-06-01T08:02:00Z"));
            List<MeasureRecord> out = h.extractOutputValues();

            assertThat(find(out, "CALLS_ANSWERED", ms("2016-06-01T08:01:00Z")).value)
                    .isEqualTo(1.0);
            assertThat(find(out, "CALLS_ANSWERED", ms("2016-06-01T08:02:00Z")).value)
                    .isEqualTo(2.0);
        }
    }

    @Test
    void everyWindowIsARunningTotalThatLosesTheSliceLeavingIt() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            send(
                    h,
                    leg("999", ms("2016-06-01T08:00:30Z"), 4_000, true),
                    leg("999", ms("2016-06-01T08:05:30Z"), 40_000, true));
            h.processWatermark(ms("2016-06-01T09:00:00Z"));
            List<MeasureRecord> answered = h.extractOutputValues().stream()
                    .filter(r -> r.window == WindowKind.SLIDING && r.measure.equals("CALLS_ANSWERED"))
                    .toList();

            // Windows [end-15m, end) containing 08:00:30 end 08:01..08:15; with 08:05:30 also: 08:06..08:15; then only
            // it to 08:20.
            assertThat(answered).hasSize(20);
            assertThat(answered.get(0).windowEnd).isEqualTo(ms("2016-06-01T08:01:00Z"));
            assertThat(answered).filteredOn(r -> r.value == 2.0).hasSize(10);
            assertThat(answered.get(answered.size() - 1).windowEnd).isEqualTo(ms("2016-06-01T08:20:00Z"));
            assertThat(find(h.extractOutputValues(), "P90_WAIT_SECONDS", ms("2016-06-01T08:20:00Z")).value)
                    .isEqualTo(40.0);
            assertThat(h.extractOutputValues())
                    .noneMatch(r -> r.window == WindowKind.SLIDING && r.windowEnd > ms("2016-06-01T08:20:00Z"));
        }
    }

    @Test
    void aLateOutcomeRevisesItsFinalDayButNoPublishedWindow() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            send(h, leg("999", ms("2016-06-01T10:00:00Z"), 4_000, true));
            // The London day of 1 June 2016 ends at 23:00 UTC (BST).
            h.processWatermark(ms("2016-06-01T23:00:00Z"));
            List<MeasureRecord> day = periods(h.extractOutputValues(), PeriodKind.DAY, "CALLS_ANSWERED");
            assertThat(day).singleElement().satisfies(r -> {
                assertThat(r.start).isEqualTo("2016-06-01");
                assertThat(r.isFinal).isTrue();
                assertThat(r.revision).isZero();
                assertThat(r.value).isEqualTo(1.0);
            });
            long windowsBefore = h.extractOutputValues().stream()
                    .filter(r -> r.window == WindowKind.SLIDING)
                    .count();

            send(h, leg("999", ms("2016-06-01T12:00:00Z"), 30_000, true));

            List<MeasureRecord> revised = periods(h.extractOutputValues(), PeriodKind.DAY, "CALLS_ANSWERED");
            assertThat(revised).hasSize(2);
            assertThat(revised.get(1).revision).isEqualTo(1);
            assertThat(revised.get(1).isFinal).isTrue();
            assertThat(revised.get(1).value).isEqualTo(2.0);
            assertThat(h.extractOutputValues().stream()
                            .filter(r -> r.window == WindowKind.SLIDING)
                            .count())
                    .isEqualTo(windowsBefore);
            assertThat(periods(h.extractOutputValues(), PeriodKind.MONTH, "CALLS_ANSWERED"))
                    .as("June is still open")
                    .isEmpty();

            // The month ends at 23:00 UTC on 30 June; it carries both legs at revision 0.
            h.processWatermark(ms("2016-06-30T23:00:00Z"));
            assertThat(periods(h.extractOutputValues(), PeriodKind.MONTH, "CALLS_ANSWERED"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.value).isEqualTo(2.0);
                        assertThat(r.revision).isZero();
                        assertThat(r.start).isEqualTo("2016-06-01");
                    });
        }
    }

    @Test
    void theDaysTheClocksChangeHaveTwentyThreeAndTwentyFiveHours() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            send(
                    h,
                    leg("999", ms("2024-03-30T23:59:59.999Z"), 1_000, true), // 23:59:59.999 GMT, 30 March
                    leg("999", ms("2024-03-31T00:00:00Z"), 1_000, true), // 00:00 GMT, 31 March
                    leg("999", ms("2024-03-31T22:59:59.999Z"), 1_000, true), // 23:59:59.999 BST, 31 March
                    leg("999", ms("2024-03-31T23:00:00Z"), 1_000, true)); // 00:00 BST, 1 April
            h.processWatermark(ms("2024-04-02T00:00:00Z"));
            assertThat(periods(h.extractOutputValues(), PeriodKind.DAY, "CALLS_ANSWERED"))
                    .extracting(r -> r.start, r -> r.value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("2024-03-30", 1.0),
                            org.assertj.core.groups.Tuple.tuple("2024-03-31", 2.0),
                            org.assertj.core.groups.Tuple.tuple("2024-04-01", 1.0));
        }
        try (var h = harness(ONE_WINDOW, false)) {
            send(
                    h,
                    leg("999", ms("2024-10-26T22:59:59.999Z"), 1_000, true), // 23:59:59.999 BST, 26 October
                    leg("999", ms("2024-10-26T23:00:00Z"), 1_000, true), // 00:00 BST, 27 October
                    leg("999", ms("2024-10-27T01:30:00Z"), 1_000, true), // 01:30 GMT, the hour that happens twice
                    leg("999", ms("2024-10-27T23:59:59.999Z"), 1_000, true), // 23:59:59.999 GMT, 27 October
                    leg("999", ms("2024-10-28T00:00:00Z"), 1_000, true)); // 00:00 GMT, 28 October
            h.processWatermark(ms("2024-10-29T00:00:00Z"));
            assertThat(periods(h.extractOutputValues(), PeriodKind.DAY, "CALLS_ANSWERED"))
                    .extracting(r -> r.start, r -> r.value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("2024-10-26", 1.0),
                            org.assertj.core.groups.Tuple.tuple("2024-10-27", 3.0),
                            org.assertj.core.groups.Tuple.tuple("2024-10-28", 1.0));
        }
        java.time.ZoneId london = java.time.ZoneId.of("Europe/London");
        assertThat(CalendarPeriod.containing(PeriodKind.DAY, ms("2024-03-31T12:00:00Z"), london))
                .satisfies(p -> assertThat(p.endMs() - p.startMs())
                        .isEqualTo(Duration.ofHours(23).toMillis()));
        assertThat(CalendarPeriod.containing(PeriodKind.DAY, ms("2024-10-27T12:00:00Z"), london))
                .satisfies(p -> assertThat(p.endMs() - p.startMs())
                        .isEqualTo(Duration.ofHours(25).toMillis()));
    }

    @Test
    void stateWritesPerEventDoNotGrowWithWindowLength() throws Exception {
        long[] entriesBeforeWatermark = new long[2];
        long[] entriesAfterWatermark = new long[2];
        String[] lengths = {"PT1H", "PT24H"};
        for (int i = 0; i < 2; i++) {
            PacesetterConfig config =
                    ConfigLoader.loadYaml("windows: {lengths: [" + lengths[i] + "]}\n" + NO_CALL_HANDLING_ALERTS);
            try (var h = harness(config, false)) {
                for (int n = 0; n < 100; n++) {
                    send(h, leg("999", ms("2016-06-01T08:00:00Z") + n * 500, 1_000 + n, true));
                }
                // Counted as a checkpoint keeps them: the slicer writes what it holds before the barrier.
                h.prepareSnapshotPreBarrier(1);
                entriesBeforeWatermark[i] = h.numKeyedStateEntries();
                assertThat(h.numEventTimeTimers())
                        .as("one timer for the one slice")
                        .isEqualTo(1);
                h.processWatermark(ms("2016-06-01T08:01:00Z"));
                h.prepareSnapshotPreBarrier(2);
                entriesAfterWatermark[i] = h.numKeyedStateEntries();
            }
        }
        // A hundred events in one minute: the scope, one slice and nothing else, whatever the window length.
        assertThat(entriesBeforeWatermark[0]).isEqualTo(2).isEqualTo(entriesBeforeWatermark[1]);
        // After the slice closes: plus one running total, one rolled-up mark and the DAY and MONTH.
        assertThat(entriesAfterWatermark[0]).isEqualTo(entriesAfterWatermark[1]);
    }

    @Test
    void allStateAndTimersAreGoneOnceNoLateEventCanReachThePeriods() throws Exception {
        try (var h = harness(ConfigLoader.defaults(), true)) {
            send(h, leg("999", ms("2016-06-01T08:00:30Z"), 4_000, true));
            h.processWatermark(ms("2016-06-01T09:00:00Z"));
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.numKeyedStateEntries())
                    .as("a checkpoint keeps the slice, windows and periods")
                    .isPositive();
            h.processWatermark(ms("2016-07-03T00:00:00Z"));
            h.prepareSnapshotPreBarrier(2);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void provisionalPeriodsArePublishedAsTheyChangeAndThenFinal() throws Exception {
        try (var h = harness(ONE_WINDOW, true)) {
            send(h, leg("999", ms("2016-06-01T08:00:30Z"), 4_000, true));
            h.processWatermark(ms("2016-06-01T08:01:00Z"));
            assertThat(periods(h.extractOutputValues(), PeriodKind.DAY, "CALLS_ANSWERED"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.isFinal).isFalse());
            h.processWatermark(ms("2016-06-01T23:00:00Z"));
            assertThat(periods(h.extractOutputValues(), PeriodKind.DAY, "CALLS_ANSWERED"))
                    .last()
                    .satisfies(r -> assertThat(r.isFinal).isTrue());
        }
    }

    private static ScopedOutcome attendance(long outcomeAt, boolean met, boolean retraction) {
        ScopedOutcome o = new ScopedOutcome();
        o.time = outcomeAt;
        o.met = met;
        o.retraction = retraction;
        return o.addressedTo(MeasureFamily.ATTENDANCE, null, io.pacesetter.connectors.contract.Scope.FORCE, "F", null);
    }

    @Test
    void aRetractedFailureAndItsMetInPlaceReviseTheFinalDayAndMonthButNoPublishedWindow() throws Exception {
        try (var h = harness(ONE_WINDOW, false)) {
            send(h, attendance(ms("2016-06-30T08:15:00Z"), false, false));
            h.processWatermark(ms("2016-07-01T00:00:00Z")); // June 30 and June are final (London time)
            List<MeasureRecord> before = List.copyOf(h.extractOutputValues());
            assertThat(periods(before, PeriodKind.DAY, "ATTENDED_WITHIN_STANDARD"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.numerator).isZero();
                        assertThat(r.denominator).isEqualTo(1.0);
                        assertThat(r.revision).isZero();
                    });
            long windows =
                    before.stream().filter(r -> r.window == WindowKind.SLIDING).count();

            // A late ARRIVED showed the incident attended at 08:12: the failure is taken back, the met counted.
            send(
                    h,
                    attendance(ms("2016-06-30T08:15:00Z"), false, true),
                    attendance(ms("2016-06-30T08:12:00Z"), true, false));
            h.processWatermark(ms("2016-07-01T00:01:00Z"));

            List<MeasureRecord> after = h.extractOutputValues();
            for (PeriodKind kind : List.of(PeriodKind.DAY, PeriodKind.MONTH)) {
                List<MeasureRecord> figures = periods(after, kind, "ATTENDED_WITHIN_STANDARD");
                MeasureRecord latest = figures.get(figures.size() - 1);
                assertThat(latest.revision).as(kind + " revised").isPositive();
                assertThat(latest.isFinal).isTrue();
                assertThat(latest.numerator).as(kind + " met").isEqualTo(1.0);
                assertThat(latest.denominator)
                        .as(kind + " one incident, one outcome")
                        .isEqualTo(1.0);
            }
            assertThat(after.stream()
                            .filter(r -> r.window == WindowKind.SLIDING)
                            .count())
                    .as("no sliding window re-published")
                    .isEqualTo(windows);
        }
    }

    /**
     * What the slicer of earlier releases kept for a scope once it had rolled the slice 08:00–08:01 into its
     * windows: the slice, the running total, the rolled-up-to mark and the next minute's timer, but no timer for
     * the minute the slice leaves its window.
     */
    private static final class EarlierLayout extends KeyedProcessFunction<String, ScopedOutcome, MeasureRecord> {
        @Override
        public void processElement(ScopedOutcome o, Context ctx, Collector<MeasureRecord> out) throws Exception {
            long sliceStart = o.time - o.time % 60_000;
            Tally slice = new Tally();
            slice.addLeg(o.answered, o.waitMs, true, false);
            getRuntimeContext()
                    .getState(new ValueStateDescriptor<>("scope", ScopedOutcome.class))
                    .update(o.addressedTo(o.family, o.queue, o.scope, o.scopeId, o.area));
            MapState<Long, Tally> slices =
                    getRuntimeContext().getMapState(new MapStateDescriptor<>("slices", Long.class, Tally.class));
            slices.put(sliceStart, slice);
            MapState<Long, Tally> windows =
                    getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Long.class, Tally.class));
            windows.put(Duration.ofMinutes(15).toMillis(), slice);
            getRuntimeContext()
                    .getState(new ValueStateDescriptor<>("rolled-up-to", Long.class))
                    .update(sliceStart + 60_000);
            ctx.timerService().registerEventTimeTimer(sliceStart + 2 * 60_000 - 1);
        }
    }

    @Test
    void aScopeRestoredFromTheEarlierLayoutStillTakesItsSlicesOutOfTheWindowsTheyLeave() throws Exception {
        ScopedOutcome call = leg("999", ms("2016-06-01T08:00:30Z"), 4_000, true);
        OperatorSubtaskState earlier;
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EarlierLayout()), (ScopedOutcome o) -> o.key, Types.STRING)) {
            h.open();
            h.processElement(call, call.time);
            earlier = h.snapshot(0, 0);
        }
        // Published every 15 minutes: no publishing minute falls on 08:16, when the slice leaves its window.
        try (var h = SlicerHarness.unopened(new MeasureSlicer(ONE_WINDOW, Duration.ofMinutes(15), false))) {
            h.initializeState(earlier);
            h.open();
            h.processWatermark(ms("2016-06-01T09:00:00Z"));
            assertThat(h.extractOutputValues().stream()
                            .filter(r -> r.window == WindowKind.SLIDING && r.measure.equals("CALLS_ANSWERED"))
                            .map(r -> r.windowEnd))
                    .as("the window [08:00, 08:15) holds the call; none after it does")
                    .containsExactly(ms("2016-06-01T08:15:00Z"));
        }
    }
}
