package io.pacesetter.job.measures;

import static io.pacesetter.job.TestData.leg;
import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.state.WriteBehindOperator;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slicer holds its running windows and periods between checkpoints ({@link io.pacesetter.job.state.HeldStates}): what a
 * checkpoint keeps must still be everything, on the heap and on RocksDB.
 */
class MeasureSlicerCheckpointTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.loadYaml("alerts: {callHandling: []}");

    /** Two queues' legs from 22:00 to 02:00, a wait that varies, and a watermark every five minutes. */
    private static List<Object> feed() {
        List<Object> steps = new ArrayList<>();
        long from = ms("2016-06-01T22:00:00Z");
        for (int i = 0; i < 720; i++) {
            long t = from + i * 20_000L;
            steps.add(leg(i % 3 == 0 ? "101" : "999", t, 1_000L + (i * 7_919L) % 60_000L, i % 11 != 0));
            if (i % 15 == 14) {
                steps.add(t);
            }
        }
        // Late, after the DAY of 1 June is final: a revision of it.
        steps.add(leg("999", ms("2016-06-01T23:50:00Z"), 3_000, true));
        steps.add(ms("2016-06-02T03:00:00Z"));
        return steps;
    }

    private static List<String> published(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h) {
        return h.extractOutputValues().stream().map(RecordJson::measure).toList();
    }

    private static StateBackend backend(String kind) {
        return kind.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aRestoreFromACheckpointMidwayPublishesWhatAnUninterruptedRunDoes(String kind) throws Exception {
        List<Object> steps = feed();
        List<String> uninterrupted;
        try (var h = SlicerHarness.unopened(
                new MeasureSlicer(CONFIG, CONFIG.windows().slide(), true))) {
            h.setStateBackend(backend(kind));
            h.open();
            SlicerHarness.play(h, steps);
            uninterrupted = published(h);
        }
        // Midnight and a half: windows running, DAY of 1 June final, DAY of 2 June and the MONTH open.
        int midway = steps.indexOf(ms("2016-06-02T00:29:40Z"));
        assertThat(midway).isPositive();
        List<String> resumed = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var h = SlicerHarness.unopened(
                new MeasureSlicer(CONFIG, CONFIG.windows().slide(), true))) {
            h.setStateBackend(backend(kind));
            h.open();
            SlicerHarness.play(h, steps.subList(0, midway + 1));
            checkpoint = SlicerHarness.checkpoint(h, 1);
            resumed.addAll(published(h));
            // Going on past the checkpoint, and through more checkpoints, changes nothing.
            List<Object> rest = steps.subList(midway + 1, steps.size());
            for (int i = 0; i < rest.size(); i += 97) {
                SlicerHarness.play(h, rest.subList(i, Math.min(rest.size(), i + 97)));
                SlicerHarness.checkpoint(h, 2 + i);
            }
            assertThat(published(h)).containsExactlyElementsOf(uninterrupted);
        }
        try (var h = SlicerHarness.unopened(
                new MeasureSlicer(CONFIG, CONFIG.windows().slide(), true))) {
            h.setStateBackend(backend(kind));
            h.initializeState(checkpoint);
            h.open();
            SlicerHarness.play(h, steps.subList(midway + 1, steps.size()));
            resumed.addAll(published(h));
        }
        assertThat(uninterrupted).hasSizeGreaterThan(1_000);
        assertThat(resumed).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void theRunningWindowsReachStateAtTheCheckpointNotAtEveryMinute() throws Exception {
        try (var h = SlicerHarness.openOnRocksDb(new WriteBehindOperator<>(
                new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false)))) {
            ScopedOutcome call = leg("999", ms("2016-06-01T08:00:30Z"), 4_000, true);
            h.processElement(call, call.time);
            h.processWatermark(ms("2016-06-01T08:05:00Z"));
            assertThat(windowLengths(h, call.key))
                    .as("held by the slicer, not yet written")
                    .isEmpty();
            SlicerHarness.checkpoint(h, 1);
            assertThat(windowLengths(h, call.key))
                    .as("written before the barrier: one running total per window length")
                    .hasSize(CONFIG.windows().lengths().size());
        }
    }

    @Test
    void withoutCheckpointsWhatIsHeldIsWrittenOnceItGrowsPastItsBound() throws Exception {
        try (var h = SlicerHarness.openOnRocksDb(new WriteBehindOperator<>(
                new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false), 5))) {
            ScopedOutcome call = leg("999", ms("2016-06-01T08:00:30Z"), 4_000, true);
            h.processElement(call, call.time);
            h.processWatermark(ms("2016-06-01T08:00:50Z"));
            assertThat(windowLengths(h, call.key))
                    .as("one slice held: under the bound")
                    .isEmpty();
            h.processWatermark(ms("2016-06-01T08:05:00Z"));
            assertThat(windowLengths(h, call.key))
                    .as("the slice rolled into three windows and two periods: past the bound, written")
                    .hasSize(CONFIG.windows().lengths().size());
        }
    }

    private static List<Long> windowLengths(
            KeyedOneInputStreamOperatorTestHarness<String, ScopedOutcome, MeasureRecord> h, String key)
            throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        MapState<Long, Tally> windows = backend.getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("windows", Long.class, Tally.class));
        List<Long> lengths = new ArrayList<>();
        windows.keys().forEach(lengths::add);
        return lengths;
    }

    @Test
    void outsideItsOwnOperatorTheSlicerRefusesToStart() {
        assertThatThrownBy(() -> {
                    try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                            new KeyedProcessOperator<>(
                                    new MeasureSlicer(CONFIG, CONFIG.windows().slide(), false)),
                            (ScopedOutcome o) -> o.key,
                            Types.STRING)) {
                        h.open();
                    }
                })
                .hasMessageContaining("WriteBehindOperator");
    }
}
