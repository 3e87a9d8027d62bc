package io.pacesetter.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * How a line of event contract v1 is sent to Kafka, as docs/contracts.md has upstream systems send it:
 * key = {@code callId} or {@code incidentId}, so the events of one call or incident stay in one
 * partition, in order. The topic follows the same rule as the parser: a line that names an
 * {@code incidentId} is an incident event, anything else a call event.
 */
public final class EventLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLines() {}

    /**
     * Whether the line belongs on the incidents topic; broken lines go to the calls topic, where
     * they are dead-lettered.
     */
    public static boolean isIncident(String line) {
        return line.contains("\"incidentId\"");
    }

    /** The record key: the incident's or call's id, or null for a line with neither (it is spread over partitions). */
    public static byte[] keyOf(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException unreadable) {
            // Not JSON: no id to key by. The job dead-letters the record; here it only needs some partition.
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode id = node.hasNonNull("incidentId") ? node.get("incidentId") : node.get("callId");
        return id == null || !id.isValueNode() || id.isNull()
                ? null
                : id.asText().getBytes(StandardCharsets.UTF_8);
    }
}
