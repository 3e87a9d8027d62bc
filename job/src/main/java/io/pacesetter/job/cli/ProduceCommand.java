package io.pacesetter.job.cli;

import io.pacesetter.config.KafkaConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.kafka.EventLines;
import io.pacesetter.connectors.kafka.KafkaConnection;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description =
                "Publish a file of events (.jsonl or .jsonl.gz) into a Kafka topic: one record per line, byte for byte, "
                        + "keyed by callId or incidentId.")
final class ProduceCommand implements Callable<Integer> {
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    ConfigOption config;

    @Option(
            names = "--topic",
            required = true,
            paramLabel = "TOPIC",
            description = "the topic to publish to, e.g. pacesetter.call-events")
    String topic;

    @Option(
            names = "--file",
            required = true,
            paramLabel = "FILE",
            description = "JSON lines (gzip when the name ends in .gz)")
    Path file;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "host:port[,host:port] (default: kafka.bootstrapServers)")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        PacesetterConfig cfg = config.load();
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new Pacesetter.UsageException("--file: cannot read " + file.toAbsolutePath());
        }
        KafkaConfig settings = bootstrap == null ? cfg.kafka() : cfg.kafka().withBootstrapServers(bootstrap);
        KafkaConnection kafka = KafkaConnection.resolve(settings);
        kafka.checkBroker(Map.of("--topic", topic), false, BROKER_TIMEOUT);

        long started = System.nanoTime();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties());
                InputStream in = open(file)) {
            byte[] line;
            while ((line = nextLine(in)) != null && failure.get() == null) {
                if (isBlank(line)) {
                    continue;
                }
                String text = new String(line, StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, EventLines.keyOf(text), line), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "Kafka refused a record after " + acknowledged.get() + " of " + sent + " were published to " + topic
                            + ": " + failure.get().getMessage(),
                    failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Published %,d records from %s to %s on %s in %.1f s%n",
                acknowledged.get(), file, topic, kafka.bootstrapServers(), seconds);
        return Pacesetter.OK;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz")
                ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
                : raw;
    }

    /**
     * The next line's bytes without its end ({@code \n} or {@code \r\n}), or null at the end. Bytes, not
     * text: a line that is not UTF-8 is published as it is, for the job to dead-letter with its bytes.
     */
    static byte[] nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                ? java.util.Arrays.copyOf(bytes, bytes.length - 1)
                : bytes;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
