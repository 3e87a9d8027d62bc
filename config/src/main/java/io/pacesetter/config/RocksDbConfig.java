package io.pacesetter.config;

/**
 * How RocksDB, the state backend of live runs, is set up: applied by every job on RocksDB (run, run --kafka, the
 * benchmarks) as Flink's {@code state.backend.rocksdb.*} keys. Why these values: docs/benchmarks.md.
 *
 * @param timers where event- and processing-time timers are kept: HEAP (in memory, written into every
 *     checkpoint) or ROCKSDB (on disk, each registration and firing a RocksDB write and read)
 * @param predefinedOptions Flink's profile of RocksDB options
 * @param checkpointTransferThreads threads per stateful operator that upload and download checkpoint files
 */
public record RocksDbConfig(RocksDbTimers timers, RocksDbProfile predefinedOptions, Integer checkpointTransferThreads)
        implements java.io.Serializable {

    /** Where RocksDB's jobs keep their timers. */
    public enum RocksDbTimers {
        HEAP,
        ROCKSDB
    }

    /** Flink's predefined RocksDB options ({@code state.backend.rocksdb.predefined-options}). */
    public enum RocksDbProfile {
        DEFAULT,
        SPINNING_DISK_OPTIMIZED,
        SPINNING_DISK_OPTIMIZED_HIGH_MEM,
        FLASH_SSD_OPTIMIZED
    }
}
