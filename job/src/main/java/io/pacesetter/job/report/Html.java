package io.pacesetter.job.report;

import io.pacesetter.connectors.contract.Scope;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The snapshot as a printable HTML report: A4 landscape, the headline table on page one in the
 * shape of the force's monthly performance report ("12m Last Year / 12m This Year / Better/Worse
 * % or % pt. diff."), 24-month trend charts drawn as inline SVG, then every section by LPA and
 * district, and a provenance footer. One self-contained file: no script, font, image or style
 * sheet is fetched, so it prints the same anywhere and can be archived as is.
 */
public final class Html {
    private static final DateTimeFormatter MADE =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm:ss 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private Html() {}

    public static String render(Snapshot s) {
        SnapshotMonths months = s.months();
        String monthName = Labels.month(s.month());
        StringBuilder h = new StringBuilder(1 << 16);
        String title = s.force() + ": monthly performance snapshot, " + monthName;
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n");
        h.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(escape(title)).append("</h1>\n");
        h.append("<p class=\"sub\">Data to ")
                .append(escape(monthName))
                .append(" (months in ")
                .append(escape(s.timeZone()))
                .append("). 12m This Year: ")
                .append(span(months.thisYear()))
                .append("; 12m Last Year: ")
                .append(span(months.lastYear()))
                .append(
                        ". Differences are percentage points for rates and per cent for counts and times; better or worse by the "
                                + "direction that is better for each measure.</p></header>\n");

        h.append("<section class=\"headline\"><h2>")
                .append(Section.HEADLINE.title)
                .append("</h2>\n");
        h.append("<table class=\"figures\"><thead><tr><th class=\"label\">Data to ")
                .append(escape(Labels.shortMonth(s.month())))
                .append("</th><th>Standard</th><th>")
                .append(escape(Labels.shortMonth(s.month())))
                .append(
                        "</th><th>12m Last Year</th><th>12m This Year</th><th>Better/ Worse % or % pt. diff.</th><th></th>"
                                + "<th>Standard met (12m)</th><th class=\"label\">Notes</th></tr></thead>\n<tbody>\n");
        for (Line l : s.section(Section.HEADLINE)) {
            h.append("<tr>")
                    .append(cell("label", escape(l.label())))
                    .append(standardCells(l))
                    .append("</tr>\n");
        }
        h.append("</tbody></table>\n");
        h.append("<p class=\"key\">Figures counted over fewer than ")
                .append(s.smallNumberThreshold())
                .append(
                        " legs or incidents are marked <span class=\"small\">small number</span>; a period with no data says so.</p>\n");
        h.append("</section>\n");

        h.append("<section class=\"trends\"><h2>24-month trend, force-wide</h2>\n<div class=\"charts\">\n");
        for (Trend t : s.trends()) {
            if (t.scope() == Scope.FORCE) {
                h.append("<figure><figcaption>")
                        .append(escape(t.label()))
                        .append("</figcaption>")
                        .append(TrendChart.svg(t, months.trend()))
                        .append("</figure>\n");
            }
        }
        h.append("</div></section>\n");

        for (Section section : List.of(
                Section.CALL_HANDLING,
                Section.ANSWER_BANDS,
                Section.ATTENDANCE,
                Section.BREACH_REASONS,
                Section.DATA_QUALITY)) {
            List<Line> lines = s.section(section);
            h.append("<section class=\"detail\"><h2>").append(section.title).append("</h2>\n");
            if (lines.isEmpty()) {
                h.append("<p class=\"nodata\">").append(Shown.NO_DATA).append("</p></section>\n");
                continue;
            }
            h.append("<table class=\"figures\"><thead><tr><th class=\"label\">Scope</th><th class=\"label\">")
                    .append(section == Section.BREACH_REASONS ? "Rank and reason" : "Measure")
                    .append("</th><th>Standard</th><th>")
                    .append(escape(Labels.shortMonth(s.month())))
                    .append("</th><th>12m Last Year</th><th>12m This Year</th>"
                            + "<th>Better/ Worse % or % pt. diff.</th><th></th><th>Standard met (12m)</th><th class=\"label\">Notes</th>"
                            + "</tr></thead>\n<tbody>\n");
            for (Line l : lines) {
                String label = section == Section.BREACH_REASONS ? l.rank() + ". " + l.reason() : l.label();
                h.append("<tr")
                        .append(l.scope() == Scope.FORCE ? " class=\"force\"" : "")
                        .append(">")
                        .append(cell("label", escape(l.scopeLabel())))
                        .append(cell("label", escape(label)))
                        .append(standardCells(l))
                        .append("</tr>\n");
            }
            h.append("</tbody></table></section>\n");
        }

        Provenance p = s.provenance();
        h.append("<footer class=\"provenance\"><h2>Provenance</h2>\n<dl>\n");
        h.append("<dt>Months covered</dt><dd>")
                .append(
                        p.monthsCovered().isEmpty()
                                ? "none"
                                : escape(span(p.monthsCovered())) + " ("
                                        + p.monthsCovered().size() + " of 24 months in the monthly aggregate store)");
        if (!p.monthsMissing().isEmpty()) {
            h.append("; no data for ")
                    .append(escape(String.join(
                            ", ",
                            p.monthsMissing().stream().map(Labels::shortMonth).toList())));
        }
        h.append("</dd>\n");
        h.append(String.format(
                Locale.UK,
                "<dt>Events counted</dt><dd>%,d call legs (answered or abandoned, every queue) and %,d "
                        + "emergency incidents with an attendance outcome, force-wide, in the months covered</dd>%n",
                p.callLegsCounted(),
                p.incidentsCounted()));
        h.append(String.format(Locale.UK, "<dt>Events rejected</dt><dd>%,d", p.rejectedTotal()));
        if (!p.rejected().isEmpty()) {
            h.append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> r : p.rejected().entrySet()) {
                h.append(first ? "" : ", ")
                        .append(escape(r.getKey()))
                        .append(String.format(Locale.UK, " %,d", r.getValue()));
                first = false;
            }
            h.append(')');
        }
        h.append(", each kept in the dead letters with its reason</dd>\n");
        h.append("<dt>Configuration</dt><dd>hash ")
                .append(escape(p.configHash()))
                .append(" (standards and labels)");
        if (!p.configHashes().isEmpty()) {
            h.append("; months counted under ");
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
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String standardCells(Line l) {
        MeasureKind kind = l.kind();
        StringBuilder c = new StringBuilder();
        c.append(cell("n", escape(Shown.target(kind, l.thisYear().target()))));
        c.append(figureCell(kind, l.month()));
        c.append(figureCell(kind, l.lastYear()));
        c.append(figureCell(kind, l.thisYear()));
        String judgement = Shown.judgement(l.change());
        String css = switch (l.change().judgement()) {
            case BETTER -> "n better";
            case WORSE -> "n worse";
            case NO_DATA, NOT_COMPARABLE -> "n nodata";
            default -> "n";
        };
        c.append(cell(css, escape(Shown.change(l.change()))));
        c.append(cell(css.replace("n ", "j "), escape(judgement)));
        c.append(cell("met", escape(Shown.met(l.thisYear()))));
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
        c.append(cell("label notes", escape(all)));
        return c.toString();
    }

    private static String figureCell(MeasureKind kind, Figure f) {
        String css = !f.hasData() ? "n nodata" : f.smallNumber() ? "n small" : "n";
        return cell(css, escape(Shown.value(kind, f.value())));
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
            section.headline table.figures td { font-size: 9.5pt; }
            section.trends { break-inside: auto; }
            div.charts { display: flex; flex-wrap: wrap; gap: 3mm; }
            figure { margin: 0; width: 49%; break-inside: avoid; }
            figcaption { font-weight: bold; margin-bottom: 1mm; }
            figure svg { width: 100%; height: auto; }
            section.detail { break-before: page; }
            footer.provenance { break-before: avoid; margin-top: 5mm; border-top: 0.8pt solid #1f4e79; font-size: 8pt; }
            footer dl { display: grid; grid-template-columns: 32mm 1fr; gap: 0.8mm 3mm; margin: 0; }
            footer dt { font-weight: bold; }
            footer dd { margin: 0; }
            """;
}
