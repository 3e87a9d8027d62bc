package io.pacesetter.connectors.contract;

import io.pacesetter.config.Area;
import java.util.Objects;

/** One incident event from command and control. A Flink POJO. */
public class IncidentEvent {
    public String eventId;
    public String incidentId;
    public IncidentEventType type;
    /** Event time, epoch milliseconds. */
    public long time;
    /** 1 emergency .. 4 resolved without deployment; on CREATED and GRADED, else null. */
    public Integer grade;
    /** The incident location's district; required on CREATED, else may be null. */
    public String district;
    /** URBAN or RURAL when the event says so; null means the district's default. */
    public Area area;
    /** On CLOSED or REASON_RECORDED: why the attendance standard was missed. */
    public String reason;
    /** The call that raised it, when known. */
    public String callId;

    /**
     * How it was delivered, not part of the event: the newest event time its source had read before it (null
     * for the first), stamped by the parser. Not written out and not part of equality.
     */
    public Long receivedAfter;

    public IncidentEvent() {}

    public IncidentEvent(
            String eventId,
            String incidentId,
            IncidentEventType type,
            long time,
            Integer grade,
            String district,
            Area area,
            String reason,
            String callId) {
        this.eventId = eventId;
        this.incidentId = incidentId;
        this.type = type;
        this.time = time;
        this.grade = grade;
        this.district = district;
        this.area = area;
        this.reason = reason;
        this.callId = callId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentEvent e
                && time == e.time
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(incidentId, e.incidentId)
                && type == e.type
                && Objects.equals(grade, e.grade)
                && Objects.equals(district, e.district)
                && area == e.area
                && Objects.equals(reason, e.reason)
                && Objects.equals(callId, e.callId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, incidentId, type, time, grade, district, area, reason, callId);
    }

    @Override
    public String toString() {
        return "IncidentEvent{" + eventId + ' ' + incidentId + ' ' + type + " @" + time + " g" + grade + ' ' + district
                + ' ' + area + '}';
    }
}
