package io.pacesetter.job.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.EventRules;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.job.calls.LegTracker;
import io.pacesetter.job.ingest.Deduplicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The leg trackers and the deduplication hold their state between checkpoints on RocksDB ({@link HeldStates}):
 * what they publish must be what they publish on the heap, where every call goes straight to state, and a
 * checkpoint taken midway and restored must lose and repeat nothing. The feed has the faults of a real one:
 * repeated lines, late events behind the watermark, outcomes with no offer and offers with no outcome.
 */
class WriteBehindOperatorTest {
    private static final EventRules RULES = ConfigLoader.defaults().events();
    private static final long T0 = Instant.parse("2016-06-01T07:00:00Z").toEpochMilli();

    @Test
    void theLegTrackersPublishOnRocksDbWhatTheyPublishOnTheHeapThroughACheckpointAndRestore() throws Exception {
        List<Object> steps = feed(new Random(19), 400);
        Case<CallEvent> legs = new Case<>(
                () -> new WriteBehindOperator<>(new LegTracker(RULES, true)),
                CallEvent::legKey,
                e -> e,
                List.of(LegTracker.DEAD_LETTERS, LegTracker.WAITING));
        List<Object> onHeap = legs.run(steps, false, -1);
        assertThat(onHeap).hasSizeGreaterThan(800);
        assertThat(legs.run(steps, true, -1)).containsExactlyElementsOf(onHeap);
        assertThat(legs.run(steps, true, steps.size() / 2)).containsExactlyElementsOf(onHeap);
        assertThat(legs.run(steps, false, steps.size() / 3)).containsExactlyElementsOf(onHeap);
    }

    @Test
    void theDeduplicationPublishesOnRocksDbWhatItPublishesOnTheHeapThroughACheckpointAndRestore() throws Exception {
        List<Object> steps = feed(new Random(26), 400);
        Case<InputRecord> dedup = new Case<>(
                () -> new WriteBehindOperator<>(new Deduplicate(RULES)),
                InputRecord::eventId,
                InputRecord::of,
                List.of(Deduplicate.DEAD_LETTERS));
        List<Object> onHeap = dedup.run(steps, false, -1);
        assertThat(onHeap.stream().filter(o -> o.toString().contains("DUPLICATE")))
                .as("repeated lines in the feed")
                .isNotEmpty();
        assertThat(dedup.run(steps, true, -1)).containsExactlyElementsOf(onHeap);
        // The checkpoint falls between an event and its repeat: the id must be in the checkpoint.
        int firstRepeated = firstRepeated(steps);
        assertThat(dedup.run(steps, true, firstRepeated + 1)).containsExactlyElementsOf(onHeap);
        assertThat(dedup.run(steps, true, steps.size() / 2)).containsExactlyElementsOf(onHeap);
    }

