package io.pacesetter.connectors.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A measure record's identity: the Kafka key under which a compacted topic keeps one record. */
class MeasureRecordTest {

    private static final long WINDOW_END_0900 =
            Instant.parse("2016-06-01T09:00:00Z").toEpochMilli();
    private static final long WINDOW_END_0901 =
            Instant.parse("2016-06-01T09:01:00Z").toEpochMilli();
    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long AS_OF_0800_10 =
            Instant.parse("2016-06-01T08:00:10Z").toEpochMilli();

    static MeasureRecord sliding() {
        MeasureRecord r = new MeasureRecord();
        r.measure = "ANSWERED_WITHIN_STANDARD";
        r.queue = "999";
        r.scope = Scope.FORCE;
        r.scopeId = "Example County Police";
        r.window = WindowKind.SLIDING;
        r.windowStart = WINDOW_END_0900 - ONE_HOUR_MS;
        r.windowEnd = WINDOW_END_0900;
        r.windowLengthMs = ONE_HOUR_MS;
        r.numerator = 45.0;
        r.denominator = 50.0;
        r.value = 0.9;
        r.target = 0.9;
        r.met = true;
        r.denominatorRule = "ANSWERED";
        r.isFinal = true;
        r.force = "Example County Police";
        return r;
    }

    static MeasureRecord period() {
        MeasureRecord r = new MeasureRecord();
        r.measure = "ATTENDED_WITHIN_STANDARD";
        r.scope = Scope.LPA;
        r.scopeId = "North";
        r.area = Area.RURAL;
        r.window = WindowKind.PERIOD;
        r.period = PeriodKind.MONTH;
        r.start = "2016-06-01";
        r.numerator = 79.0;
        r.denominator = 100.0;
        r.value = 0.79;
        r.target = 0.9;
        r.met = false;
        r.revision = 1;
        r.force = "Example County Police";
        return r;
    }

