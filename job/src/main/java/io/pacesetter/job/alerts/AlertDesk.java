package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.job.ingest.LiveClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by {@code alertId}: what people did with each alert, kept with it. Every routed record passes through, and
 * leaves carrying the alert's acknowledgement (who, when, note) and escalation, so the display, the files and the
 * topic all show them, and they survive restarts in this operator's checkpointed state.
 *
 * <ul>
 *   <li>{@code ACKNOWLEDGE}: an UPDATED record (a CLEARED one again, if it had ended) with who, when and the note;
 *       the first acknowledgement stands.
 *   <li>{@code CALLED_BACK}: a callback alert is CLEARED with outcome {@code CALLED_BACK}; the rule's later records
 *       of it are dropped.
 *   <li>A CRITICAL nobody has acknowledged {@code alerts.escalateAfter} after its moment, still active, goes once
 *       to the next audience of {@code alerts.escalation} (an UPDATED record; later records keep that audience).
 *       By the wall clock in a live run ({@link LiveClock}), by the watermark in a replay.
 * </ul>
 *
 * <p>The desk numbers the records it sends (the rule's records and its own, one sequence per alert), so
 * {@code (alertId, revision)} stays one delivery. Its state is cleared {@code events.incidentRetention} after an
 * alert ends (an event-time timer).
 */
public class AlertDesk extends KeyedCoProcessFunction<String, Alert, AlertAction, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDesk.class);
    public static final String CALLED_BACK = "CALLED_BACK";

    private final AlertRouting routing;
    private final long escalateAfterMs;
    private final long retentionMs;
    private final LiveClock clock;
    private final AlertWording words;

    /** The last record sent, with the desk's revision, acknowledgement and escalation. */
    private transient ValueState<Alert> last;
    /** When escalation is due (event time), while one is pending. */
    private transient ValueState<Long> escalateAt;
    /** When the state is forgotten (event time), once the alert has ended. */
    private transient ValueState<Long> forgetAt;
    /** A replay: the rule's records held until the watermark reaches them (by the moment they are taken at). */
    private transient MapState<Long, List<Alert>> waiting;
    /** The moment the last held record is taken at: a later record of the alert is never taken before it. */
    private transient ValueState<Long> lastAt;

    public AlertDesk(PacesetterConfig config, AlertRouting routing, LiveClock clock) {
        this.routing = routing;
        this.escalateAfterMs = config.alerts().escalateAfter().toMillis();
        this.retentionMs = config.events().incidentRetention().toMillis();
        this.clock = clock;
        this.words = new AlertWording(config.force().timeZone());
    }

    @Override
    public void open(OpenContext openContext) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("desk-last", Types.POJO(Alert.class)));
        escalateAt = getRuntimeContext().getState(new ValueStateDescriptor<>("desk-escalate-at", Types.LONG));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("desk-forget-at", Types.LONG));
        waiting = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "desk-waiting", Types.LONG, Types.LIST(TypeInformation.of(Alert.class))));
        lastAt = getRuntimeContext().getState(new ValueStateDescriptor<>("desk-last-at", Types.LONG));
    }

    @Override
    public void processElement1(Alert a, Context ctx, Collector<Alert> out) throws Exception {
        if (clock != null) {
            take(a, ctx, out);
            return;
        }
        // In event time an alert is taken when the watermark reaches its moment, so whether a CRITICAL ended before
        // its escalation was due is the same on every run, however far records run ahead of the watermark.
        long watermark = ctx.timerService().currentWatermark();
        long at = watermark == Long.MIN_VALUE ? a.time : Math.max(a.time, watermark + 1);
        Long previousAt = lastAt.value();
        if (previousAt != null) {
            at = Math.max(at, previousAt); // the rule's order of its records is kept
        }
        lastAt.update(at);
        List<Alert> due = waiting.get(at);
        if (due == null) {
            due = new ArrayList<>();
        }
        due.add(a);
        waiting.put(at, due);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private void take(Alert a, Context ctx, Collector<Alert> out) throws Exception {
        Alert previous = last.value();
        if (previous != null && CALLED_BACK.equals(previous.outcome)) {
            return; // closed by the control room: the rule's later word on it is not news
        }
        Alert record = a.copy();
        if (previous != null) {
            record.revision = previous.revision + 1;
            record.acknowledgedBy = previous.acknowledgedBy;
            record.acknowledgedAt = previous.acknowledgedAt;
            record.acknowledgementNote = previous.acknowledgementNote;
            record.escalatedAt = previous.escalatedAt;
            if (previous.escalatedAt != null) {
                for (Alert.Audience who : previous.audience) {
                    if (!record.audience.contains(who)) {
                        record.audience.add(who);
                    }
                }
            }
        }
        send(record, ctx, out);
    }

    @Override
    public void processElement2(AlertAction action, Context ctx, Collector<Alert> out) throws Exception {
        Alert previous = last.value();
        if (previous == null) {
            LOG.warn(
                    "{} by {} for alert {}: no such alert here (never raised, or forgotten "
                            + "events.incidentRetention after it ended); nothing done",
                    action.kind,
                    action.by,
                    action.alertId);
            return;
        }
        switch (action.kind) {
            case ACKNOWLEDGE -> {
                if (previous.isAcknowledged()) {
                    return; // the first acknowledgement stands; a redelivered action changes nothing
                }
                Alert record = previous.next(previous.isActive() ? Alert.State.UPDATED : Alert.State.CLEARED);
                acknowledge(record, action);
                send(record, ctx, out);
            }
            case CALLED_BACK -> {
                if (previous.kind != Alert.Kind.CALLBACK_ABANDONED_999 || !previous.isActive()) {
                    LOG.warn(
                            "CALLED_BACK by {} for alert {}: it is a {} {}, not an active callback; nothing done",
                            action.by,
                            action.alertId,
                            previous.state,
                            previous.kind);
                    return;
                }
                Alert record = previous.next(Alert.State.CLEARED);
                if (!record.isAcknowledged()) {
                    acknowledge(record, action);
                }
                record.outcome = CALLED_BACK;
                record.sentence = "Called back by " + action.by + " at " + words.clock(eventTimeOf(action, ctx)) + ": "
                        + previous.sentence;
                send(record, ctx, out);
            }
            case DIGEST -> {
                // the digest's, not an alert's
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME && !waiting.isEmpty()) {
            List<Long> times = new ArrayList<>();
            for (Long at : waiting.keys()) {
                if (at <= timestamp) {
                    times.add(at);
                }
            }
            Collections.sort(times);
            for (Long at : times) {
                for (Alert a : waiting.get(at)) {
                    take(a, ctx, out);
                }
                waiting.remove(at);
            }
            if (waiting.isEmpty()) {
                lastAt.clear();
            }
        }
        Long due = escalateAt.value();
        long eventTime = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.PROCESSING_TIME
                ? clock.eventTimeAt(timestamp)
                : timestamp;
        if (due != null && eventTime >= due) {
            escalateAt.clear();
            escalate(due, ctx, out);
        }
        Long forget = forgetAt.value();
        if (forget != null
                && ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME
                && timestamp >= forget) {
            last.clear();
            escalateAt.clear();
            forgetAt.clear();
            if (waiting.isEmpty()) {
                lastAt.clear();
            }
        }
    }

    private void escalate(long due, Context ctx, Collector<Alert> out) throws Exception {
        Alert previous = last.value();
        if (previous == null
                || !previous.isActive()
                || previous.isAcknowledged()
                || previous.escalatedAt != null
                || previous.severity != Alert.Severity.CRITICAL) {
            return;
        }
        Alert.Audience to = routing.nextAudience(previous.audience);
        if (to == null) {
            return; // it already reaches the top of alerts.escalation
        }
        Alert record = previous.next(Alert.State.UPDATED);
        record.audience = new ArrayList<>(previous.audience);
        record.audience.add(to);
        record.escalatedAt = due;
        record.sentence =
                "Not acknowledged within " + AlertWording.duration(escalateAfterMs) + ": " + previous.sentence;
        send(record, ctx, out);
    }

    private void acknowledge(Alert record, AlertAction action) {
        record.acknowledgedBy = action.by;
        record.acknowledgedAt = action.at;
        record.acknowledgementNote = action.note;
    }

    /** Sends {@code record}, keeps it, and sets or clears the escalation and forgetting timers it calls for. */
    private void send(Alert record, Context ctx, Collector<Alert> out) throws Exception {
        last.update(record);
        out.collect(record);
        Long pending = escalateAt.value();
        boolean escalates = record.isActive()
                && record.severity == Alert.Severity.CRITICAL
                && !record.isAcknowledged()
                && record.escalatedAt == null;
        if (escalates && pending == null) {
            long due = record.time + escalateAfterMs;
            escalateAt.update(due);
            if (clock != null) {
                ctx.timerService().registerProcessingTimeTimer(clock.wallTimeAt(due));
            } else {
                ctx.timerService().registerEventTimeTimer(due);
            }
        } else if (!escalates && pending != null) {
            escalateAt.clear();
            if (clock != null) {
                ctx.timerService().deleteProcessingTimeTimer(clock.wallTimeAt(pending));
            } else {
                ctx.timerService().deleteEventTimeTimer(pending);
            }
        }
        if (!record.isActive() && forgetAt.value() == null) {
            long forget = record.time + retentionMs;
            forgetAt.update(forget);
            ctx.timerService().registerEventTimeTimer(forget);
        }
    }

    private long eventTimeOf(AlertAction action, Context ctx) {
        if (clock != null) {
            return clock.eventTimeAt(action.at);
        }
        long watermark = ctx.timerService().currentWatermark();
        return watermark == Long.MIN_VALUE ? action.at : watermark;
    }
}
