package io.pacesetter.job.report;

import io.pacesetter.config.DistrictConfig;
import io.pacesetter.config.LpaConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MeasureRecords;
import io.pacesetter.job.measures.MonthAggregate;
import io.pacesetter.job.measures.ScopedOutcome;
import io.pacesetter.job.measures.Tally;
import io.pacesetter.job.store.ConfigHash;
import io.pacesetter.job.store.StoreMonth;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a month's snapshot from the store's months. Every figure is a {@link MeasureRecords}
 * record over a sum of monthly tallies: the month's figures are exactly the live job's final MONTH
 * records, and twelve months' are the same rules over the twelve months' counts (the 90th
 * percentile over all their exact wait counts), never an average of monthly figures.
 */
public final class SnapshotBuilder {
    private static final List<String> CALL_MEASURES = List.of(
            "CALLS_OFFERED",
            "CALLS_ANSWERED",
            "CALLS_ABANDONED",
            "ANSWERED_WITHIN_STANDARD",
            "ABANDONMENT_RATE",
            "MEAN_WAIT_SECONDS",
            "P90_WAIT_SECONDS");
    private static final List<String> BAND_MEASURES =
            List.of("ANSWER_BAND_UNDER_10S", "ANSWER_BAND_10_TO_60S", "ANSWER_BAND_60S_PLUS");
    private static final String ATTENDED = "ATTENDED_WITHIN_STANDARD";
    private static final String FAILURES = "ATTENDANCE_FAILURES_BY_REASON";
    /** Report-only counts read straight off the tally (no standard, no rule of the force): see {@link #emit}. */
    static final String OFFERED = "CALLS_OFFERED";

    static final String INCIDENTS = "EMERGENCY_INCIDENTS";
    static final String NO_REASON = "BREACHES_NO_REASON";

    private final PacesetterConfig config;
    private final MeasureRecords records;
    private final Clock clock;
    private final int threshold;
    private final double significance;
    private final List<String> queueOrder;
    private final Map<String, Integer> placeOrder = new HashMap<>();

    public SnapshotBuilder(PacesetterConfig config, Clock clock) {
        this.config = config;
        this.records = new MeasureRecords(config);
        this.clock = clock;
        this.threshold = config.snapshot().smallNumberThreshold();
        this.significance = config.snapshot().significance();
        this.queueOrder = new ArrayList<>(config.queues().keySet());
        int i = 0;
        for (LpaConfig lpa : config.lpas()) {
            placeOrder.putIfAbsent(Scope.LPA + lpa.name(), i++);
            for (DistrictConfig d : lpa.districts()) {
                placeOrder.putIfAbsent(Scope.DISTRICT + d.name(), i++);
            }
        }
    }

