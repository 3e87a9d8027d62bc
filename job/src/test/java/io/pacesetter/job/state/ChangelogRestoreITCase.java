package io.pacesetter.job.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ChangelogConfig;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.RocksDbConfig;
import io.pacesetter.config.RocksDbConfig.RocksDbTimers;
import io.pacesetter.job.FlinkEnvironments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live set-up's state survives a failover after the state changelog was materialized: RocksDB as {@code run} sets
 * it up, with the changelog materialized every 200 ms, keys given state and an event-time timer each, then a failure
 * seconds later, after materializations and checkpoints, and the timers must still fire with their state on restore.
 * A timer the restore does not bring back never fires, and its key is missing.
 */
class ChangelogRestoreITCase {
    private static final int KEYS = 50;
    private static final long EVENTS = 400;
    private static final long FAIL_AT = 300;
    private static final long TIMER_AT = 1_000_000L;

    static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @Test
    void timersInRocksDbAndStateSetBeforeMaterializationsFireAfterAFailover(@TempDir Path dir) throws Exception {
        assertThat(firedAfterAFailover(RocksDbTimers.ROCKSDB, true, dir))
                .as("every key's timer fired after the failover, with its state")
                .hasSize(KEYS)
                .allSatisfy(ChangelogRestoreITCase::withItsOwnState);
    }

    @Test
    void heapTimersWithoutTheChangelogFireAfterAFailover(@TempDir Path dir) throws Exception {
        assertThat(firedAfterAFailover(RocksDbTimers.HEAP, false, dir))
                .hasSize(KEYS)
                .allSatisfy(ChangelogRestoreITCase::withItsOwnState);
    }

    /**
     * Why the configuration refuses heap timers with the changelog: Flink restores none of them. Should a Flink
     * upgrade restore them, this fails, and the rule in ConfigValidator can go.
     */
    @Test
    void heapTimersWithTheChangelogAreAllLostInAFailover(@TempDir Path dir) throws Exception {
        assertThat(firedAfterAFailover(RocksDbTimers.HEAP, true, dir)).isEmpty();
    }

    private static void withItsOwnState(String fired) {
        assertThat(fired).endsWith("=first seen at " + fired.substring(1, fired.indexOf('=')));
    }

    private static Set<String> firedAfterAFailover(RocksDbTimers timers, boolean changelog, Path dir) throws Exception {
        RocksDbConfig rocksdb = ConfigLoader.defaults().run().rocksdb();
        Configuration conf = new Configuration();
        FlinkEnvironments.rocksDbSettings(new RocksDbConfig(
                        timers,
                        rocksdb.predefinedOptions(),
                        rocksdb.checkpointTransferThreads(),
                        rocksdb.bloomFilter()))
                .forEach(conf::setString);
        FlinkEnvironments.changelogSettings(new ChangelogConfig(changelog, Duration.ofMillis(200)), dir.toString())
                .forEach(conf::setString);
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.interval", "100 ms");
        conf.setString(
                "execution.checkpointing.dir",
                dir.resolve("checkpoints").toUri().toString());
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "1");
        conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);

        FIRED.clear();
        FAILED.set(false);
        // 100 events a second: the keys' timers in the first half second, the failure three seconds later, after
        // checkpoints every 100 ms and materializations every 200 ms.
        env.fromSource(
                        new DataGeneratorSource<>(i -> i, EVENTS, RateLimiterStrategy.perSecond(100), Types.LONG),
                        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((i, t) -> i),
                        "Events")
                .setParallelism(1)
                .keyBy(i -> "k" + (i % KEYS))
                .process(new TimerPerKey())
                .sinkTo(new Fired())
                .setParallelism(1);
        env.execute("changelog restore");
        assertThat(FAILED).as("the planned failure happened").isTrue();
        return Set.copyOf(FIRED);
    }

    /** A timer and a value per key at its first event; a planned failure once, at {@link #FAIL_AT}. */
    static final class TimerPerKey extends KeyedProcessFunction<String, Long, String> {
        private transient ValueState<Long> firstSeen;

        @Override
        public void open(OpenContext openContext) {
            firstSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Types.LONG));
        }

        @Override
        public void processElement(Long i, Context ctx, Collector<String> out) throws Exception {
            if (i < KEYS) {
                firstSeen.update(i);
                ctx.timerService().registerEventTimeTimer(TIMER_AT);
            }
            if (i == FAIL_AT && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("planned failure, after materializations of the changelog");
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect(ctx.getCurrentKey() + "=first seen at " + firstSeen.value());
        }
    }

    static final class Fired implements Sink<String> {
        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(String fired, Context ctx) {
                    FIRED.add(fired);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
