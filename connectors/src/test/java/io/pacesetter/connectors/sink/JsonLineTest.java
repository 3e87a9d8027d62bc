package io.pacesetter.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JsonLine} writes the bytes Jackson's generator wrote for the same fields, odd values included. */
class JsonLineTest {
    private static final JsonFactory JACKSON = new JsonFactory();
    /** What RecordJson wrote instants with before they were written by hand. */
    private static final DateTimeFormatter FORMATTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static Stream<String> strings() {
        List<String> all = new ArrayList<>();
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c);
        }
        all.add(ascii.toString());
        all.addAll(List.of(
                "",
                "Example County Police",
                "No resources available",
                "Crime Bureau \"B\" \\ desk",
                "Llanfair\u00e9 \u00a3 \u20ac \u00ff\u0100\u07ff\u0800\uffff",
                "emoji \ud83d\ude93 pair",
                "lone high \ud83d end",
                "lone low \ude93 end",
                "high at the end \ud83d",
                "\u2028\u2029 separators"));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("strings")
    void aStringIsWrittenAsJacksonWritesIt(String value) throws IOException {
        assertThat(new JsonLine()
                        .startObject()
                        .stringField("f", value)
                        .endObject()
                        .toString())
                .isEqualTo(jackson(g -> g.writeStringField("f", value)));
    }

    static Stream<Double> numbers() {
        return Stream.of(
                0.0,
                -0.0,
                1.0,
                -7.0,
                0.1,
                2.0 / 3,
                123.456,
                1e14 + 0.5,
                1e15,
                1e15 - 1,
                -1e15,
                1e20,
                1e-7,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void aNumberIsWrittenAsTheRecordsWroteIt(Double value) throws IOException {
        // As RecordJson wrote numbers through Jackson: whole ones as longs below 10^15.
        String expected = jackson(g -> {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                g.writeNumberField("n", value.longValue());
            } else {
                g.writeNumberField("n", value);
            }
        });
        assertThat(new JsonLine()
                        .startObject()
                        .numberField("n", value)
                        .endObject()
                        .toString())
                .isEqualTo(expected);
    }

    @Test
    void instantsAreUtcWithMillisecondsOnEveryDay() throws IOException {
        JsonLine line = new JsonLine(16);
        List<Long> times = new ArrayList<>();
        for (long t = -86_400_000L * 3; t < 86_400_000L * 800; t += 7_777_777L) {
            times.add(t);
        }
        times.addAll(List.of(
                Instant.parse("2016-06-01T23:59:59.999Z").toEpochMilli(),
                Instant.parse("2016-06-02T00:00:00Z").toEpochMilli(),
                Instant.parse("0001-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
                Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("-0001-06-01T12:00:00Z").toEpochMilli()));
        for (long t : times) {
            line.reset();
            line.startObject().instantField("t", t).endObject();
            assertThat(line.toString())
                    .as("%d", t)
                    .isEqualTo(jackson(g -> g.writeStringField("t", FORMATTED.format(Instant.ofEpochMilli(t)))));
        }
    }

    @Test
    void nullsAndLengthsAndTheBufferGrowing() throws IOException {
        JsonLine line = new JsonLine(4);
        line.startObject()
                .instantField("a", null)
                .durationField("b", null)
                .durationField("c", Duration.ofMinutes(15).toMillis())
                .durationField("d", Duration.ofHours(24).toMillis())
                .durationField("e", Duration.ofMinutes(15).toMillis())
                .stringField("f", null)
                .numberField("g", (Double) null)
                .numberField("h", 7L)
                .booleanField("i", true)
                .endObject()
                .newline();
        assertThat(new String(bytes(line), StandardCharsets.UTF_8))
                .isEqualTo(jackson(g -> {
                            g.writeNullField("a");
                            g.writeNullField("b");
                            g.writeStringField("c", "PT15M");
                            g.writeStringField("d", "PT24H");
                            g.writeStringField("e", "PT15M");
                            g.writeNullField("f");
                            g.writeNullField("g");
                            g.writeNumberField("h", 7);
                            g.writeBooleanField("i", true);
                        })
                        + "\n");
    }

    private static byte[] bytes(JsonLine line) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        line.writeTo(out);
        return out.toByteArray();
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** Jackson's bytes for one object, as RecordJson made them before JsonLine: a string, then UTF-8. */
    private static String jackson(Fields fields) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
