package io.pacesetter.job.alerts;

import io.pacesetter.config.FeedSilenceConfig;

/**
 * One feed's traffic, hour by hour, over its last weeks, and the silence that would be improbable after a given
 * moment: plain Java, the state of {@link FeedSilence} and the model its figures in docs/alerts.md were measured
 * with. A Flink POJO.
 *
 * <p>What is counted is the feed's new arrivals, the calls offered ({@code OFFERED}) and incidents created
 * ({@code CREATED}), which come independently of each other; the other events follow them in clusters (an answer
 * seconds after its offer), so their count would overstate how surely the next event comes. No arrival at all
 * is likelier than no event at all, so a silence judged on arrivals is judged safely. The arrivals are taken as a
 * Poisson stream whose rate in an hour is the mean of the feed's counts in that hour and the hours either side
 * of it, one, two… {@code historyWeeks} weeks before (168, 336… hours earlier), over the hours it was watched
 * whole (the neighbours halve the noise of one week's count); with no such hour, the configured fallback rate. A silence from {@code s} is improbable once the expected number of
 * events since {@code s}, summed hour by hour, reaches {@code −ln(probability)}: P(no event) = e^−expected. It is
 * never judged sooner than the floor and always by the ceiling.
 */
public class FeedHistory {
    private static final long HOUR = 3_600_000L;
    private static final int WEEK_HOURS = 168;

    /** The absolute hour (epoch hours) each slot holds; slot = hour mod (weeks × 168). */
    public long[] slotHour;
    /** Events counted in that hour. */
    public long[] slotCount;
    /** The event time from which the feed has been watched; null before its first sign. */
    public Long watchedFrom;
    /** The newest event time counted. */
    public long newest = Long.MIN_VALUE;

    public FeedHistory() {}

    public static FeedHistory of(int historyWeeks) {
        FeedHistory h = new FeedHistory();
        h.slotHour = new long[historyWeeks * WEEK_HOURS];
        h.slotCount = new long[historyWeeks * WEEK_HOURS];
        java.util.Arrays.fill(h.slotHour, Long.MIN_VALUE);
        return h;
    }

    /** {@code count} events heard, the newest stamped {@code eventTime}. */
    public void add(long eventTime, long count) {
        if (watchedFrom == null) {
            watchedFrom = eventTime;
        }
        newest = Math.max(newest, eventTime);
        long hour = Math.floorDiv(eventTime, HOUR);
        int slot = (int) Math.floorMod(hour, (long) slotHour.length);
        if (slotHour[slot] != hour) {
            if (slotHour[slot] > hour) {
                return; // older than anything still kept for this slot
            }
            slotHour[slot] = hour;
            slotCount[slot] = 0;
        }
        slotCount[slot] += count;
    }

    /** The feed's expected events in {@code hour} (epoch hours), from its own weeks, else {@code fallback}. */
    public double expectedIn(long hour, double fallback) {
        long total = 0;
        int hours = 0;
        for (int k = 1; k <= slotHour.length / WEEK_HOURS; k++) {
            for (long past = hour - (long) k * WEEK_HOURS - 1; past <= hour - (long) k * WEEK_HOURS + 1; past++) {
                if (!watchedWhole(past)) {
                    continue;
                }
                int slot = (int) Math.floorMod(past, (long) slotHour.length);
                total += slotHour[slot] == past ? slotCount[slot] : 0;
                hours++;
            }
        }
        return hours == 0 ? fallback : (double) total / hours;
    }

    /** Watched from before its start to after its end: a count of 0 in it means a quiet hour, not no watch. */
    private boolean watchedWhole(long hour) {
        return watchedFrom != null && watchedFrom <= hour * HOUR && newest >= (hour + 1) * HOUR;
    }

    /**
     * How long a silence starting at event time {@code from} must last before hearing nothing is improbable: where
     * the expected events since {@code from} reach {@code −ln(probability)}, within the floor and ceiling.
     */
    public long improbableAfterMs(long from, FeedSilenceConfig config, double fallbackPerHour) {
        double needed = -Math.log(config.probability());
        long floor = config.floor().toMillis();
        long ceiling = config.ceiling().toMillis();
        double expected = 0;
        long t = from;
        while (t - from < ceiling) {
            long hour = Math.floorDiv(t, HOUR);
            long hourEnd = (hour + 1) * HOUR;
            double perMs = expectedIn(hour, fallbackPerHour) / HOUR;
            double inThisHour = perMs * (hourEnd - t);
            if (perMs > 0 && expected + inThisHour >= needed) {
                long at = t + (long) Math.ceil((needed - expected) / perMs);
                return Math.max(floor, Math.min(ceiling, at - from));
            }
            expected += inThisHour;
            t = hourEnd;
        }
        return ceiling;
    }
}
