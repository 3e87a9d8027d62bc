package io.pacesetter.job;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.generator.GeneratorSource;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.source.EventFileSources;
import io.pacesetter.job.ingest.CountInputs;
import io.pacesetter.job.ingest.DeliveryOrder;
import io.pacesetter.job.ingest.InputWatermarks;
import io.pacesetter.job.ingest.ParseGenerated;
import io.pacesetter.job.metrics.PipelineMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The inputs an entry point can choose, each parsed at its source with event-time watermarks: event
 * files ({@code replay}, {@code snapshot --events}), the built-in generator ({@code run}) and the
 * Kafka topics ({@code run --kafka}, the cluster job).
 */
public final class Inputs {
    private Inputs() {}

    /** The events of the files, one source each (the job's watermark is the lowest), counted for the summary. */
    public static DataStream<InputRecord> eventFiles(
            StreamExecutionEnvironment env, PacesetterConfig cfg, List<Path> files) {
        DataStream<InputRecord> input = null;
        for (EventFileSources.NamedSource source : EventFileSources.forFiles(files)) {
            DataStream<InputRecord> file = env.fromSource(
                            source.source(), InputWatermarks.replay(cfg.events()), "Events " + source.name())
                    .setParallelism(1);
            input = input == null ? file : input.union(file);
        }
        // At the sources' parallelism, so the lines reach the deduplication in the order they were read.
        return input.map(new CountInputs()).name("Count inputs").setParallelism(1);
    }

    /**
     * The built-in feed from {@code first} at {@code speed} simulated seconds per second, parsed
     * with the live rules.
     */
    public static DataStream<InputRecord> generator(
            StreamExecutionEnvironment env, PacesetterConfig cfg, long seed, Instant first, double speed) {
        return env.fromSource(
                        GeneratorSource.create(cfg, seed, first, speed),
                        InputWatermarks.generated(cfg.events()),
                        OperatorIds.GENERATOR_NAME)
                .uid(OperatorIds.GENERATOR)
                .setParallelism(1)
                .flatMap(new ParseGenerated(cfg.events().futureTolerance()))
                .name("Parse generated events")
                .setParallelism(1);
    }

    /**
     * Both event topics, parsed at the source with the live rules (FUTURE, per-partition watermarks that
     * a quiet partition stops holding back after {@code events.sourceIdleness}), counted per topic.
     *
     * @param bounded stop at the offsets that are latest when the job starts (tests); otherwise read on
     */
    public static DataStream<InputRecord> kafka(
            StreamExecutionEnvironment env, PacesetterConfig cfg, KafkaConnection kafka, boolean bounded) {
        return PipelineMetrics.countEventsIn(
                        kafkaCalls(env, cfg, kafka, bounded),
                        kafka.config().topics().calls())
                .union(PipelineMetrics.countEventsIn(
                        kafkaIncidents(env, cfg, kafka, bounded),
                        kafka.config().topics().incidents()));
    }

    /** The call-events topic alone (see {@link #kafka}). */
    public static SingleOutputStreamOperator<InputRecord> kafkaCalls(
            StreamExecutionEnvironment env, PacesetterConfig cfg, KafkaConnection kafka, boolean bounded) {
        return env.fromSource(
                        kafka.eventSource(
                                kafka.config().topics().calls(), cfg.events().futureTolerance(), bounded),
                        InputWatermarks.live(cfg.events()),
                        OperatorIds.KAFKA_CALL_EVENTS_NAME)
                .uid(OperatorIds.KAFKA_CALL_EVENTS)
                .name(OperatorIds.KAFKA_CALL_EVENTS_NAME)
                .keyBy(r -> r.source)
                .process(new DeliveryOrder())
                .uid(OperatorIds.KAFKA_CALL_DELIVERY)
                .name(OperatorIds.KAFKA_CALL_DELIVERY_NAME);
    }

    /** The incident-events topic alone (see {@link #kafka}). */
    public static SingleOutputStreamOperator<InputRecord> kafkaIncidents(
            StreamExecutionEnvironment env, PacesetterConfig cfg, KafkaConnection kafka, boolean bounded) {
        return env.fromSource(
                        kafka.eventSource(
                                kafka.config().topics().incidents(),
                                cfg.events().futureTolerance(),
                                bounded),
                        InputWatermarks.live(cfg.events()),
                        OperatorIds.KAFKA_INCIDENT_EVENTS_NAME)
                .uid(OperatorIds.KAFKA_INCIDENT_EVENTS)
                .name(OperatorIds.KAFKA_INCIDENT_EVENTS_NAME)
                .keyBy(r -> r.source)
                .process(new DeliveryOrder())
                .uid(OperatorIds.KAFKA_INCIDENT_DELIVERY)
                .name(OperatorIds.KAFKA_INCIDENT_DELIVERY_NAME);
    }
}
