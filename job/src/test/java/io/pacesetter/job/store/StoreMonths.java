package io.pacesetter.job.store;

import io.pacesetter.config.Area;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MonthAggregate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Store months written by hand, for tests whose figures are worked out on paper. */
public final class StoreMonths {
    private StoreMonths() {}

    /** A queue's legs, judged against a 10 s threshold and a 5 s short abandon as the default 999 standard is. */
    public static MonthAggregate calls(
            PacesetterConfig config,
            String month,
            String queue,
            Scope scope,
            String scopeId,
            long[] waitsMs,
            int abandoned) {
        MonthAggregate a = blank(config, month, MeasureFamily.CALL_LEGS, queue, scope, scopeId, null);
        for (long w : waitsMs) {
            a.tally.addLeg(true, w, w <= 10_000, false);
        }
        for (int i = 0; i < abandoned; i++) {
            a.tally.addLeg(false, 30_000, false, false);
        }
        return a;
    }

    public static MonthAggregate attendance(
            PacesetterConfig config,
            String month,
            Scope scope,
            String scopeId,
            Area area,
            int met,
            String... failureReasons) {
        MonthAggregate a = blank(config, month, MeasureFamily.ATTENDANCE, null, scope, scopeId, area);
        for (int i = 0; i < met; i++) {
            a.tally.addAttendance(true);
        }
        for (String reason : failureReasons) {
            a.tally.addAttendance(false);
            if (!reason.isEmpty()) {
                a.tally.addReason(reason);
            }
        }
        return a;
    }

    public static MonthAggregate rejected(PacesetterConfig config, String month, String... reasons) {
        MonthAggregate a = blank(
                config,
                month,
                MeasureFamily.DATA_QUALITY,
                null,
                Scope.FORCE,
                config.force().name(),
                null);
        for (String r : reasons) {
            a.tally.addReason(r);
        }
        return a;
    }

    public static MonthAggregate blank(
            PacesetterConfig config,
            String month,
            MeasureFamily family,
            String queue,
            Scope scope,
            String scopeId,
            Area area) {
        MonthAggregate a = new MonthAggregate();
        a.family = family;
        a.queue = queue;
        a.scope = scope;
        a.scopeId = scopeId;
        a.area = area;
        a.key = a.scopeKey().key;
        a.month = month;
        a.closedAt = YearMonth.parse(month)
                .plusMonths(1)
                .atDay(3)
                .atStartOfDay(config.force().timeZone())
                .toInstant()
                .toEpochMilli();
        return a;
    }

    public static StoreMonth month(PacesetterConfig config, String month, MonthAggregate... aggregates) {
        List<MonthAggregate> sorted = new ArrayList<>(List.of(aggregates));
        sorted.sort(Comparator.comparing(a -> a.key));
        return new StoreMonth(
                YearMonth.parse(month),
                config.force().name(),
                config.force().timeZone().getId(),
                ConfigHash.of(config),
                sorted);
    }

    public static long[] waits(int count, long ms) {
        long[] w = new long[count];
        java.util.Arrays.fill(w, ms);
        return w;
    }

    public static long[] concat(long[]... parts) {
        return java.util.Arrays.stream(parts)
                .flatMapToLong(java.util.Arrays::stream)
                .toArray();
    }
}
