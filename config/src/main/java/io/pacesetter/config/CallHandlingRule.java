package io.pacesetter.config;

import java.time.Duration;

/**
 * One call-handling alert rule: watch one measure of one queue, over one window length (or the LIVE figure),
 * in every scope of one level; how it raises, escalates and clears: docs/alerts.md, "Not flooding".
 *
 * @param queue the queue, e.g. {@code "999"}
 * @param measure a call measure of the output contract, e.g. ANSWERED_WITHIN_STANDARD or LONGEST_WAIT_SECONDS
 * @param window one of {@code windows.lengths} (e.g. {@code PT1H}), or {@code LIVE} for the live figures
 * @param scope FORCE (default), LPA or DISTRICT: every LPA or district is watched on its own
 * @param direction BELOW (e.g. answered within standard) or ABOVE (e.g. abandonment, longest wait)
 * @param warning beyond this level: a WARNING
 * @param critical beyond this level: CRITICAL, to the duty Command Officer too; optional
 * @param clear a raised alert clears only once the figure is back at or beyond this level
 * @param minCalls a rate or mean with fewer calls than this in its denominator neither raises nor clears
 *     (default 0)
 * @param minDuration how long the figure must stay beyond its level before the alert is raised (default PT0S)
 */
public record CallHandlingRule(
        String queue,
        String measure,
        String window,
        ScopeLevel scope,
        Direction direction,
        Double warning,
        Double critical,
        Double clear,
        Integer minCalls,
        Duration minDuration)
        implements java.io.Serializable {

    /** The window that names the live figures (calls waiting, longest wait) rather than a sliding window. */
    public static final String LIVE = "LIVE";

    /** Which scopes a rule watches: the force as a whole, each LPA, or each district. */
    public enum ScopeLevel {
        FORCE,
        LPA,
        DISTRICT
    }

    /** Whether the figure is bad when it falls below its levels or when it rises above them. */
    public enum Direction {
        BELOW,
        ABOVE
    }

    public CallHandlingRule {
        if (scope == null) {
            scope = ScopeLevel.FORCE;
        }
        if (minCalls == null) {
            minCalls = 0;
        }
        if (minDuration == null) {
            minDuration = Duration.ZERO;
        }
    }

    public boolean live() {
        return LIVE.equals(window);
    }

    /** The sliding window's length; null for a LIVE rule. Valid once the configuration has been validated. */
    public Duration windowLength() {
        return live() ? null : Duration.parse(window);
    }

    /**
     * The rule's name, e.g. {@code 999 ANSWERED_WITHIN_STANDARD PT1H FORCE BELOW}: part of each of
     * its alerts' ids, so it must not depend on where the rule sits in the list.
     */
    public String name() {
        return queue + ' ' + measure + ' ' + window + ' ' + scope + ' ' + direction;
    }

    /**
     * Whether {@code value} is beyond {@code level} in the rule's direction (strictly: exactly at a
     * level is not beyond it).
     */
    public boolean beyond(double value, double level) {
        return direction == Direction.BELOW ? value < level : value > level;
    }

    /** Whether {@code value} is back at or beyond the clear level. */
    public boolean recovered(double value) {
        return direction == Direction.BELOW ? value >= clear : value <= clear;
    }
}
