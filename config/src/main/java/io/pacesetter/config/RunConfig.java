package io.pacesetter.config;

import java.time.Duration;

/**
 * How {@code run} executes on a local Flink environment.
 *
 * @param parallelism operator parallelism
 * @param stateBackend RocksDB (default) or heap
 * @param checkpointInterval how often state is checkpointed (also how often file outputs are flushed)
 * @param checkpointDir where checkpoints are kept (a path or a file:// URI)
 * @param incrementalCheckpoints RocksDB incremental checkpoints
 * @param outputDir where records are written as JSON lines
 * @param summaryEvery how often the console summary is printed
 * @param bufferTimeout the longest a record waits in a network buffer before it is sent on (Flink's
 *     {@code execution.buffer-timeout.interval}), PT0S: at once; an incident alert pays it at each step from the feed
 *     to its clock, and its own path sends each record at once
 * @param alignedCheckpointTimeout how long a checkpoint barrier may wait for the barriers of an operator's other
 *     inputs before it overtakes the records queued ahead of it (an unaligned checkpoint); while it waits, the
 *     inputs that have their barrier are held back, live alerts with them. PT0S: every checkpoint unaligned
 * @param rocksdb how RocksDB is set up when it is the state backend
 * @param changelog whether checkpoints persist a log of state changes instead of flushing the backend
 */
public record RunConfig(
        Integer parallelism,
        StateBackendKind stateBackend,
        Duration checkpointInterval,
        String checkpointDir,
        Boolean incrementalCheckpoints,
        String outputDir,
        Duration summaryEvery,
        Duration bufferTimeout,
        Duration alignedCheckpointTimeout,
        RocksDbConfig rocksdb,
        ChangelogConfig changelog)
        implements java.io.Serializable {}
