package io.pacesetter.job.ingest;

import java.io.Serializable;
import java.time.Instant;

/**
 * Event time and the wall clock of a live run, one in terms of the other, so that something due at
 * an event-time moment can be done when that moment comes by the clock, before the watermark (which
 * lags the newest event by the out-of-orderness, and stops when the feed is quiet) reaches it.
 *
 * <p>A real feed is stamped by the clock it runs on: event time is wall time ({@link #realTime}).
 * The built-in generator plays a simulated force at a speed from a start instant: event time
 * {@code S + (wall − W) × speed} ({@link #simulated}). Only live runs have one; a replay has none and
 * so stays entirely in event time.
 */
public final class LiveClock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long eventAnchorMs;
    private final long wallAnchorMs;
    private final double speed;

    private LiveClock(long eventAnchorMs, long wallAnchorMs, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(
                    "speed " + speed + " is not allowed; use simulated seconds per wall second above zero");
        }
        this.eventAnchorMs = eventAnchorMs;
        this.wallAnchorMs = wallAnchorMs;
        this.speed = speed;
    }

    /** A real feed: events are stamped with the time they happened, by the clock this job runs on. */
    public static LiveClock realTime() {
        return new LiveClock(0, 0, 1);
    }

    /**
     * The generator: simulated instant {@code simulatedStart} was played at wall time {@code wallStart},
     * and {@code speed} simulated seconds pass each wall second from then on.
     */
    public static LiveClock simulated(Instant simulatedStart, Instant wallStart, double speed) {
        return new LiveClock(simulatedStart.toEpochMilli(), wallStart.toEpochMilli(), speed);
    }

    /** At this clock's speed, event time {@code eventMs} played at wall time {@code wallMs}. */
    public LiveClock from(long eventMs, long wallMs) {
        return new LiveClock(eventMs, wallMs, speed);
    }

    /** The event time it is at wall time {@code wallMs}. Never after the true value, so nothing is done early. */
    public long eventTimeAt(long wallMs) {
        if (speed == 1) {
            return eventAnchorMs + (wallMs - wallAnchorMs);
        }
        return eventAnchorMs + (long) Math.floor((wallMs - wallAnchorMs) * speed);
    }

    /** The first wall time at which {@code eventMs} has come: {@code eventTimeAt(wallTimeAt(e)) >= e}. */
    public long wallTimeAt(long eventMs) {
        if (speed == 1) {
            return wallAnchorMs + (eventMs - eventAnchorMs);
        }
        long wall = wallAnchorMs + (long) Math.ceil((eventMs - eventAnchorMs) / speed);
        while (eventTimeAt(wall) < eventMs) {
            wall++; // floating-point rounding: step to the first millisecond that has truly reached it
        }
        return wall;
    }

    public double speed() {
        return speed;
    }

    @Override
    public String toString() {
        return speed == 1 && eventAnchorMs == wallAnchorMs
                ? "LiveClock[real time]"
                : "LiveClock[" + Instant.ofEpochMilli(eventAnchorMs) + " at " + Instant.ofEpochMilli(wallAnchorMs)
                        + ", x" + speed + "]";
    }
}
