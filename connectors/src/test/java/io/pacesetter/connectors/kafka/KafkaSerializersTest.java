package io.pacesetter.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.KafkaOrigin;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the sinks write: keys, values and headers, and that each reads back to the record it came from. */
class KafkaSerializersTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : text(h.value());
    }

    @Nested
    class MeasureRecords {
        private final MeasureRecordSerializer serializer = new MeasureRecordSerializer("pacesetter.kpis");

        private MeasureRecord day() {
            MeasureRecord r = new MeasureRecord();
            r.measure = "ANSWERED_WITHIN_STANDARD";
            r.queue = "999";
            r.scope = Scope.LPA;
            r.scopeId = "North";
            r.window = WindowKind.PERIOD;
            r.period = PeriodKind.DAY;
            r.start = "2016-06-01";
            r.numerator = 601.0;
            r.denominator = 700.0;
            r.value = 601.0 / 700;
            r.target = 0.9;
            r.met = false;
            r.denominatorRule = "ANSWERED";
            r.isFinal = true;
            r.revision = 1;
            r.force = "Example County Police";
            return r;
        }

        @Test
        void theKeyIsTheWholeIdentityAndTheValueTheContractForm() {
            MeasureRecord r = day();

            ProducerRecord<byte[], byte[]> out = serializer.serialize(r, null, 1_464_768_000_000L);

            assertThat(out.topic()).isEqualTo("pacesetter.kpis");
            assertThat(text(out.key())).isEqualTo(r.identity());
            assertThat(RecordJson.readMeasure(text(out.value()))).isEqualTo(r);
            assertThat(out.timestamp())
                    .as("stamped by the producer when written, not with event time")
                    .isNull();
            assertThat(out.partition()).as("the key picks the partition").isNull();
        }

        @Test
        void aRevisionHasTheSameKeySoACompactedTopicKeepsOnlyTheLatest() {
            MeasureRecord first = day();
            MeasureRecord revised = day();
            revised.revision = 2;
            revised.numerator = 602.0;

            assertThat(serializer.serialize(revised, null, null).key())
                    .isEqualTo(serializer.serialize(first, null, null).key());
        }

        @Test
        void slidingWindowsOfDifferentLengthsOrEndsHaveDifferentKeys() {
            MeasureRecord a = day();
            a.window = WindowKind.SLIDING;
            a.period = null;
            a.start = null;
            a.windowLengthMs = 900_000L;
            a.windowEnd = 1_464_768_000_000L;
            a.windowStart = a.windowEnd - a.windowLengthMs;
            MeasureRecord b = day();
            b.window = WindowKind.SLIDING;
            b.period = null;
            b.start = null;
            b.windowLengthMs = 3_600_000L;
            b.windowEnd = a.windowEnd;
            b.windowStart = b.windowEnd - b.windowLengthMs;

            assertThat(MeasureRecordSerializer.key(a)).isNotEqualTo(MeasureRecordSerializer.key(b));
        }
    }

    @Nested
    class DeadLetters {
        private final DeadLetterSerializer serializer = new DeadLetterSerializer("pacesetter.dead-letters");

        @Test
        void aKafkaInputsCoordinatesReasonAndBytesAreInHeadersAndBody() {
            DeadLetter d = new DeadLetter(
                    RejectReason.UNKNOWN_TYPE,
                    "call event type 'RINGING' is not one of OFFERED, ANSWERED, ABANDONED",
                    "{\"eventId\":\"e-7\",\"type\":\"RINGING\"}",
                    "pacesetter.call-events/1@10442",
                    "e-7",
                    1_464_768_003_250L);
            d.receivedAfter = 1_464_768_000_000L;

            ProducerRecord<byte[], byte[]> out = serializer.serialize(d, null, null);

            assertThat(out.topic()).isEqualTo("pacesetter.dead-letters");
            assertThat(text(out.key())).isEqualTo("e-7");
            assertThat(header(out, DeadLetterSerializer.REASON)).isEqualTo("UNKNOWN_TYPE");
            assertThat(header(out, DeadLetterSerializer.ORIGIN)).isEqualTo("pacesetter.call-events/1@10442");
            assertThat(header(out, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo("pacesetter.call-events");
            assertThat(header(out, DeadLetterSerializer.SOURCE_PARTITION)).isEqualTo("1");
            assertThat(header(out, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("10442");
            assertThat(header(out, DeadLetterSerializer.ORIGINAL)).isEqualTo(d.original);
            String body = text(out.value());
            assertThat(body)
                    .contains("\"topic\":\"pacesetter.call-events\"")
                    .contains("\"partition\":1")
                    .contains("\"offset\":10442");
            assertThat(RecordJson.readDeadLetter(body)).isEqualTo(d);
        }

        @Test
        void bytesThatAreNotTextTravelExactlyInTheHeaderAndAsBase64InTheBody() {
            byte[] raw = {'{', (byte) 0xff, (byte) 0xfe, '}'};
            DeadLetter d = new DeadLetter(
                    RejectReason.MALFORMED_JSON,
                    "not UTF-8 text",
                    new String(raw, StandardCharsets.UTF_8),
                    "pacesetter.incident-events/0@3",
                    null,
                    null);
            d.originalBytes = raw;

            ProducerRecord<byte[], byte[]> out = serializer.serialize(d, null, null);

            assertThat(out.key()).isNull();
            assertThat(out.headers().lastHeader(DeadLetterSerializer.ORIGINAL).value())
                    .isEqualTo(raw);
            assertThat(text(out.value())).contains(Base64.getEncoder().encodeToString(raw));
            assertThat(RecordJson.readDeadLetter(text(out.value())).originalBytes)
                    .isEqualTo(raw);
        }

        @Test
        void aRejectionInThePipelineHasNoSourceCoordinates() {
            DeadLetter d = new DeadLetter(
                    RejectReason.DUPLICATE,
                    "eventId e-1 seen before",
                    "{\"eventId\":\"e-1\"}",
                    "pipeline",
                    "e-1",
                    1_464_768_003_250L);

            ProducerRecord<byte[], byte[]> out = serializer.serialize(d, null, null);

            assertThat(header(out, DeadLetterSerializer.REASON)).isEqualTo("DUPLICATE");
            assertThat(header(out, DeadLetterSerializer.SOURCE_TOPIC)).isNull();
            assertThat(header(out, DeadLetterSerializer.SOURCE_OFFSET)).isNull();
            assertThat(text(out.value())).doesNotContain("\"topic\"");
        }
    }

    @Nested
    class Alerts {
        private final AlertSerializer serializer = new AlertSerializer("pacesetter.alerts");

        private Alert breach(int revision, Alert.State state) {
            long start = Instant.parse("2016-06-01T07:00:00Z").toEpochMilli();
            Alert a = new Alert();
            a.alertId = Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-1", start);
            a.revision = revision;
            a.kind = Alert.Kind.INCIDENT_BREACHED;
            a.severity = Alert.Severity.CRITICAL;
            a.audience.addAll(List.of(Alert.Audience.PACESETTER, Alert.Audience.DUTY_COMMAND_OFFICER));
            a.state = state;
            a.time = start + Duration.ofMinutes(15).toMillis();
            a.episodeStart = start;
            a.incidentId = "INC-1";
            a.district = "Ashby";
            a.sentence =
                    "Grade 1 incident INC-1 in Ashby has passed its 15-minute attendance limit with nobody on scene.";
            a.force = "Example County Police";
            return a;
        }

        @Test
        void theKeyIsTheAlertIdTheValueTheContractFormAndTheHeadersRouteIt() {
            Alert raised = breach(0, Alert.State.RAISED);

            ProducerRecord<byte[], byte[]> out = serializer.serialize(raised, null, null);

            assertThat(out.topic()).isEqualTo("pacesetter.alerts");
            assertThat(text(out.key())).isEqualTo(raised.alertId);
            assertThat(text(out.value())).isEqualTo(RecordJson.alert(raised));
            assertThat(RecordJson.readAlert(text(out.value())))
                    .usingRecursiveComparison()
                    .isEqualTo(raised);
            assertThat(out.timestamp())
                    .as("the send time, from which the topic's retention counts")
                    .isNull();
            assertThat(header(out, AlertSerializer.KIND)).isEqualTo("INCIDENT_BREACHED");
            assertThat(header(out, AlertSerializer.SEVERITY)).isEqualTo("CRITICAL");
            assertThat(header(out, AlertSerializer.STATE)).isEqualTo("RAISED");
            assertThat(header(out, AlertSerializer.AUDIENCE)).isEqualTo("PACESETTER,DUTY_COMMAND_OFFICER");
        }

        @Test
        void everyRecordOfOneAlertHasTheSameKeySoTheyStayInOrderInOnePartition() {
            ProducerRecord<byte[], byte[]> raised = serializer.serialize(breach(0, Alert.State.RAISED), null, null);
            ProducerRecord<byte[], byte[]> cleared = serializer.serialize(breach(1, Alert.State.CLEARED), null, null);

            assertThat(raised.key()).isEqualTo(cleared.key());
            assertThat(header(cleared, AlertSerializer.STATE)).isEqualTo("CLEARED");
        }
    }

    @Nested
    class Origins {

        @Test
        void anOriginReadsBackToItsParts() {
            KafkaOrigin origin = new KafkaOrigin("pacesetter.call-events", 12, 9_000_000_001L);

            assertThat(KafkaOrigin.parse(origin.toString())).contains(origin);
        }

        @Test
        void fileAndPipelineOriginsAreNotKafkaOrigins() {
            assertThat(KafkaOrigin.parse("calls.jsonl:12")).isEmpty();
            assertThat(KafkaOrigin.parse("pipeline")).isEmpty();
            assertThat(KafkaOrigin.parse("generator")).isEmpty();
            assertThat(KafkaOrigin.parse(null)).isEmpty();
        }
    }

    @Nested
    class Lines {

        @Test
        void aCallIsKeyedByItsCallAndAnIncidentByItsIncident() {
            String call = "{\"eventId\":\"e\",\"callId\":\"C-9\",\"type\":\"OFFERED\"}";
            String incident = "{\"eventId\":\"e\",\"incidentId\":\"I-4\",\"callId\":\"C-9\",\"type\":\"CREATED\"}";

            assertThat(text(EventLines.keyOf(call))).isEqualTo("C-9");
            assertThat(EventLines.isIncident(call)).isFalse();
            assertThat(text(EventLines.keyOf(incident))).isEqualTo("I-4");
            assertThat(EventLines.isIncident(incident)).isTrue();
        }

        @Test
        void aBrokenLineHasNoKey() {
            assertThat(EventLines.keyOf("{\"eventId\":\"e\",\"callId\":")).isNull();
            assertThat(EventLines.keyOf("[1,2]")).isNull();
            assertThat(EventLines.keyOf("{\"eventId\":\"e\"}")).isNull();
        }
    }
}
