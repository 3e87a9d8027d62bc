package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentNotice;
import io.pacesetter.job.incidents.IncidentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by incidentId: {@code INCIDENT_UNRESOURCED} (WARNING, to the Force Control Room and the Pacesetter team)
 * when a grade-1 incident has had no unit dispatched {@code alerts.unresourcedAfter} after its clock start; CLEARED
 * by its first dispatch, an arrival, a cancellation, a downgrade or a closure. Fed {@link IncidentClock}'s notices
 * as the watermark reaches them (the provisional ones are not used), with an event-time timer at the moment. A
 * notice is held until this operator's own watermark reaches it, as the clocks hold their events: a subtask of
 * the clocks that runs ahead must not tell a dispatch before the moment of another's slower watermark has been
 * judged, so a replay raises the same alerts on every run and at every parallelism. In a live run the alert comes when the watermark passes that moment
 * (up to {@code events.outOfOrderness} later by the wall clock). The state goes when the incident leaves the board,
 * or the incidents' retention after its last notice.
 */
public class UnresourcedAlerts extends KeyedProcessFunction<String, IncidentNotice, Alert> {
    private final String force;
    private final ReferenceData reference;
    private final long afterMs;
    private final long retentionMs;
    private final AlertWording words;
    private transient ValueState<UnresourcedBook> book;
    private transient ListState<IncidentNotice> held;

    public UnresourcedAlerts(PacesetterConfig config) {
        this.force = config.force().name();
        this.reference = config.referenceData();
        this.afterMs = config.alerts().unresourcedAfter().toMillis();
        this.retentionMs = config.events().incidentRetention().toMillis();
        this.words = new AlertWording(config.force().timeZone());
    }

    @Override
    public void open(OpenContext openContext) {
        book = getRuntimeContext().getState(new ValueStateDescriptor<>("unresourced", UnresourcedBook.class));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-notices", IncidentNotice.class));
    }

    @Override
    public void processElement(IncidentNotice n, Context ctx, Collector<Alert> out) throws Exception {
        if (n.provisional) {
            return; // told by the wall clock ahead of the watermark: the event-time notice follows
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && n.time <= watermark) {
            take(n, ctx, out); // behind the watermark already (a late event's): taken at once
            return;
        }
        held.add(n);
        ctx.timerService().registerEventTimeTimer(n.time);
    }

    private void take(IncidentNotice n, Context ctx, Collector<Alert> out) throws Exception {
        UnresourcedBook b = book.value();
        if (n.state == IncidentState.GONE) {
            if (b != null && (n.cause != IncidentEventType.GRADED || Objects.equals(n.deadline, b.deadline))) {
                clear(b, outcomeOf(n.cause), n.time, sentenceOf(n), out);
                forget(b, ctx);
            }
            return;
        }
        if (n.clockStart == null) {
            return;
        }
        if (b != null && !Objects.equals(b.clockStart, n.clockStart)) {
            // A new clock (an upgrade after a downgrade): the old one's watch is over.
            clear(b, "SUPERSEDED", n.time, "Incident " + n.incidentId + " has a new emergency clock.", out);
            forget(b, ctx);
            b = null;
        }
        if (b == null) {
            if (n.dispatchedAt != null) {
                return; // a unit was already on its way when the clock started
            }
            b = new UnresourcedBook();
            b.clockStart = n.clockStart;
            b.deadline = n.deadline;
            b.district = n.district;
            b.lpa = n.district == null ? null : reference.lpaOf(n.district);
            b.area = n.area;
            b.timer = n.clockStart + afterMs;
            ctx.timerService().registerEventTimeTimer(b.timer);
        }
        if (n.dispatchedAt != null) {
            clear(
                    b,
                    "DISPATCHED",
                    n.dispatchedAt,
                    "A unit was dispatched to incident " + n.incidentId + " at " + words.clock(n.dispatchedAt) + ", "
                            + AlertWording.duration(Math.max(0, n.dispatchedAt - b.clockStart))
                            + " after it became grade 1.",
                    out);
            forget(b, ctx);
            return;
        }
        keepUntil(b, n.time + retentionMs, ctx);
        book.update(b);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        // The notices due first: a dispatch exactly at the moment comes in time, as an arrival on the deadline does.
        List<IncidentNotice> due = new ArrayList<>();
        List<IncidentNotice> later = new ArrayList<>();
        for (IncidentNotice n : held.get()) {
            (n.time <= timestamp ? due : later).add(n);
        }
        if (!due.isEmpty()) {
            held.update(later);
            due.sort(Comparator.comparingLong(n -> n.time)); // stable: same-time notices keep the clock's order
            for (IncidentNotice n : due) {
                take(n, ctx, out);
            }
        }
        UnresourcedBook b = book.value();
        if (b == null) {
            return;
        }
        if (b.timer != null && timestamp == b.timer) {
            b.timer = null;
            raise(b, ctx.getCurrentKey(), out);
            book.update(b);
        }
        if (timestamp >= b.forgetAt && b.forgetAt > 0) {
            clear(
                    b,
                    "FORGOTTEN",
                    timestamp,
                    "Nothing has been heard of incident " + ctx.getCurrentKey()
                            + " for a long time: it is taken off the alerts.",
                    out);
            forget(b, ctx);
        }
    }

