package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
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
 * Keyed by scope ({@code scope|scopeId}), live runs: {@code INCIDENTS_UNRESOURCED}, the grade-1 incidents whose
 * {@code INCIDENT_UNRESOURCED} alert is raised now (no unit dispatched {@code alerts.unresourcedAfter} after the
 * clock start, and none since), force-wide, per LPA and per district, published on every change. The same rule
 * as the alert, by construction: it counts the alerts. When the last one clears, a zero is published once and the
 * state is cleared.
 */
public class LiveUnresourced extends KeyedProcessFunction<String, LiveUnresourced.Scoped, MeasureRecord> {
    private final PacesetterConfig config;
    private transient ValueState<Long> asOf;
    private transient MapState<String, Boolean> raised;

    /** An unresourced alert record addressed to one scope. A Flink POJO. */
    public static class Scoped {
        public String key;
        public Scope scope;
        public String scopeId;
        public String incidentId;
        public boolean raised;
        public long time;

        public Scoped() {}
    }

    public LiveUnresourced(PacesetterConfig config) {
        this.config = config;
    }

    /** An INCIDENT_UNRESOURCED record to the force and, when its district is known, its LPA and district. */
    public static void fanOut(Alert alert, ScopeFanOut scopes, Consumer<Scoped> out) {
        if (alert.kind != Alert.Kind.INCIDENT_UNRESOURCED) {
            return;
        }
        scopes.forEachScope(alert.district, (scope, id) -> {
            Scoped s = new Scoped();
            s.key = scope.name() + '|' + id;
            s.scope = scope;
            s.scopeId = id;
            s.incidentId = alert.incidentId;
            s.raised = alert.isActive();
            s.time = alert.time;
            out.accept(s);
        });
    }

    @Override
    public void open(OpenContext openContext) {
        asOf = getRuntimeContext().getState(new ValueStateDescriptor<>("as-of", Long.class));
        raised = getRuntimeContext().getMapState(new MapStateDescriptor<>("raised", String.class, Boolean.class));
    }

    @Override
    public void processElement(Scoped s, Context ctx, Collector<MeasureRecord> out) throws Exception {
        if (s.raised) {
            raised.put(s.incidentId, true);
        } else if (raised.contains(s.incidentId)) {
            raised.remove(s.incidentId);
        } else {
            return; // cleared with nothing counted here: nothing changes
        }
        Long previous = asOf.value();
        long now = previous == null ? s.time : Math.max(previous, s.time);
        long count = 0;
        for (String ignored : raised.keys()) {
            count++;
        }
        out.collect(MeasureRecords.live(config, "INCIDENTS_UNRESOURCED", null, s.scope, s.scopeId, count, now));
        if (count == 0) {
            asOf.clear();
            raised.clear();
        } else {
            asOf.update(now);
        }
    }
}
