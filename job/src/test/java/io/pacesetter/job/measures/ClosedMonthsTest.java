package io.pacesetter.job.measures;

import static io.pacesetter.job.TestData.leg;
import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The slicer hands each MONTH's whole tally to the store once no late event can change it, cut in Europe/London. */
class ClosedMonthsTest {
    private static final PacesetterConfig CONFIG =
            ConfigLoader.loadYaml("windows: {lengths: [PT15M]}\nalerts: {callHandling: []}");

    private static KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> harness()
            throws Exception {
        return SlicerHarness.open(new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false));
    }

    private static List<MonthAggregate> closed(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h) {
        var side = h.getSideOutput(MeasureSlicer.CLOSED_MONTHS);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aMonthInWhichTheClocksGoForwardEndsAtLocalMidnightInSummerTime() throws Exception {
        try (var h = harness()) {
            // 22:30 UTC on 31 March 2016 is 23:30 BST: March. 23:30 UTC is 00:30 BST on 1 April: April.
            // 00:30 UTC on 1 March is 00:30 GMT: March; 23:59:59 UTC on 29 February is February.
            for (ScopedOutcome o : List.of(
                    leg("999", ms("2016-02-29T23:59:59Z"), 5_000, true),
                    leg("999", ms("2016-03-01T00:30:00Z"), 12_000, true),
                    leg("999", ms("2016-03-31T22:30:00Z"), 8_000, true),
                    leg("999", ms("2016-03-31T23:30:00Z"), 3_000, true))) {
                h.processElement(o, o.time);
            }
            h.processWatermark(ms("2016-04-02T22:59:59.998Z"));
            assertThat(closed(h)).extracting(a -> a.month).containsExactly("2016-02");

            // March ends at 2016-03-31T23:00Z (midnight BST); with two days' lateness it closes at 2016-04-02T23:00Z.
            h.processWatermark(ms("2016-04-02T22:59:59.999Z"));
            List<MonthAggregate> months = closed(h);
            assertThat(months).extracting(a -> a.month).containsExactly("2016-02", "2016-03");
            MonthAggregate march = months.get(1);
            assertThat(march.closedAt).isEqualTo(ms("2016-04-02T23:00:00Z"));
            assertThat(march.tally.answered).isEqualTo(2);
            assertThat(march.tally.withinStandard).isEqualTo(1);
            assertThat(march.tally.answeredWaitMs).isEqualTo(20_000);
            assertThat(march.tally.answeredWaits.asMap()).isEqualTo(Map.of(12_000L, 1, 8_000L, 1));
            assertThat(march.key)
                    .isEqualTo("CALL_LEGS|999|FORCE|" + CONFIG.force().name() + '|');

            h.processWatermark(Long.MAX_VALUE);
            assertThat(closed(h)).extracting(a -> a.month).containsExactly("2016-02", "2016-03", "2016-04");
            assertThat(closed(h).get(2).tally.answered).isEqualTo(1);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLateEventWithinTheAllowedLatenessIsInTheClosedMonthWithItsRevision() throws Exception {
        try (var h = harness()) {
            ScopedOutcome onTime = leg("999", ms("2016-06-30T12:00:00Z"), 4_000, true);
            h.processElement(onTime, onTime.time);
            h.processWatermark(ms("2016-07-01T12:00:00Z"));
            ScopedOutcome late = leg("999", ms("2016-06-30T22:00:00Z"), 15_000, false);
            h.processElement(late, late.time);
            assertThat(closed(h)).isEmpty();

            h.processWatermark(ms("2016-07-02T22:59:59.999Z"));

            MonthAggregate june = closed(h).get(0);
            assertThat(june.month).isEqualTo("2016-06");
            assertThat(june.revision).isEqualTo(1);
            assertThat(june.tally.answered).isEqualTo(1);
            assertThat(june.tally.abandoned).isEqualTo(1);
        }
    }

    @Test
    void periodsOnlyClosesTheSameMonthsWithTheSameRevisionsAsTheSlicerWithWindows() throws Exception {
        List<Object> steps = List.of(
                leg("999", ms("2016-06-29T10:00:00Z"), 4_000, true),
                ms("2016-06-30T22:58:00Z"),
                // In the month's last minute (23:59 BST), before the watermark closes its slice.
                leg("999", ms("2016-06-30T22:59:30Z"), 7_000, true),
                leg("101", ms("2016-06-30T22:59:59.999Z"), 70_000, false),
                ms("2016-07-01T06:00:00Z"),
                // Behind the watermark, after June became final: a revision in both.
                leg("999", ms("2016-06-30T21:00:00Z"), 15_000, false),
                leg("999", ms("2016-07-01T05:00:00Z"), 2_000, true),
                Long.MAX_VALUE);
        List<MonthAggregate> withWindows;
        try (var h = harness()) {
            SlicerHarness.play(h, steps);
            withWindows = sorted(closed(h));
        }
        try (var h = SlicerHarness.open(MeasureSlicer.periodsOnly(CONFIG))) {
            SlicerHarness.play(h, steps);
            List<MonthAggregate> periodsOnly = sorted(closed(h));
            assertThat(periodsOnly).hasSameSizeAs(withWindows).hasSize(3);
            for (int i = 0; i < withWindows.size(); i++) {
                MonthAggregate a = withWindows.get(i);
                MonthAggregate b = periodsOnly.get(i);
                assertThat(b.key + b.month + " rev " + b.revision).isEqualTo(a.key + a.month + " rev " + a.revision);
                assertThat(b.tally).usingRecursiveComparison().isEqualTo(a.tally);
            }
            assertThat(periodsOnly)
                    .filteredOn(a -> a.queue.equals("999") && a.month.equals("2016-06"))
                    .extracting(a -> a.revision)
                    .containsExactly(1);
            assertThat(h.getOutput().stream()
                            .filter(r -> r instanceof StreamRecord<?> sr
                                    && ((MeasureRecord) sr.getValue()).window
                                            == io.pacesetter.connectors.contract.WindowKind.SLIDING)
                            .count())
                    .isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static List<MonthAggregate> sorted(List<MonthAggregate> months) {
        return months.stream()
                .sorted(java.util.Comparator.comparing((MonthAggregate a) -> a.key + a.month))
                .toList();
    }
}
