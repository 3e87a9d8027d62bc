package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueDefaultsTest {
    @Test
    void aQueueGivenAsAnEmptyMappingIsMeasuredAnsweredOnlyWithNoStandard() {
        PacesetterConfig config = ConfigLoader.loadYaml("queues: {QUALITY_OF_SERVICE: {}}");
        QueueStandard q = config.standardFor("QUALITY_OF_SERVICE");
        assertThat(config.knowsQueue("QUALITY_OF_SERVICE")).isTrue();
        assertThat(q.denominatorRule()).isEqualTo(DenominatorRule.ANSWERED);
        assertThat(q.shortAbandon()).isEqualTo(Duration.ofSeconds(5));
        assertThat(q.answerThreshold()).isNull();
        assertThat(q.answeredWithinTarget()).isNull();
    }
}
