package io.pacesetter.config;

/**
 * How RocksDB, the state backend of live runs, is set up: applied by every job on RocksDB (run, run --kafka, the
 * benchmarks) as Flink's {@code state.backend.rocksdb.*} keys. Why these values: docs/benchmarks.md.
 *
 * @param timers where event- and processing-time timers are kept: HEAP (in memory, written into every
 *     checkpoint) or ROCKSDB (on disk, each registration and firing a RocksDB write and read)
 * @param predefinedOptions Flink's profile of RocksDB options
 * @param checkpointTransferThreads threads per stateful operator that upload and download checkpoint files
 * @param bloomFilter whether RocksDB's files carry a Bloom filter, so that a read of a key a file does not hold
 *     skips that file: most reads of the deduplication, the leg trackers and the slicer are of keys that do not
 *     exist yet (a new event id, call or minute)
 */
public record RocksDbConfig(
        RocksDbTimers timers, RocksDbProfile predefinedOptions, Integer checkpointTransferThreads, Boolean bloomFilter)
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
