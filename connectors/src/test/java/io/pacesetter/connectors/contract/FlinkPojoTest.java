package io.pacesetter.connectors.contract;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type that travels between operators is a Flink POJO, serialized without Kryo. */
class FlinkPojoTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                CallEvent.class,
                IncidentEvent.class,
                DeadLetter.class,
                InputRecord.class,
                MeasureRecord.class,
                AlertAction.class,
                Alert.LpaBreaches.class
            })
    void serializedAsPojoWithoutKryo(Class<?> type) {
        assertThatCode(() -> PojoTestUtils.assertSerializedAsPojoWithoutKryo(type))
                .doesNotThrowAnyException();
    }
}
