package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.IncidentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one incident while it can still change a figure: the keyed state of
 * {@link IncidentClock}. A Flink POJO.
 */
public class IncidentBook {
    public String incidentId;
    /** Events not yet reached by the watermark, in event-time order (by type at the same instant). */
    public List<IncidentEvent> pending = new ArrayList<>();
    /** Events reached by the watermark before any CREATED: they wait a while for a late one. */
    public List<IncidentEvent> orphans = new ArrayList<>();

    /** When the incident was CREATED; null until its CREATED is taken. */
    public Long createdAt;

    public String district;
    /** The area whose limit applies: the CREATED event's own, else its district's default. */
    public Area area;

    public Integer grade;

    /** The latest transition to grade 1; null while the incident is not in the measure. */
    public Long clockStart;

    public Long deadline;
    public Long atRiskAt;
    public boolean atRisk;
    /** When the outcome came (arrival or deadline); null while there is none. */
    public Long outcomeAt;

    public boolean met;

    /** The first arrival taken: a resource is on scene from then on. */
    public Long arrivedAt;
    /** The first dispatch taken, and when it counted for the dispatch measures (see AttendanceRules.Clock). */
    public Long dispatchedAt;

    public Long dispatchCountedAt;
    /** A late downgrade or cancellation has been counted. */
    public boolean lateCounted;
    /** The first reason given; attached to a failure, ignored otherwise. */
    public String reason;
    /** The reason has gone out, on the failure or on its own: later reasons are ignored. */
    public boolean reasonSent;
    /** CLOSED or CANCELLED has been taken. */
    public boolean ended;

    /**
     * The latest moment this incident was heard of: an event's own time, or the watermark it arrived
     * behind if later. Its retention runs from here.
     */
    public Long lastEventTime;
    /** Events that arrived with the watermark already past them, by eventId: the watermark on arrival. */
    public Map<String, Long> heardLate = new HashMap<>();
    /** Every event taken so far, in the order taken: replayed from the start when a late one lands behind them. */
    public List<IncidentEvent> taken = new ArrayList<>();
    /** The event time the clock has been played to; a later arrival at or before it rewinds the clock. */
    public Long playedTo;
    /**
     * When the deadline is judged: the deadline itself, or for a clock started by a late event, the
     * limit after the watermark it arrived behind, so its ARRIVED can follow it.
     */
    public Long judgeAt;
    /** The clock was rewound for a late event: the next timer replays it without telling the live view. */
    public boolean rewound;
    /** The outcome the figures count for this incident (sent on {@code IncidentOutcome}); null when none. */
    public Long countedAt;

    public long countedStart;
    public boolean countedMet;
    public String countedReason;
    public String countedDistrict;
    public Area countedArea;
    /** What the live figures were last told, and the deadline they were told; null when nothing. */
    public IncidentState announced;

    public Long announcedDeadline;
    /** Every event-time timer currently set for this incident, so none outlives the state. */
    public List<Long> timers = new ArrayList<>();
    /**
     * Live runs: what was told the alerts from the wall clock before the watermark reached it (at risk
     * or breached, and the deadline of the clock told), and the processing-time timers waiting for
     * the next moments; see {@code io.pacesetter.job.incidents.LiveAnnouncer}.
     */
    public IncidentState liveTold;

    public Long liveToldDeadline;
    public List<Long> liveTimers = new ArrayList<>();

    /** Dispatch, travel and late-downgrade times told to the figures, so a replay does not tell them twice. */
    public List<ResponseTime> responsesTold = new ArrayList<>();

    public IncidentBook() {}

    /** On the clock: grade 1 with no outcome yet. */
    public boolean running() {
        return clockStart != null && outcomeAt == null;
    }

    /**
     * Nothing this incident can still do to a figure: attended, or failed with its reason, or out
     * of the measure with no clock running.
     */
    public boolean settled() {
        if (outcomeAt != null) {
            return met || reasonSent;
        }
        return clockStart == null;
    }

