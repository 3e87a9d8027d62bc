package io.pacesetter.job.alerts;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.pacesetter.job.incidents.IncidentBook;
import io.pacesetter.job.incidents.IncidentNotice;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type the alerts move or keep is a Flink POJO, serialized without Kryo. */
class AlertsPojoTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                IncidentNotice.class,
                IncidentAlertBook.class,
                RuleReading.class,
                RuleWatch.class,
                ReviewDay.class,
                UnresourcedBook.class,
                LateDay.class,
                LiveUnresourced.Scoped.class,
                FeedBeat.class,
                FeedWatch.class,
                ClockSkew.SkewWatch.class,
                IncidentBook.class,
                DigestEntry.class
            })
    void serializedAsPojoWithoutKryo(Class<?> type) {
        assertThatCode(() -> PojoTestUtils.assertSerializedAsPojoWithoutKryo(type))
                .doesNotThrowAnyException();
    }
}
