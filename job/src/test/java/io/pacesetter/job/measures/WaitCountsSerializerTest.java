package io.pacesetter.job.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Wait counts through their serializer: state, checkpoints and the wire keep every wait exactly. */
class WaitCountsSerializerTest {
    private static final WaitCountsSerializer SERIALIZER = WaitCountsSerializer.INSTANCE;

    private static WaitCounts randomCounts(SplittableRandom random, int legs) {
        WaitCounts counts = new WaitCounts();
        for (int i = 0; i < legs; i++) {
            long wait = switch (random.nextInt(8)) {
                case 0 -> -random.nextLong(1, 10_000);
                case 1 -> 3_600_000 + random.nextLong(86_400_000);
                case 2 -> 10_000;
                default -> random.nextLong(120_000);
            };
            counts.add(wait, 1 + random.nextInt(3));
        }
        return counts;
    }

    private static WaitCounts roundTrip(TypeSerializer<WaitCounts> serializer, WaitCounts counts) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(counts, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void everyWaitAndItsLegsComeBackInOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int legs : new int[] {0, 1, 2, 50, 5_000}) {
            WaitCounts counts = randomCounts(random, legs);
            WaitCounts back = roundTrip(SERIALIZER, counts);
            assertThat(back.asMap()).as("%d legs", legs).isEqualTo(counts.asMap());
            assertThat(back.total()).isEqualTo(counts.total());
            assertThat(back.distinct()).isEqualTo(counts.distinct());
            if (counts.total() > 0) {
                long rank = NearestRank.rank(counts.total(), 0.9);
                assertThat(back.select(rank)).isEqualTo(counts.select(rank));
            }
        }
    }

    @Test
    void eitherSideOfTheSmallShapesLimitComesBackWithEveryRank() throws Exception {
        for (int distinct : new int[] {WaitCounts.SMALL_MAX, WaitCounts.SMALL_MAX + 1}) {
            WaitCounts counts = new WaitCounts();
            for (int i = 0; i < distinct; i++) {
                // Some outside the dense seconds, one below zero: every part of the by-second shape.
                counts.add(i == 0 ? -5 : i % 10 == 0 ? 3_600_000L + i : i * 997L, 1 + i % 3);
            }
            WaitCounts back = roundTrip(SERIALIZER, counts);
            assertThat(back.asMap()).isEqualTo(counts.asMap());
            assertThat(back.distinct()).isEqualTo(distinct);
            for (long rank = 1; rank <= counts.total(); rank++) {
                assertThat(back.select(rank))
                        .as("rank %d of %d distinct", rank, distinct)
                        .isEqualTo(counts.select(rank));
            }
        }
    }

    @Test
    void aCopyIsIndependentAndTheStreamCopyIsByteForByte() throws Exception {
        WaitCounts counts = randomCounts(new SplittableRandom(5), 300);
        WaitCounts copy = SERIALIZER.copy(counts);
        copy.add(4_000, 7);
        assertThat(counts.asMap()).isNotEqualTo(copy.asMap());

        DataOutputSerializer once = new DataOutputSerializer(64);
        SERIALIZER.serialize(counts, once);
        DataOutputSerializer twice = new DataOutputSerializer(64);
        SERIALIZER.copy(new DataInputDeserializer(once.getCopyOfBuffer()), twice);
        assertThat(twice.getCopyOfBuffer()).isEqualTo(once.getCopyOfBuffer());
    }

    @Test
    void typicalWaitsTakeAFewBytesEach() throws Exception {
        WaitCounts counts = new WaitCounts();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 1_000; i++) {
            counts.add(2_500 + (long) (-Math.log(1 - random.nextDouble()) * 35_000), 1);
        }
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(counts, out);
        assertThat(out.length()).as("%d distinct waits", counts.distinct()).isLessThan(4 * counts.distinct());
    }

    @Test
    void theSerializerComesBackFromItsSnapshot() throws Exception {
        TypeSerializerSnapshot<WaitCounts> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<WaitCounts> read = new WaitCountsSerializer.Snapshot();
        read.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
        assertThat(roundTrip(read.restoreSerializer(), randomCounts(new SplittableRandom(1), 40))
                        .total())
                .isPositive();
    }

    @Test
    void flinkTakesTheFieldOfATallyToThisSerializer() {
        TypeInformation<Tally> tally = TypeInformation.of(Tally.class);
        assertThat(tally).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<Tally> pojo = (PojoTypeInfo<Tally>) tally;
        assertThat(pojo.getTypeAt("answeredWaits").createSerializer(new SerializerConfigImpl()))
                .isSameAs(SERIALIZER);
    }

    @Test
    void takingAwayLegsThatWereNeverCountedIsABug() {
        WaitCounts counts = new WaitCounts();
        counts.add(5_000, 1);
        assertThatThrownBy(() -> counts.add(5_000, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000 ms");
        assertThatThrownBy(() -> counts.add(7_200_000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(counts.asMap()).containsExactly(java.util.Map.entry(5_000L, 1));
    }
}
