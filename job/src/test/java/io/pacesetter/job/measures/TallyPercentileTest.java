package io.pacesetter.job.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
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
                    long wait = random.nextInt(3) == 0 ? 10_000 : random.nextLong(1 + random.nextLong(200_000));
                    slice.addLeg(random.nextInt(10) != 0, wait, wait <= 10_000, false);
                }
                window.add(slice);
                inWindow.addLast(slice);
                if (inWindow.size() > windowSlices) {
                    window.subtract(inWindow.removeFirst());
                }
                Long expected = NearestRank.of(window.answeredWaits, window.answered, 0.9);
                assertThat(window.p90WaitMs()).as("trial %d minute %d", trial, minute).isEqualTo(expected);
            }
        }
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
