package io.pacesetter.job.measures;

import io.pacesetter.connectors.contract.PeriodKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A DAY or MONTH in the force's local time zone, with its true length: the day the clocks go
 * forward has 23 hours and the day they go back has 25.
 *
 * @param kind DAY or MONTH
 * @param start the local date the period starts
 * @param startMs its first instant (local midnight), epoch ms
 * @param endMs the first instant after it, epoch ms
 */
public record CalendarPeriod(PeriodKind kind, LocalDate start, long startMs, long endMs) {

    public static CalendarPeriod containing(PeriodKind kind, long epochMs, ZoneId zone) {
        LocalDate date = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
        LocalDate start = kind == PeriodKind.DAY ? date : date.withDayOfMonth(1);
        LocalDate next = kind == PeriodKind.DAY ? start.plusDays(1) : start.plusMonths(1);
        return new CalendarPeriod(
                kind,
                start,
                start.atStartOfDay(zone).toInstant().toEpochMilli(),
                next.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    /** e.g. {@code DAY:2024-03-31}. */
    public String id() {
        return kind.name() + ':' + start;
    }
}
