package io.pacesetter.job.ingest;

import io.pacesetter.config.EventRules;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.generator.GeneratedBatch;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for every source. A dead letter carries {@link Long#MIN_VALUE}, so a line with a
 * garbled or FUTURE time can never drag the watermark forward and make good events late.
 */
public final class InputWatermarks {
    private InputWatermarks() {}

    /** For live sources: a quiet partition stops holding the watermark back after the idleness. */
    public static WatermarkStrategy<InputRecord> live(EventRules rules) {
        return replay(rules).withIdleness(rules.sourceIdleness());
    }

    /**
     * For the built-in feed: each batch is one simulated second, so the watermark follows the
     * simulated clock even through a quiet night with no calls at all, and figures keep moving.
     * The feed delays no event by more than the out-of-orderness, so none is made late.
     */
    public static WatermarkStrategy<GeneratedBatch> generated(EventRules rules) {
        return WatermarkStrategy.<GeneratedBatch>forBoundedOutOfOrderness(rules.outOfOrderness())
                .withTimestampAssigner((batch, previous) -> batch.until - 1);
    }

    /**
     * For files: no idleness, because idleness is measured on the wall clock, and a file that is
     * merely slower to read must not have its events turned late.
     */
    public static WatermarkStrategy<InputRecord> replay(EventRules rules) {
        return WatermarkStrategy.<InputRecord>forBoundedOutOfOrderness(rules.outOfOrderness())
                .withTimestampAssigner((record, previous) -> record.eventTime());
    }
}
