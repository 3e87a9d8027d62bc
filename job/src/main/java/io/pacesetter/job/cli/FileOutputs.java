package io.pacesetter.job.cli;

import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.sink.JsonLinesFileSink;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.PacesetterJob;
import java.nio.file.Path;

/**
 * Where records leave as JSON lines: {@code periods.jsonl} (DAY and MONTH: final figures and their
 * revisions), {@code kpis.jsonl} (sliding windows), {@code dead-letters.jsonl} and {@code alerts.jsonl}.
 */
final class FileOutputs {
    static final String PERIODS = "periods.jsonl";
    static final String KPIS = "kpis.jsonl";
    static final String DEAD_LETTERS = "dead-letters.jsonl";
    static final String ALERTS = "alerts.jsonl";
    static final String ALERTS_UNDELIVERED = "alerts-undelivered.jsonl";

    private FileOutputs() {}

    static void attach(PacesetterJob.Outputs outputs, Path dir, boolean append) {
        outputs.measures()
                .filter(r -> r.window == WindowKind.PERIOD && r.isFinal)
                .name("Final periods")
                .sinkTo(sink(dir.resolve(PERIODS), append, RecordJson::measure))
                .name("Write " + PERIODS)
                .setParallelism(1);
        outputs.measures()
                .filter(r -> r.window == WindowKind.SLIDING)
                .name("Sliding windows")
                .sinkTo(sink(dir.resolve(KPIS), append, RecordJson::measure))
                .name("Write " + KPIS)
                .setParallelism(1);
        outputs.deadLetters()
                .sinkTo(sink(dir.resolve(DEAD_LETTERS), append, RecordJson::deadLetter))
                .name("Write " + DEAD_LETTERS)
                .setParallelism(1);
        if (outputs.alerts() != null) {
            outputs.alerts()
                    .sinkTo(sink(dir.resolve(ALERTS), append, RecordJson::alert))
                    .name("Write " + ALERTS)
                    .setParallelism(1);
        }
    }

    private static <T> JsonLinesFileSink<T> sink(
            Path file, boolean append, org.apache.flink.util.function.SerializableFunction<T, String> toJson) {
        return append ? JsonLinesFileSink.appending(file, toJson) : JsonLinesFileSink.replacing(file, toJson);
    }
}
