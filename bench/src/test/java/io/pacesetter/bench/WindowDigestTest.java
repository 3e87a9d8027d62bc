package io.pacesetter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowDigestTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private static MeasureRecord answered(double count, long windowEnd) {
        MeasureRecord r = new MeasureRecord();
        r.measure = "CALLS_ANSWERED";
        r.queue = "999";
        r.scope = Scope.DISTRICT;
        r.scopeId = "Ashby";
        r.window = WindowKind.SLIDING;
        r.windowEnd = windowEnd;
        r.windowLengthMs = HOUR.toMillis();
        r.value = count;
        return r;
    }

    @Test
    void aFigureOrAWindowEndOffByOneChangesTheHash() {
        long h = WindowDigest.hash(answered(12, 3_600_000));
        assertThat(WindowDigest.hash(answered(13, 3_600_000))).isNotEqualTo(h);
        assertThat(WindowDigest.hash(answered(12, 3_660_000))).isNotEqualTo(h);
        assertThat(WindowDigest.hash(answered(12, 3_600_000))).isEqualTo(h);
    }

    @Test
    void aWrongAnswerIsNamedByMeasureAndLength() {
        WindowDigest.Digest pacesetter = new WindowDigest.Digest(Map.of(
                WindowDigest.countName(HOUR, "CALLS_ANSWERED"),
                10L,
                WindowDigest.sumName(HOUR, "CALLS_ANSWERED"),
                12_345L));
        WindowDigest.Digest oneFigureOff = new WindowDigest.Digest(Map.of(
                WindowDigest.countName(HOUR, "CALLS_ANSWERED"),
                10L,
                WindowDigest.sumName(HOUR, "CALLS_ANSWERED"),
                12_346L));
        WindowDigest.Digest aWindowMissing = new WindowDigest.Digest(Map.of(
                WindowDigest.countName(HOUR, "CALLS_ANSWERED"),
                9L,
                WindowDigest.sumName(HOUR, "CALLS_ANSWERED"),
                12_345L));

        assertThat(oneFigureOff.differences(pacesetter, List.of(HOUR), List.of("CALLS_ANSWERED")))
                .containsExactly(
                        "CALLS_ANSWERED over PT1H: 10 windows (same count, different figures) against Pacesetter's 10");
        assertThat(aWindowMissing.differences(pacesetter, List.of(HOUR), List.of("CALLS_ANSWERED")))
                .containsExactly("CALLS_ANSWERED over PT1H: 9 windows against Pacesetter's 10");
        assertThat(pacesetter.differences(pacesetter, List.of(HOUR), List.of("CALLS_ANSWERED")))
                .isEmpty();
    }
}
