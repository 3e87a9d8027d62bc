package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import io.pacesetter.config.AttendanceStandard;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import java.io.Serializable;
import java.time.Duration;

/**
 * The attendance rules of an emergency incident, in one place and in plain Java: when its clock starts
 * (its latest transition to grade 1), what an arrival, a downgrade, a cancellation or a closure does to it,
 * and when it fails. {@link IncidentClock} plays them in event time as the watermark reaches each event;
 * {@link ProvisionalClock} plays them ahead of the watermark for the live alerts. See docs/contracts.md.
 */
public final class AttendanceRules implements Serializable {
    private static final long serialVersionUID = 1L;

    private final AttendanceStandard standard;
    private final ReferenceData reference;
    private final long lateWithinMs;

    public AttendanceRules(AttendanceStandard standard, ReferenceData reference) {
        this(standard, reference, Duration.ZERO);
    }

    /**
     * @param lateWithin a downgrade or cancellation this close to the deadline, or after it, is late
     *     ({@code alerts.lateDowngradeWithin})
     */
    public AttendanceRules(AttendanceStandard standard, ReferenceData reference, Duration lateWithin) {
        this.standard = standard;
        this.reference = reference;
        this.lateWithinMs = lateWithin.toMillis();
    }

    /** Where one incident's clock stands. */
    public static final class Clock {
        /** When the incident was CREATED; null until then. */
        public Long createdAt;

        public String district;
        /** The area whose limit applies: the CREATED event's own, else its district's default. */
        public Area area;

        public Integer grade;
        /** The latest transition to grade 1; null while the incident is not in the measure. */
        public Long clockStart;

        public Long atRiskAt;
        public Long deadline;
        /** The at-risk point has been reached (by event time). */
        public boolean atRisk;
        /** When the outcome came (arrival or deadline); null while there is none. */
        public Long outcomeAt;

        public boolean met;
        /** The first arrival: a resource is on scene from then on. */
        public Long arrivedAt;
        /** CLOSED or CANCELLED has been taken: only a reason can still count. */
        public boolean ended;
        /** What last took a clock off the board (ARRIVED, CANCELLED, GRADED, CLOSED), and when. */
        public IncidentEventType endedBy;

        public long endedAt;

        /** The first DISPATCHED taken, whatever the grade then; null until a unit is sent. */
        public Long dispatchedAt;
        /**
         * When the first dispatch counted for the dispatch and travel measures: the dispatch itself, or the
         * clock start when the unit was sent before the incident became grade 1; null until it counted.
         */
        public Long dispatchCountedAt;
        /** A late downgrade or cancellation has been counted: at most one per incident. */
        public boolean lateCounted;

        /** On the clock: grade 1 with no outcome yet. */
        public boolean running() {
            return clockStart != null && outcomeAt == null;
        }

        /**
         * Whether the event is one the rules take: the incident exists, the event is not before it,
         * and it has not ended.
         */
        public boolean takes(IncidentEvent e) {
            return createdAt != null && e.time >= createdAt && !ended;
        }

        /** Whether the deadline passes before an event at {@code time}: an event exactly on it still counts first. */
        public boolean failsBefore(long time) {
            return running() && deadline < time;
        }
    }

    /**
     * Told when an event settles the incident as attended within its standard; and (for the dispatch and
     * travel measures, which only the event-time clock counts) when its first dispatch and its travel count.
     */
    public interface Met {
        void at(long time);

        /** The first dispatch of a grade-1 incident counts at {@code at}, {@code ms} after its clock start. */
        default void dispatched(long at, long ms) {}

        /** Its first arrival, at {@code at}, came {@code ms} after the dispatch counted. */
        default void travelled(long at, long ms) {}

        /**
         * Downgraded (or cancelled) at {@code at} with nobody on scene, {@code afterDeadlineMs} after its deadline
         * (negative: before it, by less than the late window).
         */
        default void late(IncidentEvent e, long afterDeadlineMs) {}
    }

    /** The CREATED event of a clock not yet created. */
    public void create(Clock c, IncidentEvent created, Met met) {
        c.createdAt = created.time;
        c.district = created.district;
        c.area = created.area != null ? created.area : reference.defaultAreaOf(created.district);
        regrade(c, created.grade, created.time, met);
    }