    /**
     * @param month the snapshot's month
     * @param store the store's months (any; those outside {@link SnapshotMonths#read()} are ignored)
     */
    public Snapshot build(YearMonth month, Map<YearMonth, StoreMonth> store) {
        SnapshotMonths months = new SnapshotMonths(month);
        Map<YearMonth, StoreMonth> covered = new TreeMap<>();
        for (YearMonth m : months.read()) {
            StoreMonth held = store.get(m);
            if (held != null) {
                check(held);
                covered.put(m, held);
            }
        }
        // scope key → month → tally
        Map<String, Map<YearMonth, Tally>> tallies = new HashMap<>();
        Map<String, ScopedOutcome> scopes = new HashMap<>();
        for (StoreMonth m : covered.values()) {
            for (MonthAggregate a : m.aggregates()) {
                ScopedOutcome key = a.scopeKey();
                scopes.putIfAbsent(key.key, key);
                tallies.computeIfAbsent(key.key, k -> new HashMap<>()).merge(m.month(), a.tally, (x, y) -> {
                    Tally sum = new Tally();
                    sum.add(x);
                    sum.add(y);
                    return sum;
                });
            }
        }
        // The headline measures have a line even with no data at all: "no data" is an answer.
        for (String queue : queueOrder) {
            ScopedOutcome key = new ScopedOutcome()
                    .addressedTo(
                            MeasureFamily.CALL_LEGS,
                            queue,
                            Scope.FORCE,
                            config.force().name(),
                            null);
            scopes.putIfAbsent(key.key, key);
        }
        ScopedOutcome forceAttendance = new ScopedOutcome()
                .addressedTo(
                        MeasureFamily.ATTENDANCE,
                        null,
                        Scope.FORCE,
                        config.force().name(),
                        null);
        scopes.putIfAbsent(forceAttendance.key, forceAttendance);

        List<ScopedOutcome> ordered = new ArrayList<>(scopes.values());
        ordered.sort(scopeOrder());
        Periods periods = new Periods(months, covered.keySet(), tallies, this::emit);

        List<Line> lines = new ArrayList<>();
        List<Trend> trends = new ArrayList<>();
        // Headline: force-wide, every measure with a standard, queues in configured order, then attendance.
        for (ScopedOutcome key : ordered) {
            if (key.scope != Scope.FORCE || key.area != null || key.family == MeasureFamily.DATA_QUALITY) {
                continue;
            }
            for (String measure : headlineMeasures(key)) {
                lines.add(line(Section.HEADLINE, key, measure, null, periods, 0));
            }
        }
        for (ScopedOutcome key : ordered) {
            if (key.family == MeasureFamily.CALL_LEGS) {
                for (String measure : CALL_MEASURES) {
                    if (!measure.equals("ANSWERED_WITHIN_STANDARD")
                            || config.standardFor(key.queue).answerThreshold() != null) {
                        lines.add(line(Section.CALL_HANDLING, key, measure, null, periods, 0));
                    }
                }
            }
        }
        for (ScopedOutcome key : ordered) {
            if (key.family == MeasureFamily.CALL_LEGS) {
                for (String measure : BAND_MEASURES) {
                    lines.add(line(Section.ANSWER_BANDS, key, measure, null, periods, 0));
                }
            }
        }
        for (ScopedOutcome key : ordered) {
            if (key.family == MeasureFamily.ATTENDANCE) {
                lines.add(line(Section.ATTENDANCE, key, ATTENDED, null, periods, 0));
                lines.add(line(Section.ATTENDANCE, key, INCIDENTS, null, periods, 0));
                lines.add(line(Section.ATTENDANCE, key, NO_REASON, null, periods, 0));
            }
        }
        for (ScopedOutcome key : ordered) {
            if (key.family == MeasureFamily.ATTENDANCE && key.area == null) {
                lines.addAll(rankedReasons(key, periods));
            }
        }
        for (ScopedOutcome key : ordered) {
            if (key.family == MeasureFamily.DATA_QUALITY) {
                for (String reason : periods.reasons(key.key)) {
                    lines.add(line(Section.DATA_QUALITY, key, "DATA_QUALITY_" + reason, reason, periods, 0));
                }
            }
        }
        for (ScopedOutcome key : ordered) {
            if ((key.scope == Scope.FORCE || key.scope == Scope.LPA)
                    && key.area == null
                    && key.family != MeasureFamily.DATA_QUALITY) {
                for (String measure : trendMeasures(key)) {
                    trends.add(trend(key, measure, months, periods));
                }
            }
        }
        return new Snapshot(
                config.force().name(),
                month,
                config.force().timeZone().getId(),
                threshold,
                lines,
                trends,
                provenance(months, covered, periods),
                significance,
                Map.of(),
                false,
                config.snapshot().suppressBelow());
    }

    private void check(StoreMonth m) {
        if (!config.force().name().equals(m.force())) {
            throw new IllegalArgumentException(
                    "the store's " + m.month() + " was counted for '" + m.force() + "', not '"
                            + config.force().name() + "'; give the --config of that force, or the store of this one");
        }
        if (!config.force().timeZone().getId().equals(m.timeZone())) {
            throw new IllegalArgumentException("the store's " + m.month() + " was cut in " + m.timeZone() + ", not "
                    + config.force().timeZone().getId() + " (force.timeZone); give the --config it was counted with");
        }
    }