    private void raise(UnresourcedBook b, String incidentId, Collector<Alert> out) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(Alert.Kind.INCIDENT_UNRESOURCED, incidentId, b.clockStart);
        a.kind = Alert.Kind.INCIDENT_UNRESOURCED;
        a.severity = Alert.Severity.WARNING;
        a.audience.addAll(List.of(Alert.Audience.FORCE_CONTROL_ROOM, Alert.Audience.PACESETTER));
        a.state = Alert.State.RAISED;
        a.time = b.clockStart + afterMs;
        a.episodeStart = b.clockStart;
        a.incidentId = incidentId;
        a.district = b.district;
        a.lpa = b.lpa;
        a.area = b.area;
        a.clockStart = b.clockStart;
        a.deadline = b.deadline;
        a.force = force;
        a.sentence = "Grade 1 incident " + incidentId + AlertWording.where(b.district, b.lpa)
                + " has had no unit dispatched " + AlertWording.duration(afterMs) + " after it became grade 1 at "
                + words.clock(b.clockStart) + "; its attendance limit passes at " + words.clock(b.deadline) + ".";
        b.alert = a;
        out.collect(a);
    }

    private void clear(UnresourcedBook b, String outcome, long time, String sentence, Collector<Alert> out) {
        if (b.alert == null || !b.alert.isActive()) {
            return;
        }
        Alert cleared = b.alert.next(Alert.State.CLEARED);
        cleared.outcome = outcome;
        cleared.time = Math.max(time, b.alert.time);
        cleared.sentence = sentence;
        if ("DISPATCHED".equals(outcome)) {
            cleared.dispatchedAt = time;
        }
        b.alert = cleared;
        out.collect(cleared);
    }

    private void keepUntil(UnresourcedBook b, long until, Context ctx) {
        if (until > b.forgetAt) {
            if (b.forgetAt > 0) {
                ctx.timerService().deleteEventTimeTimer(b.forgetAt);
            }
            b.forgetAt = until;
            ctx.timerService().registerEventTimeTimer(until);
        }
    }

    private void forget(UnresourcedBook b, Context ctx) {
        if (b.timer != null) {
            ctx.timerService().deleteEventTimeTimer(b.timer);
        }
        if (b.forgetAt > 0) {
            ctx.timerService().deleteEventTimeTimer(b.forgetAt);
        }
        book.clear();
    }

    private static String outcomeOf(IncidentEventType cause) {
        if (cause == null) {
            return "FORGOTTEN";
        }
        return switch (cause) {
            case ARRIVED -> "ATTENDED";
            case CANCELLED -> "CANCELLED";
            case GRADED -> "DOWNGRADED";
            case CLOSED -> "CLOSED";
            default -> cause.name();
        };
    }

    private String sentenceOf(IncidentNotice n) {
        String id = n.incidentId;
        if (n.cause == null) {
            return "Nothing has been heard of incident " + id + " for a long time: it is taken off the alerts.";
        }
        return switch (n.cause) {
            case ARRIVED ->
                "A unit arrived at incident " + id + " at " + words.clock(n.arrivedAt == null ? n.time : n.arrivedAt)
                        + ".";
            case CANCELLED -> "Incident " + id + " was cancelled at " + words.clock(n.time) + ".";
            case GRADED ->
                "Incident " + id + " was downgraded" + (n.grade == null ? "" : " to grade " + n.grade) + " at "
                        + words.clock(n.time) + ".";
            case CLOSED -> "Incident " + id + " was closed at " + words.clock(n.time) + ".";
            default -> "Incident " + id + " left the board at " + words.clock(n.time) + ".";
        };
    }
}
