package io.pacesetter.config;

import java.time.Duration;
import java.util.List;

/**
 * The built-in feed's model of one county force (see {@code ForceSimulator} in connectors): the knobs its
 * figures come out of, with defaults calibrated as docs/architecture.md ("GeneratorConfig") says.
 *
 * @param seed the default seed: the same seed gives the same events
 * @param emergencyCallsPerDay mean 999 calls offered a day
 * @param switchboardCallsPerDay mean calls offered to the 101 queue a day (after the IVR's Crime Bureau share)
 * @param ivrCrimeBureauShare share of switchboard callers offered straight to {@code CRIME_BUREAU} by the IVR
 * @param transferToCrimeBureauShare share of answered 101 legs transferred to the Crime Bureau
 * @param reofferShare share of answered legs put back into the same queue (a second leg there)
 * @param staffingElasticity how closely the rota follows demand: 1 staffs every hour for its own load, below
 *     1 flattens the rota
 * @param urbanDemandWeight how much busier an urban district is than a rural one (calls and incidents)
 * @param districtMissingShare share of call events sent without a district
 * @param emergency the {@code 999} queue
 * @param switchboard the {@code 101} queue
 * @param crimeBureau the {@code CRIME_BUREAU} queue
 * @param incidents incidents raised from calls and how they are attended
 * @param defects the share of duplicate, reordered and malformed lines in the feed (within out-of-orderness)
 * @param faults how a real feed is delivered badly: late backlogs, re-sent lines, garbage, a clock
 *     running ahead, an outage (docs/faults.md); off for {@code run} unless {@code enabled}
 */
public record GeneratorConfig(
        Long seed,
        Double emergencyCallsPerDay,
        Double switchboardCallsPerDay,
        Double ivrCrimeBureauShare,
        Double transferToCrimeBureauShare,
        Double reofferShare,
        Double staffingElasticity,
        Double urbanDemandWeight,
        Double districtMissingShare,
        QueueModel emergency,
        QueueModel switchboard,
        QueueModel crimeBureau,
        IncidentModel incidents,
        DefectModel defects,
        FaultModel faults)
        implements java.io.Serializable {

    /**
     * One queue's handlers and callers.
     *
     * @param meanHandlingTime mean time a handler is busy with one leg (talk and wrap-up)
     * @param meanPatience mean time a caller waits before hanging up (exponential per caller)
     * @param quickHangUpShare share of callers who hang up within seconds whatever the wait (misdials)
     * @param ringTime typical time a free handler takes to pick up: part of every wait
     * @param staffingMargin handlers above the planned load, in units of its square root
     *     (N = R + margin * sqrt(R)); higher answers faster
     * @param minHandlers handlers on duty even in the quietest hour
     */
    public record QueueModel(
            Duration meanHandlingTime,
            Duration meanPatience,
            Double quickHangUpShare,
            Duration ringTime,
            Double staffingMargin,
            Integer minHandlers)
            implements java.io.Serializable {}

    /**
     * Incidents raised from answered calls and the response to them.
     *
     * @param emergencyCallShare share of answered 999 legs that raise an incident
     * @param switchboardCallShare share of answered 101 legs that raise an incident
     * @param emergencyGradeMix shares of grades 1 to 4 for incidents from 999 calls
     * @param switchboardGradeMix shares of grades 1 to 4 for incidents from 101 calls
     * @param upgradeShare share of grade-2 incidents regraded to 1 before a unit arrives
     * @param downgradeShare share of grade-1 incidents regraded to 2 before a unit arrives
     * @param cancelShare share of grade-1 incidents cancelled before a unit arrives
     * @param explicitAreaShare share of incidents whose location says URBAN or RURAL itself
     * @param reasonNextDayShare share of missed attendances whose reason comes at the next day's review
     * @param dispatchDelayMedian typical time from grade 1 to the first unit assigned
     * @param urbanTravelMedian typical travel time of a unit in an urban area, outside rush hours
     * @param ruralTravelMedian typical travel time of a unit in a rural area, outside rush hours
     * @param noResourcesShare share of grade-1 incidents waiting for a free unit at average demand
     *     (it rises and falls with the hour's demand)
     */
    public record IncidentModel(
            Double emergencyCallShare,
            Double switchboardCallShare,
            List<Double> emergencyGradeMix,
            List<Double> switchboardGradeMix,
            Double upgradeShare,
            Double downgradeShare,
            Double cancelShare,
            Double explicitAreaShare,
            Double reasonNextDayShare,
            Duration dispatchDelayMedian,
            Duration urbanTravelMedian,
            Duration ruralTravelMedian,
            Double noResourcesShare)
            implements java.io.Serializable {}

    /**
     * What upstream systems get wrong, so the pipeline's defences are exercised on every run.
     *
     * @param duplicateShare share of lines sent twice
     * @param outOfOrderShare share of lines held back behind later ones
     * @param outOfOrderMaxDelay the longest hold-back; never more than {@code events.outOfOrderness}
     *     whatever is set here, so the feed itself produces no late events
     * @param malformedShare share of lines broken (truncated JSON, unknown type, missing id, bad time)
     */
    public record DefectModel(
            Double duplicateShare, Double outOfOrderShare, Duration outOfOrderMaxDelay, Double malformedShare)
            implements java.io.Serializable {}

    /** The upstream feed an outage takes down. */
    public enum FeedName {
        CALLS,
        INCIDENTS
    }

    /**
     * Faults of delivery, beyond the reordering of {@link DefectModel}: each leaves the set of events
     * unchanged (docs/faults.md), so the final DAY and MONTH figures must not change either. Drawn from
     * their own random stream: the same seed gives the same faults.
     *
     * @param enabled whether {@code run --generator} and a plain {@code generate} apply them
     *     ({@code generate --faults} and the tests always do)
     * @param lateCallShare share of calls whose events are all held back together, in their own order
     * @param lateIncidentShare share of incidents whose events are all held back together
     * @param lateDelay how long a late backlog is held back; at most {@code events.allowedLateness}
     * @param resentShare share of lines re-sent exactly (same eventId): counted {@code DUPLICATE}
     * @param garbageShare share of lines followed by a garbage line, of each rejection kind in turn
     * @param clockAheadShare share of lines also sent by a source whose clock runs ahead
     * @param clockAhead how far ahead that clock runs; above {@code events.futureTolerance}, so live
     *     parsing rejects the line as {@code FUTURE}
     * @param gapFeed the feed that has an outage
     * @param gapAfter when the outage starts, after the start of the feed
     * @param gapLength how long it lasts: its events are re-sent when it ends; at most
     *     {@code events.allowedLateness}
     */
    public record FaultModel(
            Boolean enabled,
            Double lateCallShare,
            Double lateIncidentShare,
            Duration lateDelay,
            Double resentShare,
            Double garbageShare,
            Double clockAheadShare,
            Duration clockAhead,
            FeedName gapFeed,
            Duration gapAfter,
            Duration gapLength)
            implements java.io.Serializable {}
}
