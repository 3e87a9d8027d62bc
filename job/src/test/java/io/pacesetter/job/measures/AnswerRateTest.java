package io.pacesetter.job.measures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class AnswerRateTest {
    private static MeasureRecord abandonment(Double numerator, Double denominator) {
        MeasureRecord r = new MeasureRecord();
        r.measure = "ABANDONMENT_RATE";
        r.queue = "999";
        r.scope = Scope.LPA;
        r.scopeId = "North";
        r.window = WindowKind.PERIOD;
        r.period = PeriodKind.DAY;
        r.start = "2016-06-01";
        r.numerator = numerator;
        r.denominator = denominator;
        r.value = denominator == 0 ? null : numerator / denominator;
        r.target = 0.02;
        r.met = r.value != null && r.value <= 0.02;
        r.isFinal = true;
        r.revision = 2;
        r.force = "Example County Police";
        return r;
    }

    private static List<MeasureRecord> run(MeasureRecord in) {
        List<MeasureRecord> out = new ArrayList<>();
        new AnswerRate().flatMap(in, new Collector<>() {
            @Override
            public void collect(MeasureRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void anAbandonmentRateAlsoGivesItsAnswerRateWithTheSameIdentityAndNoStandard() {
        List<MeasureRecord> out = run(abandonment(3.0, 40.0));
        assertThat(out).hasSize(2);
        MeasureRecord answer = out.get(1);
        assertThat(answer.measure).isEqualTo("ANSWER_RATE");
        assertThat(answer.numerator).isEqualTo(37.0);
        assertThat(answer.denominator).isEqualTo(40.0);
        assertThat(answer.value).isEqualTo(0.925);
        assertThat(answer.target).isNull();
        assertThat(answer.met).isNull();
        assertThat(answer.identity()).isEqualTo(out.get(0).identity().replace("ABANDONMENT_RATE", "ANSWER_RATE"));
        assertThat(answer.revision).isEqualTo(2);
        assertThat(answer.isFinal).isTrue();
    }

    @Test
    void noLegsGivesNoValue() {
        assertThat(run(abandonment(0.0, 0.0)).get(1).value).isNull();
    }

    @Test
    void otherMeasuresPassAlone() {
        MeasureRecord r = abandonment(1.0, 2.0);
        r.measure = "CALLS_ANSWERED";
        assertThat(run(r)).containsExactly(r);
    }
}
