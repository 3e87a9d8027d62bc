package io.pacesetter.config;

/** Where keyed state lives in a run: RocksDB on disk (the default) or the JVM heap. */
public enum StateBackendKind {
    ROCKSDB,
    HASHMAP
}
