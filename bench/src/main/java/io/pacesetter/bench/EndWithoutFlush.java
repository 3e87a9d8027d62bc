package io.pacesetter.bench;

import io.pacesetter.connectors.contract.InputRecord;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Ends the in-memory feed as a live feed is: without Flink's end-of-input watermark (+∞), which
 * would make every variant fire, in one go, the windows that end after the last event (for a
 * 24 h window, a day of window ends for every scope: work a live job spreads over a day and a
 * benchmark of the input's events should not time). Instead the feed's last watermark is the one
 * its last event gives (its time less the out-of-orderness), the same on every run, so each variant
 * publishes exactly the windows that end by then and the runs can be compared window for window.
 */
final class EndWithoutFlush extends AbstractStreamOperator<InputRecord>
        implements OneInputStreamOperator<InputRecord, InputRecord> {
    private final long outOfOrdernessMs;
    private long newestEventTime = Long.MIN_VALUE;

    EndWithoutFlush(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    @Override
    public void processElement(StreamRecord<InputRecord> element) {
        newestEventTime = Math.max(newestEventTime, element.getValue().eventTime());
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            super.processWatermark(mark);
        } else if (newestEventTime != Long.MIN_VALUE) {
            // What the bounded-out-of-orderness generator gives for the newest event; an earlier periodic one may lag
            // it.
            super.processWatermark(new Watermark(newestEventTime - outOfOrdernessMs - 1));
        }
    }
}
