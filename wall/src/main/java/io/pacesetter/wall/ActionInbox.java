package io.pacesetter.wall;

import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the display server puts an action it has taken, for the job to read: it returns only once the action is
 * durable, so a person told "taken" is not lost to a crash. A directory (the job in this JVM reads each new file
 * once, and remembers which in its checkpoints) or the Kafka actions topic (a cluster).
 */
public interface ActionInbox extends AutoCloseable {
    void put(AlertAction action) throws IOException;

    @Override
    default void close() {}

    /** One file per action in {@code dir}, written under a hidden name and moved into place whole. */
    static ActionInbox directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        return action -> {
            String name = action.actionId.replaceAll("[^A-Za-z0-9_-]", "_");
            Path hidden = dir.resolve("." + name + ".tmp");
            Files.writeString(hidden, RecordJson.action(action) + "\n", StandardCharsets.UTF_8);
            Files.move(hidden, dir.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
        };
    }

    /** The {@code kafka.topics.actions} topic, keyed by the alert's id; waits for the brokers' acknowledgement. */
    static ActionInbox kafka(KafkaConnection kafka) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties());
        String topic = kafka.config().topics().actions();
        return new ActionInbox() {
            @Override
            public void put(AlertAction action) throws IOException {
                byte[] key = action.alertId == null ? null : action.alertId.getBytes(StandardCharsets.UTF_8);
                try {
                    producer.send(new ProducerRecord<>(
                                    topic, key, RecordJson.action(action).getBytes(StandardCharsets.UTF_8)))
                            .get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("the actions topic " + topic + " did not take it: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending to " + topic, e);
                }
            }

            @Override
            public void close() {
                producer.close(java.time.Duration.ofSeconds(5));
            }
        };
    }
}