    /** The headline table's rows: volumes beside the measures with a standard, and breaches with no reason. */
    private List<String> headlineMeasures(ScopedOutcome key) {
        if (key.family == MeasureFamily.ATTENDANCE) {
            return List.of(INCIDENTS, ATTENDED, NO_REASON);
        }
        List<String> standards = trendMeasures(key);
        if (standards.isEmpty()) {
            return standards;
        }
        List<String> measures = new ArrayList<>();
        measures.add(OFFERED);
        measures.addAll(standards);
        return measures;
    }

    /** The measures with a standard: charted month by month. */
    private List<String> trendMeasures(ScopedOutcome key) {
        if (key.family == MeasureFamily.ATTENDANCE) {
            return List.of(ATTENDED);
        }
        if (key.family == MeasureFamily.RESPONSE) {
            return List.of(); // dispatch and travel times have no standard; the snapshot does not show them yet
        }
        QueueStandard standard = config.standardFor(key.queue);
        List<String> measures = new ArrayList<>();
        if (standard.answerThreshold() != null && standard.answeredWithinTarget() != null) {
            measures.add("ANSWERED_WITHIN_STANDARD");
        }
        if (standard.abandonmentTarget() != null) {
            measures.add("ABANDONMENT_RATE");
        }
        if (standard.meanWaitTarget() != null) {
            measures.add("MEAN_WAIT_SECONDS");
        }
        return measures;
    }

    /** Breach reasons of one scope, commonest over the 12 months to the month first. */
    private List<Line> rankedReasons(ScopedOutcome key, Periods periods) {
        List<Line> reasons = new ArrayList<>();
        for (String reason : periods.reasons(key.key)) {
            reasons.add(line(Section.BREACH_REASONS, key, FAILURES, reason, periods, 0));
        }
        reasons.sort(Comparator.comparing((Line l) -> -orZero(l.thisYear().value()))
                .thenComparing(l -> -orZero(l.month().value()))
                .thenComparing(Line::reason));
        List<Line> ranked = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            Line l = reasons.get(i);
            ranked.add(new Line(
                    l.section(),
                    l.measure(),
                    l.label(),
                    l.queue(),
                    l.scope(),
                    l.scopeId(),
                    l.area(),
                    l.reason(),
                    l.denominatorRule(),
                    l.month(),
                    l.lastYear(),
                    l.thisYear(),
                    l.change(),
                    i + 1,
                    l.comparisons()));
        }
        return ranked;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private Line line(Section section, ScopedOutcome key, String measure, String reason, Periods periods, int rank) {
        SnapshotMonths months = periods.months;
        List<Compared> comparisons = new ArrayList<>();
        for (ComparisonKind kind : ComparisonKind.values()) {
            List<YearMonth> now = kind.span(months.month());
            List<YearMonth> before = kind.before(months.month());
            Figure current = figure(key, measure, reason, now, periods);
            Figure previous = figure(key, measure, reason, before, periods);
            Double p = current.hasData() && previous.hasData()
                    ? pValue(key, measure, previous, current, before, now, periods)
                    : null;
            comparisons.add(new Compared(
                    kind,
                    current,
                    previous,
                    Comparison.of(measure, previous.value(), current.value(), p, significance)));
        }
        Compared year = comparisons.get(ComparisonKind.TWELVE_MONTHS.ordinal());
        MeasureRecord any = recordOf(key, measure, reason, new Tally());
        return new Line(
                section,
                measure,
                Labels.measure(config, measure, key.queue, key.area, reason),
                key.queue,
                key.scope,
                key.scopeId,
                key.area,
                reason,
                any == null ? null : any.denominatorRule,
                comparisons.get(ComparisonKind.MONTH.ordinal()).current(),
                year.previous(),
                year.current(),
                year.change(),
                rank,
                List.copyOf(comparisons));
    }

