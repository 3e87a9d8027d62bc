package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import java.util.Objects;

/**
 * One stage of a grade-1 incident's response, as {@link AttendanceRules} counts it: its first dispatch (from
 * its clock start) or its travel (from that dispatch to its first arrival). A Flink POJO.
 */
public class ResponseTime {
    public String incidentId;
    public String district;
    public Area area;
    /** True for travel (counted at the arrival), false for the dispatch (counted at the dispatch). */
    public boolean travel;
    /** The moment it counts at: the window and period that hold it count it. */
    public long at;

    public long ms;

    public ResponseTime() {}

    public ResponseTime(String incidentId, String district, Area area, boolean travel, long at, long ms) {
        this.incidentId = incidentId;
        this.district = district;
        this.area = area;
        this.travel = travel;
        this.at = at;
        this.ms = ms;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseTime r
                && travel == r.travel
                && at == r.at
                && ms == r.ms
                && Objects.equals(incidentId, r.incidentId)
                && Objects.equals(district, r.district)
                && area == r.area;
    }

    @Override
    public int hashCode() {
        return Objects.hash(incidentId, travel, at, ms);
    }

    @Override
    public String toString() {
        return "Response{" + incidentId + (travel ? " travel " : " dispatch ") + ms + "ms @" + at + ' ' + district + ' '
                + area + '}';
    }
}
