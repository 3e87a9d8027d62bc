package io.pacesetter.job;

import io.pacesetter.job.calls.LegBook;
import io.pacesetter.job.calls.LegOutcome;
import io.pacesetter.job.calls.WaitingChange;
import io.pacesetter.job.measures.PeriodTally;
import io.pacesetter.job.measures.ScopedOutcome;
import io.pacesetter.job.measures.ScopedWaiting;
import io.pacesetter.job.measures.Tally;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type the pipeline moves or keeps is a Flink POJO: no Kryo anywhere (the runs also set pipeline.generic-types false). */
class PojoTypesTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                LegBook.class,
                LegOutcome.class,
                WaitingChange.class,
                ScopedOutcome.class,
                ScopedWaiting.class,
                Tally.class,
                PeriodTally.class
            })
    void isSerializedAsAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
