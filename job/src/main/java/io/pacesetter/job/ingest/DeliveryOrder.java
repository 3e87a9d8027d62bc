package io.pacesetter.job.ingest;

import io.pacesetter.connectors.contract.InputRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the partition an input was read from ({@link InputRecord#source}): stamps each event with the newest
 * event time read from its partition before it, and each rejection with the last good event before it, from
 * checkpointed state. The parser inside a Kafka source does the same, but forgets it on a restore; here it is
 * restored with the offsets, so a rejection is counted in the same period, and a late event's waits start at the
 * same point, whether or not the job restarted in between (docs/contracts.md, "Late events" and "Data quality").
 * A partition's inputs reach this operator in the order they were read. The keys are the partitions, a fixed
 * few, so the state needs no clean-up.
 */
public class DeliveryOrder extends KeyedProcessFunction<String, InputRecord, InputRecord> {
    private transient ValueState<Long> lastAccepted;
    private transient ValueState<Long> newestAccepted;

    @Override
    public void open(OpenContext openContext) {
        lastAccepted = getRuntimeContext().getState(new ValueStateDescriptor<>("last-accepted", Long.class));
        newestAccepted = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-accepted", Long.class));
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<InputRecord> out) throws Exception {
        if (record.isEvent()) {
            Long newest = newestAccepted.value();
            long time = record.eventTime();
            if (record.call != null) {
                record.call.receivedAfter = newest;
            } else {
                record.incident.receivedAfter = newest;
            }
            lastAccepted.update(time);
            newestAccepted.update(newest == null ? time : Math.max(newest, time));
        } else {
            record.deadLetter.receivedAfter = lastAccepted.value();
        }
        out.collect(record);
    }
}
