package io.pacesetter.job.measures;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.RejectReason;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives every dead letter an event time for the DATA_QUALITY counts: its own, when it has a
 * trustworthy one; otherwise (unreadable, FUTURE, TOO_LATE) the time of the last good event its
 * source read before it, so a replay counts it in the same period every time; failing both (a
 * source whose first lines are bad), the watermark when it arrives. Keyed by the force: one key.
 */
public class DataQualityStamp extends KeyedProcessFunction<String, DeadLetter, ScopedOutcome> {
    private final PacesetterConfig config;
    private transient ScopeFanOut scopes;
    private transient ListState<String> waitingForWatermark;
    private transient ValueState<Long> lastWatermark;

    public DataQualityStamp(PacesetterConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        scopes = new ScopeFanOut(config);
        waitingForWatermark =
                getRuntimeContext().getListState(new ListStateDescriptor<>("unstamped-reasons", String.class));
        lastWatermark = getRuntimeContext().getState(new ValueStateDescriptor<>("last-watermark", Long.class));
    }

    @Override
    public void processElement(DeadLetter letter, Context ctx, Collector<ScopedOutcome> out) throws Exception {
        boolean ownTime = letter.eventTime != null
                && letter.reason != RejectReason.FUTURE
                && letter.reason != RejectReason.TOO_LATE;
        if (ownTime) {
            out.collect(scopes.dataQuality(letter.reason, letter.eventTime));
            return;
        }
        if (letter.receivedAfter != null) {
            out.collect(scopes.dataQuality(letter.reason, letter.receivedAfter));
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE) {
            lastWatermark.update(watermark);
            out.collect(scopes.dataQuality(letter.reason, watermark));
        } else {
            waitingForWatermark.add(letter.reason.name());
            ctx.timerService().registerEventTimeTimer(Long.MIN_VALUE + 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScopedOutcome> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Long stamp = watermark != Long.MAX_VALUE ? Long.valueOf(watermark) : lastWatermark.value();
        if (stamp != null) {
            for (String reason : waitingForWatermark.get()) {
                out.collect(scopes.dataQuality(RejectReason.valueOf(reason), stamp));
            }
        }
        // With no event time at all in the input there is no period to count them in; they remain in the dead letters.
        waitingForWatermark.clear();
    }
}
