package io.pacesetter.job.alerts;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How alerts say times, durations and figures to a duty officer: local clock times (the force's
 * zone, as the control room reads them), durations in minutes and seconds, rates as percentages.
 */
final class AlertWording implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final ZoneId zone;

    AlertWording(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code 08:15:00}, local time. */
    String clock(long epochMs) {
        return CLOCK.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code 08:15}, local time: for window ends, which fall on whole minutes. */
    String minute(long epochMs) {
        return MINUTE.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code Wednesday 1 June 2016}. */
    String day(long epochMs) {
        return DAY.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code 15 min}, {@code 2 min 5 s}, {@code 42 s}, {@code 1 h 5 min}, {@code 0.250 s}. */
    static String duration(long ms) {
        if (ms < 1000) {
            return String.format(Locale.UK, "%.3f s", ms / 1000.0);
        }
        long seconds = ms / 1000;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(" h");
        }
        if (m > 0) {
            b.append(b.length() > 0 ? " " : "").append(m).append(" min");
        }
        if (s > 0 && h == 0) {
            b.append(b.length() > 0 ? " " : "").append(s).append(" s");
        }
        return b.toString();
    }

    /** {@code 87.5%}, {@code 90%}. */
    static String percent(double share) {
        double p = share * 100;
        return p == Math.rint(p) ? String.format(Locale.UK, "%.0f%%", p) : String.format(Locale.UK, "%.1f%%", p);
    }

    /** A whole number without a fraction, else one decimal. */
    static String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.UK, "%.0f", value)
                : String.format(Locale.UK, "%.1f", value);
    }

    /** {@code INC-1, INC-2 and INC-3}. */
    static String list(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** {@code in Ashby (North LPA)}, {@code in Ashby} when its LPA is not known, or empty. */
    static String where(String district, String lpa) {
        if (district == null) {
            return "";
        }
        return " in " + district + (lpa == null ? "" : " (" + lpa + " LPA)");
    }
}
