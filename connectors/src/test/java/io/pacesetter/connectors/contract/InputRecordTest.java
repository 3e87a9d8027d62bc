package io.pacesetter.connectors.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An input record holds exactly one of a call, an incident or a dead letter. */
class InputRecordTest {

    private static final long T_080003_250 =
            Instant.parse("2016-06-01T08:00:03.250Z").toEpochMilli();

    private static final CallEvent CALL =
            new CallEvent("e-1", "c-1", CallEventType.OFFERED, "999", T_080003_250, "Ashby");
    private static final IncidentEvent INCIDENT = new IncidentEvent(
            "e-2", "i-1", IncidentEventType.CREATED, T_080003_250, 1, "Bramley", Area.RURAL, null, "c-1");
    private static final DeadLetter DEAD =
            new DeadLetter(RejectReason.BAD_TIME, "time is bad", "{}", "calls.jsonl:3", "e-3", null);

    @Test
    void aCallIsAnEventWithItsIdAndTime() {
        InputRecord r = InputRecord.of(CALL);

        assertThat(r.isEvent()).isTrue();
        assertThat(r.call).isSameAs(CALL);
        assertThat(r.incident).isNull();
        assertThat(r.deadLetter).isNull();
        assertThat(r.eventId()).isEqualTo("e-1");
        assertThat(r.eventTime()).isEqualTo(T_080003_250);
    }

    @Test
    void anIncidentIsAnEventWithItsIdAndTime() {
        InputRecord r = InputRecord.of(INCIDENT);

        assertThat(r.isEvent()).isTrue();
        assertThat(r.call).isNull();
        assertThat(r.eventId()).isEqualTo("e-2");
        assertThat(r.eventTime()).isEqualTo(T_080003_250);
    }

    @Test
    void aDeadLetterNeverMovesAWatermark() {
        InputRecord r = InputRecord.of(DEAD);

        assertThat(r.isEvent()).isFalse();
        assertThat(r.eventId()).isEqualTo("e-3");
        assertThat(r.eventTime()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void eventsAreEqualByValue() {
        assertThat(new CallEvent("e-1", "c-1", CallEventType.OFFERED, "999", T_080003_250, "Ashby"))
                .isEqualTo(CALL)
                .hasSameHashCodeAs(CALL)
                .isNotEqualTo(new CallEvent("e-1", "c-1", CallEventType.OFFERED, "999", T_080003_250 + 1, "Ashby"))
                .isNotEqualTo(new CallEvent("e-1", "c-1", CallEventType.OFFERED, "101", T_080003_250, "Ashby"));
        assertThat(new IncidentEvent(
                        "e-2", "i-1", IncidentEventType.CREATED, T_080003_250, 1, "Bramley", Area.RURAL, null, "c-1"))
                .isEqualTo(INCIDENT)
                .hasSameHashCodeAs(INCIDENT)
                .isNotEqualTo(new IncidentEvent(
                        "e-2", "i-1", IncidentEventType.CREATED, T_080003_250, 1, "Bramley", Area.URBAN, null, "c-1"));
        assertThat(new DeadLetter(RejectReason.BAD_TIME, "time is bad", "{}", "calls.jsonl:3", "e-3", null))
                .isEqualTo(DEAD)
                .hasSameHashCodeAs(DEAD)
                .isNotEqualTo(new DeadLetter(RejectReason.BAD_TIME, "time is bad", "{}", "calls.jsonl:4", "e-3", null));
    }

    @Test
    void aLegIsTheCallInOneQueue() {
        assertThat(CALL.legKey()).isEqualTo("c-1|999");
    }

    @Test
    void onlyOutcomesAreOutcomes() {
        assertThat(CallEventType.OFFERED.isOutcome()).isFalse();
        assertThat(CallEventType.ANSWERED.isOutcome()).isTrue();
        assertThat(CallEventType.ABANDONED.isOutcome()).isTrue();
    }

    @Test
    void everyReasonHasADataQualityMeasure() {
        assertThat(RejectReason.FUTURE.measure()).isEqualTo("DATA_QUALITY_FUTURE");
        assertThat(RejectReason.UNKNOWN_DISTRICT.rejects()).isFalse();
        assertThat(RejectReason.UNKNOWN_QUEUE.rejects()).isFalse();
        assertThat(RejectReason.MALFORMED_JSON.rejects()).isTrue();
    }
}
