package io.pacesetter.job.report;

import java.util.Locale;

/** How figures read on the page: the same in the HTML report and the workbook's notes. */
public final class Shown {
    public static final String NO_DATA = "no data";
    /** A figure the public version withholds. */
    public static final String SUPPRESSED = "suppressed";

    private Shown() {}

    /** "82.1%", "8.0", "1,234"; "no data" for a missing figure. */
    public static String value(MeasureKind kind, Figure f) {
        return f.suppressed() ? "*" : value(kind, f.value());
    }

    public static String value(MeasureKind kind, Double value) {
        if (value == null) {
            return NO_DATA;
        }
        return switch (kind) {
            case RATE -> String.format(Locale.UK, "%.1f%%", value * 100);
            case SECONDS -> String.format(Locale.UK, "%.1f", value);
            case COUNT -> String.format(Locale.UK, "%,d", Math.round(value));
        };
    }

    /** "−0.9 pt", "+14.3%", "0.0 pt"; "no data"; "n/a (was 0)". */
    public static String change(Comparison c) {
        return switch (c.judgement()) {
            case NO_DATA -> NO_DATA;
            case NOT_COMPARABLE -> "n/a (was 0)";
            case SUPPRESSED -> "*";
            default ->
                switch (c.unit()) {
                    case PERCENTAGE_POINTS -> String.format(Locale.UK, "%+.1f pt", c.difference());
                    case SECONDS -> String.format(Locale.UK, "%+.1f s", c.difference());
                    case PERCENT -> String.format(Locale.UK, "%+.1f%%", c.difference());
                };
        };
    }

    /** "better", "worse", "not significant", "same", "change", or blank. */
    public static String judgement(Comparison c) {
        return switch (c.judgement()) {
            case BETTER -> "better";
            case WORSE -> "worse";
            case NO_SIGNIFICANT_CHANGE -> "not significant";
            case SAME -> "same";
            case CHANGED -> "change";
            case NO_DATA, NOT_COMPARABLE, SUPPRESSED -> "";
        };
    }

    /** "met", "not met", or blank where there is no standard or no figure. */
    public static String met(Figure f) {
        return f.met() == null ? "" : f.met() ? "met" : "not met";
    }

    /** The standard, e.g. "90.0%" or "15.0"; blank without one. */
    public static String target(MeasureKind kind, Double target) {
        if (target == null) {
            return "";
        }
        return (kind == MeasureKind.RATE ? "" : "≤ ") + value(kind, target);
    }

    /** Notes beside a figure: partial coverage, small numbers. */
    public static String notes(Figure f) {
        StringBuilder s = new StringBuilder();
        if (f.suppressed()) {
            return "suppressed (fewer than the threshold, or to protect one that is)";
        }
        if (f.partial()) {
            s.append(f.monthsWithData())
                    .append(" of ")
                    .append(f.monthsInPeriod())
                    .append(" months");
        }
        if (f.smallNumber()) {
            s.append(s.length() > 0 ? "; " : "")
                    .append("small number (")
                    .append(f.base())
                    .append(')');
        }
        return s.toString();
    }

    /** A plain number for CSV: integral values without a decimal point, others exactly as Java prints them. */
    public static String plain(Double d) {
        if (d == null) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return Double.toString(d);
    }
}
