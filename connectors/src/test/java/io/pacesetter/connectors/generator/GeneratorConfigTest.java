package io.pacesetter.connectors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigException;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.GeneratorConfig;
import org.junit.jupiter.api.Test;

/** The {@code generator:} knobs: defaults present, and a wrong one named with its fix. */
class GeneratorConfigTest {
    @Test
    void defaultsCarryTheWholeModel() {
        GeneratorConfig g = ConfigLoader.defaults().generator();
        assertThat(g.emergencyCallsPerDay()).isEqualTo(730.0);
        assertThat(g.switchboardCallsPerDay()).isEqualTo(2300.0);
        assertThat(g.emergency().meanHandlingTime().toSeconds()).isBetween(180L, 240L);
        assertThat(g.incidents().emergencyGradeMix()).hasSize(4);
        assertThat(g.defects().outOfOrderMaxDelay().toSeconds()).isEqualTo(90L);
    }

    @Test
    void anOverlayChangesOneKnobAndKeepsTheRest() {
        GeneratorConfig g = ConfigLoader.loadYaml("generator:\n  emergency:\n    meanPatience: PT2M\n")
                .generator();
        assertThat(g.emergency().meanPatience().toMinutes()).isEqualTo(2L);
        assertThat(g.emergency().minHandlers())
                .isEqualTo(ConfigLoader.defaults().generator().emergency().minHandlers());
    }

    @Test
    void wrongKnobsAreNamedWithTheirFix() {
        assertRejected("generator:\n  ivrCrimeBureauShare: 1.0\n", "generator.ivrCrimeBureauShare", "below 1");
        assertRejected("generator:\n  staffingElasticity: 1.5\n", "generator.staffingElasticity", "from 0");
        assertRejected(
                "generator:\n  switchboard:\n    minHandlers: 0\n", "generator.switchboard.minHandlers", "from 1");
        assertRejected(
                "generator:\n  crimeBureau:\n    meanPatience: PT0S\n",
                "generator.crimeBureau.meanPatience",
                "above zero");
        assertRejected(
                "generator:\n  incidents:\n    emergencyGradeMix: [0.5, 0.5]\n",
                "generator.incidents.emergencyGradeMix",
                "four shares");
        assertRejected(
                "generator:\n  incidents:\n    cancelShare: 0.7\n    downgradeShare: 0.5\n",
                "generator.incidents.cancelShare",
                "at most 1");
        assertRejected(
                "generator:\n  defects:\n    malformedShare: 2\n",
                "generator.defects.malformedShare",
                "between 0 and 1");
    }

    private static void assertRejected(String yaml, String key, String fix) {
        assertThatThrownBy(() -> ConfigLoader.loadYaml(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
                .hasMessageContaining(fix);
    }
}
