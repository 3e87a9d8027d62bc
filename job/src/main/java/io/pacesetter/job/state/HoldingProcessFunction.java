package io.pacesetter.job.state;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * A keyed function whose state is held between checkpoints: it runs only in a {@link WriteBehindOperator}, which
 * hands it its {@link HeldStates} before {@code open()} and writes them back before every checkpoint barrier.
 *
 * @param <K> the key
 * @param <I> the input
 * @param <O> the output
 */
public abstract class HoldingProcessFunction<K, I, O> extends KeyedProcessFunction<K, I, O> {
    private transient HeldStates held;

    /** Called by the operator before the function's {@code open()}. */
    final void holdIn(HeldStates states) {
        this.held = states;
    }

    /**
     * The states to make this function's state in, from its {@code open()}. Outside its operator nothing would
     * write them back, so the function refuses to start.
     */
    protected final HeldStates heldStates() {
        if (held == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " holds its state between checkpoints and runs only in a " + WriteBehindOperator.class.getName()
                    + ", which writes it back before each checkpoint; build it with"
                    + " transform(name, type, new WriteBehindOperator<>(function))");
        }
        return held;
    }
}
