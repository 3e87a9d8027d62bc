package io.pacesetter.testkit;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.sink.RecordJson;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events of contract v1 for tests: as the parser hands them on (a {@link CallEvent}: OFFERED, ANSWERED,
 * ABANDONED; an {@link IncidentEvent}: CREATED, GRADED, DISPATCHED, ARRIVED, CLOSED, CANCELLED,
 * REASON_RECORDED), or as the JSON line an upstream system sends, written by {@link RecordJson} so a
 * test's line is a line of the contract. A line that must be broken is written by hand where it is used.
 */
public final class TestEvents {
    /** Where the tests' events happen unless they say otherwise. */
    public static final String DISTRICT = "Ashby";

    private static final AtomicInteger IDS = new AtomicInteger();

    private TestEvents() {}

    /** A call event with an id of its own ({@code e1}, {@code e2}, …). */
    public static CallEvent call(String callId, CallEventType type, String queue, long time, String district) {
        return new CallEvent(nextId(), callId, type, queue, time, district);
    }

    public static CallEvent offered(String callId, String queue, long time) {
        return call(callId, CallEventType.OFFERED, queue, time, DISTRICT);
    }

    public static CallEvent answered(String callId, String queue, long time) {
        return call(callId, CallEventType.ANSWERED, queue, time, DISTRICT);
    }

    public static CallEvent abandoned(String callId, String queue, long time) {
        return call(callId, CallEventType.ABANDONED, queue, time, DISTRICT);
    }

    /** An incident event with an id of its own; {@code grade}, {@code district}, {@code area} and {@code reason} may be null. */
    public static IncidentEvent incident(
            String incidentId,
            IncidentEventType type,
            long time,
            Integer grade,
            String district,
            Area area,
            String reason) {
        return new IncidentEvent(nextId(), incidentId, type, time, grade, district, area, reason, null);
    }

    /**
     * A call event's line: {@code {"eventId":…,"callId":…,"type":…,"queue":…,"time":…,"district":…}}.
     *
     * @param time epoch milliseconds, written with milliseconds in UTC
     * @param district null: left out
     */
    public static String callLine(
            String eventId, String callId, CallEventType type, String queue, long time, String district) {
        return RecordJson.callEvent(new CallEvent(eventId, callId, type, queue, time, district));
    }

    /**
     * An incident event's line: {@code {"eventId":…,"incidentId":…,"type":…,"time":…,"grade":…,"district":…}}.
     *
     * @param grade null: left out, as on an event other than CREATED and GRADED
     * @param district null: left out
     */
    public static String incidentLine(
            String eventId, String incidentId, IncidentEventType type, long time, Integer grade, String district) {
        return RecordJson.incidentEvent(
                new IncidentEvent(eventId, incidentId, type, time, grade, district, null, null, null));
    }

    private static String nextId() {
        return "e" + IDS.incrementAndGet();
    }
}
