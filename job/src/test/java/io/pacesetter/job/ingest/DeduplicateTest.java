package io.pacesetter.job.ingest;

import static io.pacesetter.job.TestData.ms;
import static io.pacesetter.testkit.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.job.state.WriteBehindOperator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateTest {
    private static KeyedOneInputStreamOperatorTestHarness<String, InputRecord, CallEvent> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new WriteBehindOperator<>(
                        new Deduplicate(ConfigLoader.defaults().events())),
                InputRecord::eventId,
                Types.STRING);
        h.open();
        return h;
    }

    private static List<DeadLetter> deadLetters(
            KeyedOneInputStreamOperatorTestHarness<String, InputRecord, CallEvent> h) {
        return h.getSideOutput(Deduplicate.DEAD_LETTERS) == null
                ? List.of()
                : h.getSideOutput(Deduplicate.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @Test
    void aRepeatedEventIdIsIgnoredAsADuplicate() throws Exception {
        try (var h = harness()) {
            CallEvent offer = offered("c1", "999", ms("2016-06-01T08:00:00Z"));
            h.processElement(InputRecord.of(offer), offer.time);
            h.processElement(InputRecord.of(offer), offer.time);

            assertThat(h.extractOutputValues()).containsExactly(offer);
            assertThat(deadLetters(h)).singleElement().satisfies(d -> {
                assertThat(d.reason).isEqualTo(RejectReason.DUPLICATE);
                assertThat(d.eventId).isEqualTo(offer.eventId);
            });
        }
    }

    @Test
    void anIdIsForgottenByAnEventTimeTimerOnceNoCopyCouldBeAccepted() throws Exception {
        try (var h = harness()) {
            CallEvent offer = offered("c1", "999", ms("2016-06-01T08:00:00Z"));
            h.processElement(InputRecord.of(offer), offer.time);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            // Remembered for the out-of-orderness plus the allowed lateness: 2 minutes + 2 days.
            h.processWatermark(ms("2016-06-03T08:01:59.999Z"));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(ms("2016-06-03T08:02:00Z"));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anEventBeyondTheAllowedLatenessIsTooLateAndOneWithinItPasses() throws Exception {
        try (var h = harness()) {
            h.processWatermark(ms("2016-06-03T08:00:00Z"));
            CallEvent tooLate = offered("c1", "999", ms("2016-06-01T07:59:59.999Z"));
            CallEvent lateButAllowed = offered("c2", "999", ms("2016-06-01T08:00:00Z"));
            h.processElement(InputRecord.of(tooLate), tooLate.time);
            h.processElement(InputRecord.of(lateButAllowed), lateButAllowed.time);

            assertThat(h.extractOutputValues()).containsExactly(lateButAllowed);
            assertThat(deadLetters(h)).singleElement().satisfies(d -> {
                assertThat(d.reason).isEqualTo(RejectReason.TOO_LATE);
                assertThat(d.original).contains("\"callId\":\"c1\"");
            });
        }
    }
}
