package io.pacesetter.job.incidents;

import static io.pacesetter.job.TestData.FORCE;
import static io.pacesetter.job.TestData.JUNE_1_0800;
import static io.pacesetter.job.TestData.at;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacesetter.config.Area;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.measures.ScopeFanOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveIncidentsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final long DEADLINE = after(ofMinutes(15));

    private KeyedOneInputStreamOperatorTestHarness<String, ScopedIncidentChange, MeasureRecord> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LiveIncidents(CONFIG), c -> c.key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static long after(Duration d) {
        return at(JUNE_1_0800, d);
    }

    private void send(String incidentId, IncidentState state, Duration after) throws Exception {
        IncidentChange change = new IncidentChange(incidentId, "Ashby", Area.URBAN, state, DEADLINE, after(after));
        harness.processElement(new ScopedIncidentChange(Scope.LPA, "North", change), change.time);
    }

    /** The last open, at-risk and breached figures published, in that order, with their as-of times. */
    private List<MeasureRecord> latest() {
        List<MeasureRecord> all = harness.extractOutputValues();
        return all.subList(all.size() - 3, all.size());
    }

    private void assertFigures(double open, double atRisk, double breached, Duration asOf) {
        assertThat(latest())
                .extracting(r -> r.measure, r -> r.value, r -> r.asOf)
                .containsExactly(
                        tuple("INCIDENTS_OPEN", open, after(asOf)),
                        tuple("INCIDENTS_AT_RISK", atRisk, after(asOf)),
                        tuple("INCIDENTS_BREACHED", breached, after(asOf)));
    }

    @Test
    void countsOpenAtRiskAndBreachedOnEveryChange() throws Exception {
        send("a", IncidentState.OPEN, Duration.ZERO);
        assertFigures(1, 0, 0, Duration.ZERO);
        send("b", IncidentState.OPEN, ofMinutes(1));
        assertFigures(2, 0, 0, ofMinutes(1));
        send("a", IncidentState.AT_RISK, ofMinutes(12));
        assertFigures(2, 1, 0, ofMinutes(12));
        send("a", IncidentState.BREACHED, ofMinutes(15));
        assertFigures(2, 0, 1, ofMinutes(15));
        send("b", IncidentState.GONE, ofMinutes(16));
        assertFigures(1, 0, 1, ofMinutes(16));
        assertThat(harness.extractOutputValues()).hasSize(15);

        send("a", IncidentState.GONE, ofMinutes(20));

        assertFigures(0, 0, 0, ofMinutes(20));
        assertThat(harness.numKeyedStateEntries())
                .as("cleared when nothing is open")
                .isZero();
        send("a", IncidentState.GONE, ofMinutes(21));
        assertThat(harness.extractOutputValues()).as("zeros are published once").hasSize(18);
    }

    @Test
    void recordsAreLiveFiguresForTheScope() throws Exception {
        send("a", IncidentState.OPEN, ofMinutes(3));
        assertThat(latest()).allSatisfy(r -> {
            assertThat(r.window).isEqualTo(WindowKind.LIVE);
            assertThat(r.scope).isEqualTo(Scope.LPA);
            assertThat(r.scopeId).isEqualTo("North");
            assertThat(r.force).isEqualTo(FORCE);
            assertThat(r.queue).isNull();
            assertThat(r.area).isNull();
            assertThat(r.isFinal).isFalse();
        });
    }

    @Test
    void theFiguresNeverGoBackInTime() throws Exception {
        send("a", IncidentState.OPEN, ofMinutes(5));
        send("b", IncidentState.OPEN, ofMinutes(4)); // from a clock whose watermark is behind
        assertFigures(2, 0, 0, ofMinutes(5));
    }

    @Test
    void aChangeReachesTheForceItsLpaAndItsDistrict() {
        ScopeFanOut scopes = new ScopeFanOut(CONFIG);
        List<ScopedIncidentChange> out = new ArrayList<>();
        LiveIncidents.fanOut(
                new IncidentChange("a", "Bramley", Area.RURAL, IncidentState.OPEN, DEADLINE, 0L), scopes, out::add);
        LiveIncidents.fanOut(
                new IncidentChange("b", "Zedtown", Area.URBAN, IncidentState.OPEN, DEADLINE, 0L), scopes, out::add);
        LiveIncidents.fanOut(
                new IncidentChange("c", null, Area.URBAN, IncidentState.OPEN, DEADLINE, 0L), scopes, out::add);

        assertThat(out)
                .extracting(c -> c.incidentId, c -> c.key)
                .containsExactly(
                        tuple("a", "FORCE|" + FORCE),
                        tuple("a", "LPA|North"),
                        tuple("a", "DISTRICT|Bramley"),
                        tuple("b", "FORCE|" + FORCE),
                        tuple("b", "LPA|UNKNOWN"),
                        tuple("b", "DISTRICT|Zedtown"),
                        tuple("c", "FORCE|" + FORCE));
        assertThat(out.get(0)).satisfies(c -> {
            assertThat(c.state).isEqualTo(IncidentState.OPEN);
            assertThat(c.deadline).isEqualTo(DEADLINE);
            assertThat(c.scope).isEqualTo(Scope.FORCE);
            assertThat(c.scopeId).isEqualTo(FORCE);
        });
    }
}