    /** The state can go: closed or cancelled and settled, or nothing known at all. */
    public boolean done() {
        if (!pending.isEmpty() || !orphans.isEmpty()) {
            return false;
        }
        return createdAt == null || (ended && settled());
    }

    /** Where an event's waits start: its own time, or the watermark it arrived behind. */
    long waitsFrom(IncidentEvent event) {
        Long heard = heardLate.get(event.eventId);
        return heard == null ? event.time : Math.max(event.time, heard);
    }

    /** Back to before the first event taken: every taken event is due again, in event-time order. */
    void rewind() {
        for (IncidentEvent e : taken) {
            addPending(e);
        }
        taken.clear();
        createdAt = null;
        grade = null;
        clockStart = null;
        deadline = null;
        atRiskAt = null;
        atRisk = false;
        outcomeAt = null;
        met = false;
        arrivedAt = null;
        ended = false;
        reason = null;
        judgeAt = null;
        dispatchedAt = null;
        dispatchCountedAt = null;
        lateCounted = false;
        rewound = true;
    }

    /** The live view: what the wall display should show for this incident now. */
    public IncidentState liveState() {
        if (createdAt == null || ended) {
            return null;
        }
        if (running()) {
            return atRisk ? IncidentState.AT_RISK : IncidentState.OPEN;
        }
        if (outcomeAt != null && !met && arrivedAt == null) {
            return IncidentState.BREACHED;
        }
        return null;
    }

    /** A copy of the clock's state, for the rules to play on. */
    AttendanceRules.Clock clock() {
        AttendanceRules.Clock c = new AttendanceRules.Clock();
        c.createdAt = createdAt;
        c.district = district;
        c.area = area;
        c.grade = grade;
        c.clockStart = clockStart;
        c.atRiskAt = atRiskAt;
        c.deadline = deadline;
        c.atRisk = atRisk;
        c.outcomeAt = outcomeAt;
        c.met = met;
        c.arrivedAt = arrivedAt;
        c.ended = ended;
        c.dispatchedAt = dispatchedAt;
        c.dispatchCountedAt = dispatchCountedAt;
        c.lateCounted = lateCounted;
        return c;
    }

    /** Keeps what the rules made of the clock. */
    void keep(AttendanceRules.Clock c) {
        createdAt = c.createdAt;
        district = c.district;
        area = c.area;
        grade = c.grade;
        clockStart = c.clockStart;
        atRiskAt = c.atRiskAt;
        deadline = c.deadline;
        atRisk = c.atRisk;
        outcomeAt = c.outcomeAt;
        met = c.met;
        arrivedAt = c.arrivedAt;
        ended = c.ended;
        dispatchedAt = c.dispatchedAt;
        dispatchCountedAt = c.dispatchCountedAt;
        lateCounted = c.lateCounted;
    }

    void addPending(IncidentEvent event) {
        int i = pending.size();
        while (i > 0 && comesAfter(pending.get(i - 1), event)) {
            i--;
        }
        pending.add(i, event);
    }

    /** The first pending event at or before {@code time}, or null. */
    IncidentEvent nextDue(long time) {
        return pending.isEmpty() || pending.get(0).time > time ? null : pending.get(0);
    }

    /** The earliest moment an orphan's wait for its CREATED runs out, or null. */
    Long orphansDue(long waitMs) {
        Long earliest = null;
        for (IncidentEvent e : orphans) {
            long due = waitsFrom(e) + waitMs;
            if (earliest == null || due < earliest) {
                earliest = due;
            }
        }
        return earliest;
    }

    Long earliestOrphan() {
        Long earliest = null;
        for (IncidentEvent e : orphans) {
            if (earliest == null || e.time < earliest) {
                earliest = e.time;
            }
        }
        return earliest;
    }

    /** At one instant the incident is created, then graded, dispatched, attended, closed: the contract's order. */
    private static boolean comesAfter(IncidentEvent a, IncidentEvent b) {
        if (a.time != b.time) {
            return a.time > b.time;
        }
        return a.type.ordinal() > b.type.ordinal();
    }
}
