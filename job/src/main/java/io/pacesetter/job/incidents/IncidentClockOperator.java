package io.pacesetter.job.incidents;

import io.pacesetter.connectors.contract.IncidentEvent;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * The incident clocks' operator: its event-time timers may be interrupted. A watermark step fires the event-time
 * judgement of every incident it passes, and the same thread tells the live incidents' moments from
 * processing-time timers; without interruption a live alert waited behind the whole batch, up to hundreds of ms
 * (docs/benchmarks.md, "Stop 31"). Takes effect where unaligned checkpoints are on, with
 * {@code execution.checkpointing.unaligned.interruptible-timers.enabled} (FlinkEnvironments).
 */
public final class IncidentClockOperator extends KeyedProcessOperator<String, IncidentEvent, IncidentOutcome> {
    private static final long serialVersionUID = 1L;

    public IncidentClockOperator(IncidentClock clock) {
        super(clock);
    }

    @Override
    public boolean useInterruptibleTimers(ReadableConfig config) {
        return true;
    }
}
