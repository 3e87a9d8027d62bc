package io.pacesetter.connectors.kafka;

import io.pacesetter.config.KafkaTopics;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.generator.FeedPace;
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
    /** A backfill is made ten simulated minutes at a time. */
    private static final long BACKFILL_SLICE_MS = 600_000;

    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private FeedPublisher(KafkaConnection kafka, PacesetterConfig config, long seed, Instant start, FeedPace pace) {
        this.thread = new Thread(() -> publish(kafka, config, seed, start, pace), "pacesetter-feed-publisher");
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
        return start(kafka, config, seed, start, FeedPace.from(start, speed));
    }

    /**
     * Starts publishing from {@code start} as {@code pace} says: a backfill up to its live moment at once,
     * then its speed, never ahead of the wall clock.
     */
    public static FeedPublisher start(
            KafkaConnection kafka, PacesetterConfig config, long seed, Instant start, FeedPace pace) {
        FeedPublisher publisher = new FeedPublisher(kafka, config, seed, start, pace);
        publisher.thread.start();
        return publisher;
    }

    private void publish(KafkaConnection kafka, PacesetterConfig config, long seed, Instant start, FeedPace pace) {
        KafkaTopics topics = kafka.config().topics();
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            ForceSimulator simulator = new ForceSimulator(config, seed, start);
            long reached = start.toEpochMilli();
            while (running && failure.get() == null) {
                long target = pace.simulatedNow(System.currentTimeMillis());
                // A backfill is made and sent a slice at a time, so its lines never pile up in memory.
                long until = Math.min(target, reached + BACKFILL_SLICE_MS);
                if (until <= reached) {
                    Thread.sleep(TICK_MS);
                    continue;
                }
                reached = until;
                for (String line : simulator.advanceTo(Instant.ofEpochMilli(until))) {
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
                if (reached >= target) {
                    Thread.sleep(TICK_MS);
                }
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
