package io.pacesetter.job.report;

import io.pacesetter.config.DistrictConfig;
import io.pacesetter.config.LpaConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The public version of a snapshot ({@code snapshot --public}): every figure counted over fewer than
 * {@code snapshot.suppressBelow} legs, incidents or events is withheld (primary suppression), and then,
 * wherever parts add up to a published total, the smallest other part too, until no total less the
 * parts shown reveals a withheld one (secondary suppression): the urban and rural parts of a scope,
 * the districts of an LPA, the LPAs of the force, a scope's breach reasons and its breaches with no
 * reason, and a queue's answer bands. A trend month withheld withholds the rolling 12-month figures that
 * include it. Figures are rounded as the force publishes them (rates to 0.1 of a per cent, waits to 0.1 s,
 * counts whole), numerators are dropped, and the change beside a withheld figure is withheld. The
 * snapshot holds no incident or call ids in any version.
 */
public final class Publication {
    private final int below;
    private final Map<String, String> lpaOfDistrict = new HashMap<>();

    private Publication(PacesetterConfig config) {
        this.below = config.snapshot().suppressBelow();
        for (LpaConfig lpa : config.lpas()) {
            for (DistrictConfig d : lpa.districts()) {
                lpaOfDistrict.put(d.name(), lpa.name());
            }
        }
    }

    /** How the report's notes state what was done. */
    public static String note(Snapshot s) {
        return "Public version: figures counted over fewer than " + s.suppressBelow()
                + " legs, incidents or events are withheld (*), and others with them wherever a total would "
                + "reveal one; rates rounded to 0.1 of a per cent, waits to 0.1 s; no incident or call ids.";
    }

    public static Snapshot of(Snapshot s, PacesetterConfig config) {
        return new Publication(config).apply(s);
    }

