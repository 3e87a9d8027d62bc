package io.pacesetter.job.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NearestRankTest {
    private static Long p90(long... values) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        return NearestRank.of(counts, values.length, 0.9);
    }

    @Test
    void isTheCeilingOfNineTenthsOfNThSmallest() {
        assertThat(p90()).isNull();
        assertThat(p90(7_000)).isEqualTo(7_000);
        assertThat(p90(1, 2)).as("⌈1.8⌉ = 2nd").isEqualTo(2);
        assertThat(p90(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).as("⌈9⌉ = 9th").isEqualTo(9);
        assertThat(p90(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)).as("⌈9.9⌉ = 10th").isEqualTo(10);
        assertThat(p90(5, 5, 5, 5, 5, 5, 5, 5, 5, 100))
                .as("ties count once each")
                .isEqualTo(5);
        assertThat(p90(1_001, 1_002, 1_003))
                .as("⌈2.7⌉ = 3rd, to the millisecond")
                .isEqualTo(1_003);
        assertThat(p90(
                        100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_100, 1_200, 1_300, 1_400, 1_500, 1_600,
                        1_700, 1_800, 1_900, 2_000))
                .as("⌈18⌉ = 18th")
                .isEqualTo(1_800);
    }

    @Test
    void agreesWithSortingOnRandomCountedWaits() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + random.nextInt(300);
            long[] waits = new long[n];
            Map<Long, Integer> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                waits[i] = random.nextInt(1 + random.nextInt(5_000));
                counts.merge(waits[i], 1, Integer::sum);
            }
            java.util.Arrays.sort(waits);
            for (double share : new double[] {0.5, 0.9, 0.99, 1.0}) {
                long expected = waits[(int) Math.ceil(share * n - 1e-9) - 1];
                assertThat(NearestRank.of(counts, n, share))
                        .as("round %d share %s", round, share)
                        .isEqualTo(expected);
            }
        }
    }
}
