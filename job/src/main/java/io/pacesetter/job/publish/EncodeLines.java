package io.pacesetter.job.publish;

import io.pacesetter.connectors.sink.JsonLine;
import io.pacesetter.connectors.sink.JsonLinesFileSink.LineEncoder;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Records as their JSON bytes, made where the records are (at their operator's parallelism, chained to it), so
 * the one writer of a file only writes bytes: for {@code kpis.jsonl}, millions of records in a replay, whose
 * Flink serialization on the way to the writer cost as much as their JSON. Counts them into an accumulator.
 */
public final class EncodeLines<T> extends RichMapFunction<T, byte[]> {
    private final LineEncoder<T> encoder;
    private final String counter;
    private final LongCounter encoded = new LongCounter();
    private transient JsonLine line;

    /** @param counter the accumulator the records are counted into */
    public EncodeLines(LineEncoder<T> encoder, String counter) {
        this.encoder = encoder;
        this.counter = counter;
    }

    @Override
    public void open(OpenContext openContext) {
        line = new JsonLine();
        getRuntimeContext().addAccumulator(counter, encoded);
    }

    @Override
    public byte[] map(T record) {
        line.reset();
        encoder.append(record, line);
        encoded.add(1);
        return line.toByteArray();
    }
}
