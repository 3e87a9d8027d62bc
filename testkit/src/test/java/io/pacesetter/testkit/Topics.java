package io.pacesetter.testkit;

import static io.pacesetter.connectors.contract.CallEventType.ANSWERED;
import static io.pacesetter.connectors.contract.CallEventType.OFFERED;
import static io.pacesetter.connectors.contract.IncidentEventType.CREATED;

import io.pacesetter.connectors.kafka.EventLines;
import io.pacesetter.connectors.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Topics as the tests use them: events published as upstream systems publish them, and topics read back whole. */
public final class Topics {
    /** How long {@link #readAll} may take to reach a topic's end. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private Topics() {}

    /** A consumer of every partition of {@code topic}, at its beginning; the caller closes it. */
    public static KafkaConsumer<byte[], byte[]> fromBeginning(
            KafkaConnection kafka, String topic, boolean readCommitted) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.readerProperties(readCommitted));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Every record of a topic up to its end when called, in partition and offset order. The end of a
     * partition is its end offset, for {@code read_committed} its last stable offset: nothing beyond it
     * can be read yet.
     *
     * @throws IllegalStateException when the end is not reached within {@link #READ_TIMEOUT}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            KafkaConnection kafka, String topic, boolean readCommitted) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(kafka, topic, readCommitted)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end " + end + " within " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }

    /** {@link #readAll}'s values, as UTF-8 text. */
    public static List<String> readValues(KafkaConnection kafka, String topic, boolean readCommitted) {
        return readAll(kafka, topic, readCommitted).stream()
                .map(r -> text(r.value()))
                .toList();
    }

    /** A key or value as UTF-8 text. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@link #publishBytes} for lines of text. */
    public static List<RecordMetadata> publish(KafkaConnection kafka, List<String> lines)
            throws InterruptedException, ExecutionException {
        return publishBytes(
                kafka,
                lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /**
     * Each line to the call or incident topic, keyed by its call or incident id, as upstream systems (and
     * {@code produce}) send them; returns where each went.
     */
    public static List<RecordMetadata> publishBytes(KafkaConnection kafka, List<byte[]> lines)
            throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (byte[] line : lines) {
                String text = text(line);
                String topic = EventLines.isIncident(text)
                        ? kafka.config().topics().incidents()
                        : kafka.config().topics().calls();
                sent.add(producer.send(new ProducerRecord<>(topic, EventLines.keyOf(text), line)));
            }
            producer.flush();
        }
        List<RecordMetadata> where = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            where.add(f.get());
        }
        return where;
    }

    /**
     * Sends one line, keyed by its call or incident id, and waits until the broker has it.
     *
     * @param partition where it goes; null: the partition of its key
     */
    public static RecordMetadata send(
            KafkaProducer<byte[], byte[]> producer, String topic, Integer partition, String line)
            throws InterruptedException, ExecutionException {
        return producer.send(new ProducerRecord<>(
                        topic, partition, EventLines.keyOf(line), line.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /**
     * A clock for the event topics: a finished 101 leg (offered 20 s before {@code time}, answered at it)
     * and a grade-3 incident created at {@code time}, in each of the first {@code partitions} partitions
     * of the call and incident topics, so that every partition's watermark, and so the job's, moves to
     * just before {@code time}.
     *
     * @param tag makes the events' ids differ from those of another clock on the same topics
     */
    public static void publishClock(KafkaConnection kafka, int partitions, String tag, Instant time)
            throws InterruptedException, ExecutionException {
        String calls = kafka.config().topics().calls();
        String incidents = kafka.config().topics().incidents();
        long at = time.toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int p = 0; p < partitions; p++) {
                String call = tag + "-clock-call-" + p;
                String incident = tag + "-clock-incident-" + p;
                send(
                        producer,
                        calls,
                        p,
                        TestEvents.callLine(call + "-offered", call, OFFERED, "101", at - 20_000, TestEvents.DISTRICT));
                send(
                        producer,
                        calls,
                        p,
                        TestEvents.callLine(call + "-answered", call, ANSWERED, "101", at, TestEvents.DISTRICT));
                send(
                        producer,
                        incidents,
                        p,
                        TestEvents.incidentLine(incident + "-created", incident, CREATED, at, 3, TestEvents.DISTRICT));
            }
            producer.flush();
        }
    }
}
