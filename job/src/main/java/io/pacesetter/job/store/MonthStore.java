package io.pacesetter.job.store;

import io.pacesetter.job.measures.MonthAggregate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by month: gathers every measure scope's closed aggregate of the month and, when the
 * watermark passes the month's end plus the allowed lateness (nothing can change it any more),
 * emits them as one {@link ClosedMonth} for the store to write as one file.
 *
 * <p>The slicers emit their aggregates at that same event time, ahead of the watermark that
 * passes it, so every scope has arrived when the timer fires. An aggregate that comes after the
 * month was emitted (a slicer that saw a straggler after forgetting the month) would overwrite a
 * complete file with a partial one: it is counted on {@code lateMonthAggregates} and dropped.
 */
public class MonthStore extends KeyedProcessFunction<String, MonthAggregate, ClosedMonth> {
    private transient MapState<String, MonthAggregate> scopes;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        scopes = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("month-scopes", String.class, MonthAggregate.class));
        late = getRuntimeContext().getMetricGroup().counter("lateMonthAggregates");
    }

    @Override
    public void processElement(MonthAggregate aggregate, Context ctx, Collector<ClosedMonth> out) throws Exception {
        long due = aggregate.closedAt - 1;
        if (ctx.timerService().currentWatermark() >= due) {
            late.inc();
            return;
        }
        MonthAggregate known = scopes.get(aggregate.key);
        if (known != null) {
            // One slicer key holds one MONTH, so this is only a safeguard: add, never replace.
            known.tally.add(aggregate.tally);
            known.revision = Math.max(known.revision, aggregate.revision);
            aggregate = known;
        }
        scopes.put(aggregate.key, aggregate);
        ctx.timerService().registerEventTimeTimer(due);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClosedMonth> out) throws Exception {
        List<MonthAggregate> all = new ArrayList<>();
        for (MonthAggregate a : scopes.values()) {
            all.add(a);
        }
        scopes.clear();
        if (!all.isEmpty()) {
            all.sort(Comparator.comparing(a -> a.key));
            out.collect(new ClosedMonth(ctx.getCurrentKey(), all));
        }
    }
}
