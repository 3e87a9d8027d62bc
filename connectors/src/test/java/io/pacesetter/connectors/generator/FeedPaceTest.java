package io.pacesetter.connectors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedPaceTest {
    private static final long WALL = Instant.parse("2026-12-06T14:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void theBackfillIsDueAtOnceAndRealTimeFollowsTheClock() {
        FeedPace pace = new FeedPace(WALL, WALL, 1);
        assertThat(pace.dueAt(WALL - 24 * HOUR)).isEqualTo(Long.MIN_VALUE);
        assertThat(pace.dueAt(WALL)).isEqualTo(Long.MIN_VALUE);
        assertThat(pace.dueAt(WALL + 1000)).isEqualTo(WALL + 1000);
        assertThat(pace.simulatedNow(WALL + 5 * HOUR)).isEqualTo(WALL + 5 * HOUR);
        assertThat(pace.speedAt(WALL)).isEqualTo(1);
    }

    /**
     * Issue 15, defect 4: {@code run --speed 120} from a week back reached the clock after about 85 minutes, and from
     * then on every event was stamped ahead of it and rejected as FUTURE. The pace now never runs ahead of the clock:
     * once caught up it goes on at real time, for as long as the user lets it.
     */
    @Test
    void aFasterFeedCatchesUpWithTheClockAndGoesOnAtRealTimeNeverAheadOfIt() {
        long week = 7 * 24 * HOUR;
        FeedPace pace = new FeedPace(WALL - week, WALL, 120);
        long caughtUp = pace.realTimeFrom();
        assertThat(Duration.ofMillis(caughtUp - WALL).toMinutes()).isBetween(84L, 85L);
        assertThat(pace.simulatedNow(WALL + 10 * 60_000)).isEqualTo(WALL - week + 120 * 10 * 60_000L);
        assertThat(pace.speedAt(WALL + 10 * 60_000)).isEqualTo(120);
        for (long wall = WALL; wall < WALL + 30 * 24 * HOUR; wall += 61_000) {
            assertThat(pace.simulatedNow(wall))
                    .as("the feed at wall %s", Instant.ofEpochMilli(wall))
                    .isLessThanOrEqualTo(wall);
        }
        for (long event = WALL - week + 1000; event < WALL + 3 * 24 * HOUR; event += 7_001) {
            assertThat(pace.dueAt(event))
                    .as("an event of %s is sent when the clock has reached it", Instant.ofEpochMilli(event))
                    .isGreaterThanOrEqualTo(event);
        }
        assertThat(pace.simulatedNow(WALL + 2 * HOUR)).isEqualTo(WALL + 2 * HOUR);
        assertThat(pace.speedAt(WALL + 2 * HOUR)).isEqualTo(1);
        assertThat(pace.simulatedNow(WALL + 30 * 24 * HOUR))
                .as("still running a month on")
                .isEqualTo(WALL + 30 * 24 * HOUR);
    }

    @Test
    void aSlowerFeedStaysSlower() {
        FeedPace pace = new FeedPace(WALL - HOUR, WALL, 0.5);
        assertThat(pace.simulatedNow(WALL + 2 * HOUR)).isEqualTo(WALL);
        assertThat(pace.realTimeFrom()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesASpeedThatIsNotAboveZero() {
        assertThatThrownBy(() -> new FeedPace(WALL, WALL, 0)).hasMessageContaining("speed");
    }
}
