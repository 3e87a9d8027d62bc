package io.pacesetter.job.alerts;

import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.FeedSilenceConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.ingest.LiveClock;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * FEED_SILENT expects quiet nights: a silence is raised only once it is improbable (P(no event) below 1e-6) at the
 * rate the feed itself keeps at that hour of the week, within the floor (PT2M) and ceiling (PT1H).
 */
class FeedSilenceRateTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final FeedSilenceConfig SILENCE = CONFIG.alerts().feedSilence();
    private static final long HOUR = 3_600_000L;
    /** Monday 6 June 2016, 00:00 UTC. */
    private static final long MONDAY = ms("2016-06-06T00:00:00Z");

    /** Two weeks of a feed sending {@code perHour(hour of day)} events evenly in each hour. */
    private static FeedHistory twoWeeks(int[] perHourOfDay) {
        FeedHistory h = FeedHistory.of(SILENCE.historyWeeks());
        for (long hour = 0; hour < 14 * 24; hour++) {
            int n = perHourOfDay[(int) (hour % 24)];
            for (int i = 0; i < n; i++) {
                h.add(MONDAY + hour * HOUR + i * HOUR / n, 1);
            }
        }
        return h;
    }

    private static final int[] DAY_AND_NIGHT = new int[24];

    static {
        for (int h = 0; h < 24; h++) {
            // 6 an hour at night, 60 in the hours either side, 300 by day
            DAY_AND_NIGHT[h] = h >= 2 && h < 6 ? 6 : h == 1 || h == 6 ? 60 : 300;
        }
    }

    @Test
    void beforeAnyHistoryTheFallbackRateJudgesAndTheCeilingBounds() {
        FeedHistory none = FeedHistory.of(SILENCE.historyWeeks());
        double needed = -Math.log(1e-6); // 13.8 expected events

        assertThat(none.improbableAfterMs(MONDAY, SILENCE, 60))
                .as("60 an hour: 13.8 min")
                .isEqualTo((long) Math.ceil(needed / 60 * HOUR));
        assertThat(none.improbableAfterMs(MONDAY, SILENCE, 12))
                .as("12 an hour: beyond the ceiling")
                .isEqualTo(HOUR);
        assertThat(none.improbableAfterMs(MONDAY, SILENCE, 100_000))
                .as("never under the floor")
                .isEqualTo(120_000);
    }

    @Test
    void theFeedsOwnWeeksSetTheRateForEachHour() {
        FeedHistory h = twoWeeks(DAY_AND_NIGHT);
        long thirdMonday = MONDAY + 14 * 24 * HOUR;

        assertThat(h.expectedIn(Math.floorDiv(thirdMonday + 12 * HOUR, HOUR), 60))
                .isEqualTo(300.0);
        assertThat(h.expectedIn(Math.floorDiv(thirdMonday + 3 * HOUR, HOUR), 60))
                .isEqualTo(6.0);
        // By day: 13.8 events at 300 an hour is 2.76 min.
        assertThat(h.improbableAfterMs(thirdMonday + 12 * HOUR, SILENCE, 60))
                .isEqualTo((long) Math.ceil(-Math.log(1e-6) / 300 * HOUR));
        // At 03:00 at 6 an hour the ceiling comes first: a quiet night is not a dead feed.
        assertThat(h.improbableAfterMs(thirdMonday + 3 * HOUR, SILENCE, 60)).isEqualTo(HOUR);
        // At 05:50 the hour is judged with its neighbours, (6 + 6 + 60) / 3 = 24 an hour: 4 expected by 06:00;
        // then (6 + 60 + 300) / 3 = 122 an hour for the remaining 9.8: 14.8 min in all.
        long at0550 = thirdMonday + 5 * HOUR + 50 * 60_000;
        assertThat(h.expectedIn(Math.floorDiv(at0550, HOUR), 60)).isEqualTo(24.0);
        assertThat(h.improbableAfterMs(at0550, SILENCE, 60))
                .isEqualTo(
                        10 * 60_000 + (long) Math.ceil((-Math.log(1e-6) - 24.0 / HOUR * 10 * 60_000) / (122.0 / HOUR)));
    }

    @Test
    void aQuietNightRaisesNothingAndAFeedThatStopsByDayIsRaisedInMinutes() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, FeedBeat, Alert> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FeedSilence(CONFIG, LiveClock.realTime()), b -> b.feed, Types.STRING)) {
            long noon = MONDAY + 14 * 24 * HOUR + 12 * HOUR;
            // Two weeks and a morning of beats, one a minute by day (5 arrivals each), one every 10 minutes by night.
            for (long t = MONDAY; t < noon; t += 60_000) {
                int hourOfDay = (int) ((t - MONDAY) / HOUR % 24);
                h.setProcessingTime(t);
                FeedBeat beat = new FeedBeat(FeedBeat.INCIDENTS, t, false);
                beat.count = DAY_AND_NIGHT[hourOfDay] / 60 == 0
                        ? (t / 60_000 % 10 == 0 ? 1 : 0)
                        : DAY_AND_NIGHT[hourOfDay] / 60;
                if (beat.count > 0) {
                    h.processElement(beat, t);
                }
            }
            assertThat(h.extractOutputValues())
                    .as("two weeks of an ordinary feed")
                    .isEmpty();

            // The third Monday: the feed stops at 12:00. Raised 2.76 min later by the wall clock, not 2 min.
            FeedBeat last = new FeedBeat(FeedBeat.INCIDENTS, noon, false);
            last.count = 5;
            h.setProcessingTime(noon);
            h.processElement(last, noon);
            h.setProcessingTime(noon + Duration.ofMinutes(2).toMillis());
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(noon + Duration.ofMinutes(3).toMillis());
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.kind).isEqualTo(Alert.Kind.FEED_SILENT);
                assertThat(a.level).as("its usual rate at noon").isEqualTo(300.0);
            });
        }
    }
}
