package io.pacesetter.job.metrics;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Operational metrics under the metric group {@code pacesetter}, taken by chained, stateless pass-throughs
 * from the streams the pipeline already produces: events in by topic, dead letters by reason, alerts raised
 * by kind, late revisions, calls waiting by queue, incidents open and at risk, and the watermark lag. The
 * gauges are read from the live FORCE records, so they are right again after a restore. Their Prometheus
 * names: docs/architecture.md ("PipelineMetrics").
 */
public final class PipelineMetrics {
    public static final String GROUP = "pacesetter";

    private PipelineMetrics() {}

    /** Counts the events read from one topic (good or not), as they leave its source. */
    public static DataStream<InputRecord> countEventsIn(DataStream<InputRecord> events, String topic) {
        return events.map(new EventsIn(topic)).name("Metrics: events in from " + topic);
    }

    public static DataStream<DeadLetter> countDeadLetters(DataStream<DeadLetter> deadLetters) {
        return deadLetters
                .map(new CountByLabel<DeadLetter>("reason", "dead_letters", d -> String.valueOf(d.reason)))
                .returns(DeadLetter.class)
                .name("Metrics: dead letters by reason");
    }

    public static DataStream<Alert> countAlerts(DataStream<Alert> alerts) {
        return alerts.map(new CountByLabel<Alert>(
                        "kind", "alerts_raised", a -> a.state == Alert.State.RAISED ? String.valueOf(a.kind) : null))
                .returns(Alert.class)
                .name("Metrics: alerts raised by kind");
    }

    public static DataStream<MeasureRecord> watchFigures(DataStream<MeasureRecord> measures) {
        return measures.process(new FigureGauges())
                .name("Metrics: open legs, incident clocks, late revisions, watermark lag");
    }

    static MetricGroup group(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }

    static final class EventsIn extends RichMapFunction<InputRecord, InputRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private transient Counter in;

        EventsIn(String topic) {
            this.topic = topic;
        }

        @Override
        public void open(OpenContext context) {
            in = group(getRuntimeContext().getMetricGroup())
                    .addGroup("topic", topic)
                    .counter("events_in");
        }

        @Override
        public InputRecord map(InputRecord record) {
            in.inc();
            return record;
        }
    }

    /** Which records count, and under which label value; serializable, as it travels with the operator. */
    interface Labelled<T> extends Serializable {
        /** @return the label value to count the record under, or null not to count it */
        String labelOf(T record);
    }

    /**
     * Counts records by one label (a dead letter's reason, an alert's kind): a counter per value,
     * made when first seen.
     */
    static final class CountByLabel<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final String label;
        private final String counter;
        private final Labelled<T> labelled;
        private transient Map<String, Counter> byValue;

        CountByLabel(String label, String counter, Labelled<T> labelled) {
            this.label = label;
            this.counter = counter;
            this.labelled = labelled;
        }

        @Override
        public void open(OpenContext context) {
            byValue = new HashMap<>();
        }

        @Override
        public T map(T record) {
            String value = labelled.labelOf(record);
            if (value != null) {
                byValue.computeIfAbsent(
                                value,
                                v -> group(getRuntimeContext().getMetricGroup())
                                        .addGroup(label, v)
                                        .counter(counter))
                        .inc();
            }
            return record;
        }
    }

    static final class FigureGauges extends ProcessFunction<MeasureRecord, MeasureRecord> {
        private static final long serialVersionUID = 1L;
        private transient Map<String, long[]> waiting;
        private transient long[] incidentsOpen;
        private transient long[] incidentsAtRisk;
        private transient long[] watermark;
        private transient Counter lateRevisions;

        @Override
        public void open(OpenContext context) {
            waiting = new HashMap<>();
            MetricGroup g = group(getRuntimeContext().getMetricGroup());
            lateRevisions = g.counter("late_revisions");
            watermark = new long[] {Long.MIN_VALUE};
            g.<Long, org.apache.flink.metrics.Gauge<Long>>gauge(
                    "watermark_lag_ms",
                    () -> watermark[0] == Long.MIN_VALUE ? null : System.currentTimeMillis() - watermark[0]);
        }

        @Override
        public void processElement(MeasureRecord r, Context ctx, Collector<MeasureRecord> out) {
            watermark[0] = ctx.timerService().currentWatermark();
            if (r.window == WindowKind.PERIOD
                    && (r.period == PeriodKind.DAY || r.period == PeriodKind.MONTH)
                    && r.revision > 0) {
                lateRevisions.inc();
            }
            if (r.window == WindowKind.LIVE && r.scope == Scope.FORCE && r.value != null && r.area == null) {
                long value = Math.round(r.value);
                if ("CALLS_WAITING".equals(r.measure) && r.queue != null) {
                    // Registered on the first figure: each queue's FORCE record comes from one subtask only.
                    waiting.computeIfAbsent(r.queue, q -> {
                        long[] cell = new long[1];
                        group(getRuntimeContext().getMetricGroup())
                                .addGroup("queue", q)
                                .<Long, org.apache.flink.metrics.Gauge<Long>>gauge("calls_waiting", () -> cell[0]);
                        return cell;
                    })[0] = value;
                } else if ("INCIDENTS_OPEN".equals(r.measure)) {
                    incidentsOpen = gaugeCell(incidentsOpen, "incidents_open");
                    incidentsOpen[0] = value;
                } else if ("INCIDENTS_AT_RISK".equals(r.measure)) {
                    incidentsAtRisk = gaugeCell(incidentsAtRisk, "incidents_at_risk");
                    incidentsAtRisk[0] = value;
                }
            }
            out.collect(r);
        }

        private long[] gaugeCell(long[] cell, String name) {
            if (cell != null) {
                return cell;
            }
            long[] fresh = new long[1];
            group(getRuntimeContext().getMetricGroup())
                    .<Long, org.apache.flink.metrics.Gauge<Long>>gauge(name, () -> fresh[0]);
            return fresh;
        }
    }
}
