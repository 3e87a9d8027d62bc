package io.pacesetter.connectors.contract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Kafka input came from, written into a dead letter's {@code origin} as
 * {@code topic/partition@offset} (e.g. {@code pacesetter.call-events/1@10442}). A topic name cannot
 * hold '/' or '@', so the form reads back without ambiguity.
 */
public record KafkaOrigin(String topic, int partition, long offset) {
    private static final Pattern FORM = Pattern.compile("([a-zA-Z0-9._-]+)/(\\d+)@(\\d+)");

    /**
     * The coordinates in a dead letter's origin, or empty for an origin that is not a Kafka record
     * (a file line, the pipeline).
     */
    public static Optional<KafkaOrigin> parse(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(origin);
        return m.matches()
                ? Optional.of(new KafkaOrigin(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return topic + '/' + partition + '@' + offset;
    }
}
