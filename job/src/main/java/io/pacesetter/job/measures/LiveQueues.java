package io.pacesetter.job.measures;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by queue scope: the calls waiting now and the longest current wait (LIVE records). Published
 * on every change, and every slide while calls wait so the longest wait keeps growing on screen.
 * A leg offered longer ago than {@code events.noOutcomeAfter} has surely lost its outcome (it becomes a
 * {@code NO_OUTCOME} dead letter once the watermark gets there, which a live figure does not wait for): it is
 * counted as suspect ({@code CALLS_SUSPECT}), not as waiting, and never as the longest wait. When the last call
 * stops waiting, zeros are published once and the state is cleared.
 *
 * <p>The figures are read from a copy of each scope's waiting calls on the heap, ordered by when they began
 * waiting, not by walking the state at every change: on RocksDB that walk is a read per waiting call per event
 * (docs/benchmarks.md, "Stop 30"). The state stays what is checkpointed; the copy is rebuilt from it the first
 * time a scope is seen after a start or a restore.
 */
public class LiveQueues extends KeyedProcessFunction<String, ScopedWaiting, MeasureRecord> {
    private final PacesetterConfig config;
    private final long slideMs;
    private final long noOutcomeAfterMs;
    private transient ValueState<ScopedWaiting> scope;
    private transient ValueState<Long> asOf;
    private transient ValueState<Long> nextRefresh;
    private transient MapState<String, Long> waitingSince;
    /** By scope key: its waiting calls as the state holds them, in order of when they began waiting. */
    private transient Map<String, Waiting> waiting;

    /** A scope's waiting calls: when each began waiting, and how many began at each instant. */
    private static final class Waiting {
        final Map<String, Long> byCall = new HashMap<>();
        final TreeMap<Long, Integer> bySince = new TreeMap<>();

        void put(String callId, long since) {
            remove(callId);
            byCall.put(callId, since);
            bySince.merge(since, 1, Integer::sum);
        }

        void remove(String callId) {
            Long since = byCall.remove(callId);
            if (since != null) {
                bySince.computeIfPresent(since, (t, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    public LiveQueues(PacesetterConfig config) {
        this.config = config;
        this.slideMs = config.windows().slide().toMillis();
        this.noOutcomeAfterMs = config.events().noOutcomeAfter().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        scope = getRuntimeContext().getState(new ValueStateDescriptor<>("scope", ScopedWaiting.class));
        asOf = getRuntimeContext().getState(new ValueStateDescriptor<>("as-of", Long.class));
        nextRefresh = getRuntimeContext().getState(new ValueStateDescriptor<>("next-refresh", Long.class));
        waitingSince =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-since", String.class, Long.class));
        waiting = new HashMap<>();
    }

    /** The current scope's waiting calls, read from the state once after a start or a restore. */
    private Waiting waitingNow(String key) throws Exception {
        Waiting w = waiting.get(key);
        if (w == null) {
            w = new Waiting();
            for (Map.Entry<String, Long> e : waitingSince.entries()) {
                w.put(e.getKey(), e.getValue());
            }
            waiting.put(key, w);
        }
        return w;
    }

    @Override
    public void processElement(ScopedWaiting change, Context ctx, Collector<MeasureRecord> out) throws Exception {
        if (scope.value() == null) {
            scope.update(change);
        }
        Waiting w = waitingNow(ctx.getCurrentKey());
        if (change.waitingSince == null) {
            waitingSince.remove(change.callId);
            w.remove(change.callId);
        } else {
            waitingSince.put(change.callId, change.waitingSince);
            w.put(change.callId, change.waitingSince);
        }
        Long previous = asOf.value();
        long now = previous == null ? change.time : Math.max(previous, change.time);
        publish(now, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MeasureRecord> out) throws Exception {
        nextRefresh.clear();
        Long previous = asOf.value();
        publish(previous == null ? timestamp : Math.max(previous, timestamp), ctx, out);
    }

    private void publish(long now, Context ctx, Collector<MeasureRecord> out) throws Exception {
        Waiting w = waitingNow(ctx.getCurrentKey());
        // Suspect: offered more than noOutcomeAfter before now, i.e. waiting since before now - noOutcomeAfter.
        long suspectBefore = now - noOutcomeAfterMs;
        long suspect = 0;
        for (int n : w.bySince.headMap(suspectBefore, false).values()) {
            suspect += n;
        }
        long count = w.byCall.size() - suspect;
        Long firstWaiting = w.bySince.ceilingKey(suspectBefore);
        long oldest = firstWaiting == null ? Long.MAX_VALUE : firstWaiting;
        ScopedWaiting key = scope.value();
        out.collect(MeasureRecords.live(config, "CALLS_WAITING", key.queue, key.scope, key.scopeId, count, now));
        out.collect(MeasureRecords.live(config, "CALLS_SUSPECT", key.queue, key.scope, key.scopeId, suspect, now));
        out.collect(MeasureRecords.live(
                config,
                "LONGEST_WAIT_SECONDS",
                key.queue,
                key.scope,
                key.scopeId,
                count == 0 ? 0 : Math.max(0, now - oldest) / 1000.0,
                now));
        Long refresh = nextRefresh.value();
        if (count == 0 && suspect == 0) {
            if (refresh != null) {
                ctx.timerService().deleteEventTimeTimer(refresh);
            }
            scope.clear();
            asOf.clear();
            nextRefresh.clear();
            waiting.remove(ctx.getCurrentKey());
            return;
        }
        asOf.update(now);
        if (refresh == null) {
            long next = Math.floorDiv(now, slideMs) * slideMs + slideMs;
            ctx.timerService().registerEventTimeTimer(next);
            nextRefresh.update(next);
        }
    }
}