    /** The two-sided p-value of the change, by the test that fits the measure ({@link Significance}). */
    private static Double pValue(
            ScopedOutcome key,
            String measure,
            Figure previous,
            Figure current,
            List<YearMonth> before,
            List<YearMonth> now,
            Periods periods) {
        return switch (MeasureKind.of(measure)) {
            case RATE ->
                previous.numerator() == null || current.numerator() == null
                        ? null
                        : Significance.proportions(
                                previous.numerator(),
                                previous.denominator(),
                                current.numerator(),
                                current.denominator());
            case SECONDS ->
                measure.equals("P90_WAIT_SECONDS")
                        ? Significance.p90(periods.sum(key.key, before), periods.sum(key.key, now))
                        : Significance.means(periods.sum(key.key, before), periods.sum(key.key, now));
            case COUNT -> Significance.counts(previous.value(), days(before), current.value(), days(now));
        };
    }

    private static int days(List<YearMonth> months) {
        return months.stream().mapToInt(YearMonth::lengthOfMonth).sum();
    }

    private Trend trend(ScopedOutcome key, String measure, SnapshotMonths months, Periods periods) {
        List<Figure> figures = new ArrayList<>();
        List<Figure> rolling = new ArrayList<>();
        for (YearMonth m : months.trend()) {
            figures.add(figure(key, measure, null, List.of(m), periods));
            rolling.add(figure(key, measure, null, SnapshotMonths.twelveTo(m), periods));
        }
        MeasureRecord any = recordOf(key, measure, null, new Tally());
        return new Trend(
                measure,
                Labels.measure(config, measure, key.queue, key.area, null),
                key.queue,
                key.scope,
                key.scopeId,
                key.area,
                any == null ? null : any.target,
                figures,
                rolling);
    }

    /** One measure over the months given: the record the rules make of their summed tallies. */
    private Figure figure(ScopedOutcome key, String measure, String reason, List<YearMonth> span, Periods periods) {
        int withData = periods.coverage(span);
        // Only a breach's reason is on its record; a data-quality count names its reason in the measure.
        MeasureRecord r = find(periods.records(key, span), measure, FAILURES.equals(measure) ? reason : null);
        if (withData == 0) {
            return new Figure(null, null, null, r == null ? null : r.target, null, 0, span.size(), 0, false);
        }
        if (r == null) {
            // A reason (or data-quality count) that did not occur in these months: a true zero.
            return new Figure(null, null, 0.0, null, null, withData, span.size(), 0, false);
        }
        long base = MeasureKind.of(measure) == MeasureKind.COUNT ? Math.round(r.value) : Math.round(r.denominator);
        boolean small = r.value != null && threshold > 0 && base < threshold;
        return new Figure(r.numerator, r.denominator, r.value, r.target, r.met, withData, span.size(), base, small);
    }

    private MeasureRecord recordOf(ScopedOutcome key, String measure, String reason, Tally tally) {
        return find(emit(key, tally), measure, FAILURES.equals(measure) ? reason : null);
    }

    private static MeasureRecord find(List<MeasureRecord> emitted, String measure, String reason) {
        for (MeasureRecord r : emitted) {
            if (r.measure.equals(measure) && java.util.Objects.equals(r.reason, reason)) {
                return r;
            }
        }
        return null;
    }

    /** Every record the rules make of one tally, as the live job's MONTH records are made. */
    private List<MeasureRecord> emit(ScopedOutcome key, Tally tally) {
        MeasureRecord frame = new MeasureRecord();
        frame.window = WindowKind.PERIOD;
        frame.period = PeriodKind.MONTH;
        frame.isFinal = true;
        List<MeasureRecord> out = new ArrayList<>();
        records.emit(key, tally, frame, out::add);
        // Volumes the board reads beside the rates: calls offered (answered or abandoned), emergency
        // incidents with an outcome, and breaches whose reason was never recorded (failed less reasons).
        if (key.family == MeasureFamily.CALL_LEGS) {
            out.add(records.count(key, frame, OFFERED, tally.answered + tally.abandoned));
        } else if (key.family == MeasureFamily.ATTENDANCE) {
            out.add(records.count(key, frame, INCIDENTS, tally.met + tally.failed));
            long reasoned =
                    tally.reasons.values().stream().mapToLong(Long::longValue).sum();
            out.add(records.count(key, frame, NO_REASON, Math.max(0, tally.failed - reasoned)));
        }
        return out;
    }

