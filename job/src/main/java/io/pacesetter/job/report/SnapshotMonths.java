package io.pacesetter.job.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The months a snapshot reads: its month, the 12 to it, the 12 before those, and the 24 of its trend. */
public record SnapshotMonths(YearMonth month) {
    public List<YearMonth> thisYear() {
        return range(month.minusMonths(11), 12);
    }

    public List<YearMonth> lastYear() {
        return range(month.minusMonths(23), 12);
    }

    public List<YearMonth> trend() {
        return range(month.minusMonths(23), 24);
    }

    private static List<YearMonth> range(YearMonth first, int count) {
        List<YearMonth> months = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            months.add(first.plusMonths(i));
        }
        return months;
    }
}
