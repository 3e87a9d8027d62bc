package io.pacesetter.job.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacesetter.job.report.Comparison.Judgement;
import io.pacesetter.job.report.Comparison.Unit;
import org.junit.jupiter.api.Test;

/** The difference column and its better/worse mark, worked by hand (several from the June 2016 report). */
class ComparisonTest {
    @Test
    void attendanceFrom79point2To76point8IsMinus2point4PointsAndWorse() {
        Comparison c = Comparison.of("ATTENDED_WITHIN_STANDARD", 0.792, 0.768);

        assertThat(c.difference()).isCloseTo(-2.4, within(1e-9));
        assertThat(c.unit()).isEqualTo(Unit.PERCENTAGE_POINTS);
        assertThat(c.judgement()).isEqualTo(Judgement.WORSE);
    }

    @Test
    void abandonmentFalling2point3To1point5IsBetterBecauseLowerIsBetter() {
        Comparison c = Comparison.of("ABANDONMENT_RATE", 0.023, 0.015);

        assertThat(c.difference()).isCloseTo(-0.8, within(1e-9));
        assertThat(c.judgement()).isEqualTo(Judgement.BETTER);
    }

    @Test
    void theSwitchboardsAverageWaitFrom7To8SecondsIsPlusOneSecondAndWorse() {
        Comparison c = Comparison.of("MEAN_WAIT_SECONDS", 7.0, 8.0);

        assertThat(c.difference()).isCloseTo(1.0, within(1e-9));
        assertThat(c.unit()).isEqualTo(Unit.SECONDS);
        assertThat(c.judgement()).isEqualTo(Judgement.WORSE);
        assertThat(Shown.change(c)).isEqualTo("+1.0 s");
    }

    @Test
    void moreCallsAnsweredIsAChangeNeitherBetterNorWorse() {
        Comparison c = Comparison.of("CALLS_ANSWERED", 200.0, 250.0);

        assertThat(c.difference()).isCloseTo(25.0, within(1e-9));
        assertThat(c.judgement()).isEqualTo(Judgement.CHANGED);
    }

    @Test
    void moreAnsweredWithinStandardAndFewerInTheSlowestBandAreBetter() {
        assertThat(Comparison.of("ANSWERED_WITHIN_STANDARD", 0.83, 0.821).judgement())
                .isEqualTo(Judgement.WORSE);
        assertThat(Comparison.of("ANSWER_BAND_60S_PLUS", 0.05, 0.04).judgement())
                .isEqualTo(Judgement.BETTER);
        assertThat(Comparison.of("P90_WAIT_SECONDS", 20.0, 12.0).judgement()).isEqualTo(Judgement.BETTER);
        assertThat(Comparison.of("ATTENDANCE_FAILURES_BY_REASON", 3.0, 5.0).judgement())
                .isEqualTo(Judgement.WORSE);
        assertThat(Comparison.of("DATA_QUALITY_DUPLICATE", 3.0, 1.0).judgement())
                .isEqualTo(Judgement.BETTER);
    }

    @Test
    void aMissingYearIsNoDataNeverZero() {
        Comparison c = Comparison.of("ANSWERED_WITHIN_STANDARD", null, 0.9);

        assertThat(c.difference()).isNull();
        assertThat(c.judgement()).isEqualTo(Judgement.NO_DATA);
        assertThat(Shown.change(c)).isEqualTo("no data");
    }

    @Test
    void aCountFromZeroHasNoPercentage() {
        assertThat(Comparison.of("CALLS_ABANDONED", 0.0, 4.0).judgement()).isEqualTo(Judgement.NOT_COMPARABLE);
        assertThat(Comparison.of("CALLS_ABANDONED", 0.0, 0.0).judgement()).isEqualTo(Judgement.SAME);
    }

    @Test
    void noChangeIsTheSame() {
        assertThat(Comparison.of("ABANDONMENT_RATE", 0.02, 0.02).judgement()).isEqualTo(Judgement.SAME);
    }
}
