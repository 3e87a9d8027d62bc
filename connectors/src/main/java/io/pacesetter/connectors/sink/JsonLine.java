package io.pacesetter.connectors.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * JSON objects written as UTF-8 bytes into a reusable buffer, one field at a time, in the bytes Jackson's
 * generator writes for the same fields (strings escaped as it escapes them, numbers as {@code Long.toString}
 * and {@code Double.toString}): a replay writes millions of measure records, and a generator, a string and
 * its encoding per record were most of the time of writing {@code kpis.jsonl} (docs/benchmarks.md).
 * {@code JsonLineTest} holds the two to the same bytes. Not thread-safe: one per writer.
 */
public final class JsonLine {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    /** For the rare instant outside years 0 to 9999, which the digits below do not cover. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private byte[] bytes;
    private int size;
    private boolean firstField;

    /** The day and date of the last instant written: a record's times mostly fall on one day. */
    private long lastEpochDay = Long.MIN_VALUE;

    private final byte[] lastDate = new byte[10];

    /** The last window length written and its ISO-8601 form: a run has few lengths. */
    private long lastLengthMs = Long.MIN_VALUE;

    private String lastLength;

    public JsonLine() {
        this(512);
    }

    public JsonLine(int capacity) {
        bytes = new byte[capacity];
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public JsonLine startObject() {
        put((byte) '{');
        firstField = true;
        return this;
    }

    public JsonLine endObject() {
        put((byte) '}');
        return this;
    }

    public JsonLine newline() {
        put((byte) '\n');
        return this;
    }

    /** Text written as it is: a whole JSON value made elsewhere. */
    public JsonLine raw(String json) {
        put(json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Bytes written as they are: a whole JSON value encoded elsewhere. */
    public JsonLine raw(byte[] json) {
        put(json);
        return this;
    }

    public JsonLine stringField(String name, String value) {
        name(name);
        if (value == null) {
            put(NULL);
        } else {
            string(value);
        }
        return this;
    }

    public JsonLine nullField(String name) {
        name(name);
        put(NULL);
        return this;
    }

    public JsonLine booleanField(String name, boolean value) {
        name(name);
        put(value ? TRUE : FALSE);
        return this;
    }

    public JsonLine numberField(String name, long value) {
        name(name);
        ascii(Long.toString(value));
        return this;
    }

    /** A whole number as one (no {@code .0}) up to 10^15; NaN and the infinities quoted, as Jackson writes them. */
    public JsonLine numberField(String name, Double value) {
        name(name);
        if (value == null) {
            put(NULL);
        } else if (writtenWhole(value)) {
            ascii(Long.toString(value.longValue()));
        } else if (value.isNaN() || value.isInfinite()) {
            string(value.toString());
        } else {
            ascii(value.toString());
        }
        return this;
    }

    /** Whether a number is written as a whole one: integral and below 10^15, so {@code 3} rather than {@code 3.0}. */
    public static boolean writtenWhole(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15;
    }

    /** {@code 2016-06-01T08:00:10.000Z}: every instant in the records, UTC with milliseconds. */
    public static String instant(long epochMs) {
        return new JsonLine(24).appendInstant(epochMs).toString();
    }

    /** {@link #instant}, quoted, or null. */
    public JsonLine instantField(String name, Long epochMs) {
        name(name);
        if (epochMs == null) {
            put(NULL);
        } else {
            put((byte) '"');
            appendInstant(epochMs);
            put((byte) '"');
        }
        return this;
    }

    /** Written by hand: a formatter was the hot spot of writing records. */
    private JsonLine appendInstant(long epochMs) {
        long day = Math.floorDiv(epochMs, 86_400_000L);
        int msOfDay = (int) Math.floorMod(epochMs, 86_400_000L);
        if (day != lastEpochDay) {
            LocalDate date = LocalDate.ofEpochDay(day);
            if (date.getYear() < 0 || date.getYear() > 9999) {
                ascii(INSTANT.format(Instant.ofEpochMilli(epochMs)));
                return this;
            }
            digits(lastDate, 0, date.getYear(), 4);
            lastDate[4] = '-';
            digits(lastDate, 5, date.getMonthValue(), 2);
            lastDate[7] = '-';
            digits(lastDate, 8, date.getDayOfMonth(), 2);
            lastEpochDay = day;
        }
        ensure(24);
        byte[] b = bytes;
        int at = size;
        System.arraycopy(lastDate, 0, b, at, 10);
        at += 10;
        b[at++] = 'T';
        digits(b, at, msOfDay / 3_600_000, 2);
        b[at + 2] = ':';
        digits(b, at + 3, msOfDay / 60_000 % 60, 2);
        b[at + 5] = ':';
        digits(b, at + 6, msOfDay / 1000 % 60, 2);
        b[at + 8] = '.';
        digits(b, at + 9, msOfDay % 1000, 3);
        b[at + 12] = 'Z';
        size = at + 13;
        return this;
    }

    /** A length in ISO-8601 ({@code PT15M}), or null. */
    public JsonLine durationField(String name, Long ms) {
        if (ms == null) {
            return nullField(name);
        }
        if (ms != lastLengthMs) {
            lastLength = Duration.ofMillis(ms).toString();
            lastLengthMs = ms;
        }
        return stringField(name, lastLength);
    }

    private void name(String name) {
        if (!firstField) {
            put((byte) ',');
        }
        firstField = false;
        string(name);
        put((byte) ':');
    }

    /** A quoted string, escaped as Jackson escapes: quote, backslash and control characters; the rest as UTF-8. */
    private void string(String s) {
        int n = s.length();
        // At most six bytes for a character (an escape), plus the quotes.
        ensure(n * 6 + 2);
        byte[] b = bytes;
        int at = size;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                b[at++] = (byte) c;
            } else if (c < 0x80) {
                b[at++] = '\\';
                switch (c) {
                    case '"', '\\' -> b[at++] = (byte) c;
                    case '\b' -> b[at++] = 'b';
                    case '\t' -> b[at++] = 't';
                    case '\n' -> b[at++] = 'n';
                    case '\f' -> b[at++] = 'f';
                    case '\r' -> b[at++] = 'r';
                    default -> {
                        b[at++] = 'u';
                        b[at++] = '0';
                        b[at++] = '0';
                        b[at++] = HEX[c >> 4];
                        b[at++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // A half of a pair on its own: replaced, as String.getBytes(UTF_8) replaces it.
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xE0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[at++] = '"';
        size = at;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