    private Snapshot apply(Snapshot s) {
        int slots = ComparisonKind.values().length * 2;
        List<Line> lines = s.lines();
        // suppressed[line][slot]: slot 2k is comparison k's current figure, 2k + 1 its previous one.
        boolean[][] suppressed = new boolean[lines.size()][slots];
        for (int i = 0; i < lines.size(); i++) {
            for (int slot = 0; slot < slots; slot++) {
                suppressed[i][slot] = small(figure(lines.get(i), slot));
            }
        }
        List<List<Integer>> groups = groups(lines);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Integer> group : groups) {
                for (int slot = 0; slot < slots; slot++) {
                    int withheld = 0;
                    Integer smallest = null;
                    for (int i : group) {
                        Figure f = figure(lines.get(i), slot);
                        if (suppressed[i][slot]) {
                            withheld++;
                        } else if (f.hasData()
                                && (smallest == null
                                        || f.base()
                                                < figure(lines.get(smallest), slot)
                                                        .base())) {
                            smallest = i;
                        }
                    }
                    if (withheld == 1 && smallest != null) {
                        suppressed[smallest][slot] = true;
                        changed = true;
                    }
                }
            }
        }
        List<Line> published = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            published.add(publish(lines.get(i), suppressed[i]));
        }
        List<Trend> trends = new ArrayList<>();
        for (Trend t : s.trends()) {
            trends.add(publish(t));
        }
        return new Snapshot(
                s.force(),
                s.month(),
                s.timeZone(),
                s.smallNumberThreshold(),
                published,
                trends,
                s.provenance(),
                s.significance(),
                s.commentary(),
                true,
                s.suppressBelow());
    }

    private static Figure figure(Line l, int slot) {
        Compared c = l.comparisons().get(slot / 2);
        return slot % 2 == 0 ? c.current() : c.previous();
    }

    private boolean small(Figure f) {
        return f.hasData() && f.base() > 0 && f.base() < below;
    }

    /** Lines whose figures add up to another published line's. */
    private List<List<Integer>> groups(List<Line> lines) {
        List<List<Integer>> groups = new ArrayList<>();
        group(groups, lines, l -> l.area() == null ? null : key(l, l.scope(), l.scopeId(), null, l.reason()));
        group(
                groups,
                lines,
                l -> l.scope() == Scope.DISTRICT
                        ? key(l, Scope.LPA, lpaOfDistrict.getOrDefault(l.scopeId(), "?"), l.area(), l.reason())
                        : null);
        group(groups, lines, l -> l.scope() == Scope.LPA ? key(l, Scope.FORCE, "", l.area(), l.reason()) : null);
        group(
                groups,
                lines,
                l -> l.section() == Section.BREACH_REASONS || l.measure().equals(SnapshotBuilder.NO_REASON)
                        ? "reasons|" + l.scope() + l.scopeId() + l.area()
                        : null);
        group(
                groups,
                lines,
                l -> l.section() == Section.ANSWER_BANDS
                        ? "bands|" + l.queue() + l.scope() + l.scopeId() + l.area()
                        : null);
        return groups;
    }

    private static String key(Line l, Scope scope, String scopeId, Object area, String reason) {
        return l.section() + "|" + l.measure() + "|" + l.queue() + "|" + scope + "|" + scopeId + "|" + area + "|"
                + Objects.toString(reason);
    }

    private static void group(List<List<Integer>> groups, List<Line> lines, Function<Line, String> keyOf) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String key = keyOf.apply(lines.get(i));
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        byKey.values().stream().filter(g -> g.size() > 1).forEach(groups::add);
    }

    private Line publish(Line l, boolean[] suppressed) {
        List<Compared> comparisons = new ArrayList<>();
        for (Compared c : l.comparisons()) {
            int k = c.kind().ordinal();
            Figure now = suppressed[2 * k] ? c.current().suppress() : rounded(l.kind(), c.current());
            Figure before = suppressed[2 * k + 1] ? c.previous().suppress() : rounded(l.kind(), c.previous());
            Comparison change = now.suppressed() || before.suppressed()
                    ? new Comparison(null, c.change().unit(), Comparison.Judgement.SUPPRESSED, null)
                    : new Comparison(
                            c.change().difference() == null
                                    ? null
                                    : Math.round(c.change().difference() * 10) / 10.0,
                            c.change().unit(),
                            c.change().judgement(),
                            c.change().pValue());
            comparisons.add(new Compared(c.kind(), now, before, change));
        }
        Compared year = comparisons.get(ComparisonKind.TWELVE_MONTHS.ordinal());
        return new Line(
                l.section(),
                l.measure(),
                l.label(),
                l.queue(),
                l.scope(),
                l.scopeId(),
                l.area(),
                l.reason(),
                l.denominatorRule(),
                comparisons.get(ComparisonKind.MONTH.ordinal()).current(),
                year.previous(),
                year.current(),
                year.change(),
                l.rank(),
                List.copyOf(comparisons));
    }

    private Trend publish(Trend t) {
        MeasureKind kind = MeasureKind.of(t.measure());
        List<Figure> months = new ArrayList<>();
        List<Figure> rolling = new ArrayList<>();
        int n = t.months().size();
        boolean[] withheld = new boolean[n];
        for (int i = 0; i < n; i++) {
            withheld[i] = small(t.months().get(i));
            months.add(
                    withheld[i]
                            ? t.months().get(i).suppress()
                            : rounded(kind, t.months().get(i)));
        }
        for (int i = 0; i < n; i++) {
            boolean covers = false;
            for (int j = Math.max(0, i - 11); j <= i; j++) {
                covers |= withheld[j];
            }
            Figure f = t.rolling().get(i);
            rolling.add(covers || small(f) ? f.suppress() : rounded(kind, f));
        }
        return new Trend(
                t.measure(), t.label(), t.queue(), t.scope(), t.scopeId(), t.area(), t.target(), months, rolling);
    }

    /** As the force publishes: rates to 0.1 of a per cent, waits to 0.1 s, counts whole; no numerator. */
    private static Figure rounded(MeasureKind kind, Figure f) {
        if (f.value() == null) {
            return f;
        }
        double v = switch (kind) {
            case RATE -> Math.round(f.value() * 1000) / 1000.0;
            case SECONDS -> Math.round(f.value() * 10) / 10.0;
            case COUNT -> (double) Math.round(f.value());
        };
        return new Figure(
                null,
                f.denominator(),
                v,
                f.target(),
                f.met(),
                f.monthsWithData(),
                f.monthsInPeriod(),
                f.base(),
                f.smallNumber(),
                false);
    }
}
