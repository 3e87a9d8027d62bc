package io.pacesetter.job.ingest;

import io.pacesetter.config.EventRules;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindValueState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by {@code eventId}: lets each event through once, rejects repeats as {@code DUPLICATE}
 * and events beyond the allowed lateness as {@code TOO_LATE}, then splits calls (main output) from
 * incidents (side output). An id is remembered until no copy of it could still be accepted, and
 * forgotten by an event-time timer. Runs in a {@link io.pacesetter.job.state.WriteBehindOperator}: the ids seen
 * between two checkpoints are written to state once, at the checkpoint.
 */
public class Deduplicate extends HoldingProcessFunction<String, InputRecord, CallEvent> {
    public static final OutputTag<IncidentEvent> INCIDENTS = new OutputTag<>("incidents") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dedup-dead-letters") {};

    private final long allowedLatenessMs;
    private final long retentionMs;
    private transient WriteBehindValueState<Long> forgetAt;

    public Deduplicate(EventRules rules) {
        this.allowedLatenessMs = rules.allowedLateness().toMillis();
        this.retentionMs = rules.duplicateRetention().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        forgetAt =
                heldStates().value(getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Long.class)));
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<CallEvent> out) throws Exception {
        long time = record.eventTime();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && time < watermark - allowedLatenessMs) {
            ctx.output(
                    DEAD_LETTERS,
                    reject(
                            record,
                            RejectReason.TOO_LATE,
                            "event time is more than the allowed lateness behind the " + "watermark ("
                                    + RecordJson.instant(watermark) + "): too late to correct any period"));
            return;
        }
        if (forgetAt.value() != null) {
            ctx.output(
                    DEAD_LETTERS,
                    reject(record, RejectReason.DUPLICATE, "eventId " + record.eventId() + " was already accepted"));
            return;
        }
        long forget = time + retentionMs;
        forgetAt.update(forget);
        ctx.timerService().registerEventTimeTimer(forget);
        if (record.call != null) {
            out.collect(record.call);
        } else {
            ctx.output(INCIDENTS, record.incident);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CallEvent> out) throws Exception {
        forgetAt.clear();
    }

    private static DeadLetter reject(InputRecord record, RejectReason reason, String detail) {
        String original =
                record.call != null ? RecordJson.callEvent(record.call) : RecordJson.incidentEvent(record.incident);
        return new DeadLetter(reason, detail, original, "pipeline", record.eventId(), record.eventTime());
    }
}
