package io.pacesetter.connectors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GeneratorSourceTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final Instant START = Instant.parse("2016-06-01T07:00:00Z");

    @Test
    void aBatchIsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(GeneratedBatch.class);
        assertThat(TypeInformation.of(GeneratedBatch.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void theSourceProducesBatches() {
        DataGeneratorSource<GeneratedBatch> source = GeneratorSource.create(CONFIG, 1, START, 1.0);
        // Flink calls every DataGeneratorSource BOUNDED, even one of Long.MAX_VALUE elements: the
        // job must run in STREAMING mode, which is why GeneratorSource's Javadoc says so.
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.getProducedType()).isEqualTo(TypeInformation.of(GeneratedBatch.class));
        assertThatThrownBy(() -> GeneratorSource.create(CONFIG, 1, START, 0)).hasMessageContaining("speed");
    }

    /** The ten minutes the test asks for are a backfill: due at once. */
    private static final FeedPace ALL_DUE =
            new FeedPace(START.plusSeconds(600).toEpochMilli(), START.toEpochMilli(), 1);

    @Test
    void elementIIsSecondIAndARestoredFunctionCarriesOnIdentically() throws InterruptedException {
        ForceSimulator reference = new ForceSimulator(CONFIG, 5, START);
        List<GeneratedBatch> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long until = START.toEpochMilli() + (i + 1) * 1000L;
            expected.add(new GeneratedBatch(until, reference.advanceTo(Instant.ofEpochMilli(until))));
        }
        assertThat(expected.stream().mapToInt(b -> b.lines.size()).sum()).isPositive();

        GeneratorSource.SimulatedSeconds function = new GeneratorSource.SimulatedSeconds(CONFIG, 5, START, ALL_DUE);
        for (int i = 0; i < 300; i++) {
            assertThat(function.map((long) i)).isEqualTo(expected.get(i));
        }
        // A restore from a checkpoint taken at element 120: back to an earlier index.
        for (int i = 120; i < 200; i++) {
            assertThat(function.map((long) i)).isEqualTo(expected.get(i));
        }
        // A fresh function (new task after a failure) asked for element 450 straight away.
        GeneratorSource.SimulatedSeconds restored = new GeneratorSource.SimulatedSeconds(CONFIG, 5, START, ALL_DUE);
        for (int i = 450; i < 600; i++) {
            assertThat(restored.map((long) i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    @Timeout(60)
    void runsInFlink() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<GeneratedBatch> batches = env.fromSource(
                        GeneratorSource.create(CONFIG, 9, START, 2_000), WatermarkStrategy.noWatermarks(), "generator")
                .executeAndCollect(200);
        assertThat(batches).hasSize(200);
        assertThat(batches.get(0).until).isEqualTo(START.toEpochMilli() + 1000);
        assertThat(batches.get(199).until).isEqualTo(START.toEpochMilli() + 200_000);
        assertThat(batches.stream().mapToInt(b -> b.lines.size()).sum()).isPositive();
    }
}
