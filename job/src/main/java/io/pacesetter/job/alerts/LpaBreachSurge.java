package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.state.HeldStates;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindMapState;
import io.pacesetter.job.state.WriteBehindValueState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Keyed by LPA, fed the breach alerts: more than {@code alerts.lpaBreachesPerHour} breaches whose deadlines
 * fall within one hour is an {@code LPA_BREACH_SURGE} (CRITICAL) to the duty Command Officer, UPDATED as the
 * count grows and CLEARED once the last hour is back to the threshold or fewer. Judged in event time, at
 * each deadline and each deadline plus an hour (event-time timers); a breach withdrawn as attended in time
 * leaves the count.
 *
 * <p>Runs in a {@link io.pacesetter.job.state.WriteBehindOperator}: each judgement walks the LPA's breaches, which
 * on RocksDB read every one of them from state at every deadline; held, they are read once per checkpoint.
 */
public class LpaBreachSurge extends HoldingProcessFunction<String, Alert, Alert> {
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final String force;
    private final int threshold;
    private final AlertWording words;
    private transient WriteBehindMapState<String, Long> breachDeadlines;
    private transient WriteBehindValueState<Alert> surge;

    public LpaBreachSurge(PacesetterConfig config) {
        this.force = config.force().name();
        this.threshold = config.alerts().lpaBreachesPerHour();
        this.words = new AlertWording(config.force().timeZone());
    }

    @Override
    public void open(OpenContext openContext) {
        HeldStates held = heldStates();
        breachDeadlines = held.map(getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("breach-deadlines", String.class, Long.class)));
        surge = held.value(getRuntimeContext().getState(new ValueStateDescriptor<>("surge", Alert.class)));
    }

    @Override
    public void processElement(Alert breach, Context ctx, Collector<Alert> out) throws Exception {
        if (breach.kind != Alert.Kind.INCIDENT_BREACHED || breach.deadline == null) {
            return;
        }
        WriteBehindMapState.Entries<String, Long> breaches = breachDeadlines.current();
        if ("ATTENDED_IN_TIME".equals(breach.outcome)) {
            breaches.remove(breach.incidentId);
            // Judge again at the next watermark: the hour it counted in may no longer be a surge.
            ctx.timerService()
                    .registerEventTimeTimer(
                            Math.max(breach.deadline, ctx.timerService().currentWatermark() + 1));
            return;
        }
        if (breach.state != Alert.State.RAISED || breaches.get(breach.incidentId) != null) {
            return;
        }
        breaches.put(breach.incidentId, breach.deadline);
        ctx.timerService().registerEventTimeTimer(breach.deadline);
        ctx.timerService().registerEventTimeTimer(breach.deadline + HOUR_MS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        WriteBehindMapState.Entries<String, Long> breaches = breachDeadlines.current();
        List<String> inHour = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Long> b : breaches.entries()) {
            if (b.getValue() <= timestamp - HOUR_MS) {
                gone.add(b.getKey());
            } else if (b.getValue() <= timestamp) {
                inHour.add(b.getKey());
            }
        }
        for (String id : gone) {
            breaches.remove(id);
        }
        Collections.sort(inHour);
        String lpa = ctx.getCurrentKey();
        Alert current = surge.value();
        boolean active = current != null && current.isActive();
        if (inHour.size() > threshold) {
            if (!active) {
                Alert a = new Alert();
                a.alertId = Alert.idOf(Alert.Kind.LPA_BREACH_SURGE, lpa, timestamp);
                a.kind = Alert.Kind.LPA_BREACH_SURGE;
                a.severity = Alert.Severity.CRITICAL;
                a.state = Alert.State.RAISED;
                a.episodeStart = timestamp;
                a.scope = Scope.LPA;
                a.scopeId = lpa;
                a.lpa = lpa;
                a.level = (double) threshold;
                a.force = force;
                out.collect(describe(a, inHour, timestamp, lpa));
                surge.update(a);
            } else if (inHour.size() > current.count) {
                Alert more = describe(current.next(Alert.State.UPDATED), inHour, timestamp, lpa);
                out.collect(more);
                surge.update(more);
            }
        } else if (active) {
            Alert cleared = current.next(Alert.State.CLEARED);
            cleared.time = timestamp;
            cleared.count = (long) inHour.size();
            cleared.incidentIds = inHour;
            cleared.outcome = "BACK_TO_THRESHOLD";
            cleared.sentence = "Missed emergency attendances in " + lpa + " LPA are back to " + inHour.size()
                    + " in the hour to " + words.clock(timestamp) + " (the threshold is more than " + threshold + ").";
            out.collect(cleared);
            surge.update(cleared);
        }
        if (breaches.isEmpty() && (surge.value() == null || !surge.value().isActive())) {
            surge.clear();
        }
    }

    private Alert describe(Alert a, List<String> inHour, long timestamp, String lpa) {
        a.time = timestamp;
        a.count = (long) inHour.size();
        a.value = (double) inHour.size();
        a.incidentIds = new ArrayList<>(inHour);
        a.sentence = inHour.size() + " emergency attendances missed in " + lpa + " LPA in the hour to "
                + words.clock(timestamp) + ", more than " + threshold + ": " + AlertWording.list(inHour) + ".";
        return a;
    }
}
