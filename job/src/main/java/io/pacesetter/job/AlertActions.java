package io.pacesetter.job;

import io.pacesetter.config.AlertsConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.connectors.webhook.WebhookSink;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people do with alerts, into the job (docs/alerts.md, "Acknowledge and escalate"), and the alerts out to each
 * audience's own webhook. Actions are taken when they arrive: they never hold the alerts' event time back (their
 * watermark is the end of time), and an action's own moment is its wall-clock {@code at}.
 */
public final class AlertActions {
    private static final Logger LOG = LoggerFactory.getLogger(AlertActions.class);

    private AlertActions() {}

    /** No actions (a replay, a test): an empty, finished source. */
    public static DataStream<AlertAction> none(StreamExecutionEnvironment env) {
        // Flink has no empty source: one placeholder, generated and dropped, and the source is finished.
        return env.fromSource(
                        new DataGeneratorSource<>(i -> new AlertAction(), 1, TypeInformation.of(AlertAction.class)),
                        WatermarkStrategy.noWatermarks(),
                        "No alert actions")
                .setParallelism(1)
                .filter(a -> false)
                .name("No alert actions")
                .setParallelism(1);
    }

    /**
     * The actions the display server of this JVM leaves in {@code dir}, one file each: every new file is read once
     * (the source remembers which in its checkpoints), looked for every second.
     */
    public static DataStream<AlertAction> files(StreamExecutionEnvironment env, Path dir) {
        FileSource<String> source = FileSource.forRecordStreamFormat(
                        new TextLineInputFormat(), org.apache.flink.core.fs.Path.fromLocalFile(dir.toFile()))
                .monitorContinuously(Duration.ofSeconds(1))
                .build();
        return env.fromSource(source, neverHoldingBack(), OperatorIds.ACTIONS_FILES_NAME)
                .uid(OperatorIds.ACTIONS_FILES)
                .setParallelism(1)
                .flatMap(new Read())
                .name("Read alert actions")
                .setParallelism(1);
    }

    /**
     * The {@code kafka.topics.actions} topic (a cluster's display servers write to it).
     *
     * @param bounded stop at the offsets latest at the start (tests, catching up), as the event topics do
     */
    public static DataStream<AlertAction> kafka(
            StreamExecutionEnvironment env, KafkaConnection kafka, boolean bounded) {
        return env.fromSource(kafka.actionSource(bounded), neverHoldingBack(), OperatorIds.KAFKA_ACTIONS_NAME)
                .uid(OperatorIds.KAFKA_ACTIONS)
                .flatMap(new Read())
                .name("Read alert actions");
    }

    /** Each audience with a webhook ({@code alerts.audienceWebhooks}) is POSTed the alerts routed to it. */
    static void audienceWebhooks(PacesetterConfig config, DataStream<Alert> alerts, Path undelivered) {
        for (String audience : AlertsConfig.AUDIENCES) {
            if (!config.alerts().audienceWebhooks().containsKey(audience)
                    || !config.alerts().audienceWebhooks().get(audience).enabled()) {
                continue;
            }
            Alert.Audience who = Alert.Audience.valueOf(audience);
            String name = undelivered.getFileName().toString().replace(".jsonl", "") + "-"
                    + audience.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".jsonl";
            alerts.filter(a -> a.audience.contains(who))
                    .name("Alerts to " + audience)
                    .sinkTo(WebhookSink.create(config.alerts().webhookOf(audience), undelivered.resolveSibling(name)))
                    .uid(OperatorIds.ALERTS_WEBHOOK + "-" + audience.toLowerCase(java.util.Locale.ROOT))
                    .name(OperatorIds.ALERTS_WEBHOOK_NAME + ": " + audience)
                    .setParallelism(1);
        }
    }

    /** Actions are taken as they come, never holding back the event time of the alerts they meet. */
    private static <T> WatermarkStrategy<T> neverHoldingBack() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }

    /** A line to an action; one that is not is logged with what is wrong and the line, and skipped. */
    static final class Read implements FlatMapFunction<String, AlertAction> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(String line, Collector<AlertAction> out) {
            if (line.isBlank()) {
                return;
            }
            try {
                out.collect(RecordJson.readAction(line));
            } catch (IllegalArgumentException e) {
                LOG.warn("Not an alert action, skipped ({}): {}", e.getMessage(), line);
            }
        }
    }
}
