package io.pacesetter.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveClockTest {
    private static final Instant SIMULATED = Instant.parse("2016-06-01T03:00:00Z");
    private static final Instant WALL = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void aRealFeedIsStampedByTheWallClock() {
        LiveClock clock = LiveClock.realTime();

        assertThat(clock.eventTimeAt(1_000_000L)).isEqualTo(1_000_000L);
        assertThat(clock.wallTimeAt(1_000_000L)).isEqualTo(1_000_000L);
    }

    @Test
    void theGeneratorAtSpeedXRunsXSimulatedSecondsAWallSecond() {
        LiveClock clock = LiveClock.simulated(SIMULATED, WALL, 120);

        assertThat(clock.eventTimeAt(WALL.toEpochMilli())).isEqualTo(SIMULATED.toEpochMilli());
        assertThat(clock.eventTimeAt(WALL.toEpochMilli() + 1000)).isEqualTo(SIMULATED.toEpochMilli() + 120_000);
        assertThat(clock.wallTimeAt(SIMULATED.toEpochMilli() + 120_000)).isEqualTo(WALL.toEpochMilli() + 1000);
    }

    @Test
    void aMomentIsNeverReachedEarlyWhateverTheRounding() {
        for (double speed : new double[] {0.5, 1, 3, 7.3, 60, 600}) {
            LiveClock clock = LiveClock.simulated(SIMULATED, WALL, speed);
            for (long e = SIMULATED.toEpochMilli(); e < SIMULATED.toEpochMilli() + 10_000; e += 97) {
                long wall = clock.wallTimeAt(e);
                assertThat(clock.eventTimeAt(wall))
                        .as("speed %s, moment %s", speed, e)
                        .isGreaterThanOrEqualTo(e);
                assertThat(clock.eventTimeAt(wall - 1))
                        .as("a millisecond earlier is too early")
                        .isLessThan(e);
            }
        }
    }

    @Test
    void aSpeedOfZeroIsRefused() {
        assertThatThrownBy(() -> LiveClock.simulated(SIMULATED, WALL, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
