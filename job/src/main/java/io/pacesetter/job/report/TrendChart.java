package io.pacesetter.job.report;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A 36-month trend as an inline SVG chart: no script, no external asset, so it prints as drawn.
 * Each month a dot on a thin line, the rolling 12 months a thick line, the axis from 0 so monthly
 * noise is not exaggerated. A month with no data breaks the line rather than dropping to zero; the
 * standard is a dashed line.
 */
final class TrendChart {
    private static final int WIDTH = 360;
    private static final int HEIGHT = 170;
    private static final int LEFT = 46;
    private static final int RIGHT = 10;
    private static final int TOP = 12;
    private static final int BOTTOM = 30;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);

    private TrendChart() {}

    static String svg(Trend trend, List<YearMonth> months) {
        MeasureKind kind = MeasureKind.of(trend.measure());
        double scale = kind == MeasureKind.RATE ? 100 : 1;
        // Honest axes: from 0, so a month's noise is not blown up into a trend.
        double lo = 0;
        double hi = -Double.MAX_VALUE;
        for (Figure f : trend.months()) {
            if (f.value() != null) {
                hi = Math.max(hi, f.value() * scale);
            }
        }
        if (trend.target() != null) {
            lo = Math.min(lo, trend.target() * scale);
            hi = Math.max(hi, trend.target() * scale);
        }
        if (hi == -Double.MAX_VALUE || hi <= 0) {
            hi = kind == MeasureKind.RATE ? 100 : 1;
        }
        double[] axis = niceAxis(lo, hi, kind == MeasureKind.RATE);
        double min = axis[0];
        double max = axis[1];
        double step = axis[2];
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        int n = months.size();
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.UK,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "role=\"img\" aria-label=\"%s\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                Html.escape(trend.label() + ", " + trend.scopeLabel())));
        s.append("<rect x=\"0\" y=\"0\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" fill=\"#fff\"/>");
        for (double v = min; v <= max + step / 1e6; v += step) {
            double y = TOP + plotH - (v - min) / (max - min) * plotH;
            s.append(String.format(
                    Locale.UK,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\" stroke-width=\"0.7\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            s.append(String.format(
                    Locale.UK,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" fill=\"#333\">%s</text>",
                    LEFT - 4,
                    y + 3,
                    tickLabel(v, kind, step)));
        }
        for (int i = n % 6 == 0 ? 5 : 0; i < n; i += 6) {
            double x = LEFT + (i + 0.5) * plotW / n;
            s.append(String.format(
                    Locale.UK,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\" fill=\"#333\">%s</text>",
                    x,
                    HEIGHT - BOTTOM + 13,
                    TICK.format(months.get(i))));
        }
        s.append(String.format(
                Locale.UK,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\" stroke-width=\"0.8\"/>",
                LEFT,
                TOP + plotH,
                WIDTH - RIGHT,
                TOP + plotH));
        if (trend.target() != null) {
            double y = TOP + plotH - (trend.target() * scale - min) / (max - min) * plotH;
            s.append(String.format(
                    Locale.UK,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b00020\" stroke-width=\"1\" "
                            + "stroke-dasharray=\"5 3\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            s.append(String.format(
                    Locale.UK,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" fill=\"#b00020\">standard %s</text>",
                    WIDTH - RIGHT - 2,
                    y - 3,
                    Shown.value(kind, trend.target())));
        }
        StringBuilder line12 = new StringBuilder();
        boolean on = false;
        for (int i = 0; i < n && i < trend.rolling().size(); i++) {
            Figure f = trend.rolling().get(i);
            if (f.value() == null || f.partial()) {
                on = false;
                continue;
            }
            double x = LEFT + (i + 0.5) * plotW / n;
            double y = TOP + plotH - (f.value() * scale - min) / (max - min) * plotH;
            line12.append(String.format(Locale.UK, "%s%.1f %.1f ", on ? "L" : "M", x, y));
            on = true;
        }
        if (line12.length() > 0) {
            s.append("<path class=\"rolling\" d=\"")
                    .append(line12.toString().trim())
                    .append("\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.2\"/>");
        }
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Figure f = trend.months().get(i);
            if (f.value() == null) {
                drawing = false;
                continue;
            }
            double x = LEFT + (i + 0.5) * plotW / n;
            double y = TOP + plotH - (f.value() * scale - min) / (max - min) * plotH;
            path.append(String.format(Locale.UK, "%s%.1f %.1f ", drawing ? "L" : "M", x, y));
            drawing = true;
            dots.append(String.format(
                    Locale.UK,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"><title>%s: %s</title></circle>",
                    x,
                    y,
                    i == n - 1 ? "2.6" : "1.5",
                    f.smallNumber() ? "#fff" : "#7f9cba",
                    Labels.shortMonth(months.get(i)),
                    Shown.value(kind, f.value())));
        }
        if (path.length() > 0) {
            s.append("<path class=\"monthly\" d=\"")
                    .append(path.toString().trim())
                    .append("\" fill=\"none\" stroke=\"#7f9cba\" stroke-width=\"0.7\"/>");
        }
        s.append(dots.toString().replace("fill=\"#fff\">", "fill=\"#fff\" stroke=\"#1f4e79\">"));
        s.append("</svg>");
        return s.toString();
    }

    /** min, max, step: round numbers around the data, rates within 0..100. */
    static double[] niceAxis(double lo, double hi, boolean percent) {
        if (hi - lo < 1e-9) {
            lo -= 1;
            hi += 1;
        }
        double raw = (hi - lo) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double min = Math.floor(lo / step) * step;
        double max = Math.ceil(hi / step) * step;
        if (percent) {
            min = Math.max(0, min);
            max = Math.min(100, max);
            if (max <= min) {
                max = min + step;
            }
        } else if (lo >= 0) {
            min = Math.max(0, min);
        }
        return new double[] {min, max, step};
    }

    private static String tickLabel(double v, MeasureKind kind, double step) {
        // A step of 2.5 needs its decimal (12.5 s), a step of 5 does not.
        String number =
                step == Math.rint(step) ? String.format(Locale.UK, "%.0f", v) : String.format(Locale.UK, "%.1f", v);
        return kind == MeasureKind.RATE ? number + "%" : kind == MeasureKind.SECONDS ? number + " s" : number;
    }
}
