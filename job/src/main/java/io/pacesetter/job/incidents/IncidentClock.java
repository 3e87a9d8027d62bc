package io.pacesetter.job.incidents;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.ingest.Arrival;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.job.measures.ResponseStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by incidentId: runs an emergency incident's attendance clock ({@link AttendanceRules}) on its events
 * in event-time order as the watermark reaches them, and emits its {@link IncidentOutcome}, as
 * docs/contracts.md ("Emergency attendance") defines it; a reason recorded after a failure follows as a
 * reason-only outcome. An event that lands behind those already taken replays them all with it; if the
 * outcome changes, the counted one is retracted and the new one counted ("Late events"). Rejections go to
 * {@link #DEAD_LETTERS}, live changes to {@link #CHANGES}, and what the alerts need to {@link #NOTICES} (in
 * a live run with a {@link LiveClock}, also early by the wall clock, through {@link LiveAnnouncer}). The
 * state, with every timer, is cleared {@code allowedLateness} after the last news of an incident closed or
 * cancelled and settled (a late event could still revise it), or {@code incidentRetention} after that of
 * one never settled.
 */
public class IncidentClock extends KeyedProcessFunction<String, IncidentEvent, IncidentOutcome>
        implements CheckpointedFunction {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("incident-dead-letters") {};
    public static final OutputTag<IncidentChange> CHANGES = new OutputTag<>("incident-changes") {};
    public static final OutputTag<IncidentNotice> NOTICES = new OutputTag<>("incident-notices") {};
    /** Each grade-1 incident's first dispatch and its travel, for the dispatch measures (see AttendanceRules). */
    public static final OutputTag<ResponseTime> RESPONSE_TIMES = new OutputTag<>("incident-response-times") {};

    private final AttendanceRules rules;
    private final long noCreatedWaitMs;
    private final long retentionMs;
    private final long allowedLatenessMs;
    private final long outOfOrdernessMs;

    private final boolean announceLive;
    private final boolean noticeAlerts;
    private final LiveAnnouncer onTime;
    private transient ValueState<IncidentBook> book;
    /**
     * While an incident's events are replayed for a late one (within one timer): every dispatch, travel and late
     * time the rules tell, so those told before and not again can be taken back. Null otherwise.
     */
    private transient List<ResponseTime> heardInReplay;

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
        this.allowedLatenessMs = config.events().allowedLateness().toMillis();
        this.outOfOrdernessMs = config.events().outOfOrderness().toMillis();
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
        long arrival = Arrival.watermarkOnArrival(
                ctx.timerService().currentWatermark(), event.receivedAfter, outOfOrdernessMs);
        long heard = event.time;
        if (arrival != Long.MIN_VALUE && arrival > event.time) {
            // Late: its partners may still be on their way behind it, so its waits start now.
            incident.heardLate.put(event.eventId, arrival);
            heard = arrival;
        }
        if (incident.lastEventTime == null || heard > incident.lastEventTime) {
            incident.lastEventTime = heard;
        }
        if (incident.playedTo != null && event.time <= incident.playedTo && !incident.taken.isEmpty()) {
            // It lands behind events already taken: replay them all with it, in event-time order.
            incident.rewind();
        }
        incident.addPending(event);
        keepTimers(incident, ctx);
        if (onTime != null) {
            onTime.heard(event.time, ctx.timerService());
        }
        if (onTime != null && !incident.rewound) {
            // A rewound clock is reviewed once its replay has run, on the next timer.
            onTime.review(incident, ctx.timerService(), n -> ctx.output(NOTICES, n));
        }
        book.update(incident);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        if (context.isRestored() && onTime != null) {
            onTime.restored();
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Everything is keyed state; this function only needs to know whether it was restored.
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
        if (incident.playedTo == null || timestamp > incident.playedTo) {
            incident.playedTo = timestamp;
        }
        boolean replaying = incident.rewound;
        heardInReplay = replaying ? new ArrayList<>() : null;
        // A replay catches up at once with where the clock had been played: the watermark has passed it.
        long upTo = replaying ? Math.max(timestamp, incident.playedTo) : timestamp;
        boolean forgotten = false;
        // Replaying: the last event that changed what the live view and the alerts were told, told once at the end.
        IncidentEvent turned = null;
        while (!forgotten) {
            IncidentEvent event = incident.nextDue(upTo);
            Long due = nextObligation(incident, upTo, event);
            if (due != null && (event == null || due < event.time)) {
                forgotten = fulfil(incident, due, ctx, out);
                if (!replaying) {
                    announce(incident, due, null, ctx);
                }
                continue;
            }
            if (event == null) {
                break;
            }
            incident.pending.remove(0);
            IncidentState stateBefore = incident.liveState();
            Long deadlineBefore = incident.deadline;
            take(incident, event, ctx);
            if (!replaying) {
                announce(incident, event.time, event, ctx);
            } else if (incident.liveState() != stateBefore || !Objects.equals(incident.deadline, deadlineBefore)) {
                turned = event;
            }
        }
        if (replaying) {
            // The live view hears only where the replay ended, not every step of it.
            incident.rewound = false;
            if (!forgotten) {
                takeBackUntold(incident, ctx);
                announce(incident, turned != null ? turned.time : timestamp, turned, ctx);
            }
        }
        heardInReplay = null;
        if (!forgotten) {
            settle(incident, out);
        }
        if (forgotten || (incident.done() && incident.taken.isEmpty())) {
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

    private void take(IncidentBook incident, IncidentEvent event, OnTimerContext ctx) {
        if (incident.createdAt == null) {
            if (event.type == IncidentEventType.CREATED) {
                create(incident, event, ctx);
            } else {
                incident.orphans.add(event);
            }
            return;
        }
        if (event.time < incident.createdAt) {
            rejectAsBeforeCreation(incident, event, ctx);
            return;
        }
        incident.taken.add(event);
        if (event.type == IncidentEventType.CLOSED || event.type == IncidentEventType.REASON_RECORDED) {
            giveReason(incident, event.reason);
        }
        if (incident.ended) {
            // After CLOSED or CANCELLED the incident's story is over: only a reason can still count.
            return;
        }
        AttendanceRules.Clock clock = incident.clock();
        rules.take(clock, event, responses(incident, clock, ctx));
        keep(incident, clock, event);
    }

    private void create(IncidentBook incident, IncidentEvent created, OnTimerContext ctx) {
        incident.taken.add(created);
        AttendanceRules.Clock clock = incident.clock();
        rules.create(clock, created, responses(incident, clock, ctx));
        keep(incident, clock, created);
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

    /**
     * Keeps what the rules made of the clock; a clock the event started is judged at its deadline, or,
     * when the event came behind the watermark, its limit after the watermark it came behind.
     */
    private static void keep(IncidentBook incident, AttendanceRules.Clock clock, IncidentEvent event) {
        Long before = incident.clockStart;
        incident.keep(clock);
        if (clock.clockStart == null) {
            incident.judgeAt = null;
        } else if (!clock.clockStart.equals(before)) {
            incident.judgeAt = clock.deadline + Math.max(0, incident.waitsFrom(event) - clock.clockStart);
        }
    }

    /**
     * What the rules tell as they take an event, dispatch and travel times and late downgrades, for the dispatch
     * measures (attendance is settled from the book, {@link #settle}). An incident replayed for a late event takes
     * its events again: what was told before is not told twice, and a first dispatch (or travel) that the late event
     * changed is retracted from DAY and MONTH and told anew, as an attendance outcome is.
     */
    private AttendanceRules.Met responses(IncidentBook incident, AttendanceRules.Clock clock, Context ctx) {
        return new AttendanceRules.Met() {
            @Override
            public void at(long time) {}

            @Override
            public void dispatched(long at, long ms) {
                tell(incident, ctx, responseTime(incident, clock, ResponseStage.DISPATCH, at, ms));
            }

            @Override
            public void travelled(long at, long ms) {
                tell(incident, ctx, responseTime(incident, clock, ResponseStage.TRAVEL, at, ms));
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
                tell(incident, ctx, late);
            }
        };
    }

    private void tell(IncidentBook incident, Context ctx, ResponseTime time) {
        if (heardInReplay != null) {
            heardInReplay.add(time);
        }
        for (ResponseTime told : incident.responsesTold) {
            if (told.sameAs(time)) {
                return;
            }
        }
        // Each stage counts once per incident: one told before with other values was changed by a late event.
        Iterator<ResponseTime> told = incident.responsesTold.iterator();
        while (told.hasNext()) {
            ResponseTime before = told.next();
            if (before.stage == time.stage) {
                ctx.output(RESPONSE_TIMES, before.retracted());
                told.remove();
            }
        }
        incident.responsesTold.add(time);
        ctx.output(RESPONSE_TIMES, time);
    }

    /**
     * After a replay: a time told before that the replay did not tell again no longer counts (a late arrival before
     * the dispatch leaves neither a dispatch nor a travel), so it is taken back from DAY and MONTH.
     */
    private void takeBackUntold(IncidentBook incident, Context ctx) {
        Iterator<ResponseTime> told = incident.responsesTold.iterator();
        while (told.hasNext()) {
            ResponseTime before = told.next();
            if (heardInReplay.stream().noneMatch(before::sameAs)) {
                ctx.output(RESPONSE_TIMES, before.retracted());
                told.remove();
            }
        }
    }

    private static ResponseTime responseTime(
            IncidentBook incident, AttendanceRules.Clock clock, ResponseStage stage, long at, long ms) {
        return new ResponseTime(incident.incidentId, clock.district, clock.area, stage, at, ms);
    }

    private static void giveReason(IncidentBook incident, String reason) {
        if (reason == null || reason.isBlank() || incident.reason != null) {
            return;
        }
        incident.reason = reason;
    }

    /**
     * Tells the figures the incident's outcome as it now stands, as a change from what they count: a
     * first outcome; a reason for a failure counted without one; or, when a late event changed it, the
     * counted one retracted and the new one counted in its place.
     */
    private static void settle(IncidentBook incident, Collector<IncidentOutcome> out) {
        Long at = incident.outcomeAt;
        String reason = at != null && !incident.met ? incident.reason : null;
        if (incident.countedAt != null) {
            boolean same = at != null
                    && at.equals(incident.countedAt)
                    && incident.clockStart == incident.countedStart
                    && incident.met == incident.countedMet
                    && Objects.equals(incident.district, incident.countedDistrict)
                    && incident.area == incident.countedArea;
            if (same && Objects.equals(reason, incident.countedReason)) {
                return;
            }
            if (same && incident.countedReason == null) {
                incident.countedReason = reason;
                incident.reasonSent = true;
                out.collect(new IncidentOutcome(
                        incident.incidentId,
                        incident.district,
                        incident.area,
                        incident.clockStart,
                        at,
                        false,
                        reason,
                        true));
                return;
            }
            out.collect(IncidentOutcome.retraction(
                    incident.incidentId,
                    incident.countedDistrict,
                    incident.countedArea,
                    incident.countedStart,
                    incident.countedAt,
                    incident.countedMet,
                    incident.countedReason));
            incident.countedAt = null;
            incident.countedReason = null;
            incident.reasonSent = false;
            if (at != null) {
                IncidentOutcome revised = new IncidentOutcome(
                        incident.incidentId,
                        incident.district,
                        incident.area,
                        incident.clockStart,
                        at,
                        incident.met,
                        reason,
                        false);
                revised.revision = true;
                count(incident, revised, out);
            }
            return;
        }
        if (at != null) {
            count(
                    incident,
                    new IncidentOutcome(
                            incident.incidentId,
                            incident.district,
                            incident.area,
                            incident.clockStart,
                            at,
                            incident.met,
                            reason,
                            false),
                    out);
        }
    }

    private static void count(IncidentBook incident, IncidentOutcome outcome, Collector<IncidentOutcome> out) {
        incident.countedAt = outcome.outcomeAt;
        incident.countedStart = outcome.clockStart;
        incident.countedMet = outcome.met;
        incident.countedReason = outcome.reason;
        incident.countedDistrict = outcome.district;
        incident.countedArea = outcome.area;
        incident.reasonSent = outcome.reason != null;
        out.collect(outcome);
    }

    /** How long the state stays after the incident's last news: closed and settled, while a late event could revise it. */
    private long retentionOf(IncidentBook incident) {
        return incident.done() ? allowedLatenessMs : retentionMs;
    }

    /** The deadline is judged no earlier than this (see {@link IncidentBook#judgeAt}). */
    private static long judgeAt(IncidentBook incident) {
        return incident.judgeAt == null ? incident.deadline : Math.max(incident.judgeAt, incident.deadline);
    }

    /**
     * The earliest thing the incident owes that is due by {@code now}, at its own event time: NO_CREATED,
     * at risk, the deadline (due at its judging time, or as soon as a later event is to be taken), retention.
     */
    private Long nextObligation(IncidentBook incident, long now, IncidentEvent next) {
        Long due = null;
        Long orphans = incident.orphansDue(noCreatedWaitMs);
        if (orphans != null && orphans <= now) {
            due = orphans;
        }
        if (incident.running()) {
            if (watchesAtRisk() && !incident.atRisk && incident.atRiskAt <= now) {
                due = min(due, incident.atRiskAt);
            }
            if (judgeAt(incident) <= now || (next != null && incident.deadline < next.time)) {
                due = min(due, incident.deadline);
            }
        }
        if (incident.lastEventTime != null && incident.lastEventTime + retentionOf(incident) <= now) {
            due = min(due, incident.lastEventTime + retentionOf(incident));
        }
        return due;
    }

    /** @return true when the incident is to be forgotten */
    private boolean fulfil(IncidentBook incident, long due, OnTimerContext ctx, Collector<IncidentOutcome> out) {
        Long orphan = incident.orphansDue(noCreatedWaitMs);
        if (orphan != null && orphan == due) {
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
            return false;
        }
        // Retention: nothing has been heard of the incident for a long time (or, settled, for as long as
        // a late event could revise it). What it has come to is counted before it goes.
        settle(incident, out);
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
        Long orphans = incident.orphansDue(noCreatedWaitMs);
        if (orphans != null) {
            owed.add(orphans);
        }
        if (incident.running()) {
            if (watchesAtRisk() && !incident.atRisk) {
                owed.add(incident.atRiskAt);
            }
            owed.add(judgeAt(incident));
        }
        owed.add(incident.lastEventTime + retentionOf(incident));
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
