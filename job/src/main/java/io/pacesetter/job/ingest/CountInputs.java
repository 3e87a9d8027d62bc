package io.pacesetter.job.ingest;

import io.pacesetter.connectors.contract.InputRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts what the file sources read, into the accumulator {@link #EVENTS_READ}, for a replay's throughput. */
public final class CountInputs extends RichMapFunction<InputRecord, InputRecord> {
    public static final String EVENTS_READ = "events-read";
    private final LongCounter read = new LongCounter();

    @Override
    public void open(OpenContext openContext) {
        getRuntimeContext().addAccumulator(EVENTS_READ, read);
    }

    @Override
    public InputRecord map(InputRecord record) {
        read.add(1);
        return record;
    }
}
