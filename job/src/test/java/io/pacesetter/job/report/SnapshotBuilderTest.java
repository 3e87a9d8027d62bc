package io.pacesetter.job.report;

import static io.pacesetter.job.store.StoreMonths.calls;
import static io.pacesetter.job.store.StoreMonths.concat;
import static io.pacesetter.job.store.StoreMonths.waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.report.Comparison.Judgement;
import io.pacesetter.job.store.ConfigHash;
import io.pacesetter.job.store.StoreMonth;
import io.pacesetter.job.store.StoreMonths;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's figures from store months written by hand, each worked out on paper.
 *
 * <p>Last year (Jul 2014 – Jun 2015), every month: 999 legs answered 8 at 5 s and 2 at 20 s, 1 abandoned.
 * This year (Jul 2015 – May 2016), every month: 9 at 4 s and 1 at 30 s, 2 abandoned; June 2016: 10 at 2 s
 * and 10 at 12 s, 2 abandoned.
 */
class SnapshotBuilderTest {
    static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    static final String FORCE = CONFIG.force().name();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2016-07-04T09:00:00Z"), ZoneOffset.UTC);
    static final YearMonth JUNE_2016 = YearMonth.of(2016, 6);

    static Map<YearMonth, StoreMonth> handWorkedStore(boolean withLastYear) {
        Map<YearMonth, StoreMonth> store = new HashMap<>();
        for (YearMonth m : new SnapshotMonths(JUNE_2016).compared()) {
            boolean lastYear = m.isBefore(YearMonth.of(2015, 7));
            if (lastYear && !withLastYear) {
                continue;
            }
            long[] w = lastYear
                    ? concat(waits(8, 5_000), waits(2, 20_000))
                    : m.equals(JUNE_2016)
                            ? concat(waits(10, 2_000), waits(10, 12_000))
                            : concat(waits(9, 4_000), waits(1, 30_000));
            store.put(
                    m,
                    StoreMonths.month(
                            CONFIG,
                            m.toString(),
                            calls(CONFIG, m.toString(), "999", Scope.FORCE, FORCE, w, lastYear ? 1 : 2),
                            StoreMonths.attendance(
                                    CONFIG,
                                    m.toString(),
                                    Scope.FORCE,
                                    FORCE,
                                    null,
                                    lastYear ? 8 : 7,
                                    lastYear
                                            ? new String[] {"TRAFFIC", "NO_UNIT_AVAILABLE"}
                                            : new String[] {"NO_UNIT_AVAILABLE", "NO_UNIT_AVAILABLE", "TRAFFIC"}),
                            StoreMonths.rejected(CONFIG, m.toString(), "DUPLICATE", "UNKNOWN_DISTRICT")));
        }
        return store;
    }

    static Snapshot handWorked() {
        return new SnapshotBuilder(CONFIG, CLOCK).build(JUNE_2016, handWorkedStore(true));
    }

