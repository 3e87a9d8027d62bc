package io.pacesetter.job.incidents;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.job.measures.ResponseStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by incidentId: runs an emergency incident's attendance clock ({@link AttendanceRules}) on its events
 * in event-time order as the watermark reaches them, and emits at most one {@link IncidentOutcome}, as
 * docs/contracts.md ("Emergency attendance") defines it; a reason recorded after a failure follows as a
 * reason-only outcome. Rejections go to {@link #DEAD_LETTERS}, live changes to {@link #CHANGES}, and what the
 * alerts need to {@link #NOTICES} (in a live run with a {@link LiveClock}, also early by the wall clock,
 * through {@link LiveAnnouncer}). The state, with every timer, is cleared once the incident is closed or
 * cancelled and settled, or {@code incidentRetention} after its last event.
 */
public class IncidentClock extends KeyedProcessFunction<String, IncidentEvent, IncidentOutcome> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("incident-dead-letters") {};
    public static final OutputTag<IncidentChange> CHANGES = new OutputTag<>("incident-changes") {};
    public static final OutputTag<IncidentNotice> NOTICES = new OutputTag<>("incident-notices") {};
    /** Each grade-1 incident's first dispatch and its travel, for the dispatch measures (see AttendanceRules). */
    public static final OutputTag<ResponseTime> RESPONSE_TIMES = new OutputTag<>("incident-response-times") {};

    private final AttendanceRules rules;
    private final long noCreatedWaitMs;
    private final long retentionMs;
    private final boolean announceLive;
    private final boolean noticeAlerts;
    private final LiveAnnouncer onTime;
    private transient ValueState<IncidentBook> book;

    /** @param announceLive whether to emit {@link #CHANGES} for the live figures (live runs) */
    public IncidentClock(PacesetterConfig config, boolean announceLive) {
        this(config, announceLive, false, null);
    }

    /**
     * @param announceLive whether to emit {@link #CHANGES} for the live figures (live runs)
     * @param noticeAlerts whether to emit {@link #NOTICES} for the alerts
     * @param liveClock live runs: tell at risk and breached when they come by the wall clock; null in a replay
     */
    public IncidentClock(PacesetterConfig config, boolean announceLive, boolean noticeAlerts, LiveClock liveClock) {
        this.rules = new AttendanceRules(
                config.attendance(), config.referenceData(), config.alerts().lateDowngradeWithin());
        this.noCreatedWaitMs = config.events().noCreatedWait().toMillis();
        this.retentionMs = config.events().incidentRetention().toMillis();
        this.announceLive = announceLive;
        this.noticeAlerts = noticeAlerts;
        this.onTime = noticeAlerts && liveClock != null ? new LiveAnnouncer(liveClock, rules) : null;
    }

    @Override
    public void open(OpenContext openContext) {
        book = getRuntimeContext().getState(new ValueStateDescriptor<>("incident-book", IncidentBook.class));
    }

    @Override
    public void processElement(IncidentEvent event, Context ctx, Collector<IncidentOutcome> out) throws Exception {
        IncidentBook incident = book.value();
        if (incident == null) {
            incident = new IncidentBook();
            incident.incidentId = event.incidentId;
        }
        incident.addPending(event);
        if (incident.lastEventTime == null || event.time > incident.lastEventTime) {
            incident.lastEventTime = event.time;
        }
        keepTimers(incident, ctx);
        if (onTime != null) {
            onTime.review(incident, ctx.timerService(), n -> ctx.output(NOTICES, n));
        }
        book.update(incident);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentOutcome> out) throws Exception {
        IncidentBook incident = book.value();
        if (incident == null) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            // A moment came by the wall clock: the event-time path below is not touched.
            incident.liveTimers.remove(Long.valueOf(timestamp));
            if (onTime == null) {
                return; // only the live announcer sets processing-time timers
            }
            onTime.review(incident, ctx.timerService(), n -> ctx.output(NOTICES, n));
            book.update(incident);
            return;
        }
        incident.timers.removeIf(t -> t <= timestamp);
        boolean forgotten = false;
        while (!forgotten) {
            IncidentEvent event = incident.nextDue(timestamp);
            Long due = nextObligation(incident);
            if (due != null && due <= timestamp && (event == null || due < event.time)) {
                forgotten = fulfil(incident, due, ctx, out);
                announce(incident, due, null, ctx);
                continue;
            }
            if (event == null) {
                break;
            }
            incident.pending.remove(0);
            take(incident, event, ctx, out);
            announce(incident, event.time, event, ctx);
        }
        if (forgotten || incident.done()) {
            for (long t : incident.timers) {
                ctx.timerService().deleteEventTimeTimer(t);
            }
            if (onTime != null) {
                onTime.forget(incident, ctx.timerService());
            }
            book.clear();
        } else {
            keepTimers(incident, ctx);
            if (onTime != null) {
                onTime.review(incident, ctx.timerService(), n -> ctx.output(NOTICES, n));
            }
            book.update(incident);
        }
    }

    private void take(IncidentBook incident, IncidentEvent event, OnTimerContext ctx, Collector<IncidentOutcome> out) {
        if (incident.createdAt == null) {
            if (event.type == IncidentEventType.CREATED) {
                create(incident, event, ctx, out);
            } else {
                incident.orphans.add(event);
            }
            return;
        }
        if (event.time < incident.createdAt) {
            rejectAsBeforeCreation(incident, event, ctx);
            return;
        }
        if (event.type == IncidentEventType.CLOSED || event.type == IncidentEventType.REASON_RECORDED) {
            giveReason(incident, event.reason, out);
        }
        if (incident.ended) {
            // After CLOSED or CANCELLED the incident's story is over: only a reason can still count.
            return;
        }
        AttendanceRules.Clock clock = incident.clock();
        rules.take(clock, event, told(incident, clock, ctx, out));
        incident.keep(clock);
    }

    private void create(
            IncidentBook incident, IncidentEvent created, OnTimerContext ctx, Collector<IncidentOutcome> out) {
        AttendanceRules.Clock clock = incident.clock();
        rules.create(clock, created, told(incident, clock, ctx, out));
        incident.keep(clock);
        List<IncidentEvent> waiting = new ArrayList<>(incident.orphans);
        incident.orphans.clear();
        for (IncidentEvent orphan : waiting) {
            if (orphan.time < created.time) {
                rejectAsBeforeCreation(incident, orphan, ctx);
            } else {
                // Taken before a late CREATED: its turn comes again, now after the creation.
                incident.addPending(orphan);
            }
        }
    }

    /** What the rules tell as they take an event: attended in time to the outcomes, dispatch and travel aside. */
    private static AttendanceRules.Met told(
            IncidentBook incident, AttendanceRules.Clock clock, Context ctx, Collector<IncidentOutcome> out) {
        return new AttendanceRules.Met() {
            @Override
            public void at(long time) {
                emitMet(incident, clock, time, out);
            }

            @Override
            public void dispatched(long at, long ms) {
                ctx.output(RESPONSE_TIMES, responseTime(incident, clock, ResponseStage.DISPATCH, at, ms));
            }

            @Override
            public void travelled(long at, long ms) {
                ctx.output(RESPONSE_TIMES, responseTime(incident, clock, ResponseStage.TRAVEL, at, ms));
            }

            @Override
            public void late(IncidentEvent e, long afterDeadlineMs) {
                boolean cancelled = e.type == IncidentEventType.CANCELLED;
                ResponseTime late = responseTime(
                        incident,
                        clock,
                        cancelled ? ResponseStage.LATE_CANCELLATION : ResponseStage.LATE_DOWNGRADE,
                        e.time,
                        afterDeadlineMs);
                late.grade = cancelled ? null : e.grade;
                late.reason = e.reason == null || e.reason.isBlank() ? null : e.reason;
                ctx.output(RESPONSE_TIMES, late);
            }
        };
    }

    private static ResponseTime responseTime(
            IncidentBook incident, AttendanceRules.Clock clock, ResponseStage stage, long at, long ms) {
        return new ResponseTime(incident.incidentId, clock.district, clock.area, stage, at, ms);
    }

    private static void emitMet(
            IncidentBook incident, AttendanceRules.Clock clock, long at, Collector<IncidentOutcome> out) {
        out.collect(new IncidentOutcome(
                incident.incidentId, clock.district, clock.area, clock.clockStart, at, true, null, false));
    }

    private void giveReason(IncidentBook incident, String reason, Collector<IncidentOutcome> out) {
        if (reason == null || reason.isBlank() || incident.reason != null) {
            return;
        }
        incident.reason = reason;
        if (incident.outcomeAt != null && !incident.met && !incident.reasonSent) {
            incident.reasonSent = true;
            out.collect(new IncidentOutcome(
                    incident.incidentId,
                    incident.district,
                    incident.area,
                    incident.clockStart,
                    incident.outcomeAt,
                    false,
                    reason,
                    true));
        }
    }

    /** The earliest thing the incident owes at a time of its own: NO_CREATED, at risk, deadline, retention. */
    private Long nextObligation(IncidentBook incident) {
        Long next = null;
        Long orphan = incident.earliestOrphan();
        if (orphan != null) {
            next = orphan + noCreatedWaitMs;
        }
        if (incident.running()) {
            if (watchesAtRisk() && !incident.atRisk) {
                next = min(next, incident.atRiskAt);
            }
            next = min(next, incident.deadline);
        }
        if (incident.lastEventTime != null) {
            next = min(next, incident.lastEventTime + retentionMs);
        }
        return next;
    }

    /** @return true when the incident is to be forgotten */
    private boolean fulfil(IncidentBook incident, long due, OnTimerContext ctx, Collector<IncidentOutcome> out) {
        Long orphan = incident.earliestOrphan();
        if (orphan != null && orphan + noCreatedWaitMs == due) {
            for (IncidentEvent event : incident.orphans) {
                ctx.output(
                        DEAD_LETTERS,
                        deadLetter(
                                RejectReason.NO_CREATED,
                                event,
                                "no CREATED for incident " + event.incidentId + " within "
                                        + Duration.ofMillis(noCreatedWaitMs) + " of its first event"));
            }
            incident.orphans.clear();
            return false;
        }
        if (incident.running() && watchesAtRisk() && !incident.atRisk && incident.atRiskAt == due) {
            incident.atRisk = true;
            return false;
        }
        if (incident.running() && incident.deadline == due) {
            AttendanceRules.Clock clock = incident.clock();
            rules.fail(clock);
            incident.keep(clock);
            incident.reasonSent = incident.reason != null;
            out.collect(new IncidentOutcome(
                    incident.incidentId,
                    incident.district,
                    incident.area,
                    incident.clockStart,
                    due,
                    false,
                    incident.reason,
                    false));
            return false;
        }
        // Retention: nothing has been heard of the incident for a long time and it never settled.
        incident.ended = true;
        incident.clockStart = null;
        incident.outcomeAt = null;
        return true;
    }

    private void rejectAsBeforeCreation(IncidentBook incident, IncidentEvent event, Context ctx) {
        String created = RecordJson.instant(incident.createdAt);
        if (event.type == IncidentEventType.ARRIVED) {
            ctx.output(
                    DEAD_LETTERS,
                    deadLetter(
                            RejectReason.ARRIVAL_BEFORE_CREATION,
                            event,
                            "ARRIVED at " + RecordJson.instant(event.time) + " is before its incident was CREATED at "
                                    + created));
        } else {
            ctx.output(
                    DEAD_LETTERS,
                    deadLetter(
                            RejectReason.NO_CREATED,
                            event,
                            event.type + " at " + RecordJson.instant(event.time)
                                    + " is before its incident was CREATED at " + created));
        }
    }

    /** At risk is only a live figure and an alert: a replay without alerts needs no timer for it. */
    private boolean watchesAtRisk() {
        return announceLive || noticeAlerts;
    }

    /** @param cause the event just taken, or null when the clock itself moved (at risk, deadline, retention) */
    private void announce(IncidentBook incident, long time, IncidentEvent cause, Context ctx) {
        if (!announceLive && !noticeAlerts) {
            return;
        }
        IncidentState now = incident.liveState();
        Long deadline = now == null ? null : incident.deadline;
        if (now == incident.announced && Objects.equals(deadline, incident.announcedDeadline)) {
            if (noticeAlerts && (givesReason(incident, cause) || firstDispatch(incident, now, cause))) {
                ctx.output(
                        NOTICES,
                        IncidentNotice.onTime(
                                incident, now == null ? IncidentState.GONE : now, incident.deadline, time, cause.type));
            }
            return;
        }
        IncidentEventType causeType = cause == null ? null : cause.type;
        if (incident.announced != null && (now == null || !Objects.equals(deadline, incident.announcedDeadline))) {
            if (announceLive) {
                ctx.output(
                        CHANGES,
                        new IncidentChange(
                                incident.incidentId,
                                incident.district,
                                incident.area,
                                IncidentState.GONE,
                                incident.announcedDeadline,
                                time));
            }
            if (noticeAlerts) {
                ctx.output(
                        NOTICES,
                        IncidentNotice.onTime(
                                incident, IncidentState.GONE, incident.announcedDeadline, time, causeType));
            }
        }
        if (now != null) {
            if (announceLive) {
                ctx.output(
                        CHANGES,
                        new IncidentChange(incident.incidentId, incident.district, incident.area, now, deadline, time));
            }
            if (noticeAlerts) {
                ctx.output(NOTICES, IncidentNotice.onTime(incident, now, deadline, time, causeType));
            }
        }
        incident.announced = now;
        incident.announcedDeadline = deadline;
    }

    /** The first dispatch of an incident on the board: it is no longer unresourced (the figures do not change). */
    private static boolean firstDispatch(IncidentBook incident, IncidentState now, IncidentEvent cause) {
        return now != null
                && cause != null
                && cause.type == IncidentEventType.DISPATCHED
                && Objects.equals(incident.dispatchedAt, cause.time);
    }

    /** A reason recorded for a failure: the alerts attach it to the breach (the live figures do not change). */
    private static boolean givesReason(IncidentBook incident, IncidentEvent cause) {
        return cause != null
                && (cause.type == IncidentEventType.CLOSED || cause.type == IncidentEventType.REASON_RECORDED)
                && cause.reason != null
                && !cause.reason.isBlank()
                && incident.outcomeAt != null
                && !incident.met;
    }

    /**
     * Two obligations can fall on the same instant, and deleting one timer would silently drop the
     * other; so after each step the timers are set to exactly what the incident still owes, and
     * those no longer owed are deleted.
     */
    private void keepTimers(IncidentBook incident, Context ctx) {
        TreeSet<Long> owed = new TreeSet<>();
        for (IncidentEvent event : incident.pending) {
            owed.add(event.time);
        }
        Long orphan = incident.earliestOrphan();
        if (orphan != null) {
            owed.add(orphan + noCreatedWaitMs);
        }
        if (incident.running()) {
            if (watchesAtRisk() && !incident.atRisk) {
                owed.add(incident.atRiskAt);
            }
            owed.add(incident.deadline);
        }
        owed.add(incident.lastEventTime + retentionMs);
        for (long t : incident.timers) {
            if (!owed.contains(t)) {
                ctx.timerService().deleteEventTimeTimer(t);
            }
        }
        for (long t : owed) {
            ctx.timerService().registerEventTimeTimer(t);
        }
        incident.timers = new ArrayList<>(owed);
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Math.min(a, b);
    }

    private static DeadLetter deadLetter(RejectReason reason, IncidentEvent event, String detail) {
        return new DeadLetter(reason, detail, RecordJson.incidentEvent(event), "pipeline", event.eventId, event.time);
    }
}
