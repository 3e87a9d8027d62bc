package io.pacesetter.connectors.generator;

import io.pacesetter.config.PacesetterConfig;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The simulated force as a Flink source, for live runs without a real feed. Built on
 * {@link DataGeneratorSource} so that its position is just an index (which simulated second comes
 * next), checkpointed by Flink itself; the simulator's own state is never checkpointed but rebuilt
 * from the seed, which keeps checkpoints tiny and output identical across restores.
 *
 * <p>Run it at parallelism 1: the seconds of one force form a single sequence. Run the job in
 * {@code STREAMING} mode: Flink reports every {@link DataGeneratorSource} as bounded, even one of
 * {@link Long#MAX_VALUE} elements, so {@code AUTOMATIC} would pick batch execution.
 */
public final class GeneratorSource {
    private GeneratorSource() {}

    /**
     * @param config validated configuration (the {@code generator} model, districts, time zone)
     * @param seed the same seed gives the same feed
     * @param start the first simulated moment; element i covers {@code [start + i s, start + (i+1) s)}
     * @param speed simulated seconds per real second: 1 is real time, 60 a minute each second; never
     *     ahead of the wall clock
     */
    public static DataGeneratorSource<GeneratedBatch> create(
            PacesetterConfig config, long seed, Instant start, double speed) {
        return create(config, seed, start, FeedPace.from(start, speed));
    }

    /**
     * @param start the first simulated moment (the start of the backfill, if {@code pace} has one)
     * @param pace when each simulated second is due: the backfill at once, then the chosen speed, never
     *     ahead of the wall clock
     */
    public static DataGeneratorSource<GeneratedBatch> create(
            PacesetterConfig config, long seed, Instant start, FeedPace pace) {
        return new DataGeneratorSource<>(
                new SimulatedSeconds(config, seed, start, pace),
                Long.MAX_VALUE,
                RateLimiterStrategy.noOp(),
                TypeInformation.of(GeneratedBatch.class));
    }

    /**
     * Maps second i to its batch. Flink asks for consecutive indices; after a restore from a
     * checkpoint it starts again at the checkpointed index, so anything but the next expected index
     * rebuilds the simulator and fast-forwards it there: the feed after a restore is the same as if
     * the job had never failed.
     */
    static final class SimulatedSeconds implements GeneratorFunction<Long, GeneratedBatch> {
        private static final long serialVersionUID = 1L;
        private static final long SECOND = 1000L;
        /** Fast-forward in slices so skipped lines never pile up in memory. */
        private static final long SKIP_SLICE = 3_600_000L;

        private final PacesetterConfig config;
        private final long seed;
        private final long startMillis;
        private final FeedPace pace;
        private transient ForceSimulator simulator;
        private transient long nextIndex;

        SimulatedSeconds(PacesetterConfig config, long seed, Instant start, FeedPace pace) {
            this.config = config;
            this.seed = seed;
            this.startMillis = start.toEpochMilli();
            this.pace = pace;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            if (readerContext.currentParallelism() > 1) {
                throw new IllegalStateException(
                        "the generator source runs at parallelism 1 (one force, one sequence of " + "seconds), not "
                                + readerContext.currentParallelism() + "; call setParallelism(1) on it");
            }
            simulator = null;
        }

        @Override
        public GeneratedBatch map(Long index) throws InterruptedException {
            long i = index;
            // Waits here, not in a rate limiter, because the pace depends on which second this is (the backfill is
            // due at once, and a restored source resumes at its checkpointed index). At most a second of simulated
            // time, so a checkpoint barrier waits no longer than that.
            long due = pace.dueAt(startMillis + (i + 1) * SECOND);
            long wait = due == Long.MIN_VALUE ? 0 : due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            if (simulator == null || i < nextIndex) {
                simulator = new ForceSimulator(config, seed, Instant.ofEpochMilli(startMillis));
                nextIndex = 0;
            }
            if (i > nextIndex) {
                long target = startMillis + i * SECOND;
                for (long t = startMillis + nextIndex * SECOND; t < target; ) {
                    t = Math.min(target, t + SKIP_SLICE);
                    simulator.skipTo(Instant.ofEpochMilli(t));
                }
            }
            long until = startMillis + (i + 1) * SECOND;
            GeneratedBatch batch = new GeneratedBatch(until, simulator.advanceTo(Instant.ofEpochMilli(until)));
            nextIndex = i + 1;
            return batch;
        }
    }
}
