package io.pacesetter.job;

import io.pacesetter.config.ChangelogConfig;
import io.pacesetter.config.RocksDbConfig;
import io.pacesetter.config.RunConfig;
import io.pacesetter.config.StateBackendKind;
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
public final class FlinkEnvironments {
    /** How long a checkpoint barrier may wait for alignment before it overtakes the records queued ahead of it. */
    public static final Duration ALIGNED_CHECKPOINT_TIMEOUT = Duration.ofSeconds(1);

    private FlinkEnvironments() {}

    /** A live run: checkpoints (RocksDB incremental by default) and a bounded restart strategy. */
    public static StreamExecutionEnvironment live(
            int parallelism,
            StateBackendKind backend,
            Duration checkpointInterval,
            String checkpointDir,
            boolean incremental) {
        return live(parallelism, backend, checkpointInterval, checkpointDir, incremental, null);
    }

    /**
     * A live run as {@code run} says: its parallelism, checkpoints and buffer timeout; checkpoints unaligned after
     * {@code run.alignedCheckpointTimeout}; RocksDB set up by {@code run.rocksdb} when it is the backend.
     */
    public static StreamExecutionEnvironment live(RunConfig run, StateBackendKind backend) {
        StreamExecutionEnvironment env = live(
                run.parallelism(),
                backend,
                run.checkpointInterval(),
                run.checkpointDir(),
                run.incrementalCheckpoints(),
                run);
        env.setBufferTimeout(run.bufferTimeout().toMillis());
        return env;
    }

    private static StreamExecutionEnvironment live(
            int parallelism,
            StateBackendKind backend,
            Duration checkpointInterval,
            String checkpointDir,
            boolean incremental,
            RunConfig run) {
        Map<String, String> conf = common(backend);
        if (run != null) {
            conf.putAll(unalignedAfter(run.alignedCheckpointTimeout()));
            if (backend == StateBackendKind.ROCKSDB) {
                conf.putAll(rocksDbSettings(run.rocksdb()));
            }
            conf.putAll(changelogSettings(run.changelog(), checkpointDir));
        }
        conf.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        conf.put("execution.checkpointing.dir", toUri(checkpointDir));
        conf.put("execution.checkpointing.incremental", Boolean.toString(incremental));
        // Kept when the run is stopped, so its state can be inspected or restored from.
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.put("restart-strategy.type", "exponential-delay");
        return create(conf, parallelism, RuntimeExecutionMode.STREAMING);
    }

    /**
     * Flink's keys for {@code run.rocksdb}; every job on RocksDB that stands for a live run (the commands, the
     * benchmarks) applies them. Timers in RocksDB by default: heap timers are cheaper to set and fire, but every
     * checkpoint writes all of them out on the task's own thread, which held live alerts back; Bloom filters on by
     * default, since most reads are of keys not there yet (docs/benchmarks.md, "Stop 28").
     */
    public static Map<String, String> rocksDbSettings(RocksDbConfig rocksdb) {
        return Map.of(
                "state.backend.rocksdb.timer-service.factory",
                rocksdb.timers().name(),
                "state.backend.rocksdb.predefined-options",
                rocksdb.predefinedOptions().name(),
                "state.backend.rocksdb.checkpoint.transfer.thread.num",
                Integer.toString(rocksdb.checkpointTransferThreads()),
                "state.backend.rocksdb.use-bloom-filter",
                Boolean.toString(rocksdb.bloomFilter()));
    }

    /**
     * Flink's keys for {@code run.changelog}, the log kept beside the checkpoints in {@code checkpointDir}. With it a
     * checkpoint's synchronous part, on each stateful task's thread, is the hand-over of the log written since the
     * last one rather than a RocksDB flush: about forty subtasks flushing together on two cores held an incident
     * alert back by up to half a second (docs/benchmarks.md).
     */
    public static Map<String, String> changelogSettings(ChangelogConfig changelog, String checkpointDir) {
        if (!changelog.enabled()) {
            return Map.of("state.changelog.enabled", "false");
        }
        return Map.of(
                "state.changelog.enabled",
                "true",
                "state.changelog.storage",
                "filesystem",
                "state.changelog.dstl.dfs.base-path",
                toUri(checkpointDir).replaceAll("/*$", "") + "/changelog",
                "state.changelog.periodic-materialize.interval",
                changelog.materializeEvery().toMillis() + " ms");
    }

    /**
     * A replay: STREAMING on bounded sources, so watermarks and timers behave exactly as in a live
     * run; no checkpoints, and no restarts (a replay that fails should say so, not loop).
     */
    public static StreamExecutionEnvironment replay(int parallelism, StateBackendKind backend) {
        Map<String, String> conf = common(backend);
        conf.put("restart-strategy.type", "none");
        return create(conf, parallelism, RuntimeExecutionMode.STREAMING);
    }

    /**
     * Checkpoints that keep completing while a Kafka job catches up on a backlog: exactly-once records
     * become visible only when a checkpoint completes, within {@code kafka.transactionTimeout}, and an
     * aligned barrier would wait behind every queued record. Barriers start aligned and overtake the
     * queue (unaligned) once alignment takes longer than {@link #ALIGNED_CHECKPOINT_TIMEOUT}.
     */
    public static void checkpointsThatKeepUp(StreamExecutionEnvironment env) {
        env.configure(Configuration.fromMap(unalignedAfter(ALIGNED_CHECKPOINT_TIMEOUT)));
    }

    /**
     * Barriers aligned at first, overtaking the records queued ahead of them once they have waited {@code timeout}.
     * With them, the operators that allow it (the incident clocks: {@code IncidentClockOperator}) let other work,
     * a live alert's moment among it, run between the event-time timers a watermark fires.
     */
    public static Map<String, String> unalignedAfter(Duration timeout) {
        return Map.of(
                "execution.checkpointing.unaligned.enabled",
                "true",
                "execution.checkpointing.aligned-checkpoint-timeout",
                timeout.toMillis() + " ms",
                "execution.checkpointing.unaligned.interruptible-timers.enabled",
                "true");
    }

    /**
     * What a local environment (the embedded default of {@code run}, {@code replay}) opens binds to this
     * machine's loopback: the REST endpoint, the JobManager's blob server and the TaskManager's data and RPC
     * ports would otherwise listen on every interface, with no authentication. A control-room workstation
     * shares its network. Submitted to a cluster, these keys change nothing: its processes are already bound
     * by its own {@code config.yaml} (docker/conf), which is where a deployment opens ports to others.
     */
    static final Map<String, String> LOOPBACK = Map.of(
            "rest.bind-address", "127.0.0.1",
            "rest.address", "127.0.0.1",
            "jobmanager.bind-host", "127.0.0.1",
            "jobmanager.rpc.address", "127.0.0.1",
            "taskmanager.bind-host", "127.0.0.1",
            "taskmanager.host", "127.0.0.1");

    private static Map<String, String> common(StateBackendKind backend) {
        Map<String, String> conf = new HashMap<>(PacesetterJob.FLINK_SETTINGS);
        conf.putAll(LOOPBACK);
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
