package io.pacesetter.job.cli;

import io.pacesetter.config.StateBackendKind;
import io.pacesetter.job.PacesetterJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink environments for the commands, configured with Flink 2.x keys (the same ones a cluster's
 * {@code config.yaml} uses). {@code getExecutionEnvironment} runs locally from {@code java -jar}
 * and on the cluster when the slim jar is submitted.
 */
final class FlinkEnvironments {
    private FlinkEnvironments() {}

    /** A live run: checkpoints (RocksDB incremental by default) and a bounded restart strategy. */
    static StreamExecutionEnvironment live(
            int parallelism,
            StateBackendKind backend,
            Duration checkpointInterval,
            String checkpointDir,
            boolean incremental) {
        Map<String, String> conf = common(backend);
        conf.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        conf.put("execution.checkpointing.dir", toUri(checkpointDir));
        conf.put("execution.checkpointing.incremental", Boolean.toString(incremental));
        // Kept when the run is stopped, so its state can be inspected or restored from.
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.put("restart-strategy.type", "exponential-delay");
        return create(conf, parallelism, RuntimeExecutionMode.STREAMING);
    }

    /**
     * A replay: STREAMING on bounded sources, so watermarks and timers behave exactly as in a live
     * run; no checkpoints, and no restarts (a replay that fails should say so, not loop).
     */
    static StreamExecutionEnvironment replay(int parallelism, StateBackendKind backend) {
        Map<String, String> conf = common(backend);
        conf.put("restart-strategy.type", "none");
        return create(conf, parallelism, RuntimeExecutionMode.STREAMING);
    }

    private static Map<String, String> common(StateBackendKind backend) {
        Map<String, String> conf = new HashMap<>(PacesetterJob.FLINK_SETTINGS);
        conf.put("state.backend.type", backend == StateBackendKind.ROCKSDB ? "rocksdb" : "hashmap");
        return conf;
    }

    private static StreamExecutionEnvironment create(
            Map<String, String> conf, int parallelism, RuntimeExecutionMode mode) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(conf));
        env.setParallelism(parallelism);
        env.setRuntimeMode(mode);
        return env;
    }

    private static String toUri(String dir) {
        return dir.contains("://") ? dir : Path.of(dir).toAbsolutePath().toUri().toString();
    }
}
