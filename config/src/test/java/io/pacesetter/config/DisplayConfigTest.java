package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayConfigTest {

    private static ConfigException refusal(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadYaml(yaml));
        assertThat(e).as("refused:%n%s", yaml).isNotNull();
        return e;
    }

    @Test
    void theDefaultsServeThisMachineOnlyOnPort8080WithoutAToken() {
        DisplayConfig d = ConfigLoader.defaults().display();

        assertThat(d.enabled()).isTrue();
        assertThat(d.bind()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.staleAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.protectedByToken()).isFalse();
        assertThat(d.maxScreens()).isEqualTo(500);
    }

    @Test
    void aTokenIsGivenAsASecretReference() {
        DisplayConfig d = ConfigLoader.loadYaml("display: { accessToken: '${env:PACESETTER_DISPLAY_TOKEN}', port: 0 }")
                .display();

        assertThat(d.protectedByToken()).isTrue();
        assertThat(d.port()).isZero();
    }

    @Test
    void aTokenWrittenInTheFileIsRefusedWithoutRepeatingIt() {
        ConfigException e = refusal("display: { accessToken: s3cret-wall }");

        assertThat(e.key()).isEqualTo("display.accessToken");
        assertThat(e.getMessage()).doesNotContain("s3cret-wall").contains("${env:NAME}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "display: { port: 70000 }                 | display.port        | 65535",
                "display: { port: -1 }                    | display.port        | 65535",
                "display: { staleAfter: PT0S }            | display.staleAfter  | above zero",
                "display: { staleAfter: PT0.2S }          | display.staleAfter  | PT1S or more",
                "display: { bind: '' }                    | display.bind        | 127.0.0.1",
                "display: { bind: 'http://0.0.0.0/' }     | display.bind        | not an address",
                "display: { amberWithin: 1.5 }            | display.amberWithin | 0.05",
                "display: { maxScreens: 0 }               | display.maxScreens  | 500",
                "display: { enabled: null }               | display.enabled     | true",
                "display: { accessToken: '${env:1BAD}' }  | display.accessToken | environment variable",
                "display: { colour: red }                 | display.colour      | staleAfter",
            })
    void badSettingsAreRefusedNamingTheKeyAndTheFix(String yaml, String key, String fix) {
        ConfigException e = refusal(yaml);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).contains(fix);
    }
}
