package io.pacesetter.bench;

import io.pacesetter.config.DenominatorRule;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.measures.ScopedOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * SQL-HOP: the call KPIs as a Flink SQL {@code HOP} window aggregation over the same scoped legs
 * (paired by {@code LegTracker}, judged against the queue's threshold before they enter SQL). SQL
 * counts and sums; an exact nearest-rank 90th percentile is not a SQL aggregate, so this variant
 * is compared on the counts, rates and mean it can express.
 */
final class SqlHop {
    private SqlHop() {}

    /** One scoped leg as a row: the table's columns. A Flink POJO. */
    public static class LegRow {
        public String scopeKey;
        public boolean answered;
        public long waitMs;
        public boolean withinThreshold;
        public boolean shortAbandon;

        public LegRow() {}
    }

    static DataStream<MeasureRecord> kpis(
            StreamExecutionEnvironment env, PacesetterConfig config, DataStream<ScopedOutcome> legs, Duration length) {
        DataStream<LegRow> rows = legs.map(o -> {
                    QueueStandard standard = config.standardFor(o.queue);
                    LegRow r = new LegRow();
                    r.scopeKey = o.key;
                    r.answered = o.answered;
                    r.waitMs = o.waitMs;
                    r.withinThreshold = o.answered
                            && standard.answerThreshold() != null
                            && o.waitMs <= standard.answerThreshold().toMillis();
                    r.shortAbandon =
                            !o.answered && o.waitMs < standard.shortAbandon().toMillis();
                    return r;
                })
                .returns(LegRow.class)
                .name("Legs as rows");

        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().set("table.local-time-zone", "UTC");
        tables.createTemporaryView(
                "legs",
                tables.fromDataStream(
                        rows,
                        Schema.newBuilder()
                                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                                .watermark("rowtime", "SOURCE_WATERMARK()")
                                .build()));
        Table windows = tables.sqlQuery("""
                SELECT scopeKey, window_end,
                       COUNT(*) FILTER (WHERE answered) AS answered,
                       COUNT(*) FILTER (WHERE NOT answered) AS abandoned,
                       COUNT(*) FILTER (WHERE withinThreshold) AS withinStandard,
                       COUNT(*) FILTER (WHERE shortAbandon) AS shortAbandoned,
                       COALESCE(SUM(CASE WHEN answered THEN waitMs ELSE CAST(0 AS BIGINT) END), CAST(0 AS BIGINT)) AS answeredWaitMs
                FROM TABLE(HOP(TABLE legs, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE, INTERVAL '%d' MINUTE(4)))
                GROUP BY scopeKey, window_start, window_end
                """.formatted(length.toMinutes()));
        return tables.toDataStream(windows)
                .flatMap(new ToRecords(config, length.toMillis()))
                .name("SQL rows to records");
    }

    /** The figures SQL produced, in the records' form (the same arithmetic as the measure rules). */
    static final class ToRecords extends RichFlatMapFunction<Row, MeasureRecord> {
        private final PacesetterConfig config;
        private final long lengthMs;
        private transient NaiveWindows.Scopes scopes;

        ToRecords(PacesetterConfig config, long lengthMs) {
            this.config = config;
            this.lengthMs = lengthMs;
        }

        @Override
        public void open(OpenContext openContext) {
            scopes = new NaiveWindows.Scopes();
        }

        @Override
        public void flatMap(Row row, Collector<MeasureRecord> out) {
            ScopedOutcome key = scopes.of(row.getFieldAs("scopeKey"));
            long end = epochMs(row.getField("window_end"));
            long answered = row.<Long>getFieldAs("answered");
            long abandoned = row.<Long>getFieldAs("abandoned");
            long within = row.<Long>getFieldAs("withinStandard");
            long shortAbandoned = row.<Long>getFieldAs("shortAbandoned");
            long waitMs = row.<Long>getFieldAs("answeredWaitMs");
            QueueStandard standard = config.standardFor(key.queue);
            out.collect(record(key, end, "CALLS_ANSWERED", null, null, (double) answered));
            out.collect(record(key, end, "CALLS_ABANDONED", null, null, (double) abandoned));
            if (standard.answerThreshold() != null) {
                long denominator = answered
                        + switch (standard.denominatorRule()) {
                            case ANSWERED -> 0;
                            case ANSWERED_AND_ABANDONED -> abandoned;
                            case EXCLUDING_SHORT_ABANDONS -> abandoned - shortAbandoned;
                        };
                out.collect(rate(key, end, "ANSWERED_WITHIN_STANDARD", within, denominator));
            }
            out.collect(rate(key, end, "ABANDONMENT_RATE", abandoned, answered + abandoned));
            out.collect(rate(key, end, "MEAN_WAIT_SECONDS", waitMs / 1000.0, answered));
        }

        private MeasureRecord rate(ScopedOutcome key, long end, String measure, double numerator, long denominator) {
            return record(
                    key,
                    end,
                    measure,
                    numerator,
                    (double) denominator,
                    denominator == 0 ? null : numerator / denominator);
        }

        private MeasureRecord record(
                ScopedOutcome key, long end, String measure, Double numerator, Double denominator, Double value) {
            MeasureRecord r = new MeasureRecord();
            r.measure = measure;
            r.queue = key.queue;
            r.scope = key.scope;
            r.scopeId = key.scopeId;
            r.area = key.area;
            r.window = WindowKind.SLIDING;
            r.windowStart = end - lengthMs;
            r.windowEnd = end;
            r.windowLengthMs = lengthMs;
            r.numerator = numerator;
            r.denominator = denominator;
            r.value = value;
            r.isFinal = true;
            r.denominatorRule = measure.equals("MEAN_WAIT_SECONDS") ? DenominatorRule.ANSWERED.name() : null;
            return r;
        }

        private static long epochMs(Object windowEnd) {
            if (windowEnd instanceof Instant i) {
                return i.toEpochMilli();
            }
            if (windowEnd instanceof LocalDateTime t) {
                return t.toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            throw new IllegalStateException("window_end of an unexpected type: " + windowEnd);
        }
    }
}
