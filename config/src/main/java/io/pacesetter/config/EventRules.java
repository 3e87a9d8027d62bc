package io.pacesetter.config;

import java.time.Duration;

/**
 * How events are trusted and timed: the event contract's bounds.
 *
 * @param outOfOrderness how far behind the newest event an event may arrive and still be on time
 * @param allowedLateness how far behind the watermark an event may arrive and still correct DAY and MONTH
 * @param noOfferWait how long an outcome waits for its offer before it is dead-lettered {@code NO_OFFER}
 * @param noOutcomeAfter how long an offer may wait for an outcome before it is dead-lettered {@code NO_OUTCOME}
 * @param futureTolerance in a live run, how far ahead of the wall clock an event may be stamped
 * @param sourceIdleness after how long a quiet source partition stops holding the watermark back
 * @param noCreatedWait how long an incident event waits for its incident's {@code CREATED}
 * @param incidentRetention how long an incident's state is kept after its last event when it never closes
 * @param skewRun in a live run, this many {@code FUTURE} rejections from one source, each within
 *     {@code skewWithin} of the one before, raise {@code CLOCK_SKEW}; cleared after {@code skewWithin} without one
 * @param skewWithin see {@code skewRun}
 */
public record EventRules(
        Duration outOfOrderness,
        Duration allowedLateness,
        Duration noOfferWait,
        Duration noOutcomeAfter,
        Duration futureTolerance,
        Duration sourceIdleness,
        Duration noCreatedWait,
        Duration incidentRetention,
        Integer skewRun,
        Duration skewWithin)
        implements java.io.Serializable {

    /** Duplicates are remembered for as long as an event could still be accepted. */
    public Duration duplicateRetention() {
        return outOfOrderness.plus(allowedLateness);
    }
}
