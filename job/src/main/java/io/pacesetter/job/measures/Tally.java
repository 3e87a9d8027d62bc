package io.pacesetter.job.measures;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts over a slice, a running window or a period. Slices are added to and subtracted from
 * running totals, so every field is a plain sum, including the exact count of each wait (in
 * milliseconds) that the nearest-rank 90th percentile is read from. A Flink POJO.
 */
public class Tally {
    public long answered;
    public long abandoned;
    /** Abandoned quicker than the queue's short-abandon time. */
    public long shortAbandoned;

    public long withinStandard;
    public long bandUnder10s;
    public long band10To60s;
    public long band60sPlus;
    public long answeredWaitMs;
    /** How many answered legs had each wait, to the millisecond, in order. */
    public WaitCounts answeredWaits = new WaitCounts();

    /** Grade-1 incidents whose first dispatch counted, the sum of their times to it, and each time. */
    public long dispatched;

    public long dispatchMs;
    public WaitCounts dispatchTimes = new WaitCounts();
    /** Grade-1 incidents whose first arrival came after a counted dispatch, and their travel times. */
    public long travelled;

    public long travelMs;
    public WaitCounts travelTimes = new WaitCounts();
    /** Grade-1 incidents downgraded, or cancelled, late: near or after their deadline with nobody on scene. */
    public long lateDowngrades;

    public long lateCancellations;

    public long met;
    public long failed;
    /** Failure reasons (attendance) or reject reasons (data quality) → count. */
    public Map<String, Long> reasons = new HashMap<>();

    public Tally() {}

    public boolean isEmpty() {
        return answered == 0
                && abandoned == 0
                && met == 0
                && failed == 0
                && dispatched == 0
                && travelled == 0
                && lateDowngrades == 0
                && lateCancellations == 0
                && reasons.isEmpty();
    }

    /** Adds a call leg, already judged against its queue's threshold. */
    public void addLeg(boolean answered, long waitMs, boolean withinStandard, boolean shortAbandon) {
        if (answered) {
            this.answered++;
            answeredWaitMs += waitMs;
            answeredWaits.add(waitMs, 1);
            if (withinStandard) {
                this.withinStandard++;
            }
            if (waitMs < AnswerBands.UNDER_MS) {
                bandUnder10s++;
            } else if (waitMs < AnswerBands.UP_TO_MS) {
                band10To60s++;
            } else {
                band60sPlus++;
            }
        } else {
            abandoned++;
            if (shortAbandon) {
                shortAbandoned++;
            }
        }
    }

    public void addAttendance(boolean met) {
        if (met) {
            this.met++;
        } else {
            failed++;
        }
    }

    /** Adds a grade-1 incident's time to its first dispatch or its travel time, or a late downgrade. */
    public void addResponse(ResponseStage stage, long ms) {
        switch (stage) {
            case DISPATCH -> {
                dispatched++;
                dispatchMs += ms;
                dispatchTimes.add(ms, 1);
            }
            case TRAVEL -> {
                travelled++;
                travelMs += ms;
                travelTimes.add(ms, 1);
            }
            case LATE_DOWNGRADE -> lateDowngrades++;
            case LATE_CANCELLATION -> lateCancellations++;
        }
    }

    public void addReason(String reason) {
        reasons.merge(reason, 1L, Long::sum);
    }

    public void add(Tally other) {
        combine(other, 1);
    }

    public void subtract(Tally other) {
        combine(other, -1);
    }

    private void combine(Tally o, int sign) {
        answered += sign * o.answered;
        abandoned += sign * o.abandoned;
        shortAbandoned += sign * o.shortAbandoned;
        withinStandard += sign * o.withinStandard;
        bandUnder10s += sign * o.bandUnder10s;
        band10To60s += sign * o.band10To60s;
        band60sPlus += sign * o.band60sPlus;
        answeredWaitMs += sign * o.answeredWaitMs;
        met += sign * o.met;
        failed += sign * o.failed;
        answeredWaits.addAll(o.answeredWaits, sign);
        dispatched += sign * o.dispatched;
        dispatchMs += sign * o.dispatchMs;
        dispatchTimes.addAll(o.dispatchTimes, sign);
        travelled += sign * o.travelled;
        travelMs += sign * o.travelMs;
        travelTimes.addAll(o.travelTimes, sign);
        lateDowngrades += sign * o.lateDowngrades;
        lateCancellations += sign * o.lateCancellations;
        for (Map.Entry<String, Long> e : o.reasons.entrySet()) {
            reasons.merge(e.getKey(), sign * e.getValue(), Tally::sumUnlessZero);
        }
    }

    private static Long sumUnlessZero(Long a, Long b) {
        long sum = a + b;
        return sum == 0 ? null : sum;
    }

    /** The ⌈0.9 n⌉-th smallest answered wait in ms (nearest rank), or null with no answered legs. */
    public Long p90WaitMs() {
        if (answered <= 0) {
            return null;
        }
        return answeredWaits.select(NearestRank.rank(answered, 0.9));
    }

    /** The ⌈0.9 n⌉-th smallest time to first dispatch in ms (nearest rank), or null with none. */
    public Long p90DispatchMs() {
        return dispatched <= 0 ? null : dispatchTimes.select(NearestRank.rank(dispatched, 0.9));
    }

    /** The ⌈0.9 n⌉-th smallest travel time in ms (nearest rank), or null with none. */
    public Long p90TravelMs() {
        return travelled <= 0 ? null : travelTimes.select(NearestRank.rank(travelled, 0.9));
    }
}