    /** An event the clock {@linkplain Clock#takes takes}. */
    public void take(Clock c, IncidentEvent e, Met met) {
        switch (e.type) {
            case CREATED, GRADED -> regrade(c, e.grade, e.time, e, met);
            case ARRIVED -> {
                if (c.running()) {
                    settleMet(c, Math.max(e.time, c.clockStart), met);
                }
                if (c.arrivedAt == null) {
                    if (c.clockStart != null && c.dispatchCountedAt != null) {
                        met.travelled(e.time, e.time - c.dispatchCountedAt);
                    }
                    c.arrivedAt = e.time;
                    end(c, IncidentEventType.ARRIVED, e.time);
                }
            }
            case CANCELLED -> {
                if (Integer.valueOf(1).equals(c.grade)) {
                    judgeLate(c, e, met);
                }
                if (c.running()) {
                    leave(c);
                }
                c.ended = true;
                end(c, IncidentEventType.CANCELLED, e.time);
            }
            case CLOSED -> {
                c.ended = true;
                end(c, IncidentEventType.CLOSED, e.time);
            }
            case DISPATCHED -> {
                if (c.dispatchedAt == null) {
                    c.dispatchedAt = e.time;
                    countDispatch(c, e.time, met);
                }
            }
            case REASON_RECORDED -> {}
        }
    }

    /** The deadline passed with nobody on scene: the standard is missed. */
    public void fail(Clock c) {
        c.outcomeAt = c.deadline;
        c.met = false;
    }

    /**
     * A downgrade or cancellation of a grade-1 incident with nobody on scene is late when it comes within the late
     * window before its deadline, or after it (HMICFRS: downgraded without reassessment). Counted once per
     * incident, at the event.
     */
    private void judgeLate(Clock c, IncidentEvent e, Met met) {
        if (c.clockStart == null || c.deadline == null || c.arrivedAt != null || c.lateCounted) {
            return;
        }
        if (e.time >= c.deadline - lateWithinMs) {
            c.lateCounted = true;
            met.late(e, e.time - c.deadline);
        }
    }

    private void regrade(Clock c, Integer grade, long time, Met met) {
        regrade(c, grade, time, null, met);
    }

    /** @param downgrade the event that changes the grade, judged for lateness; null for a CREATED */
    private void regrade(Clock c, Integer grade, long time, IncidentEvent downgrade, Met met) {
        if (grade == null) {
            return;
        }
        boolean wasEmergency = Integer.valueOf(1).equals(c.grade);
        if (wasEmergency && grade != 1 && downgrade != null) {
            judgeLate(c, downgrade, met);
        }
        c.grade = grade;
        if (grade == 1 && !wasEmergency) {
            startClock(c, time, met);
        } else if (grade != 1 && c.running()) {
            leave(c);
            end(c, IncidentEventType.GRADED, time);
        }
    }

    private void startClock(Clock c, long time, Met met) {
        if (c.outcomeAt != null) {
            return; // at most one outcome: an upgrade after it changes nothing
        }
        long limitMs = standard.limitFor(c.area).toMillis();
        c.clockStart = time;
        c.deadline = time + limitMs;
        c.atRiskAt = time + Math.round(limitMs * standard.atRiskShare());
        c.atRisk = false;
        if (c.dispatchedAt != null) {
            // A unit sent before the incident became an emergency: dispatched in 0 s.
            countDispatch(c, time, met);
        }
        if (c.arrivedAt != null) {
            // A resource is already on scene when it becomes an emergency: attended at once.
            settleMet(c, time, met);
        }
    }

    /**
     * The first dispatch counts once per incident, once it is both grade 1 and dispatched: at the dispatch, from
     * the clock start; or at the clock start, as 0 s, for a unit sent before it. A dispatch after the first
     * arrival is not a response and does not count.
     */
    private static void countDispatch(Clock c, long time, Met met) {
        if (c.clockStart == null || c.dispatchCountedAt != null || c.arrivedAt != null) {
            return;
        }
        c.dispatchCountedAt = Math.max(time, c.clockStart);
        met.dispatched(c.dispatchCountedAt, c.dispatchCountedAt - c.clockStart);
    }

    /**
     * Whether the incident is unresourced at {@code time}: grade 1 on the clock with no unit sent for
     * {@code after} since its clock start (a breach with nobody sent stays unresourced until someone is).
     */
    public static boolean unresourced(Clock c, long time, long afterMs) {
        return c.clockStart != null
                && !c.ended
                && c.arrivedAt == null
                && c.dispatchedAt == null
                && time >= c.clockStart + afterMs;
    }

    private static void settleMet(Clock c, long at, Met met) {
        c.outcomeAt = at;
        c.met = true;
        met.at(at);
    }

    private static void leave(Clock c) {
        c.clockStart = null;
        c.deadline = null;
        c.atRiskAt = null;
        c.atRisk = false;
    }

    private static void end(Clock c, IncidentEventType by, long at) {
        c.endedBy = by;
        c.endedAt = at;
    }
}
