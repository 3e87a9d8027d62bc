package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import io.pacesetter.job.measures.ResponseStage;
import java.util.Objects;

/**
 * One thing {@link AttendanceRules} counts of a grade-1 incident's response besides its attendance: its first
 * dispatch (from its clock start), its travel (from that dispatch to its first arrival), or a late downgrade or
 * cancellation. A Flink POJO.
 */
public class ResponseTime {
    public String incidentId;
    public String district;
    public Area area;
    public ResponseStage stage;
    /** The moment it counts at: the window and period that hold it count it. */
    public long at;
    /** DISPATCH, TRAVEL: how long it took; LATE_*: the downgrade's or cancellation's time less the deadline. */
    public long ms;
    /** LATE_*: the new grade of a downgrade; null otherwise. */
    public Integer grade;
    /** LATE_*: the reason given on the event, when there is one. */
    public String reason;
    /** Takes back one told before, which a late event changed; only DAY and MONTH subtract it. */
    public boolean retraction;

    public ResponseTime() {}

    public ResponseTime(String incidentId, String district, Area area, ResponseStage stage, long at, long ms) {
        this.incidentId = incidentId;
        this.district = district;
        this.area = area;
        this.stage = stage;
        this.at = at;
        this.ms = ms;
    }

    /** The same time told again, as a replay does (a retraction aside). */
    public boolean sameAs(ResponseTime other) {
        return equals(other) && retraction == other.retraction;
    }

    /** This time, taken back. */
    public ResponseTime retracted() {
        ResponseTime r = new ResponseTime(incidentId, district, area, stage, at, ms);
        r.grade = grade;
        r.reason = reason;
        r.retraction = true;
        return r;
    }

    public boolean late() {
        return stage == ResponseStage.LATE_DOWNGRADE || stage == ResponseStage.LATE_CANCELLATION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseTime r
                && stage == r.stage
                && at == r.at
                && ms == r.ms
                && Objects.equals(incidentId, r.incidentId)
                && Objects.equals(district, r.district)
                && area == r.area
                && Objects.equals(grade, r.grade)
                && Objects.equals(reason, r.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(incidentId, stage, at, ms);
    }

    @Override
    public String toString() {
        return "Response{" + incidentId + ' ' + stage + ' ' + ms + "ms @" + at + ' ' + district + ' ' + area
                + (reason == null ? "" : " '" + reason + '\'') + '}';
    }
}
