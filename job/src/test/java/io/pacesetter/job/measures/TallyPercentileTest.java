package io.pacesetter.job.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A running window's 90th percentile, read every minute as slices enter and leave, is the same
 * as a fresh selection over the waits it holds at that minute.
 */
class TallyPercentileTest {
    @Test
    void aRunningWindowReadEveryMinuteAgreesWithAFreshSelection() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int windowSlices = 1 + random.nextInt(60);
            Tally window = new Tally();
            Deque<Tally> inWindow = new ArrayDeque<>();
            for (int minute = 0; minute < 400; minute++) {
                Tally slice = new Tally();
                // Quiet minutes, busy minutes and repeated waits (to the millisecond) all happen.
                int legs = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
                for (int leg = 0; leg < legs; leg++) {
                    long wait = switch (random.nextInt(12)) {
                        case 0, 1, 2, 3 -> 10_000;
                        // An hour is where the per-second counts end and the map of long waits begins.
                        case 4 -> random.nextBoolean() ? 3_599_999 : 3_600_000;
                        case 5 -> 3_600_000 + random.nextLong(7_200_000);
                        default -> random.nextLong(1 + random.nextLong(200_000));
                    };
                    slice.addLeg(random.nextInt(10) != 0, wait, wait <= 10_000, false);
                }
                window.add(slice);
                inWindow.addLast(slice);
                if (inWindow.size() > windowSlices) {
                    window.subtract(inWindow.removeFirst());
                }
                Long expected = NearestRank.of(window.answeredWaits.asMap(), window.answered, 0.9);
                assertThat(window.p90WaitMs())
                        .as("trial %d minute %d", trial, minute)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void waitCountsAgreeWithASelectionAtEveryRankWhateverTheWaits() {
        SplittableRandom random = new SplittableRandom(7);
        Map<Long, Integer> waits = new HashMap<>();
        WaitCounts running = new WaitCounts();
        long total = 0;
        for (int step = 0; step < 3_000; step++) {
            // Negative waits cannot come from a leg, but the ranking must not depend on that.
            long wait = switch (random.nextInt(6)) {
                case 0 -> -random.nextLong(1, 5_000);
                case 1 -> 3_600_000 + random.nextLong(100_000);
                // Many distinct milliseconds in the same two seconds: those seconds count every millisecond.
                case 2, 3 -> random.nextLong(2_000);
                default -> random.nextLong(60_000);
            };
            int before = waits.getOrDefault(wait, 0);
            int delta = before > 0 && random.nextInt(3) == 0 ? -1 : 1;
            int after = before + delta;
            if (after == 0) {
                waits.remove(wait);
            } else {
                waits.put(wait, after);
            }
            total += delta;
            running.add(wait, delta);
            assertThat(running.total()).isEqualTo(total);
            assertThat(running.distinct()).isEqualTo(waits.size());
            long rank = 1 + random.nextLong(total);
            assertThat(running.select(rank))
                    .as("step %d rank %d of %d", step, rank, total)
                    .isEqualTo(selection(waits, rank));
        }
    }

    private static long selection(Map<Long, Integer> waits, long rank) {
        long[] values = waits.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] weights = Arrays.stream(values).map(waits::get).toArray();
        return NearestRank.select(values, weights, values.length, rank);
    }

    @Test
    void aLegAddedStraightToARunningWindowMovesItsPercentile() {
        Tally window = new Tally();
        window.addLeg(true, 5_000, true, false);
        assertThat(window.p90WaitMs()).isEqualTo(5_000);
        assertThat(window.p90WaitMs()).isEqualTo(5_000);
        for (int i = 0; i < 9; i++) {
            window.addLeg(true, 1_000, true, false);
        }
        assertThat(window.p90WaitMs()).as("⌈9⌉ = 9th of ten").isEqualTo(1_000);
        window.addLeg(true, 9_000, true, false);
        assertThat(window.p90WaitMs()).as("⌈9.9⌉ = 10th of eleven").isEqualTo(5_000);
    }
}
