package io.pacesetter.bench.micro;

import io.pacesetter.job.measures.NearestRank;
import io.pacesetter.job.measures.Tally;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a scope pays each minute for each window length: the running total adds the slice that
 * closed and subtracts the one that left, and a published window reads its 90th percentile
 * ({@code rollAMinuteAndReadP90} against {@code rollAMinute} + {@code p90Of24HoursBySelection}).
 * {@code legsPerSlice} is how busy the scope is: a district queue sees a leg or two a minute, a
 * force-wide 101 queue dozens. A 24 h window holds 1,440 slices.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SliceArithmeticBenchmark {
    private static final int SLICES_IN_24H = 1440;

    @Param({"2", "40"})
    public int legsPerSlice;

    private Tally[] slices;
    private Tally window;
    private Map<Long, Integer> windowWaits;
    private int minute;

    @Setup
    public void fillA24HourWindow() {
        SplittableRandom random = new SplittableRandom(7);
        slices = new Tally[SLICES_IN_24H + 1];
        window = new Tally();
        for (int s = 0; s < slices.length; s++) {
            slices[s] = new Tally();
            for (int leg = 0; leg < legsPerSlice; leg++) {
                boolean answered = random.nextDouble() < 0.9;
                long wait = 2_500 + (long) (-Math.log(1 - random.nextDouble()) * 35_000);
                slices[s].addLeg(answered, wait, wait <= 10_000, !answered && wait < 5_000);
            }
            if (s < SLICES_IN_24H) {
                window.add(slices[s]);
            }
        }
        // A hash map: a selection over waits already in order would measure quickselect's worst case.
        windowWaits = new HashMap<>(window.answeredWaits.asMap());
    }

    /**
     * One minute of a 24 h window: the newest slice in, the oldest out (then back, so the window stays the same
     * size).
     */
    @Benchmark
    public Tally rollAMinute() {
        Tally entering = slices[SLICES_IN_24H];
        Tally leaving = slices[minute];
        minute = (minute + 1) % SLICES_IN_24H;
        window.add(entering);
        window.subtract(leaving);
        window.add(leaving);
        window.subtract(entering);
        return window;
    }

    /**
     * The 24 h window's exact nearest-rank 90th percentile by a selection over all its waits: the reference the
     * cursor is compared with (docs/benchmarks.md, "JMH").
     */
    @Benchmark
    public Long p90Of24HoursBySelection() {
        return NearestRank.of(windowWaits, window.answered, 0.9);
    }

    /**
     * A minute of a published 24 h window as the slicer does it: roll, then read the percentile from the wait
     * counts' cursor.
     */
    @Benchmark
    public Long rollAMinuteAndReadP90() {
        Tally entering = slices[SLICES_IN_24H];
        Tally leaving = slices[minute];
        minute = (minute + 1) % SLICES_IN_24H;
        window.add(entering);
        window.subtract(leaving);
        Long p90 = window.p90WaitMs();
        window.add(leaving);
        window.subtract(entering);
        return p90;
    }
}
