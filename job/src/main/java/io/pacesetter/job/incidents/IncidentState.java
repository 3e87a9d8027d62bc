package io.pacesetter.job.incidents;

/**
 * Where an emergency incident stands on the wall display. Open, at risk and breached count as
 * open; at risk and breached are disjoint, so the tiles never count one incident twice.
 */
public enum IncidentState {
    /** Grade 1, on the clock, less than the at-risk share of its limit gone. */
    OPEN,
    /** Grade 1, on the clock, the at-risk share of its limit gone: a unit can still be sent in time. */
    AT_RISK,
    /** Its limit passed with nobody on scene: the standard is missed and a reason is owed. */
    BREACHED,
    /** No longer open: attended, cancelled, downgraded, closed or forgotten. */
    GONE
}
