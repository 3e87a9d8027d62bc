package io.pacesetter.job.publish;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps periods and live records, and sliding windows ending on a multiple of the cadence. */
public final class SlidingCadence implements FilterFunction<MeasureRecord> {
    private final long everyMs;

    public SlidingCadence(Duration every) {
        this.everyMs = every.toMillis();
    }

    @Override
    public boolean filter(MeasureRecord r) {
        return r.window != WindowKind.SLIDING || r.windowEnd % everyMs == 0;
    }
}
