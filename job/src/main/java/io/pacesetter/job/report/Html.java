package io.pacesetter.job.report;

import io.pacesetter.connectors.contract.Scope;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The snapshot as a printable HTML report, A4 landscape, for the board: an exceptions summary first
 * (standards missed, significant changes, places furthest from standard, breach reasons), the headline
 * table in the shape of the force's monthly performance report ("12m Last Year / 12m This Year /
 * Better/Worse % or % pt. diff.") with the month, quarter and year-to-date comparisons beside it, the
 * officer's commentary, 36-month trend charts as inline SVG, the detail force-wide and by LPA (districts
 * stay in the workbook and CSV), the method's notes and a provenance footer. One self-contained file: no script, font, image or style
 * sheet is fetched, so it prints the same anywhere and can be archived as is.
 */
public final class Html {
    private static final DateTimeFormatter MADE =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm:ss 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private Html() {}

    /** Rows the exceptions summary lists of each kind before pointing to the workbook. */
    private static final int LISTED = 8;

    public static String render(Snapshot s) {
        SnapshotMonths months = s.months();
        String monthName = Labels.month(s.month());
        StringBuilder h = new StringBuilder(1 << 16);
        String title = s.force() + ": monthly performance snapshot, " + monthName
                + (s.publicVersion() ? " (public version)" : "");
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n");
        h.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(escape(title)).append("</h1>\n");
        h.append("<p class=\"sub\">Data to ")
                .append(escape(monthName))
                .append(" (months in ")
                .append(escape(s.timeZone()))
                .append("). Each period is compared with the same months a year before (the month, the quarter to "
                        + "date, the financial year to date from April, the 12 months to the month), and the month "
                        + "with the previous month. Better or worse only when the change is statistically significant ")
                .append(escape(level(s)))
                .append("; otherwise \"not significant\". Full detail, every district and every comparison, is in the "
                        + "workbook (XLSX) and the CSV.</p>");
        if (s.publicVersion()) {
            h.append("<p class=\"sub\">").append(escape(Publication.note(s))).append("</p>");
        }
        h.append("</header>\n");

        exceptions(h, s);
        headline(h, s);
        commentary(h, s);
        trends(h, s, months);
        detail(h, s);
        notes(h, s);
        provenance(h, s);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String level(Snapshot s) {
        return "at the "
                + java.math.BigDecimal.valueOf(s.significance())
                        .stripTrailingZeros()
                        .toPlainString() + " level";
    }

    /** The exceptions summary: what the board should look at first, at most two pages. */
    private static void exceptions(StringBuilder h, Snapshot s) {
        h.append("<section class=\"exceptions\"><h2>Exceptions summary</h2>\n<div class=\"cols\">\n");
        // Standards missed: the headline measures with a standard not met in the month or over 12 months.
        h.append("<div><h3>Standards missed</h3><ul>");
        int missed = 0;
        for (Line l : s.section(Section.HEADLINE)) {
            Figure m = l.month();
            Figure y = l.thisYear();
            if (Boolean.FALSE.equals(m.met()) || Boolean.FALSE.equals(y.met())) {
                missed++;
                h.append("<li><strong>")
                        .append(escape(l.label()))
                        .append("</strong>: ")
                        .append(escape(Shown.value(l.kind(), m)))
                        .append(" in ")
                        .append(escape(Labels.shortMonth(s.month())))
                        .append(Boolean.FALSE.equals(m.met()) ? " (not met)" : " (met)")
                        .append(", ")
                        .append(escape(Shown.value(l.kind(), y)))
                        .append(" over 12 months")
                        .append(Boolean.FALSE.equals(y.met()) ? " (not met)" : " (met)")
                        .append("; standard ")
                        .append(escape(Shown.target(l.kind(), y.target())))
                        .append("</li>");
            }
        }
        if (missed == 0) {
            h.append("<li>Every standard met, in the month and over 12 months.</li>");
        }
        h.append("</ul>\n");

        // Furthest from standard: LPAs and districts by their 12-month attendance against the standard.
        List<Line> places = s.section(Section.ATTENDANCE).stream()
                .filter(l -> l.measure().equals("ATTENDED_WITHIN_STANDARD")
                        && l.area() == null
                        && l.scope() != Scope.FORCE
                        && l.thisYear().hasData()
                        && l.thisYear().target() != null)
                .sorted(java.util.Comparator.comparingDouble(
                        (Line l) -> l.thisYear().value() - l.thisYear().target()))
                .limit(6)
                .toList();
        h.append("<h3>LPAs and districts furthest from the attendance standard (12 months)</h3>");
        if (places.isEmpty()) {
            h.append("<p class=\"nodata\">").append(Shown.NO_DATA).append("</p>");
        } else {
            h.append("<table class=\"figures compact\"><thead><tr><th class=\"label\">Place</th><th>")
                    .append(escape(Labels.shortMonth(s.month())))
                    .append(
                            "</th><th>12 months</th><th>Gap to standard</th><th>Incidents (12m)</th></tr></thead><tbody>");
            for (Line l : places) {
                double gap = (l.thisYear().value() - l.thisYear().target()) * 100;
                h.append("<tr>")
                        .append(cell("label", escape(l.scopeLabel())))
                        .append(figureCell(l.kind(), l.month()))
                        .append(figureCell(l.kind(), l.thisYear()))
                        .append(cell(gap < 0 ? "n worse" : "n", String.format(Locale.UK, "%+.1f pt", gap)))
                        .append(cell(
                                "n",
                                String.format(Locale.UK, "%,d", l.thisYear().base())))
                        .append("</tr>");
            }
            h.append("</tbody></table>");
        }

        // Breach reasons ranked, and the breaches with no reason recorded, force-wide.
        h.append("<h3>Missed attendance: reasons ranked (force-wide)</h3>");
        List<Line> reasons = s.section(Section.BREACH_REASONS).stream()
                .filter(l -> l.scope() == Scope.FORCE)
                .toList();
        Line noReason = s.section(Section.ATTENDANCE).stream()
                .filter(l ->
                        l.measure().equals(SnapshotBuilder.NO_REASON) && l.scope() == Scope.FORCE && l.area() == null)
                .findFirst()
                .orElse(null);
        h.append("<table class=\"figures compact\"><thead><tr><th class=\"label\">Reason</th><th>")
                .append(escape(Labels.shortMonth(s.month())))
                .append("</th><th>12 months</th><th>vs previous 12</th><th></th></tr></thead><tbody>");
        for (Line l : reasons.stream().limit(LISTED).toList()) {
            reasonRow(h, l.rank() + ". " + l.reason(), l);
        }
        if (noReason != null) {
            reasonRow(h, "No reason recorded", noReason);
        }
        h.append("</tbody></table>");
        h.append("</div>\n<div>");

        // Significant changes: every line of the detail sections, each comparison.
        List<Line> candidates = s.lines().stream()
                .filter(l -> l.section() == Section.CALL_HANDLING
                        || l.section() == Section.ATTENDANCE
                        || l.section() == Section.BREACH_REASONS)
                .toList();
        changes(h, s, candidates, Comparison.Judgement.WORSE, "Significant deteriorations");
        changes(h, s, candidates, Comparison.Judgement.BETTER, "Significant improvements");
        h.append("</div></div></section>\n");
    }

    private static void reasonRow(StringBuilder h, String label, Line l) {
        Comparison c = l.change();
        h.append("<tr>")
                .append(cell("label", escape(label)))
                .append(figureCell(l.kind(), l.month()))
                .append(figureCell(l.kind(), l.thisYear()))
                .append(cell(css(c), escape(Shown.change(c))))
                .append(cell(css(c).replace("n ", "j "), escape(Shown.judgement(c))))
                .append("</tr>");
    }

    private static void changes(
            StringBuilder h, Snapshot s, List<Line> lines, Comparison.Judgement wanted, String heading) {
        record Found(Line line, Compared compared) {}
        List<Found> found = new java.util.ArrayList<>();
        for (Line l : lines) {
            for (Compared c : l.comparisons()) {
                if (c.change().judgement() == wanted) {
                    found.add(new Found(l, c));
                }
            }
        }
        found.sort(java.util.Comparator.comparingDouble(
                        (Found f) -> f.compared().change().pValue() == null
                                ? 1
                                : f.compared().change().pValue())
                .thenComparing(f -> f.compared().kind()));
        h.append("<h3>").append(heading).append(" (").append(found.size()).append(")</h3>");
        if (found.isEmpty()) {
            h.append("<p>None ").append(escape(level(s))).append(".</p>");
            return;
        }
        h.append("<table class=\"figures compact\"><thead><tr><th class=\"label\">Measure</th>"
                + "<th class=\"label\">Scope</th><th class=\"label\">Compared with</th><th>Then</th><th>Now</th>"
                + "<th>Change</th><th>p</th></tr></thead><tbody>");
        for (Found f : found.stream().limit(LISTED * 2L).toList()) {
            Line l = f.line();
            Compared c = f.compared();
            String label = l.section() == Section.BREACH_REASONS ? "Missed attendance: " + l.reason() : l.label();
            h.append("<tr>")
                    .append(cell("label", escape(label)))
                    .append(cell("label", escape(l.scopeLabel())))
                    .append(cell(
                            "label",
                            escape(c.kind().current + ": " + c.kind().previous.toLowerCase(Locale.UK))))
                    .append(figureCell(l.kind(), c.previous()))
                    .append(figureCell(l.kind(), c.current()))
                    .append(cell(css(c.change()), escape(Shown.change(c.change()))))
                    .append(cell("n", p(c.change().pValue())))
                    .append("</tr>");
        }
        h.append("</tbody></table>");
        if (found.size() > LISTED * 2) {
            h.append("<p class=\"key\">and ")
                    .append(found.size() - LISTED * 2)
                    .append(" more in the workbook's Comparisons sheet.</p>");
        }
    }

    private static String p(Double p) {
        if (p == null) {
            return "";
        }
        return p < 0.001 ? "&lt;0.001" : String.format(Locale.UK, "%.3f", p);
    }

    private static void headline(StringBuilder h, Snapshot s) {
        h.append("<section class=\"headline\"><h2>")
                .append(Section.HEADLINE.title)
                .append("</h2>\n");
        h.append("<p class=\"key\">Each change reads the period against the same months a year before (the month "
                        + "also against the previous month); under it, better or worse when significant ")
                .append(escape(level(s)))
                .append(", \"not significant\" otherwise. Figures counted over fewer than ")
                .append(s.smallNumberThreshold())
                .append(" legs or incidents are marked <span class=\"small\">small number</span>; a period with no "
                        + "data says so.</p>\n");
        h.append("<table class=\"figures\"><colgroup><col class=\"measure\">")
                .append("<col>".repeat(13))
                .append("<col class=\"notes\"></colgroup><thead><tr><th class=\"label\" rowspan=\"2\">Data to ")
                .append(escape(Labels.shortMonth(s.month())))
                .append(
                        "</th><th rowspan=\"2\">Standard</th><th colspan=\"4\">Month</th><th colspan=\"2\">Quarter to date</th>"
                                + "<th colspan=\"2\">Year to date (Apr)</th><th colspan=\"4\">12 months</th>"
                                + "<th class=\"label\" rowspan=\"2\">Notes and commentary</th></tr>\n<tr><th>")
                .append(escape(Labels.shortMonth(s.month())))
                .append("</th><th>vs ")
                .append(escape(Labels.shortMonth(s.month().minusYears(1))))
                .append("</th><th></th><th>vs ")
                .append(escape(Labels.shortMonth(s.month().minusMonths(1))))
                .append("</th><th>This year</th><th>vs last year</th><th>This year</th><th>vs last year</th>"
                        + "<th>12m Last Year</th><th>12m This Year</th><th>Better/ Worse % or % pt. diff.</th>"
                        + "<th>Standard met (12m)</th></tr></thead>\n<tbody>\n");
        for (Line l : s.section(Section.HEADLINE)) {
            MeasureKind kind = l.kind();
            Compared month = l.compared(ComparisonKind.MONTH);
            Compared previous = l.compared(ComparisonKind.PREVIOUS_MONTH);
            Compared quarter = l.compared(ComparisonKind.QUARTER);
            Compared ytd = l.compared(ComparisonKind.YEAR_TO_DATE);
            h.append("<tr>")
                    .append(cell("label", escape(l.label())))
                    .append(cell("n", escape(Shown.target(kind, l.thisYear().target()))))
                    .append(figureCell(kind, month.current()))
                    .append(changeCell(month.change()))
                    .append(cell("met", escape(Shown.met(month.current()))))
                    .append(changeCell(previous.change()))
                    .append(figureCell(kind, quarter.current()))
                    .append(changeCell(quarter.change()))
                    .append(figureCell(kind, ytd.current()))
                    .append(changeCell(ytd.change()))
                    .append(figureCell(kind, l.lastYear()))
                    .append(figureCell(kind, l.thisYear()))
                    .append(changeCell(l.change()))
                    .append(cell("met", escape(Shown.met(l.thisYear()))));
            String notes = notes(l);
            String said = s.commentaryOn(l);
            h.append("<td class=\"label notes\">").append(escape(notes));
            if (said != null) {
                h.append(notes.isEmpty() ? "" : "<br>")
                        .append("<span class=\"said\">")
                        .append(escape(firstSentence(said)))
                        .append("</span>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        h.append("</section>\n");
    }

    private static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").replace("**", "").trim();
        int stop = flat.indexOf(". ");
        String first = stop > 0 ? flat.substring(0, stop + 1) : flat;
        return first.length() > 160 ? first.substring(0, 157) + "…" : first;
    }

    private static void commentary(StringBuilder h, Snapshot s) {
        if (s.commentary().isEmpty()) {
            return;
        }
        h.append("<section class=\"commentary\"><h2>Officer's commentary</h2>\n");
        String general = s.commentary().get(Commentary.GENERAL);
        if (general != null) {
            h.append(Commentary.html(general));
        }
        for (Line l : s.section(Section.HEADLINE)) {
            String said = s.commentary().get(l.commentaryKey());
            if (said != null) {
                h.append("<h3>")
                        .append(escape(l.label()))
                        .append(": ")
                        .append(escape(Shown.value(l.kind(), l.month())))
                        .append(" in ")
                        .append(escape(Labels.shortMonth(s.month())))
                        .append(", ")
                        .append(escape(Shown.value(l.kind(), l.thisYear())))
                        .append(" over 12 months</h3>")
                        .append(Commentary.html(said));
            }
        }
        java.util.Set<String> headlined = new java.util.HashSet<>();
        s.section(Section.HEADLINE).forEach(l -> headlined.add(l.commentaryKey()));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.commentary()).entrySet()) {
            if (!e.getKey().equals(Commentary.GENERAL) && !headlined.contains(e.getKey())) {
                h.append("<h3>").append(escape(e.getKey())).append("</h3>").append(Commentary.html(e.getValue()));
            }
        }
        h.append("</section>\n");
    }

    private static void trends(StringBuilder h, Snapshot s, SnapshotMonths months) {
        h.append("<section class=\"trends\"><h2>")
                .append(SnapshotMonths.TREND_MONTHS)
                .append("-month trend, force-wide and by LPA</h2>\n<p class=\"key\">Each month (dots) and the rolling "
                        + "12 months to it (line); axes from 0; the standard dashed. A rolling figure shows once "
                        + "12 months are held.</p>\n<div class=\"charts\">\n");
        for (Trend t : s.trends()) {
            h.append("<figure><figcaption>")
                    .append(escape(t.label()))
                    .append(t.scope() == Scope.FORCE ? "" : ", " + escape(t.scopeLabel()))
                    .append("</figcaption>")
                    .append(TrendChart.svg(t, months.trend()))
                    .append("</figure>\n");
        }
        h.append("</div></section>\n");
    }

    /** The detail sections, force-wide and by LPA: districts are in the workbook and the CSV. */
    private static void detail(StringBuilder h, Snapshot s) {
        h.append(
                "<section class=\"detail\"><h2>Detail, force-wide and by LPA</h2>\n<p class=\"key\">Force-wide and by LPA: "
                        + "an LPA's call measures with a standard, its three commonest breach reasons. Districts, every "
                        + "line, every comparison and each p-value are in the workbook (XLSX) and the CSV.</p>\n");
        for (Section section : List.of(
                Section.CALL_HANDLING,
                Section.ANSWER_BANDS,
                Section.ATTENDANCE,
                Section.BREACH_REASONS,
                Section.DATA_QUALITY)) {
            List<Line> lines = s.section(section).stream().filter(Html::printed).toList();
            h.append("<h3>").append(section.title).append("</h3>\n");
            if (lines.isEmpty()) {
                h.append("<p class=\"nodata\">").append(Shown.NO_DATA).append("</p>\n");
                continue;
            }
            h.append("<table class=\"figures\"><thead><tr><th class=\"label\">Scope</th><th class=\"label\">")
                    .append(section == Section.BREACH_REASONS ? "Rank and reason" : "Measure")
                    .append("</th><th>Standard</th><th>")
                    .append(escape(Labels.shortMonth(s.month())))
                    .append("</th><th>vs ")
                    .append(escape(Labels.shortMonth(s.month().minusYears(1))))
                    .append("</th><th>12m Last Year</th><th>12m This Year</th>"
                            + "<th>Better/ Worse % or % pt. diff.</th><th>Standard met (12m)</th>"
                            + "<th class=\"label\">Notes</th></tr></thead>\n<tbody>\n");
            for (Line l : lines) {
                String label = section == Section.BREACH_REASONS ? l.rank() + ". " + l.reason() : l.label();
                MeasureKind kind = l.kind();
                h.append("<tr")
                        .append(l.scope() == Scope.FORCE ? " class=\"force\"" : "")
                        .append(">")
                        .append(cell("label", escape(l.scopeLabel())))
                        .append(cell("label", escape(label)))
                        .append(cell("n", escape(Shown.target(kind, l.thisYear().target()))))
                        .append(figureCell(kind, l.month()))
                        .append(changeCell(l.compared(ComparisonKind.MONTH).change()))
                        .append(figureCell(kind, l.lastYear()))
                        .append(figureCell(kind, l.thisYear()))
                        .append(changeCell(l.change()))
                        .append(cell("met", escape(Shown.met(l.thisYear()))))
                        .append(cell("label notes", escape(notes(l))))
                        .append("</tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    /**
     * What the printed detail keeps, so the board pack stays within 12 pages: every force-wide line, an
     * LPA's measures with a standard and its attendance, the commonest reasons; the rest is in the workbook.
     */
    private static boolean printed(Line l) {
        return switch (l.section()) {
            case CALL_HANDLING ->
                l.scope() == Scope.FORCE
                        || (l.scope() == Scope.LPA && l.thisYear().target() != null);
            case ANSWER_BANDS -> l.scope() == Scope.FORCE;
            case ATTENDANCE ->
                l.scope() != Scope.DISTRICT && (l.area() == null || l.measure().equals("ATTENDED_WITHIN_STANDARD"));
            case BREACH_REASONS ->
                (l.scope() == Scope.FORCE && l.rank() <= LISTED) || (l.scope() == Scope.LPA && l.rank() <= 3);
            default -> true;
        };
    }

    private static void notes(StringBuilder h, Snapshot s) {
        h.append("<section class=\"notes\"><h2>Notes</h2>\n<p>")
                .append(escape(Significance.method(s.significance())))
                .append(
                        "</p>\n<p>Differences are percentage points for rates, seconds for waits and per cent for counts. "
                                + "The quarter is the calendar quarter to the month (January to March, April to June, …); the "
                                + "financial year runs from April.</p>\n");
        if (s.publicVersion()) {
            h.append("<p>").append(escape(Publication.note(s))).append("</p>\n");
        }
        h.append("</section>\n");
    }

    private static void provenance(StringBuilder h, Snapshot s) {
        Provenance p = s.provenance();
        h.append("<footer class=\"provenance\"><h2>Provenance</h2>\n<dl>\n");
        h.append("<dt>Months covered</dt><dd>")
                .append(
                        p.monthsCovered().isEmpty()
                                ? "none"
                                : escape(span(p.monthsCovered())) + " ("
                                        + p.monthsCovered().size() + " of " + SnapshotMonths.TREND_MONTHS
                                        + " months in the monthly aggregate store)");
        if (!p.monthsMissing().isEmpty()) {
            h.append("; no data for ")
                    .append(escape(String.join(
                            ", ",
                            p.monthsMissing().stream().map(Labels::shortMonth).toList())));
        }
        h.append("</dd>\n");
        counts(h, "12 months to " + Labels.shortMonth(s.month()), p.year());
        counts(h, Labels.shortMonth(s.month()), p.month());
        h.append("<dt>Configuration</dt><dd>hash ")
                .append(escape(p.configHash()))
                .append(" (standards and labels)");
        if (!p.configHashes().isEmpty()) {
            h.append("; the 12 months counted under ");
            boolean first = true;
            for (Map.Entry<String, Integer> e : p.configHashes().entrySet()) {
                h.append(first ? "" : ", ")
                        .append(escape(e.getKey()))
                        .append(" (")
                        .append(e.getValue())
                        .append(" months)");
                first = false;
            }
        }
        h.append("</dd>\n<dt>Made</dt><dd>")
                .append(escape(MADE.format(p.madeAt())))
                .append(" by Pacesetter from the monthly aggregate "
                        + "store; the same figures as the live job's final MONTH records</dd>\n</dl></footer>\n");
    }

    private static void counts(StringBuilder h, String span, Provenance.Counts c) {
        h.append("<dt>")
                .append(escape(span))
                .append("</dt><dd>")
                .append(String.format(
                        Locale.UK,
                        "%,d call legs (answered or abandoned, every queue) and %,d emergency incidents with an "
                                + "attendance outcome counted, force-wide; %,d events rejected",
                        c.callLegs(),
                        c.incidents(),
                        c.rejectedTotal()));
        if (!c.rejected().isEmpty()) {
            h.append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> r : c.rejected().entrySet()) {
                h.append(first ? "" : ", ")
                        .append("<span class=\"rejected\" data-reason=\"")
                        .append(escape(r.getKey()))
                        .append("\">")
                        .append(escape(r.getKey()))
                        .append(String.format(Locale.UK, " %,d", r.getValue()))
                        .append("</span>");
                first = false;
            }
            h.append(')');
        }
        h.append(", each kept in the dead letters with its reason</dd>\n");
    }

    private static String css(Comparison c) {
        return switch (c.judgement()) {
            case BETTER -> "n better";
            case WORSE -> "n worse";
            case NO_DATA, NOT_COMPARABLE, SUPPRESSED -> "n nodata";
            default -> "n";
        };
    }

    /** The difference, and under it the judgement. */
    private static String changeCell(Comparison c) {
        String judgement = Shown.judgement(c);
        return "<td class=\"" + css(c) + "\">" + escape(Shown.change(c))
                + (judgement.isEmpty() ? "" : "<br><span class=\"j\">" + escape(judgement) + "</span>") + "</td>";
    }

    private static String notes(Line l) {
        String notes = Shown.notes(l.thisYear());
        String monthNotes = Shown.notes(l.month());
        String all = (monthNotes.isEmpty() ? "" : "month: " + monthNotes)
                + (monthNotes.isEmpty() || notes.isEmpty() ? "" : "; ")
                + (notes.isEmpty() ? "" : "12m: " + notes);
        String lastNotes =
                l.lastYear().partial() ? "last year: " + l.lastYear().monthsWithData() + " of 12 months" : "";
        if (!lastNotes.isEmpty()) {
            all = all.isEmpty() ? lastNotes : all + "; " + lastNotes;
        }
        return all;
    }

    private static String figureCell(MeasureKind kind, Figure f) {
        String css = !f.hasData() ? "n nodata" : f.smallNumber() ? "n small" : "n";
        return cell(css, escape(Shown.value(kind, f)));
    }

    private static String cell(String css, String text) {
        return "<td class=\"" + css + "\">" + text + "</td>";
    }

    private static String span(List<YearMonth> months) {
        return months.size() == 1
                ? Labels.shortMonth(months.get(0))
                : Labels.shortMonth(months.get(0)) + " – " + Labels.shortMonth(months.get(months.size() - 1));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(ch);
            }
        }
        return s.toString();
    }

    private static final String STYLE = """
            @page { size: A4 landscape; margin: 11mm 11mm 12mm 11mm; }
            * { box-sizing: border-box; }
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; color: #111; margin: 0; }
            h1 { font-size: 15pt; margin: 0 0 1.5mm; color: #1f4e79; }
            h2 { font-size: 11pt; margin: 4mm 0 1.5mm; color: #1f4e79; }
            p.sub, p.key { margin: 0 0 2mm; color: #333; }
            table.figures { border-collapse: collapse; width: 100%; }
            table.figures th, table.figures td { border: 0.6pt solid #9aa5b1; padding: 0.8mm 1.4mm; vertical-align: top; }
            table.figures th { background: #dfe8f1; text-align: right; font-weight: bold; }
            table.figures th.label, td.label { text-align: left; }
            td.n, td.met, td.j { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            td.notes { font-size: 7.5pt; color: #444; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            tr.force td { font-weight: bold; background: #f3f6f9; }
            .better { color: #0a6b2c; }
            .worse { color: #b00020; }
            .nodata { color: #666; font-style: italic; }
            .small { background: #fff1b8; }
            section.headline table.figures td { font-size: 8pt; }
            section.headline table.figures td.notes { font-size: 6.5pt; }
            section.trends { break-inside: auto; }
            div.charts { display: flex; flex-wrap: wrap; gap: 2mm; }
            figure { margin: 0; width: 24%; break-inside: avoid; }
            figcaption { font-size: 7.5pt; }
            section.detail table.figures td { font-size: 7.5pt; padding: 0.5mm 1.2mm; }
            section.headline col.measure { width: 40mm; }
            section.headline col.notes { width: 62mm; }
            figcaption { font-weight: bold; margin-bottom: 1mm; }
            figure svg { width: 100%; height: auto; }
            section.headline, section.commentary, section.trends, section.detail { break-before: page; }
            section.exceptions div.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
            h3 { font-size: 9.5pt; margin: 3mm 0 1mm; color: #1f4e79; break-after: avoid; }
            section.exceptions ul { margin: 0; padding-left: 4mm; }
            table.compact td, table.compact th { padding: 0.5mm 1mm; font-size: 7.5pt; }
            span.j { font-size: 7pt; }
            span.said { color: #1f4e79; font-style: italic; }
            section.commentary p { margin: 0 0 2mm; max-width: 250mm; }
            section.notes { break-before: avoid; font-size: 8pt; }
            footer.provenance { break-before: avoid; margin-top: 5mm; border-top: 0.8pt solid #1f4e79; font-size: 8pt; }
            footer dl { display: grid; grid-template-columns: 32mm 1fr; gap: 0.8mm 3mm; margin: 0; }
            footer dt { font-weight: bold; }
            footer dd { margin: 0; }
            """;
}
