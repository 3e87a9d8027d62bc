package io.pacesetter.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.parse.EventParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Output contract v1: the JSON forms of measure records, dead letters and events. */
class RecordJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORCE = "Example County Police";

    private static final String T_0800_00 = "2016-06-01T08:00:00.000Z";
    private static final String T_0800_10 = "2016-06-01T08:00:10.000Z";
    private static final String T_0900_00 = "2016-06-01T09:00:00.000Z";
    private static final String T_0800_03_250 = "2016-06-01T08:00:03.250Z";
    private static final long MS_0800_00 = Instant.parse(T_0800_00).toEpochMilli();
    private static final long MS_0800_10 = Instant.parse(T_0800_10).toEpochMilli();
    private static final long MS_0900_00 = Instant.parse(T_0900_00).toEpochMilli();
    private static final long MS_0800_03_250 = Instant.parse(T_0800_03_250).toEpochMilli();

    /** A final one-hour sliding window of 999 answered within 10 s, force-wide. */
    private static MeasureRecord sliding() {
        MeasureRecord r = new MeasureRecord();
        r.measure = "ANSWERED_WITHIN_STANDARD";
        r.queue = "999";
        r.scope = Scope.FORCE;
        r.scopeId = FORCE;
        r.window = WindowKind.SLIDING;
        r.windowStart = MS_0800_00;
        r.windowEnd = MS_0900_00;
        r.windowLengthMs = Duration.ofHours(1).toMillis();
        r.numerator = 41.0;
        r.denominator = 50.0;
        r.value = 0.82;
        r.target = 0.9;
        r.met = false;
        r.denominatorRule = "EXCLUDING_SHORT_ABANDONS_5S";
        r.isFinal = true;
        r.revision = 0;
        r.force = FORCE;
        return r;
    }

    /** A provisional, twice-corrected month of rural attendance in one LPA. */
    private static MeasureRecord period() {
        MeasureRecord r = new MeasureRecord();
        r.measure = "ATTENDED_WITHIN_STANDARD";
        r.scope = Scope.LPA;
        r.scopeId = "North";
        r.area = Area.RURAL;
        r.window = WindowKind.PERIOD;
        r.period = PeriodKind.MONTH;
        r.start = "2016-06-01";
        r.numerator = 768.0;
        r.denominator = 1000.0;
        r.value = 0.768;
        r.target = 0.9;
        r.met = false;
        r.isFinal = false;
        r.revision = 2;
        r.force = FORCE;
        return r;
    }

    /** Calls waiting now in the 101 queue of one district. */
    private static MeasureRecord live() {
        MeasureRecord r = new MeasureRecord();
        r.measure = "CALLS_WAITING";
        r.queue = "101";
        r.scope = Scope.DISTRICT;
        r.scopeId = "Ashby";
        r.window = WindowKind.LIVE;
        r.asOf = MS_0800_10;
        r.value = 3.0;
        r.isFinal = false;
        r.force = FORCE;
        return r;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Nested
    class Measures {

        @Test
        void aSlidingRecordRoundTrips() {
            MeasureRecord r = sliding();

            assertThat(RecordJson.readMeasure(RecordJson.measure(r))).isEqualTo(r);
        }

        @Test
        void aPeriodRecordRoundTrips() {
            MeasureRecord r = period();

            assertThat(RecordJson.readMeasure(RecordJson.measure(r))).isEqualTo(r);
        }

        @Test
        void aLiveRecordRoundTrips() {
            MeasureRecord r = live();

            assertThat(RecordJson.readMeasure(RecordJson.measure(r))).isEqualTo(r);
        }

        @Test
        void aPeriodRecordWithAReasonRoundTrips() {
            MeasureRecord r = period();
            r.measure = "ATTENDANCE_FAILURES_BY_REASON";
            r.reason = "no units available";
            r.value = 12.0;
            r.numerator = null;
            r.denominator = null;
            r.target = null;
            r.met = null;

            MeasureRecord back = RecordJson.readMeasure(RecordJson.measure(r));

            assertThat(back).isEqualTo(r);
            assertThat(back.identity()).isEqualTo(r.identity());
        }

        @Test
        void aRateWithNoDenominatorRoundTripsItsNulls() {
            MeasureRecord r = sliding();
            r.numerator = 0.0;
            r.denominator = 0.0;
            r.value = null;
            r.met = null;

            String json = RecordJson.measure(r);

            assertThat(tree(json).get("value").isNull()).isTrue();
            assertThat(tree(json).get("met").isNull()).isTrue();
            assertThat(RecordJson.readMeasure(json)).isEqualTo(r);
        }

        @Test
        void fractionsAndLargeCountsKeepEveryDigit() {
            MeasureRecord r = sliding();
            r.numerator = 1234567.891;
            r.denominator = 3.0e17;
            r.value = 1.0 / 3.0;
            r.target = 0.123456789012345;

            assertThat(RecordJson.readMeasure(RecordJson.measure(r))).isEqualTo(r);
        }

        @Test
        void aSlidingRecordIsWrittenInContractForm() {
            JsonNode n = tree(RecordJson.measure(sliding()));

            assertThat(n.get("measure").asText()).isEqualTo("ANSWERED_WITHIN_STANDARD");
            assertThat(n.get("queue").asText()).isEqualTo("999");
            assertThat(n.get("scope").asText()).isEqualTo("FORCE");
            assertThat(n.get("scopeId").asText()).isEqualTo(FORCE);
            assertThat(n.get("window").asText()).isEqualTo("SLIDING");
            assertThat(n.get("windowStart").asText()).isEqualTo(T_0800_00);
            assertThat(n.get("windowEnd").asText()).isEqualTo(T_0900_00);
            assertThat(n.get("windowLength").asText()).isEqualTo("PT1H");
            assertThat(n.get("numerator").isIntegralNumber()).isTrue();
            assertThat(n.get("numerator").asLong()).isEqualTo(41);
            assertThat(n.get("value").asDouble()).isEqualTo(0.82);
            assertThat(n.get("met").isBoolean()).isTrue();
            assertThat(n.get("denominatorRule").asText()).isEqualTo("EXCLUDING_SHORT_ABANDONS_5S");
            assertThat(n.get("final").asBoolean()).isTrue();
            assertThat(n.get("revision").asInt()).isZero();
            assertThat(n.get("force").asText()).isEqualTo(FORCE);
        }

        @Test
        void finalIsWrittenAsFinalNotIsFinal() {
            JsonNode n = tree(RecordJson.measure(period()));

            assertThat(n.has("final")).isTrue();
            assertThat(n.get("final").isBoolean()).isTrue();
            assertThat(n.get("final").asBoolean()).isFalse();
            assertThat(n.has("isFinal")).isFalse();
            assertThat(n.has("windowLengthMs")).isFalse();
        }

        @Test
        void everyContractFieldIsPresentAndNullsAreWrittenAsNull() {
            JsonNode n = tree(RecordJson.measure(live()));

            for (String field : List.of(
                    "measure",
                    "queue",
                    "scope",
                    "scopeId",
                    "area",
                    "window",
                    "windowStart",
                    "windowEnd",
                    "windowLength",
                    "asOf",
                    "period",
                    "start",
                    "numerator",
                    "denominator",
                    "value",
                    "target",
                    "met",
                    "denominatorRule",
                    "final",
                    "revision",
                    "force")) {
                assertThat(n.has(field)).as("field %s", field).isTrue();
            }
            for (String field : List.of(
                    "area",
                    "windowStart",
                    "windowEnd",
                    "windowLength",
                    "period",
                    "start",
                    "numerator",
                    "denominator",
                    "target",
                    "met",
                    "denominatorRule")) {
                assertThat(n.get(field).isNull()).as("field %s is null", field).isTrue();
            }
            assertThat(n.get("asOf").asText()).isEqualTo(T_0800_10);
        }

        @Test
        void aPeriodRecordNamesItsPeriodAndLocalStartDate() {
            JsonNode n = tree(RecordJson.measure(period()));

            assertThat(n.get("window").asText()).isEqualTo("PERIOD");
            assertThat(n.get("period").asText()).isEqualTo("MONTH");
            assertThat(n.get("start").asText()).isEqualTo("2016-06-01");
            assertThat(n.get("area").asText()).isEqualTo("RURAL");
            assertThat(n.get("queue").isNull()).isTrue();
            assertThat(n.get("revision").asInt()).isEqualTo(2);
        }

        @Test
        void windowLengthsAreIsoDurations() {
            MeasureRecord r = sliding();
            r.windowLengthMs = Duration.ofMinutes(15).toMillis();
            assertThat(tree(RecordJson.measure(r)).get("windowLength").asText()).isEqualTo("PT15M");

            r.windowLengthMs = Duration.ofHours(24).toMillis();
            assertThat(tree(RecordJson.measure(r)).get("windowLength").asText()).isEqualTo("PT24H");
        }

        @Test
        void instantsAreUtcWithMilliseconds() {
            assertThat(RecordJson.instant(MS_0800_10)).isEqualTo(T_0800_10);
            assertThat(RecordJson.instant(MS_0800_03_250)).isEqualTo(T_0800_03_250);
            assertThat(RecordJson.instant(0)).isEqualTo("1970-01-01T00:00:00.000Z");
            assertThat(RecordJson.instant(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
            assertThat(RecordJson.instant(
                            Instant.parse("2016-02-29T23:59:59.999Z").toEpochMilli()))
                    .isEqualTo("2016-02-29T23:59:59.999Z");
            assertThat(RecordJson.instant(
                            Instant.parse("2016-10-30T01:30:00.007Z").toEpochMilli()))
                    .isEqualTo("2016-10-30T01:30:00.007Z");
        }

        @Test
        void aRecordIsOneLine() {
            MeasureRecord r = period();
            r.scopeId = "Calder\nVale \"North\"";

            String json = RecordJson.measure(r);

            assertThat(json).doesNotContain("\n");
            assertThat(RecordJson.readMeasure(json)).isEqualTo(r);
        }
    }

    @Nested
    class DeadLetters {

        @Test
        void aDeadLetterWithEveryFieldRoundTrips() {
            DeadLetter d = new DeadLetter(
                    RejectReason.BAD_TIME,
                    "time '2016-06-01 08:00' is not an ISO-8601 instant",
                    "{\"eventId\":\"e-1\",\"time\":\"2016-06-01 08:00\"}",
                    "calls.jsonl:17",
                    "e-1",
                    MS_0800_03_250);

            assertThat(RecordJson.readDeadLetter(RecordJson.deadLetter(d))).isEqualTo(d);
        }

        @Test
        void theLastGoodEventsTimeRoundTrips() {
            DeadLetter d =
                    new DeadLetter(RejectReason.MALFORMED_JSON, "not valid JSON", "{", "calls.jsonl:18", null, null);
            d.receivedAfter = MS_0800_03_250;

            String json = RecordJson.deadLetter(d);

            assertThat(tree(json).get("receivedAfter").asText()).isEqualTo(T_0800_03_250);
            assertThat(RecordJson.readDeadLetter(json)).isEqualTo(d);
        }

        @Test
        void aDeadLetterWithoutIdOrTimeRoundTrips() {
            DeadLetter d = new DeadLetter(
                    RejectReason.MALFORMED_JSON, "not valid JSON", "{\"eventId\":", "topic/3@1042", null, null);

            String json = RecordJson.deadLetter(d);

            assertThat(tree(json).get("eventId").isNull()).isTrue();
            assertThat(tree(json).get("eventTime").isNull()).isTrue();
            assertThat(RecordJson.readDeadLetter(json)).isEqualTo(d);
        }

        @Test
        void anOriginalWithControlCharactersAndUnicodeRoundTrips() {
            DeadLetter d = new DeadLetter(
                    RejectReason.MALFORMED_JSON,
                    "not valid JSON",
                    "line\twith \"quotes\", a back\\slash, caf\u00e9 and \u2603\r",
                    "weird.jsonl:1",
                    null,
                    null);

            String json = RecordJson.deadLetter(d);

            assertThat(json).doesNotContain("\n").doesNotContain("\r");
            assertThat(RecordJson.readDeadLetter(json)).isEqualTo(d);
        }

        @ParameterizedTest
        @EnumSource(RejectReason.class)
        void everyReasonRoundTrips(RejectReason reason) {
            DeadLetter d = new DeadLetter(reason, "detail", "{}", "generator", "e-1", MS_0800_10);

            assertThat(RecordJson.readDeadLetter(RecordJson.deadLetter(d))).isEqualTo(d);
        }

        @Test
        void theEventTimeIsWrittenAsAnInstant() {
            DeadLetter d = new DeadLetter(RejectReason.FUTURE, "ahead", "{}", "kafka", "e-1", MS_0800_10);

            JsonNode n = tree(RecordJson.deadLetter(d));

            assertThat(n.get("eventTime").asText()).isEqualTo(T_0800_10);
            assertThat(n.get("reason").asText()).isEqualTo("FUTURE");
            assertThat(n.get("origin").asText()).isEqualTo("kafka");
        }
    }

    @Nested
    class Events {

        private final EventParser parser = EventParser.forReplay();

        @ParameterizedTest
        @EnumSource(CallEventType.class)
        void aCallEventParsesBackToAnEqualEvent(CallEventType type) {
            CallEvent e = new CallEvent("e-1", "c-1", type, "999", MS_0800_03_250, "Ashby");

            InputRecord back = parser.parse(RecordJson.callEvent(e), "test");

            assertThat(back.deadLetter).isNull();
            assertThat(back.call).isEqualTo(e);
        }

        @Test
        void aCallEventWithoutDistrictParsesBackToAnEqualEvent() {
            CallEvent e = new CallEvent("e-2", "c-2", CallEventType.OFFERED, "CRIME_BUREAU", MS_0800_10, null);

            String json = RecordJson.callEvent(e);

            assertThat(tree(json).has("district")).isFalse();
            assertThat(parser.parse(json, "test").call).isEqualTo(e);
        }

        @Test
        void aCallEventIsWrittenInContractForm() {
            JsonNode n = tree(RecordJson.callEvent(
                    new CallEvent("e-1", "c-1", CallEventType.ANSWERED, "999", MS_0800_03_250, "Ashby")));

            assertThat(n.get("time").asText()).isEqualTo(T_0800_03_250);
            assertThat(n.get("type").asText()).isEqualTo("ANSWERED");
        }

        @ParameterizedTest
        @EnumSource(IncidentEventType.class)
        void anIncidentEventWithEveryFieldParsesBackToAnEqualEvent(IncidentEventType type) {
            IncidentEvent e = new IncidentEvent(
                    "e-9", "i-1", type, MS_0800_03_250, 2, "Kingsmead", Area.RURAL, "no units available", "c-1");

            InputRecord back = parser.parse(RecordJson.incidentEvent(e), "test");

            assertThat(back.deadLetter).isNull();
            assertThat(back.incident).isEqualTo(e);
        }

        @ParameterizedTest
        @EnumSource(
                value = IncidentEventType.class,
                names = {"DISPATCHED", "ARRIVED", "CLOSED", "CANCELLED", "REASON_RECORDED"})
        void anIncidentEventWithOnlyItsRequiredFieldsParsesBackToAnEqualEvent(IncidentEventType type) {
            IncidentEvent e = new IncidentEvent("e-9", "i-1", type, MS_0800_10, null, null, null, null, null);

            String json = RecordJson.incidentEvent(e);

            assertThat(tree(json).has("grade")).isFalse();
            assertThat(tree(json).has("area")).isFalse();
            assertThat(parser.parse(json, "test").incident).isEqualTo(e);
        }

        @Test
        void aCreatedIncidentParsesBackToAnEqualEvent() {
            IncidentEvent e = new IncidentEvent(
                    "e-9", "i-1", IncidentEventType.CREATED, MS_0800_10, 1, "Newport Sands", null, null, null);

            assertThat(parser.parse(RecordJson.incidentEvent(e), "test").incident)
                    .isEqualTo(e);
        }

        @Test
        void anIncidentEventIsWrittenInContractForm() {
            JsonNode n = tree(RecordJson.incidentEvent(new IncidentEvent(
                    "e-9", "i-1", IncidentEventType.GRADED, MS_0800_03_250, 1, null, Area.URBAN, null, null)));

            assertThat(n.get("time").asText()).isEqualTo(T_0800_03_250);
            assertThat(n.get("grade").isIntegralNumber()).isTrue();
            assertThat(n.get("grade").asInt()).isEqualTo(1);
            assertThat(n.get("area").asText()).isEqualTo("URBAN");
        }
    }
}
