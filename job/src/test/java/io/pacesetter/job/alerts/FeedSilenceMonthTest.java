package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.FeedSilenceConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.generator.ForceSimulator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The feed-silence model on a generated month at the default volume (docs/alerts.md, "Feed silence"): each feed's
 * events are heard as the generator sends them, the history learns from them as FeedSilence's does, and every gap
 * between two events is judged against the silence that was improbable after the first. None may be: a quiet
 * night is not a dead feed. Then, with the month's history, how long a feed that stops is silent before it is
 * raised, at its busiest hour and at 04:00: the N and M of the docs. Figures are printed; the model is the same
 * class the job uses (FeedHistory), so they are the job's.
 */
class FeedSilenceMonthTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final FeedSilenceConfig SILENCE = CONFIG.alerts().feedSilence();
    private static final ZoneId ZONE = CONFIG.force().timeZone();
    private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final long HOUR = 3_600_000L;

    /** One feed as the watch hears it. */
    private static final class Feed {
        final String name;
        final double fallback;
        final FeedHistory history = FeedHistory.of(SILENCE.historyWeeks());
        long heard = Long.MIN_VALUE;
        long events;
        long falseAlarms;
        long longestGap;
        long longestGapAt;

        Feed(String name, double fallback) {
            this.name = name;
            this.fallback = fallback;
        }

        void hear(long time, boolean arrival) {
            long at = Math.max(heard, time); // heard when sent: a late stamp does not move the clock back
            if (heard != Long.MIN_VALUE) {
                long gap = at - heard;
                if (gap > longestGap) {
                    longestGap = gap;
                    longestGapAt = heard;
                }
                if (gap >= SILENCE.floor().toMillis() && gap >= history.improbableAfterMs(heard, SILENCE, fallback)) {
                    falseAlarms++;
                    System.out.printf(
                            "  %s: would be FEED_SILENT after %s (gap %d s)%n",
                            name, Instant.ofEpochMilli(heard).atZone(ZONE), gap / 1000);
                }
            }
            if (arrival) {
                history.add(time, 1);
            }
            heard = at;
            events++;
        }
    }

    @Test
    void noFeedSilentOnAGeneratedMonthAndHowSoonAStoppedFeedIsRaised() {
        LocalDate first = LocalDate.of(2016, 6, 1);
        Instant start = first.atStartOfDay(ZONE).toInstant();
        Instant end = first.plusDays(28).atStartOfDay(ZONE).toInstant();
        ForceSimulator simulator = new ForceSimulator(CONFIG, 20160601L, start);
        Feed calls = new Feed("calls", SILENCE.fallbackCallEventsPerHour());
        Feed incidents = new Feed("incidents", SILENCE.fallbackIncidentEventsPerHour());
        for (long t = start.toEpochMilli(); t < end.toEpochMilli(); ) {
            t = Math.min(end.toEpochMilli(), t + HOUR);
            for (String line : simulator.advanceTo(Instant.ofEpochMilli(t))) {
                Matcher m = TIME.matcher(line);
                if (!line.startsWith("{") || !m.find()) {
                    continue; // a broken line is not a sign of life
                }
                long time;
                try {
                    time = OffsetDateTime.parse(m.group(1)).toInstant().toEpochMilli();
                } catch (RuntimeException e) {
                    continue;
                }
                boolean incident = line.contains("\"incidentId\"");
                (incident ? incidents : calls).hear(time, line.contains(incident ? "\"CREATED\"" : "\"OFFERED\""));
            }
        }
        for (Feed f : new Feed[] {calls, incidents}) {
            System.out.printf(
                    "Feed silence, generated month from %s, %s: %,d events, longest gap %d s (from %s), "
                            + "FEED_SILENT that would be raised: %d%n",
                    first,
                    f.name,
                    f.events,
                    f.longestGap / 1000,
                    Instant.ofEpochMilli(f.longestGapAt).atZone(ZONE),
                    f.falseAlarms);
            // With the month learned: a feed stopping at the start of each hour of the next week.
            long weekStart = end.toEpochMilli();
            long busiestHour = weekStart;
            double busiest = -1;
            for (long h = weekStart; h < weekStart + 168 * HOUR; h += HOUR) {
                double expected = f.history.expectedIn(Math.floorDiv(h, HOUR), f.fallback);
                if (expected > busiest) {
                    busiest = expected;
                    busiestHour = h;
                }
            }
            ZonedDateTime fourAm = end.atZone(ZONE).withHour(4);
            long n = f.history.improbableAfterMs(busiestHour, SILENCE, f.fallback);
            long m = f.history.improbableAfterMs(fourAm.toInstant().toEpochMilli(), SILENCE, f.fallback);
            System.out.printf(
                    "  stopped at its busiest hour (%s, %.0f events expected): raised after %.1f min (N); "
                            + "stopped at %s (%.1f expected): after %.1f min (M)%n",
                    Instant.ofEpochMilli(busiestHour).atZone(ZONE),
                    busiest,
                    n / 60_000.0,
                    fourAm,
                    f.history.expectedIn(Math.floorDiv(fourAm.toInstant().toEpochMilli(), HOUR), f.fallback),
                    m / 60_000.0);
            assertThat(f.falseAlarms)
                    .as("FEED_SILENT on an ordinary month, " + f.name)
                    .isZero();
            assertThat(n).isLessThanOrEqualTo(m);
        }
    }
}
