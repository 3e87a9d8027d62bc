package io.pacesetter.job.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The months a snapshot reads: its month, the 12 to it, the 12 before those, the 36 of its trend, and
 * the 47 the store is read for (the trend's rolling 12-month line needs the 11 before it).
 */
public record SnapshotMonths(YearMonth month) {
    public static final int TREND_MONTHS = 36;

    public List<YearMonth> thisYear() {
        return range(month.minusMonths(11), 12);
    }

    public List<YearMonth> lastYear() {
        return range(month.minusMonths(23), 12);
    }

    /** The 24 months the comparisons read: the 12 to the month and the 12 before. */
    public List<YearMonth> compared() {
        return range(month.minusMonths(23), 24);
    }

    public List<YearMonth> trend() {
        return range(month.minusMonths(TREND_MONTHS - 1), TREND_MONTHS);
    }

    /** Every month read from the store. */
    public List<YearMonth> read() {
        return range(month.minusMonths(TREND_MONTHS + 10), TREND_MONTHS + 11);
    }

    /** The 12 months to {@code m}. */
    public static List<YearMonth> twelveTo(YearMonth m) {
        return range(m.minusMonths(11), 12);
    }

    private static List<YearMonth> range(YearMonth first, int count) {
        List<YearMonth> months = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            months.add(first.plusMonths(i));
        }
        return months;
    }
}
