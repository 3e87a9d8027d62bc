package io.pacesetter.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.measures.MonthAggregate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The store's gatherer: one ClosedMonth per month when it closes, sorted, nothing left behind, stragglers refused. */
class MonthStoreTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();

    private static KeyedOneInputStreamOperatorTestHarness<String, MonthAggregate, ClosedMonth> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new MonthStore(), a -> a.month, Types.STRING);
    }

    private static MonthAggregate aggregate(String scopeId, int answered) {
        return StoreMonths.calls(
                CONFIG,
                "2016-06",
                "999",
                scopeId.equals(CONFIG.force().name()) ? Scope.FORCE : Scope.DISTRICT,
                scopeId,
                StoreMonths.waits(answered, 3_000),
                0);
    }

    @Test
    void everyScopeOfTheMonthLeavesTogetherWhenTheMonthCloses() throws Exception {
        try (var h = harness()) {
            MonthAggregate ashby = aggregate("Ashby", 2);
            MonthAggregate force = aggregate(CONFIG.force().name(), 5);
            h.processElement(ashby, ashby.closedAt - 1);
            h.processElement(force, force.closedAt - 1);
            h.processWatermark(ashby.closedAt - 2);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(ashby.closedAt - 1);

            List<ClosedMonth> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).month).isEqualTo("2016-06");
            assertThat(out.get(0).aggregates)
                    .extracting(a -> a.key)
                    .isSorted()
                    .containsExactlyInAnyOrder(ashby.key, force.key);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void anAggregateAfterTheMonthClosedIsDroppedRatherThanOverwriteTheFileWithPartOfIt() throws Exception {
        try (var h = harness()) {
            MonthAggregate ashby = aggregate("Ashby", 2);
            h.processElement(ashby, ashby.closedAt - 1);
            h.processWatermark(ashby.closedAt);
            MonthAggregate straggler = aggregate("Barford", 1);
            h.processElement(straggler, straggler.closedAt - 1);
            h.processWatermark(Long.MAX_VALUE);

            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).aggregates)
                    .extracting(a -> a.scopeId)
                    .containsExactly("Ashby");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void twoAggregatesOfOneScopeAreAddedNeverReplaced() throws Exception {
        try (var h = harness()) {
            MonthAggregate first = aggregate("Ashby", 2);
            MonthAggregate second = aggregate("Ashby", 3);
            h.processElement(first, first.closedAt - 1);
            h.processElement(second, second.closedAt - 1);
            h.processWatermark(Long.MAX_VALUE);

            assertThat(h.extractOutputValues().get(0).aggregates.get(0).tally.answered)
                    .isEqualTo(5);
        }
    }
}
