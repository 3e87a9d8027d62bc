package io.pacesetter.cluster;

import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.testkit.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Follows a topic as a read_committed reader, on a thread of its own, and remembers when (wall
 * clock) records became visible: the cluster tests' measure of when output resumed after a fault.
 */
final class TopicFollower implements AutoCloseable {
    private final Thread thread;
    private final List<Long> seenAt = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong count = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    TopicFollower(KafkaConnection kafka, String topic) {
        thread = new Thread(
                () -> {
                    try (KafkaConsumer<byte[], byte[]> consumer = Topics.fromBeginning(kafka, topic, true)) {
                        while (running) {
                            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                                seenAt.add(System.currentTimeMillis());
                                count.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        failure = e;
                    }
                },
                "follow-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    long count() {
        return count.get();
    }

    /** The wall-clock time the first record was seen after {@code since}, or -1 when none was yet. */
    long firstSeenAfter(long since) {
        synchronized (seenAt) {
            return seenAt.stream().filter(t -> t > since).findFirst().orElse(-1L);
        }
    }

    void check() throws Exception {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
