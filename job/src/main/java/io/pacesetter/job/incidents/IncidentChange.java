package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import java.util.Objects;

/**
 * An emergency incident opens, becomes at risk, breaches or goes, as far as the watermark has
 * reached. Feeds the live "incidents open, at risk and breached". A Flink POJO.
 */
public class IncidentChange {
    public String incidentId;
    public String district;
    public Area area;
    public IncidentState state;
    /** When its limit passes (or passed), epoch ms: lets the display count down. */
    public long deadline;
    /** The event time of the change. */
    public long time;

    public IncidentChange() {}

    public IncidentChange(
            String incidentId, String district, Area area, IncidentState state, long deadline, long time) {
        this.incidentId = incidentId;
        this.district = district;
        this.area = area;
        this.state = state;
        this.deadline = deadline;
        this.time = time;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentChange c
                && deadline == c.deadline
                && time == c.time
                && Objects.equals(incidentId, c.incidentId)
                && Objects.equals(district, c.district)
                && area == c.area
                && state == c.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(incidentId, district, area, state, deadline, time);
    }

    @Override
    public String toString() {
        return "IncidentChange{" + incidentId + ' ' + state + " deadline=" + deadline + " @" + time + ' ' + district
                + '}';
    }
}
