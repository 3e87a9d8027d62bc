package io.pacesetter.job.incidents;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.job.measures.MeasureRecords;
import io.pacesetter.job.measures.ScopeFanOut;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by scope ({@code scope|scopeId}): the emergency incidents open now, and those at risk and
 * breached among them (LIVE records), published on every change. Nothing here moves with the clock:
 * the incident clocks announce at risk and breached when the watermark reaches them, so the tiles
 * agree with the outcomes that are counted. When the last open incident goes, zeros are published
 * once and the state is cleared.
 */
public class LiveIncidents extends KeyedProcessFunction<String, ScopedIncidentChange, MeasureRecord> {
    private final PacesetterConfig config;
    private transient ValueState<ScopedIncidentChange> scope;
    private transient ValueState<Long> asOf;
    private transient MapState<String, IncidentState> open;

    public LiveIncidents(PacesetterConfig config) {
        this.config = config;
    }

    /** {@code change} to the force and, when its district is known, its LPA and district. */
    public static void fanOut(IncidentChange change, ScopeFanOut scopes, Consumer<ScopedIncidentChange> out) {
        scopes.forEachScope(change.district, (scope, id) -> out.accept(new ScopedIncidentChange(scope, id, change)));
    }

    @Override
    public void open(OpenContext openContext) {
        scope = getRuntimeContext().getState(new ValueStateDescriptor<>("scope", ScopedIncidentChange.class));
        asOf = getRuntimeContext().getState(new ValueStateDescriptor<>("as-of", Long.class));
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open", String.class, IncidentState.class));
    }

    @Override
    public void processElement(ScopedIncidentChange change, Context ctx, Collector<MeasureRecord> out)
            throws Exception {
        if (scope.value() == null) {
            if (change.state == IncidentState.GONE) {
                return; // nothing open here to take it from: the zeros were published already
            }
            scope.update(change);
        }
        if (change.state == IncidentState.GONE) {
            open.remove(change.incidentId);
        } else {
            open.put(change.incidentId, change.state);
        }
        Long previous = asOf.value();
        long now = previous == null ? change.time : Math.max(previous, change.time);
        long all = 0;
        long atRisk = 0;
        long breached = 0;
        for (IncidentState state : open.values()) {
            all++;
            if (state == IncidentState.AT_RISK) {
                atRisk++;
            } else if (state == IncidentState.BREACHED) {
                breached++;
            }
        }
        ScopedIncidentChange key = scope.value();
        out.collect(MeasureRecords.live(config, "INCIDENTS_OPEN", null, key.scope, key.scopeId, all, now));
        out.collect(MeasureRecords.live(config, "INCIDENTS_AT_RISK", null, key.scope, key.scopeId, atRisk, now));
        out.collect(MeasureRecords.live(config, "INCIDENTS_BREACHED", null, key.scope, key.scopeId, breached, now));
        if (all == 0) {
            scope.clear();
            asOf.clear();
            open.clear();
        } else {
            asOf.update(now);
        }
    }
}
