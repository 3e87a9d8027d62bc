package io.pacesetter.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.RocksDbConfig;
import java.util.Map;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;

class FlinkEnvironmentsTest {

    @Test
    void runRocksdbSetsFlinksOwnKeysWithTheConfiguredValues() {
        RocksDbConfig rocksdb = ConfigLoader.loadYaml(
                        "run: {rocksdb: {timers: HEAP, predefinedOptions: FLASH_SSD_OPTIMIZED,"
                                + " checkpointTransferThreads: 3, bloomFilter: false}, changelog: {enabled: false}}")
                .run()
                .rocksdb();

        // Flink ignores a key it does not know, so a misspelt one would silently leave its default.
        assertThat(FlinkEnvironments.rocksDbSettings(rocksdb))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        RocksDBOptions.TIMER_SERVICE_FACTORY.key(), "HEAP",
                        RocksDBOptions.PREDEFINED_OPTIONS.key(), "FLASH_SSD_OPTIMIZED",
                        RocksDBOptions.CHECKPOINT_TRANSFER_THREAD_NUM.key(), "3",
                        RocksDBConfigurableOptions.USE_BLOOM_FILTER.key(), "false"));
    }

    @Test
    void bloomFiltersAreOnByDefault() {
        RocksDbConfig rocksdb = ConfigLoader.loadYaml("{}").run().rocksdb();

        assertThat(FlinkEnvironments.rocksDbSettings(rocksdb))
                .containsEntry(RocksDBConfigurableOptions.USE_BLOOM_FILTER.key(), "true");
    }
}
