package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The snapshot: section: its defaults, and every bad value refused at start-up with the key and the fix. */
class SnapshotConfigTest {
    @Test
    void theDefaultsWriteEveryFormatOnAScheduleWithAThresholdOfTwenty() {
        SnapshotConfig s = ConfigLoader.defaults().snapshot();

        assertThat(s.storeDir()).isEqualTo("./pacesetter-store");
        assertThat(s.smallNumberThreshold()).isEqualTo(20);
        assertThat(s.formats()).containsExactly("csv", "xlsx", "html");
        assertThat(s.scheduled()).isTrue();
        assertThat(s.outputDir()).isEqualTo("./pacesetter-snapshots");
        assertThat(s.significance()).isEqualTo(0.05);
        assertThat(s.suppressBelow()).isEqualTo(10);
    }

    @Test
    void anOverlayReplacesTheFormatsWhole() {
        SnapshotConfig s = ConfigLoader.loadYaml(
                        "snapshot: {formats: [html], scheduled: false, smallNumberThreshold: 0}")
                .snapshot();

        assertThat(s.formats()).containsExactly("html");
        assertThat(s.scheduled()).isFalse();
        assertThat(s.smallNumberThreshold()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "snapshot: {storeDir: ''}|snapshot.storeDir|directory of the monthly aggregate store",
                "snapshot: {smallNumberThreshold: -1}|snapshot.smallNumberThreshold|0 or more",
                "snapshot: {formats: []}|snapshot.formats|[csv, xlsx, html]",
                "snapshot: {formats: [csv, pdf]}|snapshot.formats[1]|'pdf' is not a format",
                "snapshot: {scheduled: null}|snapshot.scheduled|use true",
                "snapshot: {outputDir: ' '}|snapshot.outputDir|scheduled snapshots",
                "snapshot: {significance: 0}|snapshot.significance|above 0 and below 1",
                "snapshot: {significance: 1.5}|snapshot.significance|above 0 and below 1",
                "snapshot: {suppressBelow: -3}|snapshot.suppressBelow|0 or more",
                "snapshot: {storeDirectory: x}|snapshot.storeDirectory|unknown key"
            })
    void aBadValueIsRefusedNamingTheKeyAndTheFix(String yaml, String key, String fix) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadYaml(yaml));

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).contains(fix);
    }
}
