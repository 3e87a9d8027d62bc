package io.pacesetter.job.report;

import io.pacesetter.config.Area;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Measures, scopes, durations and months in the words the force's reports use. */
public final class Labels {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);

    private Labels() {}

    public static String scope(Scope scope, String scopeId) {
        return switch (scope) {
            case FORCE -> "Force-wide";
            case LPA -> "LPA " + scopeId;
            case DISTRICT -> "District " + scopeId;
        };
    }

    /** "June 2016". */
    public static String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** "Jun 2016". */
    public static String shortMonth(YearMonth month) {
        return SHORT_MONTH.format(month);
    }

    /** "10 s", "15 min", "1 h 30 min". */
    public static String duration(Duration d) {
        if (d.toMillis() % 60_000 != 0) {
            long ms = d.toMillis();
            return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.UK, "%.3f s", ms / 1000.0);
        }
        long minutes = d.toMinutes();
        if (minutes % 60 == 0) {
            return minutes / 60 + " h";
        }
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    /** The measure in words, e.g. "999 calls answered within 10 s". */
    public static String measure(PacesetterConfig config, String measure, String queue, Area area, String reason) {
        QueueStandard standard = queue == null ? null : config.standardFor(queue);
        String attendance = "Emergency incidents attended within standard";
        return switch (measure) {
            case "ANSWERED_WITHIN_STANDARD" -> queue + " calls answered within " + duration(standard.answerThreshold());
            case "ABANDONMENT_RATE" -> queue + " abandonment rate";
            case "MEAN_WAIT_SECONDS" -> queue + " average time to answer (s)";
            case "P90_WAIT_SECONDS" -> queue + " 90th-percentile time to answer (s)";
            case "CALLS_ANSWERED" -> queue + " calls answered";
            case "CALLS_OFFERED" -> queue + " calls offered (answered or abandoned)";
            case "EMERGENCY_INCIDENTS" -> "Emergency incidents" + areaWords(area);
            case "BREACHES_NO_REASON" -> "Missed attendance with no reason recorded" + areaWords(area);
            case "CALLS_ABANDONED" -> queue + " calls abandoned";
            case "ANSWER_BAND_UNDER_10S" -> queue + " answered in under 10 s";
            case "ANSWER_BAND_10_TO_60S" -> queue + " answered in 10 s to under 60 s";
            case "ANSWER_BAND_60S_PLUS" -> queue + " answered in 60 s or more";
            case "ATTENDED_WITHIN_STANDARD" ->
                area == Area.URBAN
                        ? attendance + " (urban, "
                                + duration(config.attendance().urbanLimit()) + ")"
                        : area == Area.RURAL
                                ? attendance + " (rural, "
                                        + duration(config.attendance().ruralLimit()) + ")"
                                : attendance + " ("
                                        + duration(config.attendance().urbanLimit()) + " urban, "
                                        + duration(config.attendance().ruralLimit()) + " rural)";
            case "ATTENDANCE_FAILURES_BY_REASON" -> "Missed attendance: " + reason;
            default ->
                measure.startsWith("DATA_QUALITY_")
                        ? dataQuality(measure.substring("DATA_QUALITY_".length()))
                        : measure;
        };
    }

    private static String areaWords(Area area) {
        return area == null ? "" : area == Area.URBAN ? " (urban)" : " (rural)";
    }

    private static String dataQuality(String reason) {
        boolean note;
        try {
            note = !RejectReason.valueOf(reason).rejects();
        } catch (IllegalArgumentException unknown) {
            note = false;
        }
        return (note ? "Inputs noted: " : "Inputs rejected: ") + reason;
    }
}
