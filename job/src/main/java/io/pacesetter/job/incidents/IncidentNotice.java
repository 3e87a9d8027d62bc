package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.IncidentEventType;
import java.util.Objects;

/**
 * What an incident clock tells the alerts: an emergency incident is at risk, breached or gone (and
 * why), or a reason was recorded for its breach. A Flink POJO.
 *
 * <p>Most notices come as the watermark reaches them, in event time; in a live run a notice may
 * come earlier, {@link #provisional}, when its moment came by the wall clock and nothing known says
 * otherwise. Either way its {@link #time} is the event-time moment (the at-risk point, the deadline,
 * the arrival…), so the alert it raises is the same whichever path told it first.
 */
public class IncidentNotice {
    public String incidentId;
    public String district;
    public Area area;
    /** Where the incident stands now: OPEN, AT_RISK, BREACHED, or GONE from the board. */
    public IncidentState state;
    /** The event that moved it (ARRIVED, CANCELLED, GRADED, CLOSED, REASON_RECORDED); null when time moved it. */
    public IncidentEventType cause;
    /** The clock this is about: its start (latest transition to grade 1), at-risk point and deadline, epoch ms. */
    public Long clockStart;

    public Long atRiskAt;
    public Long deadline;
    /** The first arrival known, when there is one. */
    public Long arrivedAt;
    /** The first dispatch known, when there is one: a unit is on its way. */
    public Long dispatchedAt;
    /** The grade after the change (a downgrade's new grade). */
    public Integer grade;
    /** The reason recorded for a missed attendance, once there is one. */
    public String reason;
    /** The event-time moment of the change. */
    public long time;
    /** Told from the wall clock before the watermark reached it. */
    public boolean provisional;

    public IncidentNotice() {}

    /** A notice as the watermark reaches it: from the book as the clock has taken it. */
    public static IncidentNotice onTime(
            IncidentBook book, IncidentState state, Long deadline, long time, IncidentEventType cause) {
        IncidentNotice n = new IncidentNotice();
        n.incidentId = book.incidentId;
        n.district = book.district;
        n.area = book.area;
        n.state = state;
        n.cause = cause;
        n.clockStart = book.clockStart;
        n.atRiskAt = book.atRiskAt;
        n.deadline = deadline;
        n.arrivedAt = book.arrivedAt;
        n.dispatchedAt = book.dispatchedAt;
        n.grade = book.grade;
        n.reason = book.reason;
        n.time = time;
        return n;
    }

    /** A notice told from the wall clock, from what the book holds including events the watermark has not reached. */
    static IncidentNotice provisional(
            IncidentBook book, ProvisionalClock.View v, IncidentState state, Long deadline, long time) {
        IncidentNotice n = new IncidentNotice();
        n.incidentId = book.incidentId;
        n.district = v.district();
        n.area = v.area();
        n.state = state;
        n.cause = state == IncidentState.GONE ? v.endedBy() : null;
        n.clockStart = state == IncidentState.GONE ? null : v.clockStart();
        n.atRiskAt = state == IncidentState.GONE ? null : v.atRiskAt();
        n.deadline = deadline;
        n.arrivedAt = v.arrivedAt();
        n.dispatchedAt = v.dispatchedAt();
        n.grade = v.grade();
        n.reason = book.reason;
        n.time = time;
        n.provisional = true;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentNotice n
                && time == n.time
                && provisional == n.provisional
                && Objects.equals(incidentId, n.incidentId)
                && Objects.equals(district, n.district)
                && area == n.area
                && state == n.state
                && cause == n.cause
                && Objects.equals(clockStart, n.clockStart)
                && Objects.equals(atRiskAt, n.atRiskAt)
                && Objects.equals(deadline, n.deadline)
                && Objects.equals(arrivedAt, n.arrivedAt)
                && Objects.equals(dispatchedAt, n.dispatchedAt)
                && Objects.equals(grade, n.grade)
                && Objects.equals(reason, n.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(incidentId, state, cause, deadline, time, provisional);
    }

    @Override
    public String toString() {
        return "Notice{" + incidentId + ' ' + state + (cause == null ? "" : " by " + cause) + " deadline=" + deadline
                + " @" + time + (provisional ? " provisional" : "") + (reason == null ? "" : " '" + reason + '\'')
                + '}';
    }
}
