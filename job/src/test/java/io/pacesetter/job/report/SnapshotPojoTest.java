package io.pacesetter.job.report;

import io.pacesetter.job.measures.MonthAggregate;
import io.pacesetter.job.store.ClosedMonth;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's records travel between operators and sit in state: POJOs, no Kryo. */
class SnapshotPojoTest {
    @ParameterizedTest
    @ValueSource(classes = {MonthAggregate.class, ClosedMonth.class})
    void isSerializedAsAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
