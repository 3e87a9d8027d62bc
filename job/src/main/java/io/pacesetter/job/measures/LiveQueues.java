package io.pacesetter.job.measures;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import java.util.Map;
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
 */
public class LiveQueues extends KeyedProcessFunction<String, ScopedWaiting, MeasureRecord> {
    private final PacesetterConfig config;
    private final long slideMs;
    private final long noOutcomeAfterMs;
    private transient ValueState<ScopedWaiting> scope;
    private transient ValueState<Long> asOf;
    private transient ValueState<Long> nextRefresh;
    private transient MapState<String, Long> waitingSince;

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
    }

    @Override
    public void processElement(ScopedWaiting change, Context ctx, Collector<MeasureRecord> out) throws Exception {
        if (scope.value() == null) {
            scope.update(change);
        }
        if (change.waitingSince == null) {
            waitingSince.remove(change.callId);
        } else {
            waitingSince.put(change.callId, change.waitingSince);
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
        long count = 0;
        long suspect = 0;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, Long> e : waitingSince.entries()) {
            if (now - e.getValue() > noOutcomeAfterMs) {
                suspect++;
            } else {
                count++;
                oldest = Math.min(oldest, e.getValue());
            }
        }
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
