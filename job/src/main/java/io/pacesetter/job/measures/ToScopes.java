package io.pacesetter.job.measures;

import io.pacesetter.config.PacesetterConfig;
import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Sends each element to every scope it counts in, ready for {@code keyBy} on the scope: the one
 * step between a keyed tracker (legs, incident clocks) and the keyed figures (slices, live counts).
 * The reference data is indexed once per subtask, in {@link #open}.
 */
public final class ToScopes<IN, OUT> extends RichFlatMapFunction<IN, OUT> implements ResultTypeQueryable<OUT> {
    /** How one element reaches its scopes. */
    @FunctionalInterface
    public interface FanOut<IN, OUT> extends Serializable {
        void fanOut(IN element, ScopeFanOut scopes, Consumer<OUT> out);
    }

    private final PacesetterConfig config;
    private final FanOut<IN, OUT> fanOut;
    private final Class<OUT> produced;
    private transient ScopeFanOut scopes;

    public ToScopes(PacesetterConfig config, FanOut<IN, OUT> fanOut, Class<OUT> produced) {
        this.config = config;
        this.fanOut = fanOut;
        this.produced = produced;
    }

    @Override
    public void open(OpenContext openContext) {
        scopes = new ScopeFanOut(config);
    }

    @Override
    public void flatMap(IN element, Collector<OUT> out) {
        fanOut.fanOut(element, scopes, out::collect);
    }

    @Override
    public TypeInformation<OUT> getProducedType() {
        return TypeInformation.of(produced);
    }
}
