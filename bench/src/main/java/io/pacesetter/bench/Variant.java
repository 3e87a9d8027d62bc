package io.pacesetter.bench;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.calls.LegOutcome;
import io.pacesetter.job.calls.LegTracker;
import io.pacesetter.job.measures.ScopedOutcome;
import io.pacesetter.job.state.WriteBehindOperator;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * One way of computing the call KPIs (or, for L0 and L1, of not computing them), built on a fresh
 * environment over the in-memory events. Every variant ends in a discarding sink, so what is timed
 * is the computation, not the writing.
 *
 * @param name as printed in the table
 * @param kind what the job does
 * @param length the one window length a naive or SQL variant computes; null otherwise
 * @param backend the state backend
 * @param objectReuse Flink's {@code pipeline.object-reuse}: on in Pacesetter's runs, as
 *     {@link PacesetterJob#FLINK_SETTINGS} has it (off in the one variant that measures what copying
 *     records between chained operators would cost); off in the naive and SQL variants, Flink's default
 */
public record Variant(String name, Kind kind, Duration length, StateBackendKind backend, boolean objectReuse) {
    public static final Duration SLIDE = Duration.ofMinutes(1);
    static final String DEAD_LETTERS = "dead-letters";

    public enum Kind {
        /** source → parse → watermarks → discard. */
        L0,
        /** L0 + keyBy eventId + a keyed function that does nothing: the limit a keyed pipeline can reach. */
        L1,
        NAIVE_AGG,
        NAIVE_PWF,
        SQL_HOP,
        PACESETTER
    }

    public static Variant l0() {
        return new Variant("L0 parse+watermarks", Kind.L0, null, StateBackendKind.HASHMAP, false);
    }

    public static Variant l1() {
        return new Variant("L1 +keyBy no-op (limit)", Kind.L1, null, StateBackendKind.HASHMAP, false);
    }

    public static Variant naiveAgg(Duration length) {
        return new Variant("Naive-Agg " + label(length), Kind.NAIVE_AGG, length, StateBackendKind.HASHMAP, false);
    }

    public static Variant naivePwf(Duration length) {
        return new Variant("Naive-PWF " + label(length), Kind.NAIVE_PWF, length, StateBackendKind.HASHMAP, false);
    }

    public static Variant sqlHop(Duration length) {
        return new Variant("SQL-HOP " + label(length), Kind.SQL_HOP, length, StateBackendKind.HASHMAP, false);
    }

    public static Variant pacesetter(StateBackendKind backend) {
        return new Variant(
                "Pacesetter " + (backend == StateBackendKind.HASHMAP ? "heap" : "RocksDB"),
                Kind.PACESETTER,
                null,
                backend,
                true);
    }

    /**
     * Pacesetter heap with object reuse off: not how Pacesetter runs, a measure of what the copies
     * between chained operators cost.
     */
    public static Variant pacesetterWithoutObjectReuse() {
        return new Variant("Pacesetter heap, no object reuse", Kind.PACESETTER, null, StateBackendKind.HASHMAP, false);
    }

    static String label(Duration length) {
        return length.toHours() + "h";
    }

    /** The window lengths its outputs are compared on. */
    public List<Duration> comparedLengths() {
        return kind == Kind.PACESETTER ? WindowDigest.LENGTHS : length == null ? List.of() : List.of(length);
    }

    /** The measures its outputs are compared on. */
    public List<String> comparedMeasures() {
        return switch (kind) {
            case NAIVE_AGG, NAIVE_PWF, PACESETTER -> WindowDigest.CALL_MEASURES;
            case SQL_HOP -> WindowDigest.SQL_MEASURES;
            default -> List.of();
        };
    }

    /** Defines the job on {@code env}. */
    void define(StreamExecutionEnvironment env, PacesetterConfig config) {
        DataStream<InputRecord> input = InMemoryEvents.parsed(env, config.events());
        switch (kind) {
            case L0 -> input.sinkTo(new DiscardingSink<>()).name("Discard");
            case L1 ->
                input.keyBy(InputRecord::eventId)
                        .process(new NoOp())
                        .uid("bench-no-op")
                        .name("No-op keyed function")
                        .sinkTo(new DiscardingSink<>())
                        .name("Discard");
            case NAIVE_AGG, NAIVE_PWF, SQL_HOP -> digest(naive(env, config, input));
            case PACESETTER -> {
                // Sliding windows published every minute (as in a live run) so every window the naive variants fire is
                // compared.
                PacesetterJob.Outputs outputs =
                        PacesetterJob.defineWorkflow(config, new PacesetterJob.Options(false, false, SLIDE), input);
                digest(outputs.measures());
                outputs.deadLetters()
                        .map(new CountDeadLetters())
                        .name("Count dead letters")
                        .sinkTo(new DiscardingSink<>())
                        .name("Discard dead letters");
            }
        }
    }

    private DataStream<MeasureRecord> naive(
            StreamExecutionEnvironment env, PacesetterConfig config, DataStream<InputRecord> input) {
        DataStream<ScopedOutcome> legs = input.filter(InputRecord::isEvent)
                .name("Readable events")
                .map(r -> r.call)
                .returns(CallEvent.class)
                .name("Call events")
                .keyBy(CallEvent::legKey)
                .transform(
                        "Track call legs (LegTracker)",
                        TypeInformation.of(LegOutcome.class),
                        new WriteBehindOperator<>(new LegTracker(config.events(), false)))
                .uid("bench-call-legs")
                .name("Track call legs (LegTracker)")
                .flatMap(NaiveWindows.legsToScopes(config))
                .name("Legs to their scopes");
        String uid = "bench-" + kind.name().toLowerCase() + "-" + label(length);
        return switch (kind) {
            case NAIVE_AGG ->
                legs.keyBy(o -> o.key)
                        .window(SlidingEventTimeWindows.of(length, SLIDE))
                        .aggregate(new NaiveWindows.TallyAggregate(config), new NaiveWindows.PublishTally(config))
                        .uid(uid)
                        .name("Sliding windows, AggregateFunction " + label(length));
            case NAIVE_PWF ->
                legs.keyBy(o -> o.key)
                        .window(SlidingEventTimeWindows.of(length, SLIDE))
                        .process(new NaiveWindows.CountBuffered(config))
                        .uid(uid)
                        .name("Sliding windows, ProcessWindowFunction " + label(length));
            case SQL_HOP -> SqlHop.kpis(env, config, legs, length);
            default -> throw new IllegalStateException(kind + " is not a windowing variant");
        };
    }

    private static void digest(DataStream<MeasureRecord> records) {
        records.flatMap(new WindowDigest())
                .name("Digest windows")
                .sinkTo(new DiscardingSink<>())
                .name("Discard");
    }

    /** L1's keyed function: state access and output are what the others add on top. */
    static final class NoOp extends KeyedProcessFunction<String, InputRecord, InputRecord> {
        @Override
        public void processElement(InputRecord record, Context ctx, Collector<InputRecord> out) {
            // Deliberately nothing: L1 measures the cost of getting every event to its key.
        }
    }

    /** Pacesetter must reject nothing in this input; a dead letter would mean a broken input or pipeline. */
    static final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
        private transient LongCounter count;

        @Override
        public void open(OpenContext openContext) {
            count = new LongCounter();
            getRuntimeContext().addAccumulator(DEAD_LETTERS, count);
        }

        @Override
        public DeadLetter map(DeadLetter d) {
            count.add(1);
            return d;
        }
    }
}
