package io.pacesetter.job.incidents;

import static io.pacesetter.job.TestData.FORCE;
import static io.pacesetter.job.TestData.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.ScopeFanOut;
import io.pacesetter.job.measures.ScopedOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentScopesTest {
    private static final ScopeFanOut SCOPES = new ScopeFanOut(ConfigLoader.defaults());
    private static final long CLOCK_START = ms("2016-06-01T07:00:00Z");
    private static final long DEADLINE = ms("2016-06-01T07:20:00Z");

    private static List<ScopedOutcome> fanOut(IncidentOutcome outcome) {
        List<ScopedOutcome> out = new ArrayList<>();
        IncidentScopes.fanOut(outcome, SCOPES, out::add);
        return out;
    }

    @Test
    void anOutcomeCountsInEveryScopeOverallAndInItsArea() {
        List<ScopedOutcome> out = fanOut(new IncidentOutcome(
                "i1", "Bramley", Area.RURAL, CLOCK_START, DEADLINE, false, "No resources available", false));

        assertThat(out)
                .extracting(o -> o.key)
                .containsExactly(
                        "ATTENDANCE||FORCE|" + FORCE + "|",
                        "ATTENDANCE||LPA|North|",
                        "ATTENDANCE||DISTRICT|Bramley|",
                        "ATTENDANCE||FORCE|" + FORCE + "|RURAL",
                        "ATTENDANCE||LPA|North|RURAL",
                        "ATTENDANCE||DISTRICT|Bramley|RURAL");
        assertThat(out).allSatisfy(o -> {
            assertThat(o.family).isEqualTo(MeasureFamily.ATTENDANCE);
            assertThat(o.queue).isNull();
            assertThat(o.time).isEqualTo(DEADLINE);
            assertThat(o.met).isFalse();
            assertThat(o.reason).isEqualTo("No resources available");
            assertThat(o.reasonOnly).isFalse();
        });
    }

    @Test
    void aMetOutcomeIsCountedAtItsArrival() {
        long arrival = ms("2016-06-01T07:09:30Z");
        List<ScopedOutcome> out =
                fanOut(new IncidentOutcome("i1", "Ashby", Area.URBAN, CLOCK_START, arrival, true, null, false));
        assertThat(out).hasSize(6).allSatisfy(o -> {
            assertThat(o.met).isTrue();
            assertThat(o.time).isEqualTo(arrival);
            assertThat(o.reason).isNull();
        });
    }

    @Test
    void anUnknownDistrictIsNotedOncePerIncident() {
        List<ScopedOutcome> failure =
                fanOut(new IncidentOutcome("i1", "Zedtown", Area.URBAN, CLOCK_START, DEADLINE, false, null, false));
        assertThat(failure)
                .filteredOn(o -> o.family == MeasureFamily.ATTENDANCE)
                .hasSize(6)
                .extracting(o -> o.scopeId)
                .contains("UNKNOWN", "Zedtown");
        assertThat(failure)
                .filteredOn(o -> o.family == MeasureFamily.DATA_QUALITY)
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.reason).isEqualTo("UNKNOWN_DISTRICT");
                    assertThat(o.time).isEqualTo(DEADLINE);
                });

        List<ScopedOutcome> lateReason =
                fanOut(new IncidentOutcome("i1", "Zedtown", Area.URBAN, CLOCK_START, DEADLINE, false, "Traffic", true));
        assertThat(lateReason)
                .as("the late reason is not a second incident")
                .hasSize(6)
                .allSatisfy(o -> {
                    assertThat(o.family).isEqualTo(MeasureFamily.ATTENDANCE);
                    assertThat(o.reasonOnly).isTrue();
                    assertThat(o.reason).isEqualTo("Traffic");
                    assertThat(o.time).isEqualTo(DEADLINE);
                });
    }
}