    /**
     * Events counted and rejected over the 12 months to the month and over the month: the same spans
     * as the tables' 12-month and month columns, so the data-quality rows and the footer agree.
     */
    private Provenance provenance(SnapshotMonths months, Map<YearMonth, StoreMonth> covered, Periods periods) {
        Provenance.Counts year = new Provenance.Counts(new long[2], new TreeMap<>());
        Provenance.Counts month = new Provenance.Counts(new long[2], new TreeMap<>());
        Map<String, Integer> hashes = new LinkedHashMap<>();
        for (StoreMonth m : covered.values()) {
            if (!months.thisYear().contains(m.month())) {
                continue;
            }
            hashes.merge(m.configHash(), 1, Integer::sum);
            for (MonthAggregate a : m.aggregates()) {
                if (a.scope != Scope.FORCE) {
                    continue;
                }
                year.add(a);
                if (m.month().equals(months.month())) {
                    month.add(a);
                }
            }
        }
        List<YearMonth> missing =
                months.trend().stream().filter(m -> !covered.containsKey(m)).toList();
        return new Provenance(
                covered.keySet().stream().filter(months.trend()::contains).toList(),
                missing,
                year,
                month,
                hashes,
                ConfigHash.of(config),
                clock.instant());
    }

    static boolean rejects(String reason) {
        try {
            return RejectReason.valueOf(reason).rejects();
        } catch (IllegalArgumentException unknown) {
            return true;
        }
    }

    /** Family, then queue (as configured, then others by name), scope, LPA/district (as configured), area. */
    private Comparator<ScopedOutcome> scopeOrder() {
        return Comparator.comparing((ScopedOutcome k) -> k.family)
                .thenComparing(k -> k.queue == null
                        ? -1
                        : queueOrder.contains(k.queue) ? queueOrder.indexOf(k.queue) : queueOrder.size())
                .thenComparing(k -> k.queue == null ? "" : k.queue)
                .thenComparing(k -> k.scope)
                .thenComparing(k -> placeOrder.getOrDefault(k.scope.name() + k.scopeId, Integer.MAX_VALUE))
                .thenComparing(k -> k.scopeId)
                .thenComparing(k -> k.area == null ? -1 : k.area.ordinal());
    }

    /** The tallies of the months read, summed over any span of them. */
    private static final class Periods {
        final SnapshotMonths months;
        final Set<YearMonth> held;
        final Map<String, Map<YearMonth, Tally>> tallies;
        final java.util.function.BiFunction<ScopedOutcome, Tally, List<MeasureRecord>> rules;
        final Map<String, List<MeasureRecord>> emitted = new HashMap<>();

        Periods(
                SnapshotMonths months,
                Set<YearMonth> held,
                Map<String, Map<YearMonth, Tally>> tallies,
                java.util.function.BiFunction<ScopedOutcome, Tally, List<MeasureRecord>> rules) {
            this.months = months;
            this.held = held;
            this.tallies = tallies;
            this.rules = rules;
        }

        /** The records of one scope over a span, made once however many lines read them. */
        List<MeasureRecord> records(ScopedOutcome key, List<YearMonth> span) {
            return emitted.computeIfAbsent(
                    key.key + '@' + span.get(0) + '/' + span.size(), k -> rules.apply(key, sum(key.key, span)));
        }

        int coverage(List<YearMonth> span) {
            return (int) span.stream().filter(held::contains).count();
        }

        Tally sum(String key, List<YearMonth> span) {
            Tally sum = new Tally();
            Map<YearMonth, Tally> byMonth = tallies.getOrDefault(key, Map.of());
            for (YearMonth m : span) {
                Tally t = byMonth.get(m);
                if (t != null) {
                    sum.add(t);
                }
            }
            return sum;
        }

        /** Every reason counted for the key in any month read, by name. */
        Set<String> reasons(String key) {
            Set<String> reasons = new TreeSet<>();
            tallies.getOrDefault(key, Map.of()).values().forEach(t -> reasons.addAll(t.reasons.keySet()));
            return reasons;
        }
    }
}
