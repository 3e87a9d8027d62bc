package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import java.util.Objects;

/**
 * A grade-1 incident's result against the attendance standard: met or failed, at most once per
 * incident; or a late reason for a failure already counted. A Flink POJO.
 */
public class IncidentOutcome {
    public String incidentId;
    public String district;
    /** The area whose limit applied: the incident's own, else its district's default. */
    public Area area;
    /** The latest transition to grade 1, epoch ms. */
    public long clockStart;
    /**
     * The arrival time when met, the deadline when failed: the incident counts in the windows and
     * periods that contain it. A reason-only record carries its failure's deadline, so the reason
     * lands in the same period as the failure.
     */
    public long outcomeAt;

    public boolean met;
    /** Why the standard was missed, when known; null otherwise. */
    public String reason;
    /** True for a reason that came after its failure had already been counted. */
    public boolean reasonOnly;
    /**
     * Takes back an outcome counted before (with the reason it was counted with): a late event changed
     * the incident's outcome. DAY and MONTH subtract it; sliding windows already published keep it.
     */
    public boolean retraction;
    /** Counts in place of an outcome just retracted: its district was noted (data quality) with the first. */
    public boolean revision;

    public IncidentOutcome() {}

    public IncidentOutcome(
            String incidentId,
            String district,
            Area area,
            long clockStart,
            long outcomeAt,
            boolean met,
            String reason,
            boolean reasonOnly) {
        this.incidentId = incidentId;
        this.district = district;
        this.area = area;
        this.clockStart = clockStart;
        this.outcomeAt = outcomeAt;
        this.met = met;
        this.reason = reason;
        this.reasonOnly = reasonOnly;
    }

    /** An outcome counted before, taken back. */
    public static IncidentOutcome retraction(
            String incidentId,
            String district,
            Area area,
            long clockStart,
            long outcomeAt,
            boolean met,
            String reason) {
        IncidentOutcome o = new IncidentOutcome(incidentId, district, area, clockStart, outcomeAt, met, reason, false);
        o.retraction = true;
        return o;
    }

    /** How long the incident waited for a unit, or until its limit passed. */
    public long responseMs() {
        return outcomeAt - clockStart;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentOutcome i
                && clockStart == i.clockStart
                && outcomeAt == i.outcomeAt
                && met == i.met
                && reasonOnly == i.reasonOnly
                && retraction == i.retraction
                && revision == i.revision
                && Objects.equals(incidentId, i.incidentId)
                && Objects.equals(district, i.district)
                && area == i.area
                && Objects.equals(reason, i.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                incidentId, district, area, clockStart, outcomeAt, met, reason, reasonOnly, retraction, revision);
    }

    @Override
    public String toString() {
        return "Incident{" + incidentId + (retraction ? " RETRACTED" : revision ? " REVISED" : "")
                + (reasonOnly ? " REASON" : met ? " MET" : " FAILED") + " after "
                + responseMs() + "ms @" + outcomeAt + ' ' + district + ' ' + area
                + (reason == null ? "" : " '" + reason + '\'')
                + '}';
    }
}
