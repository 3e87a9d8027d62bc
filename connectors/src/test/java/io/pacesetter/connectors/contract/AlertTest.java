package io.pacesetter.connectors.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The alert record: a Flink POJO with an id that is the same for every delivery of one alert. */
class AlertTest {

    @Test
    void isSerializedAsAPojoWithoutKryo() {
        assertThatCode(() -> PojoTestUtils.assertSerializedAsPojoWithoutKryo(Alert.class))
                .doesNotThrowAnyException();
    }

    @Test
    void theIdDependsOnKindSubjectAndEpisodeOnly() {
        String id = Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-1", 1_000L);

        assertThat(id)
                .hasSize(32)
                .matches("[0-9a-f]+")
                .isEqualTo(Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-1", 1_000L));
        assertThat(id)
                .isNotEqualTo(Alert.idOf(Alert.Kind.INCIDENT_AT_RISK, "INC-1", 1_000L))
                .isNotEqualTo(Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-2", 1_000L))
                .isNotEqualTo(Alert.idOf(Alert.Kind.INCIDENT_BREACHED, "INC-1", 1_001L));
    }

    @Test
    void theNextRecordKeepsTheIdAndCountsItsRevision() {
        Alert raised = new Alert();
        raised.alertId = "a1";
        raised.kind = Alert.Kind.CALL_HANDLING;
        raised.state = Alert.State.RAISED;
        raised.audience.add(Alert.Audience.FORCE_CONTROL_ROOM);

        Alert cleared = raised.next(Alert.State.CLEARED);
        cleared.audience.add(Alert.Audience.DUTY_COMMAND_OFFICER);

        assertThat(cleared.alertId).isEqualTo("a1");
        assertThat(cleared.revision).isEqualTo(1);
        assertThat(cleared.isActive()).isFalse();
        assertThat(raised.audience)
                .as("the copy's lists are its own")
                .containsExactly(Alert.Audience.FORCE_CONTROL_ROOM);
    }
}
