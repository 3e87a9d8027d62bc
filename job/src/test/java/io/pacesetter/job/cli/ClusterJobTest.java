package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The cluster entry class fails by throwing, never by exiting: in application mode it runs inside the
 * JobManager, and the entrypoint reports the exception and fails the application.
 */
class ClusterJobTest {
    @Test
    void aMissingBrokerAddressIsAUsageErrorThrown() {
        assertThatThrownBy(() -> ClusterJob.main(new String[] {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("could not start")
                .hasMessageContaining("--kafka");
    }

    @Test
    void aBadBrokerAddressNamesTheOption() {
        assertThatThrownBy(() -> ClusterJob.main(new String[] {"--kafka", "kafka"}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--kafka")
                .hasMessageContaining("host:port");
    }

    @Test
    void aBadConfigFileNamesTheFile() {
        assertThatThrownBy(() ->
                        ClusterJob.main(new String[] {"--kafka", "kafka:9092", "--config", "/no/such/pacesetter.yaml"}))
                .hasMessageContaining("/no/such/pacesetter.yaml");
    }
}
