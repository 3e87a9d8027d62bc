package io.pacesetter.wall;

/**
 * What time it is in the feed's event time, for the page's countdowns to incident deadlines (which
 * are event times). A live feed is judged by the wall clock. A feed played faster than real time,
 * or from the past (the built-in generator at {@code --speed}), is followed instead: the newest
 * event time seen, moved on at the feed's pace since it was seen. Whichever applies, the page moves
 * the clock on by itself between updates at {@link #rate()}.
 */
final class FeedClock {
    /** A feed whose newest event is this close to the wall clock is live, and the wall clock is the truer time. */
    static final long LIVE_TOLERANCE_MS = 5 * 60_000L;

    private final double rate;
    private long newestEventTime = Long.MIN_VALUE;
    private long seenAtWall;

    /** @param rate event-time seconds per wall-clock second: 1 for a real feed, the generator's speed otherwise */
    FeedClock(double rate) {
        this.rate = rate;
    }

    synchronized void saw(long eventTime, long wallMs) {
        if (eventTime > newestEventTime) {
            newestEventTime = eventTime;
            seenAtWall = wallMs;
        }
    }

    synchronized long now(long wallMs) {
        if (newestEventTime == Long.MIN_VALUE) {
            return wallMs;
        }
        long followed = newestEventTime + (long) ((wallMs - seenAtWall) * rate);
        return Math.abs(followed - wallMs) <= LIVE_TOLERANCE_MS ? wallMs : followed;
    }

    /** How fast the page moves the clock between updates: 1 when the wall clock applies. */
    synchronized double rate(long wallMs) {
        return now(wallMs) == wallMs ? 1 : rate;
    }

    double rate() {
        return rate;
    }
}
