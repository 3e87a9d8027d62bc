package io.pacesetter.job;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.ScopedOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data built from named instants, as the force would describe it. */
public final class TestData {
    private TestData() {}

    public static final String FORCE = "Example County Police";
    /** 08:00 on 1 June 2016, the month of the seed report. */
    public static final Instant JUNE_1_0800 = Instant.parse("2016-06-01T07:00:00Z");

    private static final AtomicInteger IDS = new AtomicInteger();

    public static long at(Instant base, Duration after) {
        return base.plus(after).toEpochMilli();
    }

    public static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    public static CallEvent call(String callId, CallEventType type, String queue, long time, String district) {
        return new CallEvent("e" + IDS.incrementAndGet(), callId, type, queue, time, district);
    }

    public static CallEvent offered(String callId, String queue, long time) {
        return call(callId, CallEventType.OFFERED, queue, time, "Ashby");
    }

    public static CallEvent answered(String callId, String queue, long time) {
        return call(callId, CallEventType.ANSWERED, queue, time, "Ashby");
    }

    public static CallEvent abandoned(String callId, String queue, long time) {
        return call(callId, CallEventType.ABANDONED, queue, time, "Ashby");
    }

    public static IncidentEvent incident(
            String incidentId,
            IncidentEventType type,
            long time,
            Integer grade,
            String district,
            Area area,
            String reason) {
        return new IncidentEvent(
                "e" + IDS.incrementAndGet(), incidentId, type, time, grade, district, area, reason, null);
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
