package io.pacesetter.job.measures;

import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.state.WriteBehindOperator;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** MEAN/P90 dispatch and travel seconds through the slicer: sliding windows and periods, exact nearest rank. */
class ResponseMeasuresTest {
    private static final PacesetterConfig CONFIG =
            ConfigLoader.loadYaml("windows: {lengths: [PT15M]}\nalerts: {callHandling: []}");

    private static ScopedOutcome response(boolean travel, String at, long ms) {
        ScopedOutcome o = new ScopedOutcome();
        o.time = ms(at);
        o.stage = travel ? ResponseStage.TRAVEL : ResponseStage.DISPATCH;
        o.waitMs = ms;
        return o.addressedTo(MeasureFamily.RESPONSE, null, Scope.FORCE, "Example County Police", null);
    }

    private static MeasureRecord find(List<MeasureRecord> records, WindowKind window, String measure, Long end) {
        return records.stream()
                .filter(r -> r.window == window
                        && r.measure.equals(measure)
                        && (end == null ? r.period == PeriodKind.DAY : end.equals(r.windowEnd)))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + measure + " in " + records));
    }

    @Test
    void meansAndNinetiethPercentilesOfDispatchAndTravel() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h =
                SlicerHarness.open(new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false))) {
            // Ten dispatch times 10 s .. 100 s: mean 55 s, the 9th smallest (⌈0.9 × 10⌉) is 90 s.
            for (int i = 1; i <= 10; i++) {
                h.processElement(response(false, "2016-06-01T08:00:0" + (i - 1) + "Z", i * 10_000L), 0);
            }
            // Two travel times: the ⌈1.8⌉ = 2nd smallest is the larger.
            h.processElement(response(true, "2016-06-01T08:00:30Z", 480_000), 0);
            h.processElement(response(true, "2016-06-01T08:00:40Z", 600_500), 0);
            // Late downgrades and cancellations: counted per period only.
            ScopedOutcome late = response(false, "2016-06-01T09:00:00Z", -60_000);
            late.stage = ResponseStage.LATE_DOWNGRADE;
            h.processElement(late, 0);
            h.processWatermark(ms("2016-06-02T00:00:00Z"));

            List<MeasureRecord> out = h.extractOutputValues();
            long end = ms("2016-06-01T08:01:00Z");
            MeasureRecord mean = find(out, WindowKind.SLIDING, "MEAN_DISPATCH_SECONDS", end);
            assertThat(mean.numerator).isEqualTo(550.0);
            assertThat(mean.denominator).isEqualTo(10.0);
            assertThat(mean.value).isEqualTo(55.0);
            assertThat(mean.target).isNull();
            assertThat(find(out, WindowKind.SLIDING, "P90_DISPATCH_SECONDS", end).value)
                    .isEqualTo(90.0);
            assertThat(find(out, WindowKind.SLIDING, "MEAN_TRAVEL_SECONDS", end).value)
                    .isEqualTo(540.25);
            assertThat(find(out, WindowKind.SLIDING, "P90_TRAVEL_SECONDS", end).value)
                    .isEqualTo(600.5);

            assertThat(find(out, WindowKind.PERIOD, "LATE_DOWNGRADES", null).value)
                    .isEqualTo(1.0);
            assertThat(find(out, WindowKind.PERIOD, "LATE_CANCELLATIONS", null).value)
                    .isEqualTo(0.0);
            assertThat(out).noneMatch(r -> r.window == WindowKind.SLIDING && r.measure.startsWith("LATE_"));

            MeasureRecord day = find(out, WindowKind.PERIOD, "P90_DISPATCH_SECONDS", null);
            assertThat(day.value).isEqualTo(90.0);
            assertThat(day.denominator).isEqualTo(10.0);
            assertThat(day.isFinal).isTrue();
        }
    }

    /**
     * Two dispatch times, 40 s at 08:00 and 20 s at 08:05; then, for a late DISPATCHED that showed the first
     * incident's unit sent after 10 s, the 40 s taken back and 10 s counted; then the day closed.
     *
     * @param watermarkBefore a watermark before the retraction, or null for none (its slice still open)
     */
    private static List<MeasureRecord> dispatchTimeRetracted(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h, Long watermarkBefore)
            throws Exception {
        h.processElement(response(false, "2016-06-01T08:00:00Z", 40_000), 0);
        h.processElement(response(false, "2016-06-01T08:05:00Z", 20_000), 0);
        if (watermarkBefore != null) {
            h.processWatermark(watermarkBefore);
        }
        ScopedOutcome taken = response(false, "2016-06-01T08:00:00Z", 40_000);
        taken.retraction = true;
        h.processElement(taken, 0);
        h.processElement(response(false, "2016-06-01T08:00:00Z", 10_000), 0);
        h.processWatermark(ms("2016-06-02T00:00:00Z"));
        return h.extractOutputValues();
    }

    @Test
    void aRetractedDispatchTimeIsTakenBackFromItsDayAndTheCorrectedOneCounted() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h =
                SlicerHarness.open(new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false))) {
            // The slices closed before the retraction arrives.
            List<MeasureRecord> out = dispatchTimeRetracted(h, ms("2016-06-01T12:00:00Z"));
            MeasureRecord mean = find(out, WindowKind.PERIOD, "MEAN_DISPATCH_SECONDS", null);
            assertThat(mean.denominator).isEqualTo(2.0);
            assertThat(mean.value).isEqualTo(15.0);
            assertThat(find(out, WindowKind.PERIOD, "P90_DISPATCH_SECONDS", null).value)
                    .isEqualTo(20.0);
        }
    }

    @Test
    void aDispatchTimeRetractedBeforeItsSliceClosesIsTakenBackFromItsDayWhenTheSliceRolls() throws Exception {
        for (StateBackendKind backend : StateBackendKind.values()) {
            MeasureSlicer slicer = new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false);
            try (KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h =
                    backend == StateBackendKind.ROCKSDB
                            ? SlicerHarness.openOnRocksDb(new WriteBehindOperator<>(slicer))
                            : SlicerHarness.open(slicer)) {
                // The slicer's watermark is the slowest of its inputs': the incident clock may have counted a
                // dispatch time and taken it back, for a late DISPATCHED, before its slice closes here.
                List<MeasureRecord> out = dispatchTimeRetracted(h, null);
                MeasureRecord mean = find(out, WindowKind.PERIOD, "MEAN_DISPATCH_SECONDS", null);
                assertThat(mean.denominator)
                        .as(backend + ": the DAY's dispatch times")
                        .isEqualTo(2.0);
                assertThat(mean.value).as(backend.name()).isEqualTo(15.0);
                assertThat(find(out, WindowKind.PERIOD, "P90_DISPATCH_SECONDS", null).value)
                        .as(backend.name())
                        .isEqualTo(20.0);
                assertThat(find(out, WindowKind.SLIDING, "MEAN_DISPATCH_SECONDS", ms("2016-06-01T08:15:00Z"))
                                .denominator)
                        .as(backend + ": the sliding window keeps it, as one published before the retraction would")
                        .isEqualTo(3.0);
            }
        }
    }
}
