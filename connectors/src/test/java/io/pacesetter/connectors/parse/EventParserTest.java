package io.pacesetter.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Event contract v1: what parses into an event, and what becomes which dead letter. */
class EventParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "calls.jsonl:42";

    /** {@code 2016-06-01T08:00:03.250Z}. */
    private static final String T_080003_250_Z = "2016-06-01T08:00:03.250Z";

    private static final long T_080003_250_MS = 1_464_768_003_250L;
    /** The same wall time an hour ahead of UTC: {@code 07:00:03.250Z}. */
    private static final String T_080003_250_PLUS_ONE = "2016-06-01T08:00:03.250+01:00";

    private static final long T_070003_250_MS = 1_464_764_403_250L;
    /** Without milliseconds. */
    private static final String T_080003_Z = "2016-06-01T08:00:03Z";

    private static final long T_080003_MS = 1_464_768_003_000L;

    private static final Instant NOW = Instant.parse("2016-06-01T08:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final EventParser replay = EventParser.forReplay();

    private static ObjectNode call(CallEventType type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", "e-1");
        n.put("callId", "c-1");
        n.put("type", type.name());
        n.put("queue", "999");
        n.put("time", T_080003_250_Z);
        n.put("district", "Ashby");
        return n;
    }

    private static ObjectNode incident(IncidentEventType type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", "e-9");
        n.put("incidentId", "i-1");
        n.put("type", type.name());
        n.put("time", T_080003_250_Z);
        if (type == IncidentEventType.CREATED || type == IncidentEventType.GRADED) {
            n.put("grade", 1);
        }
        if (type == IncidentEventType.CREATED) {
            n.put("district", "Bramley");
        }
        return n;
    }

    private static ObjectNode with(ObjectNode n, Consumer<ObjectNode> change) {
        ObjectNode copy = n.deepCopy();
        change.accept(copy);
        return copy;
    }

    private CallEvent parsedCall(String text) {
        InputRecord r = replay.parse(text, ORIGIN);
        assertThat(r.deadLetter).as("dead letter for %s", text).isNull();
        assertThat(r.incident).isNull();
        assertThat(r.call).isNotNull();
        assertThat(r.isEvent()).isTrue();
        return r.call;
    }

    private IncidentEvent parsedIncident(String text) {
        InputRecord r = replay.parse(text, ORIGIN);
        assertThat(r.deadLetter).as("dead letter for %s", text).isNull();
        assertThat(r.call).isNull();
        assertThat(r.incident).isNotNull();
        return r.incident;
    }

    /** The dead letter {@code text} must become, with the original and origin kept. */
    private static DeadLetter deadLetter(EventParser parser, String text, RejectReason reason) {
        InputRecord r = parser.parse(text, ORIGIN);
        assertThat(r.call).as("call parsed from %s", text).isNull();
        assertThat(r.incident).as("incident parsed from %s", text).isNull();
        assertThat(r.deadLetter).isNotNull();
        assertThat(r.isEvent()).isFalse();
        assertThat(r.eventTime()).isEqualTo(Long.MIN_VALUE);
        DeadLetter d = r.deadLetter;
        assertThat(d.reason).as("reason for %s (%s)", text, d.detail).isEqualTo(reason);
        assertThat(d.original).isEqualTo(text);
        assertThat(d.origin).isEqualTo(ORIGIN);
        assertThat(d.detail).isNotBlank();
        return d;
    }

    private DeadLetter deadLetter(String text, RejectReason reason) {
        return deadLetter(replay, text, reason);
    }

    @Nested
    class ValidCalls {

        @ParameterizedTest
        @EnumSource(CallEventType.class)
        void everyCallTypeParsesWithAllItsFields(CallEventType type) {
            CallEvent e = parsedCall(call(type).toString());

            assertThat(e).isEqualTo(new CallEvent("e-1", "c-1", type, "999", T_080003_250_MS, "Ashby"));
            assertThat(e.legKey()).isEqualTo("c-1|999");
        }

        @Test
        void theTimeIsReadToTheMillisecond() {
            assertThat(T_080003_250_MS).isEqualTo(Instant.parse(T_080003_250_Z).toEpochMilli());
            assertThat(parsedCall(call(CallEventType.ANSWERED).toString()).time).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aTimeWithAnOffsetIsTheInstantItNames() {
            CallEvent e = parsedCall(with(call(CallEventType.OFFERED), n -> n.put("time", T_080003_250_PLUS_ONE))
                    .toString());

            assertThat(e.time).isEqualTo(T_070003_250_MS).isEqualTo(T_080003_250_MS - 3_600_000);
        }

        @Test
        void aTimeWithoutMillisecondsIsWholeSeconds() {
            CallEvent e = parsedCall(with(call(CallEventType.OFFERED), n -> n.put("time", T_080003_Z))
                    .toString());

            assertThat(e.time).isEqualTo(T_080003_MS);
        }

        @Test
        void theDistrictIsOptional() {
            CallEvent e = parsedCall(
                    with(call(CallEventType.OFFERED), n -> n.remove("district")).toString());

            assertThat(e.district).isNull();
        }

        @Test
        void aNullOrBlankDistrictIsNone() {
            assertThat(parsedCall(with(call(CallEventType.OFFERED), n -> n.putNull("district"))
                                    .toString())
                            .district)
                    .isNull();
            assertThat(parsedCall(with(call(CallEventType.OFFERED), n -> n.put("district", " "))
                                    .toString())
                            .district)
                    .isNull();
        }

        @Test
        void anyQueueNameIsAccepted() {
            CallEvent e = parsedCall(with(call(CallEventType.OFFERED), n -> n.put("queue", "CRIME_BUREAU"))
                    .toString());

            assertThat(e.queue).isEqualTo("CRIME_BUREAU");
        }

        @Test
        void numericIdsAndQueueAreReadAsText() {
            String text = "{\"eventId\":17,\"callId\":12345,\"type\":\"OFFERED\",\"queue\":101,\"time\":\""
                    + T_080003_250_Z + "\"}";

            CallEvent e = parsedCall(text);

            assertThat(e.eventId).isEqualTo("17");
            assertThat(e.callId).isEqualTo("12345");
            assertThat(e.queue).isEqualTo("101");
        }

        @Test
        void unknownExtraFieldsAreIgnored() {
            ObjectNode n = with(call(CallEventType.ANSWERED), c -> {
                c.put("agentId", "A17");
                c.putObject("vendor").put("skill", "emergency").putArray("tags").add(1);
                c.putNull("notes");
                c.put("priority", 3);
            });

            assertThat(parsedCall(n.toString()))
                    .isEqualTo(new CallEvent("e-1", "c-1", CallEventType.ANSWERED, "999", T_080003_250_MS, "Ashby"));
        }

        @Test
        void whitespaceAroundTheObjectAndFieldOrderDoNotMatter() {
            String text = "  { \"time\" : \"" + T_080003_250_Z + "\", \"queue\":\"999\", \"type\":\"ABANDONED\","
                    + " \"callId\":\"c-1\", \"eventId\":\"e-1\" }  ";

            assertThat(parsedCall(text))
                    .isEqualTo(new CallEvent("e-1", "c-1", CallEventType.ABANDONED, "999", T_080003_250_MS, null));
        }

        @Test
        void aRejectedInputDoesNotSpoilTheNextOne() {
            deadLetter("{not json", RejectReason.MALFORMED_JSON);

            assertThat(parsedCall(call(CallEventType.OFFERED).toString()).eventId)
                    .isEqualTo("e-1");
            assertThat(parsedCall(call(CallEventType.OFFERED).toString()).eventId)
                    .isEqualTo("e-1");
        }
    }

    @Nested
    class ValidIncidents {

        @ParameterizedTest
        @EnumSource(IncidentEventType.class)
        void everyIncidentTypeParsesWithOnlyItsRequiredFields(IncidentEventType type) {
            IncidentEvent e = parsedIncident(incident(type).toString());

            boolean graded = type == IncidentEventType.CREATED || type == IncidentEventType.GRADED;
            assertThat(e)
                    .isEqualTo(new IncidentEvent(
                            "e-9",
                            "i-1",
                            type,
                            T_080003_250_MS,
                            graded ? 1 : null,
                            type == IncidentEventType.CREATED ? "Bramley" : null,
                            null,
                            null,
                            null));
        }

        @ParameterizedTest
        @EnumSource(IncidentEventType.class)
        void everyIncidentTypeParsesWithEveryOptionalField(IncidentEventType type) {
            ObjectNode n = with(incident(type), i -> {
                i.put("grade", 2);
                i.put("district", "Kingsmead");
                i.put("area", "RURAL");
                i.put("reason", "no units available");
                i.put("callId", "c-7");
            });

            assertThat(parsedIncident(n.toString()))
                    .isEqualTo(new IncidentEvent(
                            "e-9",
                            "i-1",
                            type,
                            T_080003_250_MS,
                            2,
                            "Kingsmead",
                            Area.RURAL,
                            "no units available",
                            "c-7"));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4})
        void everyGradeIsAccepted(int grade) {
            IncidentEvent e = parsedIncident(with(incident(IncidentEventType.GRADED), n -> n.put("grade", grade))
                    .toString());

            assertThat(e.grade).isEqualTo(grade);
        }

        @Test
        void aGradeWrittenAsTextIsRead() {
            IncidentEvent e = parsedIncident(with(incident(IncidentEventType.GRADED), n -> n.put("grade", "3"))
                    .toString());

            assertThat(e.grade).isEqualTo(3);
        }

        @Test
        void urbanAreaIsRead() {
            IncidentEvent e = parsedIncident(with(incident(IncidentEventType.CREATED), n -> n.put("area", "URBAN"))
                    .toString());

            assertThat(e.area).isEqualTo(Area.URBAN);
        }

        @Test
        void anIncidentTimeWithAnOffsetIsTheInstantItNames() {
            IncidentEvent e =
                    parsedIncident(with(incident(IncidentEventType.ARRIVED), n -> n.put("time", T_080003_250_PLUS_ONE))
                            .toString());

            assertThat(e.time).isEqualTo(T_070003_250_MS);
        }

        @Test
        void anIncidentIdMakesItAnIncidentEvenWithACallId() {
            IncidentEvent e = parsedIncident(with(incident(IncidentEventType.DISPATCHED), n -> n.put("callId", "c-3"))
                    .toString());

            assertThat(e.callId).isEqualTo("c-3");
            assertThat(e.incidentId).isEqualTo("i-1");
        }

        @Test
        void unknownExtraFieldsAreIgnored() {
            ObjectNode n = with(incident(IncidentEventType.CREATED), i -> {
                i.put("stormRef", "STORM-0601-0042");
                i.putArray("units").add("Alpha 1").add("Alpha 2");
                i.putObject("location").put("lat", 52.1).put("lon", -1.2);
            });

            assertThat(parsedIncident(n.toString()))
                    .isEqualTo(new IncidentEvent(
                            "e-9", "i-1", IncidentEventType.CREATED, T_080003_250_MS, 1, "Bramley", null, null, null));
        }
    }

    @Nested
    class MalformedJson {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"eventId\":\"e-1\",\"callId\":\"c-1\",\"type\":\"OFFERED\"",
                    "{\"eventId\":\"e-1\",",
                    "{",
                    "hello, control room",
                    "OFFERED,c-1,999,2016-06-01T08:00:03.250Z",
                    "{eventId: e-1}"
                })
        void textThatIsNotJsonIsMalformed(String text) {
            DeadLetter d = deadLetter(text, RejectReason.MALFORMED_JSON);

            assertThat(d.detail).startsWith("not valid JSON");
            assertThat(d.eventId).isNull();
            assertThat(d.eventTime).isNull();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "[{\"eventId\":\"e-1\",\"callId\":\"c-1\",\"type\":\"OFFERED\",\"queue\":\"999\",\"time\":\"2016-06-01T08:00:03.250Z\"}]",
                    "[]",
                    "\"OFFERED\"",
                    "42",
                    "null",
                    "true",
                    ""
                })
        void jsonThatIsNotAnObjectIsMalformed(String text) {
            DeadLetter d = deadLetter(text, RejectReason.MALFORMED_JSON);

            assertThat(d.detail).isEqualTo("not a JSON object");
            assertThat(d.eventId).isNull();
            assertThat(d.eventTime).isNull();
        }
    }

    @Nested
    class MissingFields {

        @ParameterizedTest
        @ValueSource(strings = {"eventId", "type", "queue", "time"})
        void aRequiredCallFieldThatIsAbsentIsMissing(String field) {
            String text =
                    with(call(CallEventType.ANSWERED), n -> n.remove(field)).toString();

            DeadLetter d = deadLetter(text, RejectReason.MISSING_FIELD);

            assertThat(d.detail).contains(field);
            assertThat(d.eventId).isEqualTo(field.equals("eventId") ? null : "e-1");
            assertThat(d.eventTime).isEqualTo(field.equals("time") ? null : T_080003_250_MS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"eventId", "callId", "type", "queue", "time"})
        void aRequiredCallFieldThatIsBlankIsMissing(String field) {
            String text =
                    with(call(CallEventType.OFFERED), n -> n.put(field, "  ")).toString();

            DeadLetter d = deadLetter(text, RejectReason.MISSING_FIELD);

            assertThat(d.detail).contains(field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"eventId", "type", "queue", "time"})
        void aRequiredCallFieldThatIsNullIsMissing(String field) {
            String text =
                    with(call(CallEventType.OFFERED), n -> n.putNull(field)).toString();

            assertThat(deadLetter(text, RejectReason.MISSING_FIELD).detail).contains(field);
        }

        @Test
        void aRecordWithNeitherCallIdNorIncidentIdIsMissingBoth() {
            String text =
                    with(call(CallEventType.OFFERED), n -> n.remove("callId")).toString();

            DeadLetter d = deadLetter(text, RejectReason.MISSING_FIELD);

            assertThat(d.detail).contains("callId").contains("incidentId");
            assertThat(d.eventId).isEqualTo("e-1");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aNullCallIdIsMissing() {
            String text =
                    with(call(CallEventType.OFFERED), n -> n.putNull("callId")).toString();

            assertThat(deadLetter(text, RejectReason.MISSING_FIELD).detail).contains("callId");
        }

        @Test
        void anEmptyObjectIsMissingItsIds() {
            DeadLetter d = deadLetter("{}", RejectReason.MISSING_FIELD);

            assertThat(d.eventId).isNull();
            assertThat(d.eventTime).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"eventId", "type", "time"})
        void aRequiredIncidentFieldThatIsAbsentIsMissing(String field) {
            String text = with(incident(IncidentEventType.ARRIVED), n -> n.remove(field))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.MISSING_FIELD);

            assertThat(d.detail).contains(field);
            assertThat(d.eventId).isEqualTo(field.equals("eventId") ? null : "e-9");
            assertThat(d.eventTime).isEqualTo(field.equals("time") ? null : T_080003_250_MS);
        }

        @Test
        void aBlankIncidentIdIsMissing() {
            String text = with(incident(IncidentEventType.ARRIVED), n -> n.put("incidentId", ""))
                    .toString();

            assertThat(deadLetter(text, RejectReason.MISSING_FIELD).detail).contains("incidentId");
        }

        @ParameterizedTest
        @EnumSource(
                value = IncidentEventType.class,
                names = {"CREATED", "GRADED"})
        void aGradeIsRequiredOnCreatedAndGraded(IncidentEventType type) {
            String text = with(incident(type), n -> n.remove("grade")).toString();

            DeadLetter d = deadLetter(text, RejectReason.MISSING_FIELD);

            assertThat(d.detail).contains("grade").contains(type.name());
            assertThat(d.eventId).isEqualTo("e-9");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aNullGradeOnCreatedIsMissing() {
            String text = with(incident(IncidentEventType.CREATED), n -> n.putNull("grade"))
                    .toString();

            assertThat(deadLetter(text, RejectReason.MISSING_FIELD).detail).contains("grade");
        }

        @Test
        void aDistrictIsRequiredOnCreated() {
            String text = with(incident(IncidentEventType.CREATED), n -> n.remove("district"))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.MISSING_FIELD);

            assertThat(d.detail).contains("district").contains("CREATED");
            assertThat(d.eventId).isEqualTo("e-9");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aBlankDistrictOnCreatedIsMissing() {
            String text = with(incident(IncidentEventType.CREATED), n -> n.put("district", ""))
                    .toString();

            assertThat(deadLetter(text, RejectReason.MISSING_FIELD).detail).contains("district");
        }

        @Test
        void aGradedEventNeedsNoDistrict() {
            IncidentEvent e = parsedIncident(incident(IncidentEventType.GRADED).toString());

            assertThat(e.district).isNull();
        }
    }

    @Nested
    class UnknownTypes {

        @ParameterizedTest
        @ValueSource(strings = {"TRANSFERRED", "offered", "CREATED"})
        void aCallTypeOutsideTheContractIsUnknown(String type) {
            String text =
                    with(call(CallEventType.OFFERED), n -> n.put("type", type)).toString();

            DeadLetter d = deadLetter(text, RejectReason.UNKNOWN_TYPE);

            assertThat(d.detail).contains(type).contains("OFFERED, ANSWERED, ABANDONED");
            assertThat(d.eventId).isEqualTo("e-1");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"OFFERED", "RESOLVED", "arrived"})
        void anIncidentTypeOutsideTheContractIsUnknown(String type) {
            String text = with(incident(IncidentEventType.DISPATCHED), n -> n.put("type", type))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.UNKNOWN_TYPE);

            assertThat(d.detail).contains(type).contains("REASON_RECORDED");
            assertThat(d.eventId).isEqualTo("e-9");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }
    }

    @Nested
    class BadTimes {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2016-06-01 08:00",
                    "2016-06-01T08:00:03",
                    "2016-06-01T08:00:03.250",
                    "2016-06-01",
                    "01/06/2016 08:00:03",
                    "2016-02-30T08:00:00Z",
                    "2016-06-01T25:00:00Z",
                    "yesterday"
                })
        void aTimeThatIsNotAnInstantWithOffsetIsBad(String time) {
            String text =
                    with(call(CallEventType.OFFERED), n -> n.put("time", time)).toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_TIME);

            assertThat(d.detail).contains(time).contains("ISO-8601");
            assertThat(d.eventId).isEqualTo("e-1");
            assertThat(d.eventTime).isNull();
        }

        @Test
        void epochMillisecondsAreABadTime() {
            String text = with(call(CallEventType.OFFERED), n -> n.put("time", T_080003_250_MS))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_TIME);

            assertThat(d.eventTime).isNull();
        }

        @Test
        void anIncidentWithABadTimeIsBad() {
            String text = with(incident(IncidentEventType.CLOSED), n -> n.put("time", "2016-06-01T08:00:03"))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_TIME);

            assertThat(d.eventId).isEqualTo("e-9");
        }

        @Test
        void parseInstantReadsOffsetsAndRefusesLocalTimes() {
            assertThat(EventParser.parseInstant(T_080003_250_Z)).isEqualTo(T_080003_250_MS);
            assertThat(EventParser.parseInstant(T_080003_250_PLUS_ONE)).isEqualTo(T_070003_250_MS);
            assertThat(EventParser.parseInstant("2016-06-01T08:00:03")).isNull();
            assertThat(EventParser.parseInstant("")).isNull();
        }

        /** The common UTC form is read without the formatter; every answer must be the formatter's. */
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2016-06-01T08:00:03.250Z",
                    "2016-06-01T08:00:03Z",
                    "2016-02-29T23:59:59.999Z",
                    "1970-01-01T00:00:00.000Z",
                    "1969-12-31T23:59:59.999Z",
                    "9999-12-31T23:59:59.999Z",
                    "2015-02-29T10:00:00.000Z",
                    "2016-04-31T10:00:00Z",
                    "2016-13-01T10:00:00Z",
                    "2016-00-10T10:00:00Z",
                    "2016-06-00T10:00:00Z",
                    "2016-06-01T24:00:00Z",
                    "2016-06-01T23:60:00Z",
                    "2016-06-01T23:59:60Z",
                    "2016-06-01T-1:00:00Z",
                    "2016-06-01T08:00:03.25Z",
                    "2016-06-01T08:00:03.2500Z",
                    "2016-06-01t08:00:03.250Z",
                    "2016-06-01T08:00:03.250z",
                    "2016-06-01 08:00:03.250Z",
                    "2016-06-01T08:00:0x.250Z",
                    "0999-06-01T08:00:03.250Z",
                    "2016-06-01T08:00:03.250+00:00",
                    "2016-06-01T09:00:03+01:00"
                })
        void theCommonFormIsReadAsTheFormatterReadsIt(String text) {
            Long expected;
            try {
                expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            assertThat(EventParser.parseInstant(text)).isEqualTo(expected);
        }
    }

    @Nested
    class BadValues {

        @Test
        void anAreaOtherThanUrbanOrRuralIsBad() {
            String text = with(incident(IncidentEventType.CREATED), n -> n.put("area", "SUBURBAN"))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_VALUE);

            assertThat(d.detail).contains("SUBURBAN").contains("URBAN or RURAL");
            assertThat(d.eventId).isEqualTo("e-9");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aLowerCaseAreaIsBad() {
            String text = with(incident(IncidentEventType.CREATED), n -> n.put("area", "rural"))
                    .toString();

            deadLetter(text, RejectReason.BAD_VALUE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"queue", "district", "type", "callId"})
        void aCallFieldThatIsAnObjectIsBad(String field) {
            String text = with(
                            call(CallEventType.OFFERED), n -> n.putObject(field).put("name", "x"))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_VALUE);

            assertThat(d.detail).contains(field).contains("OBJECT");
            assertThat(d.eventId).isEqualTo("e-1");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"district", "reason", "area", "callId", "incidentId"})
        void anIncidentFieldThatIsAListIsBad(String field) {
            String text = with(
                            incident(IncidentEventType.CLOSED),
                            n -> n.putArray(field).add("x"))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_VALUE);

            assertThat(d.detail).contains(field).contains("ARRAY");
        }

        @Test
        void aTimeThatIsAnObjectIsBad() {
            String text = with(
                            call(CallEventType.OFFERED),
                            n -> n.putObject("time").put("epochMs", 1))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_VALUE);

            assertThat(d.detail).contains("time");
            assertThat(d.eventTime).isNull();
        }

        @Test
        void anEventIdThatIsAnObjectIsBadAndUnreadable() {
            String text = with(
                            call(CallEventType.OFFERED),
                            n -> n.putObject("eventId").put("id", "e-1"))
                    .toString();

            DeadLetter d = deadLetter(text, RejectReason.BAD_VALUE);

            assertThat(d.detail).contains("eventId");
            assertThat(d.eventId).isNull();
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aBooleanDistrictIsBad() {
            String text = with(call(CallEventType.OFFERED), n -> n.put("district", true))
                    .toString();

            assertThat(deadLetter(text, RejectReason.BAD_VALUE).detail).contains("BOOLEAN");
        }
    }

    @Nested
    class UnknownGrades {

        @ParameterizedTest
        @ValueSource(strings = {"0", "5", "-1", "\"x\"", "\"one\"", "1.5", "2.0", "true", "[1]", "{\"g\":1}"})
        void aGradeOutsideOneToFourIsUnknown(String grade) {
            String text = with(incident(IncidentEventType.CREATED), n -> n.remove("grade"))
                    .toString()
                    .replaceFirst("\\}$", ",\"grade\":" + grade + "}");

            DeadLetter d = deadLetter(text, RejectReason.UNKNOWN_GRADE);

            assertThat(d.detail).contains("grade").contains("1, 2, 3 or 4");
            assertThat(d.eventId).isEqualTo("e-9");
            assertThat(d.eventTime).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aBadGradeIsUnknownOnAnyTypeThatCarriesOne() {
            String text = with(incident(IncidentEventType.ARRIVED), n -> n.put("grade", 5))
                    .toString();

            deadLetter(text, RejectReason.UNKNOWN_GRADE);
        }
    }

    @Nested
    class ReceivedAfter {

        @Test
        void aRejectionBeforeAnyGoodEventWasReceivedAfterNothing() {
            DeadLetter d = deadLetter("{not json", RejectReason.MALFORMED_JSON);

            assertThat(d.receivedAfter).isNull();
        }

        @Test
        void aRejectionIsReceivedAfterTheLastGoodEventOfTheSameParser() {
            String offeredAtOffset = with(call(CallEventType.OFFERED), n -> n.put("time", T_080003_250_PLUS_ONE))
                    .toString();
            String answered = call(CallEventType.ANSWERED).toString();
            replay.parse(offeredAtOffset, ORIGIN);
            replay.parse(answered, ORIGIN);

            DeadLetter d = deadLetter("{not json", RejectReason.MALFORMED_JSON);

            assertThat(d.receivedAfter).isEqualTo(T_080003_250_MS);
        }

        @Test
        void aRejectionDoesNotMoveTheLastGoodEvent() {
            replay.parse(incident(IncidentEventType.CREATED).toString(), ORIGIN);
            replay.parse("{not json", ORIGIN);

            DeadLetter d = deadLetter(
                    with(incident(IncidentEventType.GRADED), n -> n.put("grade", 9))
                            .toString(),
                    RejectReason.UNKNOWN_GRADE);

            assertThat(d.receivedAfter).isEqualTo(T_080003_250_MS);
        }

        @Test
        void eachParserRemembersOnlyItsOwnEvents() {
            replay.parse(call(CallEventType.OFFERED).toString(), ORIGIN);

            DeadLetter d = deadLetter(EventParser.forReplay(), "{not json", RejectReason.MALFORMED_JSON);

            assertThat(d.receivedAfter).isNull();
        }
    }

    @Nested
    class Future {

        private final EventParser live = EventParser.forLive(Clock.fixed(NOW, ZoneOffset.UTC), TOLERANCE);

        private String callAt(Instant time) {
            return with(call(CallEventType.OFFERED), n -> n.put("time", time.toString()))
                    .toString();
        }

        private String incidentAt(Instant time) {
            return with(incident(IncidentEventType.CREATED), n -> n.put("time", time.toString()))
                    .toString();
        }

        @Test
        void aCallStampedMoreThanTheToleranceAheadIsFuture() {
            Instant ahead = NOW.plus(TOLERANCE).plusMillis(1);

            DeadLetter d = deadLetter(live, callAt(ahead), RejectReason.FUTURE);

            assertThat(d.eventId).isEqualTo("e-1");
            assertThat(d.eventTime).isEqualTo(ahead.toEpochMilli());
            assertThat(d.detail).contains("PT5M0.001S").contains("clock skew");
        }

        @Test
        void aCallStampedExactlyTheToleranceAheadIsAccepted() {
            InputRecord r = live.parse(callAt(NOW.plus(TOLERANCE)), ORIGIN);

            assertThat(r.deadLetter).isNull();
            assertThat(r.call.time).isEqualTo(NOW.plus(TOLERANCE).toEpochMilli());
        }

        @Test
        void anIncidentStampedMoreThanTheToleranceAheadIsFuture() {
            Instant ahead = NOW.plus(TOLERANCE).plusMillis(1);

            DeadLetter d = deadLetter(live, incidentAt(ahead), RejectReason.FUTURE);

            assertThat(d.eventId).isEqualTo("e-9");
            assertThat(d.eventTime).isEqualTo(ahead.toEpochMilli());
        }

        @Test
        void anIncidentStampedExactlyTheToleranceAheadIsAccepted() {
            assertThat(live.parse(incidentAt(NOW.plus(TOLERANCE)), ORIGIN).incident)
                    .isNotNull();
        }

        @Test
        void pastAndPresentEventsAreAccepted() {
            assertThat(live.parse(callAt(NOW), ORIGIN).call).isNotNull();
            assertThat(live.parse(callAt(NOW.minus(Duration.ofDays(400))), ORIGIN).call)
                    .isNotNull();
        }

        @Test
        void anOffsetTimeIsComparedAsTheInstantItNames() {
            // 08:06 at +01:00 is 07:06Z: in the past of the 08:00Z wall clock.
            String text = with(call(CallEventType.OFFERED), n -> n.put("time", "2016-06-01T08:06:00.000+01:00"))
                    .toString();

            assertThat(live.parse(text, ORIGIN).call).isNotNull();
        }

        @Test
        void aZeroToleranceRefusesAnyMillisecondAhead() {
            EventParser strict = EventParser.forLive(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

            assertThat(strict.parse(callAt(NOW), ORIGIN).call).isNotNull();
            assertThat(strict.parse(callAt(NOW.plusMillis(1)), ORIGIN).deadLetter.reason)
                    .isEqualTo(RejectReason.FUTURE);
        }

        @Test
        void aReplayNeverCallsAnEventFuture() {
            Instant farAhead = Instant.parse("2100-01-01T00:00:00Z");

            assertThat(replay.parse(callAt(farAhead), ORIGIN).call).isNotNull();
            assertThat(replay.parse(incidentAt(farAhead), ORIGIN).incident).isNotNull();
        }

        @Test
        void anotherProblemIsReportedBeforeFuture() {
            String text = with(incident(IncidentEventType.CREATED), n -> {
                        n.put("time", NOW.plus(Duration.ofHours(1)).toString());
                        n.put("area", "SUBURBAN");
                    })
                    .toString();

            deadLetter(live, text, RejectReason.BAD_VALUE);
        }
    }
}
