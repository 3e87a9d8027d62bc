package io.pacesetter.job.cli;

import static io.pacesetter.testkit.Topics.text;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.testkit.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What the Kafka tests of the commands share beyond the test kit: a configuration, a Flink environment, and reading figures. */
final class KafkaTestSupport {
    private KafkaTestSupport() {}

    /** The defaults with {@code yaml} laid over them. */
    static PacesetterConfig config(String yaml) {
        return ConfigLoader.loadYaml(yaml);
    }

    /**
     * A local environment as {@code run --kafka} makes it (checkpoints that keep up under backpressure),
     * but one a test can rely on: heap state, and {@code restarts} restarts at most (a job that fails
     * with the default strategy retries forever).
     */
    static StreamExecutionEnvironment environment(Path checkpoints, Duration checkpointInterval, int restarts) {
        return environment(checkpoints, checkpointInterval, restarts, Map.of());
    }

    /** As above, with further Flink settings, e.g. {@code execution.state-recovery.path} to start from a savepoint. */
    static StreamExecutionEnvironment environment(
            Path checkpoints, Duration checkpointInterval, int restarts, Map<String, String> settings) {
        Map<String, String> conf = new HashMap<>();
        conf.put("state.backend.type", "hashmap");
        conf.put("pipeline.generic-types", "false");
        conf.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        conf.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        if (restarts == 0) {
            conf.put("restart-strategy.type", "none");
        } else {
            conf.put("restart-strategy.type", "fixed-delay");
            conf.put("restart-strategy.fixed-delay.attempts", Integer.toString(restarts));
            conf.put("restart-strategy.fixed-delay.delay", "100 ms");
        }
        conf.putAll(settings);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(conf));
        env.setParallelism(2);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        FlinkEnvironments.checkpointsThatKeepUp(env);
        return env;
    }

    static List<MeasureRecord> measures(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> RecordJson.readMeasure(text(r.value())))
                .toList();
    }

    /** The records a run publishes for good: final PERIOD records (every revision) and sliding windows (final when written). */
    static boolean isFinalFigure(MeasureRecord r) {
        return r.window == WindowKind.SLIDING || (r.window == WindowKind.PERIOD && r.isFinal);
    }

    /**
     * Follows a topic as a {@code read_committed} reader would, from its beginning, and tells when a
     * record matching a condition became visible (wall clock), for the latency and for waiting on a job.
     */
    static final class Watcher implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<MeasureRecord> read = new ArrayList<>();
        private final List<Long> seenAt = new ArrayList<>();

        Watcher(KafkaConnection kafka, String topic) {
            consumer = Topics.fromBeginning(kafka, topic, true);
        }

        /** When the first record matching {@code wanted} was read (epoch ms), polling until one is. */
        long await(Predicate<MeasureRecord> wanted, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int checked = 0;
            while (true) {
                for (; checked < read.size(); checked++) {
                    if (wanted.test(read.get(checked))) {
                        return seenAt.get(checked);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no matching record became visible to read_committed within " + timeout);
                }
                poll();
            }
        }

        /** How long after {@code since} (epoch ms) the first record matching {@code wanted} became visible. */
        long await(Predicate<MeasureRecord> wanted, long since, Duration timeout) {
            return await(wanted, timeout) - since;
        }

        /** Reads on for a while, timing what becomes visible meanwhile. */
        void keepReading(Duration duration) {
            long until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until) {
                poll();
            }
        }

        private void poll() {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                read.add(RecordJson.readMeasure(text(r.value())));
                seenAt.add(System.currentTimeMillis());
            }
        }

        /** Every record read so far, in the order read. */
        List<MeasureRecord> read() {
            return read;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
