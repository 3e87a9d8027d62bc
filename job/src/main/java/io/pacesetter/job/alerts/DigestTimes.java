package io.pacesetter.job.alerts;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The instants of the duty Command Officer's digest: each of {@code alerts.digestAt} on each local day, in the
 * force's zone. A local time that a clock change skips (01:30 on the last Sunday of March in London) is the same
 * instant as the hour after; one it repeats (01:30 on the last Sunday of October) is taken once, at its first.
 * Plain Java, no Flink.
 */
public final class DigestTimes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final List<LocalTime> times;

    public DigestTimes(ZoneId zone, List<LocalTime> times) {
        this.zone = zone;
        this.times = times.stream().sorted().toList();
    }

    /** The first digest instant strictly after {@code epochMs}. */
    public long after(long epochMs) {
        LocalDate day = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate().minusDays(1);
        for (int d = 0; d < 4; d++, day = day.plusDays(1)) {
            for (LocalTime t : times) {
                long at = ZonedDateTime.of(day, t, zone).toInstant().toEpochMilli();
                if (at > epochMs) {
                    return at;
                }
            }
        }
        throw new IllegalStateException("no digest time within three days of " + Instant.ofEpochMilli(epochMs));
    }

    /** The last digest instant at or before {@code epochMs}. */
    public long atOrBefore(long epochMs) {
        LocalDate day = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate().plusDays(1);
        for (int d = 0; d < 4; d++, day = day.minusDays(1)) {
            for (int i = times.size() - 1; i >= 0; i--) {
                long at = ZonedDateTime.of(day, times.get(i), zone).toInstant().toEpochMilli();
                if (at <= epochMs) {
                    return at;
                }
            }
        }
        throw new IllegalStateException("no digest time within three days of " + Instant.ofEpochMilli(epochMs));
    }
}
