package io.pacesetter.connectors.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The force's local clock, reduced to what demand and rotas depend on: the hour of the week. Demand
 * follows people's local day (quiet at 04:00 local, busy on Friday night), including across
 * daylight-saving changes, so every curve is looked up in local time, never UTC.
 */
final class LocalHours {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final int HOURS_A_WEEK = 168;

    private final ZoneId zone;
    private final ZoneRules rules;

    LocalHours(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    private long localMillis(long t) {
        return t + rules.getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
    }

    /** Monday 00:00-01:00 local is 0, Sunday 23:00-24:00 is 167. */
    int hourOfWeek(long t) {
        long local = localMillis(t);
        // 1970-01-01 was a Thursday: day 0 is index 3 when Monday is 0.
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(local, DAY) + 3, 7L);
        return dayOfWeek * 24 + hourOfDay(local);
    }

    private static int hourOfDay(long local) {
        return (int) (Math.floorMod(local, DAY) / HOUR);
    }

    /** How far into its local hour {@code t} is, 0 to 1. */
    double fractionOfHour(long t) {
        return Math.floorMod(localMillis(t), HOUR) / (double) HOUR;
    }

    /** The next moment a local hour starts: when the rota changes. */
    long nextHourStart(long t) {
        return t + HOUR - Math.floorMod(localMillis(t), HOUR);
    }

    /** {@code time} on the local day after the one containing {@code t}. */
    long nextDayAt(long t, LocalTime time) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(t), zone);
        return today.plusDays(1).atTime(time).atZone(zone).toInstant().toEpochMilli();
    }
}
