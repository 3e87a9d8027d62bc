package io.pacesetter.job.incidents;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.measures.ScopeFanOut;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
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
    public void processElement(ScopedIncidentChange change, Context ctx, Collector<MeasureRecord> out) throws Exception {
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
        out.collect(live(key, "INCIDENTS_OPEN", all, now));
        out.collect(live(key, "INCIDENTS_AT_RISK", atRisk, now));
        out.collect(live(key, "INCIDENTS_BREACHED", breached, now));
        if (all == 0) {
            scope.clear();
            asOf.clear();
            open.clear();
        } else {
            asOf.update(now);
        }
    }

    private MeasureRecord live(ScopedIncidentChange key, String measure, long count, long now) {
        MeasureRecord r = new MeasureRecord();
        r.measure = measure;
        r.scope = key.scope;
        r.scopeId = key.scopeId;
        r.window = WindowKind.LIVE;
        r.asOf = now;
        r.value = (double) count;
        r.isFinal = false;
        r.force = config.force().name();
        return r;
    }

    /** Incident changes to every scope they count in, ready for {@code keyBy(c -> c.key)}. */
    public static final class Scopes extends RichFlatMapFunction<IncidentChange, ScopedIncidentChange> {
        private final PacesetterConfig config;
        private transient ScopeFanOut scopes;

        public Scopes(PacesetterConfig config) {
            this.config = config;
        }

        @Override
        public void open(OpenContext openContext) {
            scopes = new ScopeFanOut(config);
        }

        @Override
        public void flatMap(IncidentChange change, Collector<ScopedIncidentChange> out) {
            fanOut(change, scopes, out::collect);
        }
    }
}
