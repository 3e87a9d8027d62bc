package io.pacesetter.connectors.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker inside this JVM: one KRaft node that is both controller and broker, on
 * localhost at a free port, its logs in a temporary folder deleted on {@link #close()}. Every Kafka
 * test and {@code run --kafka embedded} use it: no Docker engine is needed, only Maven Central
 * artifacts. Not for production: one replica, no security.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /**
     * The default broker maximum, stated so that {@code kafka.transactionTimeout}'s default (PT15M)
     * is known to fit.
     */
    public static final Duration TRANSACTION_MAX_TIMEOUT = Duration.ofMinutes(15);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final Duration startTime;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Duration startTime) {
        this.cluster = cluster;
        this.startTime = startTime;
    }

    /** Starts the broker and waits until it accepts clients (how long: docs/kafka.md, "Measured"). */
    public static EmbeddedKafka start() throws Exception {
        long started = System.nanoTime();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                // One broker: every internal topic has one replica, or transactions and groups never start.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                // Fewer internal partitions than a production default of 50: the first group or transaction starts
                // faster.
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("transaction.max.timeout.ms", Long.toString(TRANSACTION_MAX_TIMEOUT.toMillis()))
                // Topics are created on purpose (createTopics), so a misspelt topic fails instead of appearing empty.
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        try {
            PrintStream console = System.out;
            // format() prints its bootstrap records to stdout, which is the console summary's: keep it quiet.
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            try {
                cluster.format();
            } finally {
                System.setOut(console);
            }
            onLoopback(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            warmUpCoordinators(cluster.bootstrapServers());
        } catch (Exception e) {
            try {
                cluster.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new EmbeddedKafka(cluster, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The test kit binds each listener's port before start-up (so the quorum's addresses are known) on every
     * interface, whatever {@code localhost} the listeners name: a broker with no authentication open to the
     * network. Each is bound again, on the same port, to this machine's loopback before the broker takes it.
     */
    private static void onLoopback(KafkaClusterTestKit cluster) throws Exception {
        Field manager = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
        manager.setAccessible(true);
        PreboundSocketFactoryManager sockets = (PreboundSocketFactoryManager) manager.get(cluster);
        Field byNode = PreboundSocketFactoryManager.class.getDeclaredField("sockets");
        byNode.setAccessible(true);
        synchronized (sockets) {
            @SuppressWarnings("unchecked")
            Map<Integer, Map<String, ServerSocketChannel>> prebound =
                    (Map<Integer, Map<String, ServerSocketChannel>>) byNode.get(sockets);
            for (Map<String, ServerSocketChannel> listeners : prebound.values()) {
                for (Map.Entry<String, ServerSocketChannel> listener : listeners.entrySet()) {
                    int port = ((InetSocketAddress) listener.getValue().getLocalAddress()).getPort();
                    listener.getValue().close();
                    // As Kafka's own server socket factory opens one: non-blocking, the address reusable.
                    ServerSocketChannel loopback = ServerSocketChannel.open();
                    loopback.configureBlocking(false);
                    loopback.socket().setReuseAddress(true);
                    loopback.socket().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    listener.setValue(loopback);
                }
            }
        }
    }

    /**
     * Creates the group and transaction logs now rather than on a job's first checkpoint, where their
     * creation shows as failed offset commits and a first transaction that waits for its coordinator.
     */
    private static void warmUpCoordinators(String bootstrapServers)
            throws InterruptedException, ExecutionException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            // Finding a group's or a transaction's coordinator creates __consumer_offsets or __transaction_state.
            // Neither the group nor the transaction exists, by design: "not found" comes from the coordinator, so it is
            // ready.
            expectNotFound(
                    admin.describeConsumerGroups(List.of("pacesetter-warm-up")).all(), GroupIdNotFoundException.class);
            expectNotFound(
                    admin.describeTransactions(List.of("pacesetter-warm-up")).all(),
                    TransactionalIdNotFoundException.class);
        }
    }

    private static void expectNotFound(KafkaFuture<?> answer, Class<? extends Exception> notFound)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            answer.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!notFound.isInstance(e.getCause())) {
                throw e;
            }
        }
    }

    /** {@code localhost:PORT}, for {@code kafka.bootstrapServers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker, as an outage would: clients lose it, its log stays on disk, and the controller
     * keeps running. {@link #restartBroker()} brings it back on the same port.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(kafka.server.BrokerServer::shutdown);
    }

    /**
     * Starts the broker stopped by {@link #stopBroker()} again and waits until it accepts clients: every
     * partition of every topic has a leader that answers for it, and the broker hands out producer ids.
     * Registered and unfenced, the test kit's readiness, is not enough for a broker restarted in place beside
     * its running controller (docs/kafka.md, "The embedded broker"). Not ready within {@link #ADMIN_TIMEOUT},
     * it is stopped and started once more (a longer outage); still not, the exception names what is not served.
     */
    public void restartBroker() throws ExecutionException, InterruptedException, TimeoutException {
        List<String> notReady = startAndAwaitServing();
        if (!notReady.isEmpty()) {
            System.err.printf(
                    "Embedded Kafka broker not ready %s after its restart, so restarted again: %s%n",
                    ADMIN_TIMEOUT, notReady);
            stopBroker();
            notReady = startAndAwaitServing();
            if (!notReady.isEmpty()) {
                throw new TimeoutException("the embedded Kafka broker restarted twice and is still not ready after "
                        + ADMIN_TIMEOUT + ": " + notReady);
            }
        }
    }

    /** Starts the broker and waits up to {@link #ADMIN_TIMEOUT} for it to serve; what still is not, or empty. */
    private List<String> startAndAwaitServing() throws ExecutionException, InterruptedException {
        cluster.brokers().values().forEach(kafka.server.BrokerServer::startup);
        cluster.waitForReadyBrokers();
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        List<String> notReady = notReady();
        while (!notReady.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            notReady = notReady();
        }
        return notReady;
    }

    /**
     * What keeps the broker from serving clients: each partition the controller gives no leader, or whose
     * leader does not answer for it, and a failure to hand out a producer id; empty when it is ready.
     */
    private List<String> notReady() throws InterruptedException {
        List<String> problems = new ArrayList<>();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            Set<String> topics = client.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> led = new ArrayList<>();
            for (TopicDescription topic : client.describeTopics(topics)
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .values()) {
                for (TopicPartitionInfo p : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                    if (p.leader() == null || p.leader().isEmpty()) {
                        problems.add(tp + ": no leader (ISR " + p.isr() + ", ELR " + p.elr() + ")");
                    } else {
                        led.add(tp);
                    }
                }
            }
            // Answered by each partition's leader, as a write is: an error when the broker does not lead it yet.
            DescribeProducersOptions briefly = new DescribeProducersOptions().timeoutMs(5_000);
            DescribeProducersResult answers = client.describeProducers(led, briefly);
            for (TopicPartition tp : led) {
                try {
                    answers.partitionResult(tp).get();
                } catch (ExecutionException e) {
                    problems.add(tp + ": not served by its leader: " + e.getCause());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            problems.add("the topics cannot be described: " + e);
        }
        if (problems.isEmpty()) {
            producerIdProblem().ifPresent(problems::add);
        }
        return problems;
    }

    /** A transactional producer's start asks the broker for a producer id; it writes nothing to any topic. */
    private Optional<String> producerIdProblem() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "pacesetter-restart-probe");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ADMIN_TIMEOUT.toMillis()));
        try (KafkaProducer<byte[], byte[]> probe =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            probe.initTransactions();
            return Optional.empty();
        } catch (KafkaException e) {
            return Optional.of("no producer id: " + e);
        }
    }

    /** How long {@link #start()} took, until the broker and its group and transaction coordinators were ready. */
    public Duration startTime() {
        return startTime;
    }

    /**
     * Creates topics and waits until they can be written.
     *
     * @param topicConfig per-topic settings, e.g. {@code cleanup.policy: compact}; empty for the broker's defaults
     */
    public void createTopics(int partitions, Map<String, String> topicConfig, String... names)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(topicConfig));
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // Created in the controller is not yet known to, or led by, the broker: wait for every partition's leader.
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (!ready(client, names)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("topics " + List.of(names) + " have no leader after " + ADMIN_TIMEOUT);
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean ready(Admin client, String... names)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return client
                    .describeTopics(List.of(names))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .values()
                    .stream()
                    .allMatch(t -> t.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // the broker has not yet caught up with the controller's metadata
            }
            throw e;
        }
    }

    /** Stops the broker and deletes its logs. */
    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
