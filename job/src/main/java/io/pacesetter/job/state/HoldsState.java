package io.pacesetter.job.state;

/**
 * A keyed function whose state is held between checkpoints: it runs only in a {@link WriteBehindOperator}, which
 * hands it its {@link HeldStates} before {@code open()} and writes them back before every checkpoint barrier.
 */
public interface HoldsState {
    /** Called by the operator before the function's {@code open()}. */
    void holdIn(HeldStates states);

    /**
     * The function's {@link HeldStates}, checked in its {@code open()}: outside its operator nothing would write
     * them back, so the function refuses to start.
     */
    static HeldStates required(HeldStates states, Class<?> function) {
        if (states == null) {
            throw new IllegalStateException(function.getSimpleName()
                    + " holds its state between checkpoints and runs only in a " + WriteBehindOperator.class.getName()
                    + ", which writes it back before each checkpoint; build it with"
                    + " transform(name, type, new WriteBehindOperator<>(function))");
        }
        return states;
    }
}