    static Line line(Snapshot s, Section section, String measure, Scope scope) {
        return s.section(section).stream()
                .filter(l -> l.measure().equals(measure) && l.scope() == scope)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void answeredWithinStandardOverTwelveMonthsIsTheirSummedCountsNotAnAverageOfMonths() {
        Line l = line(handWorked(), Section.HEADLINE, "ANSWERED_WITHIN_STANDARD", Scope.FORCE);

        // June: 10 of 20 within 10 s. Last year: 96 of 120. This year: 11 × 9 + 10 = 109 of 11 × 10 + 20 = 130.
        assertThat(l.month().value()).isEqualTo(0.5);
        assertThat(l.lastYear().numerator()).isEqualTo(96.0);
        assertThat(l.lastYear().denominator()).isEqualTo(120.0);
        assertThat(l.lastYear().value()).isEqualTo(0.8);
        assertThat(l.thisYear().numerator()).isEqualTo(109.0);
        assertThat(l.thisYear().denominator()).isEqualTo(130.0);
        assertThat(l.change().difference()).isCloseTo((109.0 / 130 - 0.8) * 100, within(1e-9));
        assertThat(Shown.change(l.change())).isEqualTo("+3.8 pt");
        // Two proportions, pooled 205/250: z = 0.0385 / 0.0486 = 0.79, p = 0.43: not significant at 0.05.
        assertThat(l.change().pValue()).isCloseTo(0.43, within(0.01));
        assertThat(l.change().judgement()).isEqualTo(Judgement.NO_SIGNIFICANT_CHANGE);
        assertThat(l.thisYear().target()).isEqualTo(0.9);
        assertThat(l.thisYear().met()).isFalse();
        assertThat(l.label()).isEqualTo("999 calls answered within 10 s");
    }

    @Test
    void abandonmentRoseSoItIsWorse() {
        Line l = line(handWorked(), Section.HEADLINE, "ABANDONMENT_RATE", Scope.FORCE);

        // Last year 12 of 132; this year 24 of 154.
        assertThat(l.lastYear().value()).isCloseTo(12.0 / 132, within(1e-12));
        assertThat(l.thisYear().value()).isCloseTo(24.0 / 154, within(1e-12));
        // Pooled 36/286: z = 0.0649 / 0.0393 = 1.65, p = 0.099: worse on paper, not significantly.
        assertThat(l.change().pValue()).isCloseTo(0.099, within(0.002));
        assertThat(l.change().judgement()).isEqualTo(Judgement.NO_SIGNIFICANT_CHANGE);
        assertThat(Shown.change(l.change())).isEqualTo("+6.5 pt");
    }

    @Test
    void meanWaitFellByASecondAndAThirdButNotSignificantlyAndTheChangeIsInSeconds() {
        Line l = line(handWorked(), Section.CALL_HANDLING, "MEAN_WAIT_SECONDS", Scope.FORCE);

        // Last year 960 s over 120 = 8.0 s; this year 11 × 66 + 140 = 866 s over 130.
        assertThat(l.lastYear().value()).isEqualTo(8.0);
        assertThat(l.thisYear().value()).isCloseTo(866.0 / 130, within(1e-12));
        assertThat(l.change().difference()).isCloseTo(866.0 / 130 - 8, within(1e-9));
        assertThat(l.change().unit()).isEqualTo(Comparison.Unit.SECONDS);
        assertThat(Shown.change(l.change())).isEqualTo("-1.3 s");
        // Variances from the exact waits: 4320 / 119 and (12964 − 866² / 130) / 129; z = −1.338 / 0.855 = −1.56.
        assertThat(l.change().pValue()).isCloseTo(0.118, within(0.002));
        assertThat(l.change().judgement()).isEqualTo(Judgement.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void theTwelveMonth90thPercentileIsExactOverEveryWaitOfTheYear() {
        Line l = line(handWorked(), Section.CALL_HANDLING, "P90_WAIT_SECONDS", Scope.FORCE);

        // This year's 130 waits sorted: 10 × 2 s, 99 × 4 s, 10 × 12 s, 11 × 30 s; the 117th is 12 s.
        // (The mean of the monthly 90th percentiles would be (11 × 4 + 12) / 12 = 4.7 s.)
        assertThat(l.thisYear().value()).isEqualTo(12.0);
        // Last year's 120: 96 × 5 s, 24 × 20 s; the 108th is 20 s.
        assertThat(l.lastYear().value()).isEqualTo(20.0);
        assertThat(l.change().difference()).isCloseTo(-8.0, within(1e-9));
        // Mood's test: the pooled 250 waits' 225th is 20 s; 35 waits are at or above it (nearer a tenth,
        // 25, than the 11 above it): 24 of 120 last year, 11 of 130 this year; pooled 35/250, z = −2.63,
        // p = 0.0086: significant, and the 90th percentile fell, so better.
        assertThat(l.change().pValue()).isCloseTo(0.0086, within(0.0003));
        assertThat(l.change().judgement()).isEqualTo(Judgement.BETTER);
    }

    @Test
    void callsAnsweredIsDemandSoItsChangeIsNeitherBetterNorWorse() {
        Line l = line(handWorked(), Section.CALL_HANDLING, "CALLS_ANSWERED", Scope.FORCE);

        assertThat(l.lastYear().value()).isEqualTo(120.0);
        assertThat(l.thisYear().value()).isEqualTo(130.0);
        assertThat(Shown.change(l.change())).isEqualTo("+8.3%");
        // 130 against 120 over 366 and 365 days: z = 0.61, not significant; a bigger change would be CHANGED.
        assertThat(l.change().judgement()).isEqualTo(Judgement.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void smallNumbersAreFlaggedButShown() {
        Line abandoned = line(handWorked(), Section.CALL_HANDLING, "CALLS_ABANDONED", Scope.FORCE);
        Line within = line(handWorked(), Section.HEADLINE, "ANSWERED_WITHIN_STANDARD", Scope.FORCE);

        // 2 abandoned in June: under the threshold of 20. June's 20 answered legs: not under it.
        assertThat(abandoned.month().value()).isEqualTo(2.0);
        assertThat(abandoned.month().smallNumber()).isTrue();
        assertThat(within.month().smallNumber()).isFalse();
        assertThat(within.thisYear().smallNumber()).isFalse();
    }

    @Test
    void breachReasonsAreRankedByTheTwelveMonthsToTheMonth() {
        List<Line> reasons = handWorked().section(Section.BREACH_REASONS);

        assertThat(reasons).extracting(Line::reason).containsExactly("NO_UNIT_AVAILABLE", "TRAFFIC");
        assertThat(reasons).extracting(Line::rank).containsExactly(1, 2);
        assertThat(reasons.get(0).thisYear().value()).isEqualTo(24.0);
        assertThat(reasons.get(0).lastYear().value()).isEqualTo(12.0);
        assertThat(reasons.get(0).change().judgement()).isEqualTo(Judgement.WORSE);
        assertThat(reasons.get(1).change().judgement()).isEqualTo(Judgement.SAME);
    }

    @Test
    void attendanceIsOverIncidentsWithAnOutcome() {
        Line l = line(handWorked(), Section.HEADLINE, "ATTENDED_WITHIN_STANDARD", Scope.FORCE);

        assertThat(l.lastYear().value()).isEqualTo(0.8);
        assertThat(l.thisYear().value()).isCloseTo(0.7, within(1e-12));
        assertThat(Shown.change(l.change())).isEqualTo("-10.0 pt");
        // 96 of 120 against 84 of 120: z = −1.79, p = 0.074.
        assertThat(l.change().judgement()).isEqualTo(Judgement.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void provenanceCountsLegsIncidentsAndRejectionsButNotNotes() {
        Provenance p = handWorked().provenance();

        // The store holds the 24 months compared; the trend's first 12 are missing.
        assertThat(p.monthsCovered()).hasSize(24);
        assertThat(p.monthsMissing()).hasSize(12);
        // Over the 12 months to June: 11 × 12 legs and June's 22; 12 × 10 incidents; one duplicate a month.
        assertThat(p.year().callLegs()).isEqualTo(11 * 12 + 22);
        assertThat(p.year().incidents()).isEqualTo(12 * 10);
        assertThat(p.year().rejected()).containsExactly(Map.entry("DUPLICATE", 12L));
        assertThat(p.month().callLegs()).isEqualTo(22);
        assertThat(p.month().rejected()).containsExactly(Map.entry("DUPLICATE", 1L));
        assertThat(p.configHashes()).containsExactly(Map.entry(ConfigHash.of(CONFIG), 12));
        assertThat(p.madeAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aMissingComparisonYearSaysNoDataNeverZero() throws Exception {
        Snapshot s = new SnapshotBuilder(CONFIG, CLOCK).build(JUNE_2016, handWorkedStore(false));
        Line l = line(s, Section.HEADLINE, "ANSWERED_WITHIN_STANDARD", Scope.FORCE);
        Line count = line(s, Section.CALL_HANDLING, "CALLS_ANSWERED", Scope.FORCE);

        assertThat(l.lastYear().hasData()).isFalse();
        assertThat(l.lastYear().monthsWithData()).isZero();
        assertThat(count.lastYear().value()).isNull();
        assertThat(l.change().judgement()).isEqualTo(Judgement.NO_DATA);
        assertThat(l.thisYear().value()).isCloseTo(109.0 / 130, within(1e-12));
        assertThat(s.provenance().monthsMissing()).hasSize(24).startsWith(YearMonth.of(2013, 7));

        StringWriter csv = new StringWriter();
        SnapshotCsv.write(s, csv);
        String previous = csv.toString()
                .lines()
                .filter(r -> r.startsWith("2016-06,HEADLINE,ANSWERED_WITHIN_STANDARD,")
                        && r.contains(",PREVIOUS_12_MONTHS,"))
                .findFirst()
                .orElseThrow();
        assertThat(previous).endsWith(",0,12,,,,share,0.9,,ANSWERED,HIGHER_IS_BETTER,,false,no data,12_MONTHS,");
        String change = csv.toString()
                .lines()
                .filter(r -> r.startsWith("2016-06,HEADLINE,ANSWERED_WITHIN_STANDARD,") && r.contains(",CHANGE,"))
                .findFirst()
                .orElseThrow();
        assertThat(change).endsWith(",NO_DATA,,no data,MONTH,");
        assertThat(Html.render(s)).contains("<td class=\"n nodata\">no data</td>");
    }

    @Test
    void aPartlyHeldYearSaysHowManyMonthsItHas() {
        Map<YearMonth, StoreMonth> store = handWorkedStore(true);
        store.remove(YearMonth.of(2014, 7));
        store.remove(YearMonth.of(2014, 8));
        Line l = line(
                new SnapshotBuilder(CONFIG, CLOCK).build(JUNE_2016, store),
                Section.HEADLINE,
                "ANSWERED_WITHIN_STANDARD",
                Scope.FORCE);

        assertThat(l.lastYear().monthsWithData()).isEqualTo(10);
        assertThat(l.lastYear().partial()).isTrue();
        assertThat(l.lastYear().value()).isEqualTo(0.8);
    }

    @Test
    void anEmptyStoreStillGivesEveryHeadlineMeasureSayingNoData() {
        Snapshot s = new SnapshotBuilder(CONFIG, CLOCK).build(JUNE_2016, Map.of());

        assertThat(s.section(Section.HEADLINE))
                .extracting(Line::label)
                .contains(
                        "999 calls answered within 10 s",
                        "999 abandonment rate",
                        "101 average time to answer (s)",
                        "Emergency incidents attended within standard (15 min urban, 20 min rural)");
        assertThat(s.section(Section.HEADLINE))
                .allSatisfy(l -> assertThat(l.month().hasData()).isFalse());
    }

    @Test
    void theTrendHasThirtySixMonthsOldestFirstWithARolling12MonthLine() {
        Trend t = handWorked().trends().stream()
                .filter(x -> x.measure().equals("ANSWERED_WITHIN_STANDARD") && x.scope() == Scope.FORCE)
                .findFirst()
                .orElseThrow();

        assertThat(t.months()).hasSize(36);
        assertThat(t.months().get(0).hasData()).isFalse();
        assertThat(t.months().get(12).value()).isEqualTo(0.8);
        assertThat(t.months().get(24).value()).isEqualTo(0.9);
        assertThat(t.months().get(35).value()).isEqualTo(0.5);
        // The rolling 12 months to June 2016 is the 12-month figure; to June 2015, last year's.
        assertThat(t.rolling().get(35).value()).isCloseTo(109.0 / 130, within(1e-12));
        assertThat(t.rolling().get(23).value()).isEqualTo(0.8);
        assertThat(t.rolling().get(22).partial()).isTrue();
        assertThat(t.target()).isEqualTo(0.9);
    }

    @Test
    void urbanAndRuralAttendanceAreLinesOfTheirOwn() {
        Map<YearMonth, StoreMonth> store = new HashMap<>();
        store.put(
                JUNE_2016,
                StoreMonths.month(
                        CONFIG,
                        "2016-06",
                        StoreMonths.attendance(CONFIG, "2016-06", Scope.FORCE, FORCE, null, 7, "", "", ""),
                        StoreMonths.attendance(CONFIG, "2016-06", Scope.FORCE, FORCE, Area.URBAN, 5, ""),
                        StoreMonths.attendance(CONFIG, "2016-06", Scope.FORCE, FORCE, Area.RURAL, 2, "", "")));
        List<Line> attendance = new SnapshotBuilder(CONFIG, CLOCK)
                .build(JUNE_2016, store).section(Section.ATTENDANCE).stream()
                        .filter(l -> l.measure().equals("ATTENDED_WITHIN_STANDARD"))
                        .toList();

        assertThat(attendance).extracting(Line::area).containsExactly(null, Area.URBAN, Area.RURAL);
        assertThat(attendance.get(1).month().value()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(attendance.get(2).month().value()).isCloseTo(0.5, within(1e-12));
        assertThat(attendance.get(2).label()).isEqualTo("Emergency incidents attended within standard (rural, 20 min)");
    }
}
