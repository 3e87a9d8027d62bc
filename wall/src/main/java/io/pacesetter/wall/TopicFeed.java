package io.pacesetter.wall;

import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link DisplayHub} from the KPI and alert topics, for the {@code display} command: a
 * consumer of its own with no group (every display reads everything, and commits nothing), reading
 * committed records only, so a screen never shows a figure that a failed job attempt wrote and
 * then aborted. It waits for topics that do not exist yet and takes up partitions added later.
 */
public final class TopicFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    /** KPI records are read from this far back: the 24-hour trend, and today since local midnight. */
    static final Duration KPI_HISTORY = Duration.ofHours(25);

    private static final Duration LOOK_FOR_PARTITIONS = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DisplayHub hub;
    private final String kpis;
    private final String alerts;
    private final Thread thread;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean running = true;
    private volatile long unreadable;
    private volatile Throwable failure;

    private TopicFeed(KafkaConnection kafka, DisplayHub hub) {
        Properties properties = kafka.readerProperties(true);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "pacesetter-display");
        this.consumer = new KafkaConsumer<>(properties);
        this.hub = hub;
        this.kpis = kafka.config().topics().kpis();
        this.alerts = kafka.config().topics().alerts();
        this.thread = new Thread(this::read, "display-topic-feed");
        this.thread.setDaemon(true);
    }

    public static TopicFeed start(KafkaConnection kafka, DisplayHub hub) {
        TopicFeed feed = new TopicFeed(kafka, hub);
        feed.thread.start();
        return feed;
    }

    /** Records that were not a measure record or an alert (left in the topic, counted and logged). */
    public long unreadable() {
        return unreadable;
    }

    /** Why the feed stopped, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    private void read() {
        long lookedAt = 0;
        try {
            while (running) {
                if (System.nanoTime() - lookedAt > LOOK_FOR_PARTITIONS.toNanos()
                        || assigned.isEmpty() && lookedAt == 0) {
                    takeUpPartitions();
                    lookedAt = System.nanoTime();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    offer(record);
                }
            }
        } catch (WakeupException stopping) {
            if (running) {
                failure = stopping;
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("The wall display stopped reading {} and {}", kpis, alerts, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void offer(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: compaction's deletion marker, no figure
        }
        String text = new String(record.value(), StandardCharsets.UTF_8);
        try {
            if (record.topic().equals(kpis)) {
                hub.offer(RecordJson.readMeasure(text));
            } else {
                hub.offer(RecordJson.readAlert(text));
            }
        } catch (RuntimeException e) {
            unreadable++;
            LOG.warn(
                    "Wall display: {}/{}@{} is not a {} record ({}); it is left in the topic and not shown",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.topic().equals(kpis) ? "measure" : "alert",
                    e.getMessage());
        }
    }

    /**
     * Assigns every partition of both topics; new ones start at the KPI history's beginning, or the
     * alerts' first record.
     */
    private void takeUpPartitions() {
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : List.of(kpis, alerts)) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException
                    | org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
                LOG.warn(
                        "Wall display: cannot find topic {} yet ({}); looking again in {}",
                        topic,
                        e.getMessage(),
                        LOOK_FOR_PARTITIONS);
                continue;
            }
            if (partitions == null || partitions.isEmpty()) {
                LOG.warn("Wall display: topic {} does not exist yet; looking again in {}", topic, LOOK_FOR_PARTITIONS);
                continue;
            }
            for (PartitionInfo p : partitions) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                if (!assigned.contains(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(new ArrayList<>(assigned));
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = System.currentTimeMillis() - KPI_HISTORY.toMillis();
        for (TopicPartition tp : fresh) {
            if (tp.topic().equals(kpis)) {
                since.put(tp, from);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        if (!since.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(10));
            // Nothing written since then: start at the end as it is now (an explicit offset, not seekToEnd, which is
            // only looked up at the next poll and would skip whatever is written in between).
            Map<TopicPartition, Long> ends = consumer.endOffsets(since.keySet(), Duration.ofSeconds(10));
            for (TopicPartition tp : since.keySet()) {
                OffsetAndTimestamp at = offsets.get(tp);
                consumer.seek(tp, at != null ? at.offset() : ends.get(tp));
            }
        }
        LOG.info("Wall display: reading {} partitions of {} and {}", assigned.size(), kpis, alerts);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
