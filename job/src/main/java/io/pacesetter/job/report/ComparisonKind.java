package io.pacesetter.job.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods a board compares, each against the one before it: the month, its quarter (to the month),
 * the financial year to date (from April) and the 12 months to the month, each against the same months
 * a year before; and the month against the previous month. As the CSV's {@code comparison} column names them.
 */
public enum ComparisonKind {
    MONTH("MONTH", "Month", "Same month last year"),
    QUARTER("QUARTER", "Quarter to date", "Same months last year"),
    YEAR_TO_DATE("YEAR_TO_DATE", "Financial year to date", "Same months last year"),
    TWELVE_MONTHS("12_MONTHS", "12 months", "Previous 12 months"),
    PREVIOUS_MONTH("PREVIOUS_MONTH", "Month", "Previous month");

    /** As the CSV writes it. */
    public final String csv;

    public final String current;
    public final String previous;

    ComparisonKind(String csv, String current, String previous) {
        this.csv = csv;
        this.current = current;
        this.previous = previous;
    }

    /** The months of the current period, oldest first. */
    public List<YearMonth> span(YearMonth month) {
        return switch (this) {
            case MONTH, PREVIOUS_MONTH -> List.of(month);
            case QUARTER -> range(month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1), month);
            case YEAR_TO_DATE ->
                range(
                        month.getMonthValue() >= 4
                                ? month.withMonth(4)
                                : month.minusYears(1).withMonth(4),
                        month);
            case TWELVE_MONTHS -> range(month.minusMonths(11), month);
        };
    }

    /** The months it is compared with: the same months a year before, or the previous month. */
    public List<YearMonth> before(YearMonth month) {
        if (this == PREVIOUS_MONTH) {
            return List.of(month.minusMonths(1));
        }
        return span(month).stream().map(m -> m.minusYears(1)).toList();
    }

    /** The CSV's period for the current span: {@code MONTH}, {@code QUARTER}, {@code YEAR_TO_DATE}, {@code 12_MONTHS}. */
    public String currentPeriod() {
        return this == PREVIOUS_MONTH ? "MONTH" : csv;
    }

    /** The CSV's period for the span compared with. */
    public String previousPeriod() {
        return switch (this) {
            case MONTH -> "MONTH_LAST_YEAR";
            case QUARTER -> "QUARTER_LAST_YEAR";
            case YEAR_TO_DATE -> "YEAR_TO_DATE_LAST_YEAR";
            case TWELVE_MONTHS -> "PREVIOUS_12_MONTHS";
            case PREVIOUS_MONTH -> "PREVIOUS_MONTH";
        };
    }

    static List<YearMonth> range(YearMonth first, YearMonth last) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
