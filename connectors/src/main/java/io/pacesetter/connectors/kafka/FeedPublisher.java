package io.pacesetter.connectors.kafka;

import io.pacesetter.config.KafkaTopics;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.generator.ForceSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The built-in feed as an upstream system would send it: the simulated force's lines published
 * into the call and incident topics as their moment comes, keyed by call or incident
 * ({@link EventLines}), on a thread of its own, outside the job that reads them. For
 * {@code run --kafka embedded}, so the embedded default shows the real path: topic, source,
 * pipeline, exactly-once sink.
 */
public final class FeedPublisher implements AutoCloseable {
    /** How often the simulated clock is advanced: lines are sent at most this late. */
    private static final long TICK_MS = 100;

    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private FeedPublisher(KafkaConnection kafka, PacesetterConfig config, long seed, Instant start, double speed) {
        this.thread = new Thread(() -> publish(kafka, config, seed, start, speed), "pacesetter-feed-publisher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts publishing.
     *
     * @param start the first simulated moment
     * @param speed simulated seconds per real second
     */
    public static FeedPublisher start(
            KafkaConnection kafka, PacesetterConfig config, long seed, Instant start, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(
                    "speed " + speed + " is not allowed; use simulated seconds per real second above zero");
        }
        FeedPublisher publisher = new FeedPublisher(kafka, config, seed, start, speed);
        publisher.thread.start();
        return publisher;
    }

    private void publish(KafkaConnection kafka, PacesetterConfig config, long seed, Instant start, double speed) {
        KafkaTopics topics = kafka.config().topics();
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            ForceSimulator simulator = new ForceSimulator(config, seed, start);
            long startedNanos = System.nanoTime();
            while (running && failure.get() == null) {
                long simulatedMs = (long) ((System.nanoTime() - startedNanos) / 1e6 * speed);
                for (String line : simulator.advanceTo(start.plusMillis(simulatedMs))) {
                    String topic = EventLines.isIncident(line) ? topics.incidents() : topics.calls();
                    producer.send(
                            new ProducerRecord<>(topic, EventLines.keyOf(line), line.getBytes(StandardCharsets.UTF_8)),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                } else {
                                    published.incrementAndGet();
                                }
                            });
                }
                Thread.sleep(TICK_MS);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Lines the broker has acknowledged so far. */
    public long published() {
        return published.get();
    }

    /** Why publishing stopped, if it failed (the broker refused a record, the producer could not start). */
    public Exception failure() {
        return failure.get();
    }

    /** Stops publishing after the lines already handed to the producer are sent. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
