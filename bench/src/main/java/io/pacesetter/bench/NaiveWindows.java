package io.pacesetter.bench;

import io.pacesetter.config.Area;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.calls.LegOutcome;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MeasureRecords;
import io.pacesetter.job.measures.ScopeFanOut;
import io.pacesetter.job.measures.ScopedOutcome;
import io.pacesetter.job.measures.Tally;
import io.pacesetter.job.measures.ToScopes;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The pieces of the naive variants: the way a Flink engineer would build the call KPIs with
 * {@code SlidingEventTimeWindows}, one window per length and slide, each holding its own copy of
 * every outcome (as an accumulator, or as the buffered outcomes themselves). Legs are paired by
 * Pacesetter's own {@code LegTracker} and judged and published by its own rules
 * ({@link MeasureRecords}), so the variants differ from Pacesetter in the windowing alone.
 */
final class NaiveWindows {
    private NaiveWindows() {}

    /** A leg to the force, its LPA and its district, in its queue: what the windows are keyed by. */
    static ToScopes<LegOutcome, ScopedOutcome> legsToScopes(PacesetterConfig config) {
        return new ToScopes<>(config, NaiveWindows::fanOut, ScopedOutcome.class);
    }

    private static void fanOut(LegOutcome leg, ScopeFanOut scopes, Consumer<ScopedOutcome> out) {
        ScopedOutcome outcome = new ScopedOutcome();
        outcome.time = leg.outcomeAt;
        outcome.answered = leg.answered;
        outcome.waitMs = leg.waitMs();
        // The benchmark's districts are all configured, so no data-quality note is made; keep call legs only
        // regardless.
        scopes.fanOut(outcome, MeasureFamily.CALL_LEGS, leg.queue, leg.district, null, o -> {
            if (o.family == MeasureFamily.CALL_LEGS) {
                out.accept(o);
            }
        });
    }

    /** Adds a leg, judged against its queue's standard, as the slicer does. */
    static void addLeg(Tally tally, ScopedOutcome o, PacesetterConfig config) {
        QueueStandard standard = config.standardFor(o.queue);
        boolean within = standard.answerThreshold() != null
                && o.waitMs <= standard.answerThreshold().toMillis();
        boolean shortAbandon = !o.answered && o.waitMs < standard.shortAbandon().toMillis();
        tally.addLeg(o.answered, o.waitMs, within, shortAbandon);
    }

    /** The scope a window key names, for the records' fields (key: family|queue|scope|scopeId|area). */
    static final class Scopes {
        private final Map<String, ScopedOutcome> byKey = new HashMap<>();

        ScopedOutcome of(String key) {
            return byKey.computeIfAbsent(key, k -> {
                String[] parts = k.split("\\|", -1);
                ScopedOutcome o = new ScopedOutcome();
                return o.addressedTo(
                        MeasureFamily.valueOf(parts[0]),
                        parts[1].isEmpty() ? null : parts[1],
                        Scope.valueOf(parts[2]),
                        parts[3],
                        parts[4].isEmpty() ? null : Area.valueOf(parts[4]));
            });
        }
    }

    /** Naive-Agg: one running tally per window, updated by every outcome the window contains. */
    static final class TallyAggregate implements AggregateFunction<ScopedOutcome, Tally, Tally> {
        private final PacesetterConfig config;

        TallyAggregate(PacesetterConfig config) {
            this.config = config;
        }

        @Override
        public Tally createAccumulator() {
            return new Tally();
        }

        @Override
        public Tally add(ScopedOutcome outcome, Tally tally) {
            addLeg(tally, outcome, config);
            return tally;
        }

        @Override
        public Tally getResult(Tally tally) {
            return tally;
        }

        @Override
        public Tally merge(Tally a, Tally b) {
            a.add(b);
            return a;
        }
    }

    /** Naive-Agg: publishes a fired window's tally. */
    static final class PublishTally extends ProcessWindowFunction<Tally, MeasureRecord, String, TimeWindow> {
        private final PacesetterConfig config;
        private transient MeasureRecords records;
        private transient Scopes scopes;

        PublishTally(PacesetterConfig config) {
            this.config = config;
        }

        @Override
        public void process(String key, Context context, Iterable<Tally> tallies, Collector<MeasureRecord> out) {
            if (records == null) {
                records = new MeasureRecords(config);
                scopes = new Scopes();
            }
            TimeWindow w = context.window();
            for (Tally t : tallies) {
                records.emit(scopes.of(key), t, MeasureRecords.sliding(w.getStart(), w.getEnd()), out::collect);
            }
        }
    }

    /** Naive-PWF: every window buffers its outcomes and counts them when it fires. */
    static final class CountBuffered extends ProcessWindowFunction<ScopedOutcome, MeasureRecord, String, TimeWindow> {
        private final PacesetterConfig config;
        private transient MeasureRecords records;
        private transient Scopes scopes;

        CountBuffered(PacesetterConfig config) {
            this.config = config;
        }

        @Override
        public void process(
                String key, Context context, Iterable<ScopedOutcome> outcomes, Collector<MeasureRecord> out) {
            if (records == null) {
                records = new MeasureRecords(config);
                scopes = new Scopes();
            }
            Tally t = new Tally();
            for (ScopedOutcome o : outcomes) {
                addLeg(t, o, config);
            }
            TimeWindow w = context.window();
            records.emit(scopes.of(key), t, MeasureRecords.sliding(w.getStart(), w.getEnd()), out::collect);
        }
    }
}
