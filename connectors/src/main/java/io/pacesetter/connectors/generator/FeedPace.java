package io.pacesetter.connectors.generator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * When each simulated moment of the built-in feed is due by the wall clock: a warm start, then the
 * chosen speed, and never ahead of the clock. Everything before {@code liveFrom} is a backfill, due
 * at once, so a newcomer's page fills within a minute. From {@code liveFrom} the simulated clock runs
 * at {@code speed} from the wall moment {@code wallAnchor}, but never past the wall clock: a faster
 * feed that catches up with the clock goes on at real time, so no event is ever stamped in the future
 * and the feed runs for as long as the user lets it.
 *
 * @param liveFromMs the first simulated moment played at the chosen speed (epoch ms)
 * @param wallAnchorMs the wall moment at which {@code liveFrom} was due (epoch ms)
 * @param speed simulated seconds per wall second from {@code liveFrom}
 */
public record FeedPace(long liveFromMs, long wallAnchorMs, double speed) implements Serializable {
    public FeedPace {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed " + speed
                    + " is not allowed; use simulated seconds per real second above zero, e.g. 1 or 60");
        }
    }

    /** The feed from {@code liveFrom} at {@code speed}, starting now. */
    public static FeedPace from(Instant liveFrom, double speed) {
        return new FeedPace(liveFrom.toEpochMilli(), System.currentTimeMillis(), speed);
    }

    /** The simulated moment the feed has reached at wall moment {@code wallMs}: everything before it is due. */
    public long simulatedNow(long wallMs) {
        return Math.min(wallMs, liveFromMs + (long) ((wallMs - wallAnchorMs) * speed));
    }

    /** The wall moment at which simulated moment {@code simulatedMs} is due (at once for the backfill). */
    public long dueAt(long simulatedMs) {
        if (simulatedMs <= liveFromMs) {
            return Long.MIN_VALUE;
        }
        return Math.max(simulatedMs, wallAnchorMs + (long) Math.ceil((simulatedMs - liveFromMs) / speed));
    }

    /**
     * The wall moment from which the feed runs at real time: at once at speed 1; when a faster feed
     * catches up with the clock; never for a slower one ({@link Long#MAX_VALUE}).
     */
    public long realTimeFrom() {
        if (speed < 1) {
            return Long.MAX_VALUE;
        }
        if (speed == 1) {
            return wallAnchorMs;
        }
        // liveFrom + (w - anchor) * speed = w
        return (long) Math.ceil((liveFromMs - wallAnchorMs * speed) / (1 - speed));
    }

    /** The simulated seconds per wall second at wall moment {@code wallMs}. */
    public double speedAt(long wallMs) {
        return wallMs >= realTimeFrom() ? 1 : speed;
    }

    @Override
    public String toString() {
        return "from " + Instant.ofEpochMilli(liveFromMs) + " at " + speed + "x (never ahead of the clock), anchored "
                + Duration.ofMillis(System.currentTimeMillis() - wallAnchorMs).toSeconds() + " s ago";
    }
}
