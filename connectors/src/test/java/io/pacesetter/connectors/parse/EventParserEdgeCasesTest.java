package io.pacesetter.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import org.junit.jupiter.api.Test;

class EventParserEdgeCasesTest {
    private static final String CALL =
            "{\"eventId\":\"e1\",\"callId\":\"c1\",\"type\":\"OFFERED\",\"queue\":\"999\",\"time\":\"2016-06-01T08:00:00.000Z\"}";
    private static final String CREATED =
            "{\"eventId\":\"e2\",\"incidentId\":\"i1\",\"type\":\"CREATED\",\"time\":\"2016-06-01T08:00:00.000Z\",\"district\":\"Ashby\",\"grade\":%s}";

    @Test
    void twoObjectsOnOneLineAreMalformedNotHalfAccepted() {
        InputRecord r = EventParser.forReplay().parse(CALL + CALL, "f:1");
        assertThat(r.isEvent()).isFalse();
        assertThat(r.deadLetter.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(EventParser.forReplay().parse(CALL + " garbage", "f:2").deadLetter.reason)
                .isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void aGradeTooLargeForAnIntIsUnknownNotTruncated() {
        InputRecord r = EventParser.forReplay().parse(String.format(CREATED, "4294967297"), "f:1");
        assertThat(r.isEvent()).isFalse();
        assertThat(r.deadLetter.reason).isEqualTo(RejectReason.UNKNOWN_GRADE);
    }

    @Test
    void aRejectionRemembersTheLastGoodEventTimeOfItsSource() {
        EventParser parser = EventParser.forReplay();
        assertThat(parser.parse("not json", "f:1").deadLetter.receivedAfter).isNull();
        parser.parse(CALL, "f:2");
        assertThat(parser.parse("not json", "f:3").deadLetter.receivedAfter)
                .isEqualTo(java.time.Instant.parse("2016-06-01T08:00:00Z").toEpochMilli());
    }
}
