package io.pacesetter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.StateBackendKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness on a tiny feed, for its correctness gate only: every variant's windows must equal
 * Pacesetter's on the measures it can express, or the harness reports no speed for it. No speed is
 * asserted here; the full run is {@code bench/run}.
 */
// About 20 s on an idle machine; six MiniCluster jobs took over 180 s at a load average of 50, so the
// limit only catches a hang.
@Timeout(900)
class HarnessSmokeITCase {
    @Test
    void everyVariantComputesWhatPacesetterComputes() throws Exception {
        // 600 legs over 40 minutes for 3 × (1 + 2 + 6) scopes: every window length has windows to compare.
        Harness.Tier tiny = new Harness.Tier("tiny", new BenchInput.Shape(600, 2.0 / 3, 2, 3, 0.10, 7L));
        Duration hour = Duration.ofHours(1);
        Duration day = Duration.ofHours(24);
        // One of each kind (a job each, and a MiniCluster each: the suite's time goes there, not into the events).
        List<Harness.Entry> entries = List.of(
                new Harness.Entry(Variant.pacesetter(StateBackendKind.HASHMAP), tiny),
                new Harness.Entry(Variant.l1(), tiny),
                new Harness.Entry(Variant.naiveAgg(hour), tiny),
                new Harness.Entry(Variant.naivePwf(day), tiny),
                new Harness.Entry(Variant.sqlHop(day), tiny),
                new Harness.Entry(Variant.pacesetter(StateBackendKind.ROCKSDB), tiny));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<Harness.Result> results =
                Harness.run(new Harness.Plan(entries, 0), new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertThat(results)
                .as(report)
                .allSatisfy(
                        r -> assertThat(r.differences()).as(r.entry().label()).isEmpty());
        assertThat(results)
                .filteredOn(r -> r.entry().variant().length() != null)
                .as("each windowing variant was compared on windows")
                .allSatisfy(r -> assertThat(r.windowsCompared()).isPositive());
        assertThat(report).contains("| variant").contains("Naive-PWF 24h").contains("outputs checked");
    }
}
