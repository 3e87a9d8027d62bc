package io.pacesetter.config;

import java.time.Duration;

/**
 * The state changelog of live runs: every state change is also appended to a log under the checkpoint directory
 * as it happens, so a checkpoint persists the log written since the last one instead of stopping each stateful
 * task to flush RocksDB; the backend itself is snapshotted in the background. Why: docs/benchmarks.md, the alert
 * tail during checkpoints.
 *
 * @param enabled whether live runs keep the changelog (Flink's {@code state.changelog.enabled})
 * @param materializeEvery how often the backend is snapshotted in the background, so a restore replays at most this
 *     much of the log (Flink's {@code state.changelog.periodic-materialize.interval})
 */
public record ChangelogConfig(Boolean enabled, Duration materializeEvery) implements java.io.Serializable {}
