package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.KafkaOrigin;
import io.pacesetter.connectors.contract.RejectReason;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by source ({@link #sourceOf}): a run of {@code FUTURE} rejections from one source (events stamped ahead of
 * the wall clock by more than {@code events.futureTolerance}) is a clock out of step upstream, and every event it
 * sends is lost to the figures until it is put right. {@code events.skewRun} of them, each within
 * {@code events.skewWithin} of the one before, raise {@code CLOCK_SKEW} with the skew measured (how far ahead of this
 * job's clock the newest was stamped); {@code events.skewWithin} without one clears it and the state. The skew is also
 * the gauge {@code pacesetter_clock_skew_seconds} per source (0 once cleared). Judged on the wall clock, in live runs.
 */
public class ClockSkew extends KeyedProcessFunction<String, DeadLetter, Alert> {
    private final int run;
    private final long withinMs;
    private final String force;
    private final AlertWording words;
    private transient ValueState<SkewWatch> watch;
    private transient Map<String, double[]> skewBySource;
    private transient MetricGroup metrics;

    public ClockSkew(PacesetterConfig config) {
        this.run = config.events().skewRun();
        this.withinMs = config.events().skewWithin().toMillis();
        this.force = config.force().name();
        this.words = new AlertWording(config.force().timeZone());
    }

    /** Where a rejection came from, without its place in it: a Kafka partition, a file, the generator. */
    public static String sourceOf(DeadLetter letter) {
        String origin = letter.origin == null ? "unknown" : letter.origin;
        return KafkaOrigin.parse(origin)
                .map(o -> o.topic() + '/' + o.partition())
                .orElseGet(() -> origin.replaceFirst(":\\d+$", ""));
    }

    @Override
    public void open(OpenContext openContext) {
        watch = getRuntimeContext().getState(new ValueStateDescriptor<>("clock-skew", SkewWatch.class));
        skewBySource = new HashMap<>();
        metrics = getRuntimeContext().getMetricGroup();
    }

    @Override
    public void processElement(DeadLetter letter, Context ctx, Collector<Alert> out) throws Exception {
        if (letter.reason != RejectReason.FUTURE || letter.eventTime == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        String source = ctx.getCurrentKey();
        SkewWatch w = watch.value();
        if (w == null) {
            w = new SkewWatch();
        }
        if (w.lastAt != null && now - w.lastAt > withinMs) {
            w.count = 0; // the run was broken: count afresh
        }
        if (w.timer != null) {
            ctx.timerService().deleteProcessingTimeTimer(w.timer);
        }
        w.count++;
        w.lastAt = now;
        w.aheadMs = letter.eventTime - now;
        gauge(source)[0] = w.aheadMs / 1000.0;
        if (w.count >= run && (w.raised == null || !w.raised.isActive())) {
            w.raised = raise(source, now, w);
            out.collect(w.raised);
        }
        w.timer = now + withinMs;
        ctx.timerService().registerProcessingTimeTimer(w.timer);
        watch.update(w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        SkewWatch w = watch.value();
        if (w == null || w.timer == null || timestamp != w.timer) {
            return;
        }
        String source = ctx.getCurrentKey();
        if (w.raised != null && w.raised.isActive()) {
            Alert cleared = w.raised.copy();
            cleared.revision++;
            cleared.state = Alert.State.CLEARED;
            cleared.time = timestamp;
            cleared.outcome = "IN_STEP";
            cleared.sentence = "Events from " + source + " are no longer stamped ahead of the clock (none rejected as "
                    + "FUTURE since " + words.clock(w.lastAt) + ").";
            out.collect(cleared);
        }
        gauge(source)[0] = 0;
        watch.clear();
    }

    private Alert raise(String source, long now, SkewWatch w) {
        Alert a = new Alert();
        a.kind = Alert.Kind.CLOCK_SKEW;
        a.alertId = Alert.idOf(a.kind, source, now);
        a.severity = Alert.Severity.WARNING;
        a.state = Alert.State.RAISED;
        a.time = now;
        a.episodeStart = now;
        a.feed = source;
        a.value = w.aheadMs / 1000.0;
        a.count = (long) w.count;
        a.force = force;
        a.sentence = w.count + " events from " + source
                + " were stamped ahead of the clock and rejected as FUTURE, the "
                + "newest " + AlertWording.duration(w.aheadMs) + " ahead: check that source's clock, or its events are "
                + "lost to the figures.";
        return a;
    }

    private double[] gauge(String source) {
        return skewBySource.computeIfAbsent(source, s -> {
            double[] value = {0};
            metrics.addGroup("source", s).gauge("pacesetter_clock_skew_seconds", () -> value[0]);
            return value;
        });
    }

    /** One source's run of FUTURE rejections: keyed state, cleared when the run is over. */
    public static class SkewWatch {
        public int count;
        public Long lastAt;
        public long aheadMs;
        public Long timer;
        public Alert raised;

        public SkewWatch() {}
    }
}
