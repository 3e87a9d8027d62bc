package io.pacesetter.cluster;

import io.pacesetter.connectors.kafka.EventLines;
import io.pacesetter.connectors.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Publishing a feed file into the event topics and reading output topics back, as the cluster tests need. */
final class Topics {
    private Topics() {}

    /** The non-blank lines of a feed file. */
    static List<String> lines(Path feed) throws java.io.IOException {
        return Files.readAllLines(feed).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Each line to the call or incident topic, keyed by its call or incident id, as upstream systems (and {@code produce}) do. */
    static void publish(KafkaConnection kafka, List<String> lines) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (String line : lines) {
                String topic = EventLines.isIncident(line)
                        ? kafka.config().topics().incidents()
                        : kafka.config().topics().calls();
                sent.add(producer.send(
                        new ProducerRecord<>(topic, EventLines.keyOf(line), line.getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    /**
     * The end of a feed: a finished 101 call and a grade-3 incident at {@code time} in every partition of
     * the event topics, so that every partition's watermark, and so the job's, moves to just before it.
     */
    static void publishClock(KafkaConnection kafka, int partitions, java.time.Instant time) throws Exception {
        String at = io.pacesetter.connectors.sink.RecordJson.instant(time.toEpochMilli());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int p = 0; p < partitions; p++) {
                String call = "clock-call-" + p;
                String incident = "clock-incident-" + p;
                send(producer, kafka.config().topics().calls(), p, call, """
                        {"eventId":"%s-offered","callId":"%s","type":"OFFERED","queue":"101","time":"%s","district":"Ashby"}""".formatted(call, call, at));
                send(producer, kafka.config().topics().calls(), p, call, """
                        {"eventId":"%s-answered","callId":"%s","type":"ANSWERED","queue":"101","time":"%s","district":"Ashby"}""".formatted(call, call, at));
                send(producer, kafka.config().topics().incidents(), p, incident, """
                        {"eventId":"%s-created","incidentId":"%s","type":"CREATED","time":"%s","grade":3,"district":"Ashby"}""".formatted(incident, incident, at));
            }
            producer.flush();
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, String topic, int partition, String key, String json)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        topic, partition, key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /** Every value of a topic up to its end when called (for read_committed: its last stable offset), in partition and offset order. */
    static List<String> readAll(KafkaConnection kafka, String topic, boolean readCommitted) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.readerProperties(readCommitted))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * Follows a topic as a read_committed reader, on a thread of its own, and remembers when (wall
     * clock) records became visible: the test's measure of when output resumed after a fault.
     */
    static final class Follower implements AutoCloseable {
        private final Thread thread;
        private final List<Long> seenAt = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong count = new AtomicLong();
        private volatile boolean running = true;
        private volatile Exception failure;

        Follower(KafkaConnection kafka, String topic) {
            thread = new Thread(
                    () -> {
                        try (KafkaConsumer<byte[], byte[]> consumer =
                                new KafkaConsumer<>(kafka.readerProperties(true))) {
                            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                                    .map(p -> new TopicPartition(topic, p.partition()))
                                    .toList();
                            consumer.assign(partitions);
                            consumer.seekToBeginning(partitions);
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
    }

    static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
