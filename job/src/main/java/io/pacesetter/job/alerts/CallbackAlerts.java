package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.calls.LegOutcome;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by callId, fed the legs of the callback queues (default 999): every abandoned leg asks the Force
 * Control Room to call back ({@code CALLBACK_ABANDONED_999}, WARNING), with the call id, queue, wait and
 * district and nothing about the caller. A later answered leg of the call in a callback queue CLEARS it;
 * another abandon UPDATES it. The call is forgotten {@code alerts.callbackWindow} after its last abandon (an
 * event-time timer); an alert not cleared by then stays RAISED.
 */
public class CallbackAlerts extends KeyedProcessFunction<String, LegOutcome, Alert> {
    private final String force;
    private final ReferenceData reference;
    private final long windowMs;
    private final AlertWording words;
    private transient ValueState<Alert> callback;
    private transient ValueState<Long> forgetAt;

    public CallbackAlerts(PacesetterConfig config) {
        this.force = config.force().name();
        this.reference = config.referenceData();
        this.windowMs = config.alerts().callbackWindow().toMillis();
        this.words = new AlertWording(config.force().timeZone());
    }

    /** Only the legs of the configured callback queues reach the callback alerts. */
    public static FilterFunction<LegOutcome> inCallbackQueues(PacesetterConfig config) {
        Set<String> queues = Set.copyOf(config.alerts().callbackQueues());
        return leg -> queues.contains(leg.queue);
    }

    @Override
    public void open(OpenContext openContext) {
        callback = getRuntimeContext().getState(new ValueStateDescriptor<>("callback", Alert.class));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Long.class));
    }

    @Override
    public void processElement(LegOutcome leg, Context ctx, Collector<Alert> out) throws Exception {
        Alert raised = callback.value();
        if (leg.answered) {
            if (raised != null && raised.isActive() && leg.outcomeAt > raised.time) {
                Alert cleared = raised.next(Alert.State.CLEARED);
                cleared.outcome = "ANSWERED";
                cleared.time = leg.outcomeAt;
                cleared.sentence = queueName(leg.queue) + " call " + leg.callId + " was answered at "
                        + words.clock(leg.outcomeAt) + ": no callback is needed.";
                callback.update(cleared);
                out.collect(cleared);
            }
            return;
        }
        Alert next;
        if (raised == null || !raised.isActive()) {
            next = new Alert();
            next.alertId = Alert.idOf(Alert.Kind.CALLBACK_ABANDONED_999, leg.callId, leg.outcomeAt);
            next.kind = Alert.Kind.CALLBACK_ABANDONED_999;
            next.severity = Alert.Severity.WARNING;
            next.state = Alert.State.RAISED;
            next.episodeStart = leg.outcomeAt;
            next.callId = leg.callId;
            next.queue = leg.queue;
            next.district = leg.district;
            next.lpa = leg.district == null ? null : reference.lpaOf(leg.district);
            next.count = 1L;
            next.force = force;
            next.sentence =
                    queueName(leg.queue) + " call " + leg.callId + " was abandoned at " + words.clock(leg.outcomeAt)
                            + " after " + AlertWording.duration(leg.waitMs()) + " waiting"
                            + AlertWording.where(next.district, next.lpa)
                            + ": call the caller back.";
        } else {
            next = raised.next(Alert.State.UPDATED);
            next.count = raised.count + 1;
            next.sentence = queueName(leg.queue) + " call " + leg.callId + " was abandoned again at "
                    + words.clock(leg.outcomeAt) + " after " + AlertWording.duration(leg.waitMs()) + " waiting ("
                    + next.count + " times now): call the caller back.";
        }
        next.time = leg.outcomeAt;
        next.value = leg.waitMs() / 1000.0;
        callback.update(next);
        out.collect(next);

        Long previous = forgetAt.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long forget = leg.outcomeAt + windowMs;
        ctx.timerService().registerEventTimeTimer(forget);
        forgetAt.update(forget);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        callback.clear();
        forgetAt.clear();
    }

    private static String queueName(String queue) {
        return "999".equals(queue) ? "999" : "The " + queue;
    }
}
