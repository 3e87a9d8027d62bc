package io.pacesetter.job.incidents;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type the incident clocks keep or send is a Flink POJO, serialized without Kryo. */
class IncidentPojoTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                IncidentOutcome.class,
                IncidentChange.class,
                ScopedIncidentChange.class,
                IncidentBook.class,
                IncidentNotice.class,
                ResponseTime.class
            })
    void serializedAsPojoWithoutKryo(Class<?> type) {
        assertThatCode(() -> PojoTestUtils.assertSerializedAsPojoWithoutKryo(type))
                .doesNotThrowAnyException();
    }
}
