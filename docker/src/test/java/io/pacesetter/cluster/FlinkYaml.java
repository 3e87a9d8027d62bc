package io.pacesetter.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Reads a Flink {@code config.yaml} (nested or flat keys) into Flink's flat {@code a.b.c} keys. */
final class FlinkYaml {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FlinkYaml() {}

    static Map<String, String> read(Path file) throws IOException {
        return flatten(YAML.readTree(file.toFile()));
    }

    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }
}
