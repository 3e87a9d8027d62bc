package io.pacesetter.job.store;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pacesetter.config.PacesetterConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hash of the configuration that shapes the figures: the force and its time zone, the event
 * rules, the windows, the queues' standards, the attendance standard and the districts and LPAs.
 * Run settings, Kafka and alerts are left out (they change no figure), and so are any secrets.
 * Printed in each snapshot's provenance and kept in each store file, so a board can tell whether
 * two months were counted by the same rules.
 */
public final class ConfigHash {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private ConfigHash() {}

    /** The first 16 hex digits of SHA-256 over the canonical JSON of the rules. */
    public static String of(PacesetterConfig config) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("force", config.force());
        rules.put("events", config.events());
        rules.put("windows", config.windows());
        rules.put("queues", config.queues());
        rules.put("attendance", config.attendance());
        rules.put("lpas", config.lpas());
        try {
            byte[] json = CANONICAL.writeValueAsBytes(rules);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration: " + e.getMessage(), e);
        }
    }
}