    @Test
    void aLegThatOpensAndEndsBetweenTwoCheckpointsIsNeverWrittenToState() throws Exception {
        try (var h = onRocksDb(new LegTracker(RULES, true), CallEvent::legKey, 1_000)) {
            CallEvent offer = call("c1", CallEventType.OFFERED, T0);
            CallEvent waiting = call("c2", CallEventType.OFFERED, T0 + 1_000);
            h.processElement(offer, offer.time);
            h.processElement(waiting, waiting.time);
            CallEvent answer = call("c1", CallEventType.ANSWERED, T0 + 8_000);
            h.processElement(answer, answer.time);
            h.processWatermark(T0 + 60_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(keysIn(h, "leg-book")).as("held, not yet written").isZero();
            h.prepareSnapshotPreBarrier(1);
            assertThat(keysIn(h, "leg-book"))
                    .as("at the checkpoint: the open leg only; the ended one never reached state")
                    .isEqualTo(1);
        }
    }

    @Test
    void withoutCheckpointsWhatIsHeldIsWrittenOnceItGrowsPastItsBound() throws Exception {
        try (var h = onRocksDb(new Deduplicate(RULES), InputRecord::eventId, 2)) {
            for (int i = 0; i < 3; i++) {
                CallEvent offer = call("c" + i, CallEventType.OFFERED, T0 + i);
                h.processElement(InputRecord.of(offer), offer.time);
            }
            assertThat(keysIn(h, "forget-at")).as("no watermark yet").isZero();
            h.processWatermark(T0);
            assertThat(keysIn(h, "forget-at"))
                    .as("three ids held, past the bound of two")
                    .isEqualTo(3);
        }
    }

    @Test
    void outsideTheirOperatorTheLegTrackersAndTheDeduplicationRefuseToStart() {
        assertThatThrownBy(() -> openPlain(new LegTracker(RULES, true), CallEvent::legKey))
                .hasMessageContaining("LegTracker")
                .hasMessageContaining(WriteBehindOperator.class.getName());
        assertThatThrownBy(() -> openPlain(new Deduplicate(RULES), InputRecord::eventId))
                .hasMessageContaining("Deduplicate")
                .hasMessageContaining(WriteBehindOperator.class.getName());
    }

    /** The step of the first event whose line is delivered again later. */
    private static int firstRepeated(List<Object> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof CallEvent e
                    && steps.subList(i + 1, steps.size()).contains(e)) {
                return i;
            }
        }
        throw new AssertionError("the feed repeats no line");
    }

    /** How many keys have a value in the named state, as a checkpoint would see them. */
    private static long keysIn(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String state) {
        try (var keys = h.getOperator().getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static <I> void openPlain(KeyedProcessFunction<String, I, ?> function, KeySelector<I, String> key)
            throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.STRING)) {
            h.open();
        }
    }

    private static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> onRocksDb(
            HoldingProcessFunction<String, I, O> function, KeySelector<I, String> key, long bound) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new WriteBehindOperator<>(function, bound), key, Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        return h;
    }

    /**
     * One operator under test: runs a feed on the heap or on RocksDB, with a checkpoint and a restore after step
     * {@code checkpointAfter} (none when negative), and gives everything it published, main output first.
     */
    private record Case<I>(
            Supplier<KeyedProcessOperator<String, I, ?>> operator,
            KeySelector<I, String> key,
            Function<CallEvent, I> input,
            List<OutputTag<?>> sideOutputs) {

        List<Object> run(List<Object> steps, boolean rocksDb, int checkpointAfter) throws Exception {
            List<List<Object>> published = new ArrayList<>();
            OperatorSubtaskState checkpoint = null;
            int from = 0;
            if (checkpointAfter >= 0) {
                try (var h = harness(rocksDb, null)) {
                    play(h, steps.subList(0, checkpointAfter));
                    h.prepareSnapshotPreBarrier(1);
                    checkpoint = h.snapshot(1, 1);
                    publish(h, published);
                }
                from = checkpointAfter;
            }
            try (var h = harness(rocksDb, checkpoint)) {
                play(h, steps.subList(from, steps.size()));
                h.processWatermark(Long.MAX_VALUE);
                publish(h, published);
            }
            return published.stream().flatMap(List::stream).toList();
        }

        private KeyedOneInputStreamOperatorTestHarness<String, I, ?> harness(
                boolean rocksDb, OperatorSubtaskState restoreFrom) throws Exception {
            var h = new KeyedOneInputStreamOperatorTestHarness<>(operator.get(), key, Types.STRING);
            if (rocksDb) {
                h.setStateBackend(new EmbeddedRocksDBStateBackend());
            }
            if (restoreFrom != null) {
                h.initializeState(restoreFrom);
            }
            h.open();
            return h;
        }

        private void play(KeyedOneInputStreamOperatorTestHarness<String, I, ?> h, List<Object> steps) throws Exception {
            for (Object step : steps) {
                if (step instanceof CallEvent e) {
                    h.processElement(input.apply(e), e.time);
                } else {
                    h.processWatermark((Long) step);
                }
            }
        }

        /** Adds what {@code h} published to each output's list: the main output's first, then each side output's. */
        private void publish(KeyedOneInputStreamOperatorTestHarness<String, I, ?> h, List<List<Object>> outputs) {
            while (outputs.size() <= sideOutputs.size()) {
                outputs.add(new ArrayList<>());
            }
            outputs.get(0).addAll(h.extractOutputValues());
            for (int i = 0; i < sideOutputs.size(); i++) {
                if (h.getSideOutput(sideOutputs.get(i)) != null) {
                    h.getSideOutput(sideOutputs.get(i)).stream()
                            .map(StreamRecord::getValue)
                            .forEach(outputs.get(i + 1)::add);
                }
            }
        }
    }

    /**
     * {@code calls} calls over about three hours, in the order a real feed delivers them: mostly in time, with
     * watermarks two minutes behind the newest event every thirty seconds; one line in thirty repeated, one event
     * in twenty delivered twenty minutes late, one call in thirty-three with no outcome, one in fifty with no offer.
     */
    private static List<Object> feed(Random random, int calls) {
        record Delivered(long at, int order, CallEvent event) {}
        List<Delivered> deliveries = new ArrayList<>();
        int order = 0;
        for (int i = 0; i < calls; i++) {
            String callId = "call-" + i;
            String queue = random.nextInt(4) == 0 ? "101" : "999";
            long offeredAt = T0 + random.nextInt(3 * 3_600_000);
            long outcomeAt = offeredAt + 1_000 + random.nextInt(120_000);
            List<CallEvent> events = new ArrayList<>();
            if (random.nextInt(50) != 0) {
                events.add(call(callId, queue, CallEventType.OFFERED, offeredAt));
            }
            if (random.nextInt(33) != 0) {
                CallEventType outcome = random.nextInt(10) == 0 ? CallEventType.ABANDONED : CallEventType.ANSWERED;
                events.add(call(callId, queue, outcome, outcomeAt));
            }
            for (CallEvent e : events) {
                long at = random.nextInt(20) == 0 ? e.time + 20 * 60_000 : e.time;
                deliveries.add(new Delivered(at, order++, e));
                if (random.nextInt(30) == 0) {
                    deliveries.add(new Delivered(at + random.nextInt(60_000), order++, e));
                }
            }
        }
        deliveries.sort(Comparator.comparingLong(Delivered::at).thenComparingInt(Delivered::order));
        List<Object> steps = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        long nextWatermarkAt = T0 + 30_000;
        for (Delivered d : deliveries) {
            while (d.at() >= nextWatermarkAt) {
                if (newest != Long.MIN_VALUE) {
                    steps.add(newest - RULES.outOfOrderness().toMillis());
                }
                nextWatermarkAt += 30_000;
            }
            steps.add(d.event());
            newest = Math.max(newest, d.event().time);
        }
        return steps;
    }

    private static CallEvent call(String callId, CallEventType type, long time) {
        return call(callId, "999", type, time);
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    private static CallEvent call(String callId, String queue, CallEventType type, long time) {
        return new CallEvent("e" + IDS.incrementAndGet(), callId, type, queue, time, "Ashby");
    }
}
