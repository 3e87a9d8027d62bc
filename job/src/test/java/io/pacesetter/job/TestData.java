package io.pacesetter.job;

import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.ScopedOutcome;
import java.time.Duration;
import java.time.Instant;

/** Test data built from named instants, as the force would describe it; events are the test kit's {@code TestEvents}. */
public final class TestData {
    private TestData() {}

    public static final String FORCE = "Example County Police";
    /** 08:00 on 1 June 2016, the month of the seed report. */
    public static final Instant JUNE_1_0800 = Instant.parse("2016-06-01T07:00:00Z");

    public static long at(Instant base, Duration after) {
        return base.plus(after).toEpochMilli();
    }

    public static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** A 999 leg for the whole force, answered or abandoned at {@code outcomeAt} after {@code waitMs}. */
    public static ScopedOutcome leg(String queue, long outcomeAt, long waitMs, boolean answered) {
        ScopedOutcome o = new ScopedOutcome();
        o.time = outcomeAt;
        o.waitMs = waitMs;
        o.answered = answered;
        return o.addressedTo(MeasureFamily.CALL_LEGS, queue, Scope.FORCE, FORCE, null);
    }
}
