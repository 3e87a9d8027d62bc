package io.pacesetter.job.measures;

import io.pacesetter.connectors.contract.MeasureRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * {@code ANSWER_RATE}: answered ÷ (answered + abandoned) legs, the complement of
 * {@code ABANDONMENT_RATE}, for every window, scope and period that has one. It has no standard
 * ({@code target} and {@code met} null). Derived record by record from the abandonment rate, so it
 * needs no state of its own: a job that adds it can start from a savepoint of one that did not
 * ({@code cluster-job --answer-rate}, the cluster tests' "changed build").
 */
public final class AnswerRate implements FlatMapFunction<MeasureRecord, MeasureRecord> {
    private static final long serialVersionUID = 1L;
    public static final String MEASURE = "ANSWER_RATE";

    @Override
    public void flatMap(MeasureRecord r, Collector<MeasureRecord> out) {
        out.collect(r);
        if ("ABANDONMENT_RATE".equals(r.measure)) {
            out.collect(of(r));
        }
    }

    static MeasureRecord of(MeasureRecord abandonment) {
        MeasureRecord a = new MeasureRecord();
        a.measure = MEASURE;
        a.queue = abandonment.queue;
        a.scope = abandonment.scope;
        a.scopeId = abandonment.scopeId;
        a.area = abandonment.area;
        a.window = abandonment.window;
        a.windowStart = abandonment.windowStart;
        a.windowEnd = abandonment.windowEnd;
        a.windowLengthMs = abandonment.windowLengthMs;
        a.asOf = abandonment.asOf;
        a.period = abandonment.period;
        a.start = abandonment.start;
        a.denominator = abandonment.denominator;
        a.numerator = abandonment.denominator == null || abandonment.numerator == null
                ? null
                : abandonment.denominator - abandonment.numerator;
        a.value = a.numerator == null || a.denominator == 0 ? null : a.numerator / a.denominator;
        a.denominatorRule = abandonment.denominatorRule;
        a.isFinal = abandonment.isFinal;
        a.revision = abandonment.revision;
        a.force = abandonment.force;
        return a;
    }
}