    private static MeasureRecord copy(MeasureRecord r, Consumer<MeasureRecord> change) {
        MeasureRecord c = new MeasureRecord();
        for (Field f : MeasureRecord.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                try {
                    f.set(c, f.get(r));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        change.accept(c);
        return c;
    }

    static Stream<Arguments> identityChanges() {
        return Stream.of(
                Arguments.of("measure", sliding(), (Consumer<MeasureRecord>) r -> r.measure = "ABANDONMENT_RATE"),
                Arguments.of("queue", sliding(), (Consumer<MeasureRecord>) r -> r.queue = "101"),
                Arguments.of("queue to none", sliding(), (Consumer<MeasureRecord>) r -> r.queue = null),
                Arguments.of("scope", sliding(), (Consumer<MeasureRecord>) r -> r.scope = Scope.LPA),
                Arguments.of("scopeId", sliding(), (Consumer<MeasureRecord>) r -> r.scopeId = "Other Force"),
                Arguments.of("area", period(), (Consumer<MeasureRecord>) r -> r.area = Area.URBAN),
                Arguments.of("area to both", period(), (Consumer<MeasureRecord>) r -> r.area = null),
                Arguments.of(
                        "window length", sliding(), (Consumer<MeasureRecord>) r -> r.windowLengthMs = 15 * 60_000L),
                Arguments.of("window end", sliding(), (Consumer<MeasureRecord>) r -> r.windowEnd = WINDOW_END_0901),
                Arguments.of("period", period(), (Consumer<MeasureRecord>) r -> r.period = PeriodKind.DAY),
                Arguments.of("start", period(), (Consumer<MeasureRecord>) r -> r.start = "2016-07-01"),
                Arguments.of("reason added", period(), (Consumer<MeasureRecord>) r -> r.reason = "no units available"),
                Arguments.of("window kind", sliding(), (Consumer<MeasureRecord>) r -> {
                    r.window = WindowKind.LIVE;
                    r.asOf = AS_OF_0800_10;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identityChanges")
    void identityDiffersWhenAnIdentityFieldDiffers(String what, MeasureRecord base, Consumer<MeasureRecord> change) {
        MeasureRecord changed = copy(base, change);

        assertThat(changed.identity()).isNotEqualTo(base.identity());
    }

    @Test
    void identityDiffersBetweenTwoReasons() {
        MeasureRecord traffic = copy(period(), r -> r.reason = "traffic");
        MeasureRecord units = copy(period(), r -> r.reason = "no units available");

        assertThat(traffic.identity()).isNotEqualTo(units.identity());
    }

    static Stream<Arguments> figureChanges() {
        return Stream.of(
                Arguments.of("value", (Consumer<MeasureRecord>) r -> r.value = 0.5),
                Arguments.of("value to none", (Consumer<MeasureRecord>) r -> {
                    r.value = null;
                    r.met = null;
                }),
                Arguments.of("numerator", (Consumer<MeasureRecord>) r -> r.numerator = 1.0),
                Arguments.of("denominator", (Consumer<MeasureRecord>) r -> r.denominator = 2.0),
                Arguments.of("target", (Consumer<MeasureRecord>) r -> r.target = 0.8),
                Arguments.of("met", (Consumer<MeasureRecord>) r -> r.met = r.met == null || !r.met),
                Arguments.of("revision", (Consumer<MeasureRecord>) r -> r.revision = 7),
                Arguments.of("final", (Consumer<MeasureRecord>) r -> r.isFinal = !r.isFinal),
                Arguments.of("denominatorRule", (Consumer<MeasureRecord>)
                        r -> r.denominatorRule = "ANSWERED_AND_ABANDONED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figureChanges")
    void identityIsTheSameWhenOnlyTheFiguresChange(String what, Consumer<MeasureRecord> change) {
        for (MeasureRecord base : new MeasureRecord[] {sliding(), period()}) {
            MeasureRecord changed = copy(base, change);

            assertThat(changed).isNotEqualTo(base);
            assertThat(changed.identity()).isEqualTo(base.identity());
        }
    }

    @Test
    void aLiveRecordKeepsItsIdentityAsTimeMovesOn() {
        MeasureRecord live = copy(sliding(), r -> {
            r.measure = "CALLS_WAITING";
            r.window = WindowKind.LIVE;
            r.windowStart = null;
            r.windowEnd = null;
            r.windowLengthMs = null;
            r.asOf = AS_OF_0800_10;
        });
        MeasureRecord later = copy(live, r -> {
            r.asOf = AS_OF_0800_10 + 1_000;
            r.value = 4.0;
        });

        assertThat(later.identity()).isEqualTo(live.identity());
    }

    @Test
    void identityNamesItsParts() {
        assertThat(sliding().identity())
                .isEqualTo("ANSWERED_WITHIN_STANDARD|999|FORCE|Example County Police||PT1H|" + WINDOW_END_0900);
        assertThat(period().identity()).isEqualTo("ATTENDED_WITHIN_STANDARD||LPA|North|RURAL|MONTH|2016-06-01");
    }

    @Test
    void equalsComparesEveryField() {
        MeasureRecord base = sliding();
        MeasureRecord sameAgain = copy(base, r -> {});
        assertThat(sameAgain).isEqualTo(base).hasSameHashCodeAs(base);

        for (Field f : MeasureRecord.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            MeasureRecord changed = copy(base, r -> set(r, f));
            assertThat(changed).as("a record differing in %s", f.getName()).isNotEqualTo(base);
        }
    }

    /** Sets {@code f} to a value no test record holds. */
    private static void set(MeasureRecord r, Field f) {
        try {
            Class<?> t = f.getType();
            Object value;
            if (t == String.class) {
                value = "changed";
            } else if (t == Long.class) {
                value = 123L;
            } else if (t == Double.class) {
                value = 0.123;
            } else if (t == Boolean.class) {
                value = f.get(r) == null ? Boolean.TRUE : !((Boolean) f.get(r));
            } else if (t == boolean.class) {
                value = !f.getBoolean(r);
            } else if (t == int.class) {
                value = f.getInt(r) + 1;
            } else if (t.isEnum()) {
                Object[] constants = t.getEnumConstants();
                Object current = f.get(r);
                value = constants[0].equals(current) ? constants[1] : constants[0];
            } else {
                throw new AssertionError("no test value for " + f);
            }
            f.set(r, value);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
