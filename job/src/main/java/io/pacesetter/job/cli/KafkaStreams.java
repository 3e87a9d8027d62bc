package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.job.OperatorIds;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.ingest.InputWatermarks;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the pipeline meets Kafka: the call and incident topics in, the KPI and dead-letter topics
 * out, and the alerts topic. As {@link FileOutputs} is for files; {@code run --kafka} and the Kafka tests build the same graph.
 */
final class KafkaStreams {
    /** How long a checkpoint barrier may wait for alignment before it overtakes the records queued ahead of it. */
    static final Duration ALIGNED_CHECKPOINT_TIMEOUT = Duration.ofSeconds(1);

    private KafkaStreams() {}

    /**
     * The events of both input topics, parsed at the source with the live rules (FUTURE, per-partition
     * watermarks that a quiet partition stops holding back after {@code events.sourceIdleness}).
     *
     * @param bounded stop at the offsets that are latest when the job starts (tests); otherwise read on
     */
    static DataStream<InputRecord> input(
            StreamExecutionEnvironment env, PacesetterConfig config, KafkaConnection kafka, boolean bounded) {
        return calls(env, config, kafka, bounded).union(incidents(env, config, kafka, bounded));
    }

    /** The call-events topic alone (see {@link #input}). */
    static SingleOutputStreamOperator<InputRecord> calls(
            StreamExecutionEnvironment env, PacesetterConfig config, KafkaConnection kafka, boolean bounded) {
        return env.fromSource(
                        kafka.eventSource(
                                kafka.config().topics().calls(), config.events().futureTolerance(), bounded),
                        InputWatermarks.live(config.events()),
                        OperatorIds.KAFKA_CALL_EVENTS_NAME)
                .uid(OperatorIds.KAFKA_CALL_EVENTS)
                .name(OperatorIds.KAFKA_CALL_EVENTS_NAME);
    }

    /** The incident-events topic alone (see {@link #input}). */
    static SingleOutputStreamOperator<InputRecord> incidents(
            StreamExecutionEnvironment env, PacesetterConfig config, KafkaConnection kafka, boolean bounded) {
        return env.fromSource(
                        kafka.eventSource(
                                kafka.config().topics().incidents(),
                                config.events().futureTolerance(),
                                bounded),
                        InputWatermarks.live(config.events()),
                        OperatorIds.KAFKA_INCIDENT_EVENTS_NAME)
                .uid(OperatorIds.KAFKA_INCIDENT_EVENTS)
                .name(OperatorIds.KAFKA_INCIDENT_EVENTS_NAME);
    }

    /**
     * Checkpoints that keep completing while the job catches up on a backlog. Exactly-once records
     * become visible only when a checkpoint completes, and a transaction must commit within
     * {@code kafka.transactionTimeout}; an aligned barrier waits behind every record queued ahead of it,
     * so under backpressure checkpoints would take minutes. Barriers start aligned and overtake the
     * queued records (unaligned, the records are checkpointed with them) once alignment takes longer than
     * {@link #ALIGNED_CHECKPOINT_TIMEOUT}: in steady running nothing changes.
     */
    static void checkpointsThatKeepUp(StreamExecutionEnvironment env) {
        env.configure(Configuration.fromMap(Map.of(
                "execution.checkpointing.unaligned.enabled",
                "true",
                "execution.checkpointing.aligned-checkpoint-timeout",
                ALIGNED_CHECKPOINT_TIMEOUT.toMillis() + " ms")));
    }

    /**
     * Measure records to the KPI topic and dead letters to theirs, both exactly once; alerts to the
     * alerts topic at least once, keyed by {@code alertId}, so they are not held back until a checkpoint.
     */
    static void attach(PacesetterJob.Outputs outputs, KafkaConnection kafka) {
        outputs.measures().sinkTo(kafka.kpiSink()).uid(OperatorIds.KAFKA_KPIS).name(OperatorIds.KAFKA_KPIS_NAME);
        outputs.deadLetters()
                .sinkTo(kafka.deadLetterSink())
                .uid(OperatorIds.KAFKA_DEAD_LETTERS)
                .name(OperatorIds.KAFKA_DEAD_LETTERS_NAME);
        outputs.alerts().sinkTo(kafka.alertSink()).uid(OperatorIds.KAFKA_ALERTS).name(OperatorIds.KAFKA_ALERTS_NAME);
    }
}
