package io.pacesetter.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The officer's commentary for a month ({@code snapshot --commentary FILE}), keyed by measure: a
 * measure alone ({@code ATTENDED_WITHIN_STANDARD}) or with its queue ({@code 999/ANSWERED_WITHIN_STANDARD}),
 * and {@code GENERAL} for the month as a whole. YAML (a map of key to text) or Markdown (each key a
 * {@code ## } heading, its text the paragraphs under it; text before the first heading is {@code GENERAL}).
 */
public final class Commentary {
    public static final String GENERAL = "GENERAL";
    private static final Pattern KEY = Pattern.compile("(?:[0-9A-Za-z]+/)?[A-Z][A-Z0-9_]*");
    private static final Pattern HEADING = Pattern.compile("^##\\s+(.+?)\\s*$", Pattern.MULTILINE);

    private Commentary() {}

    /**
     * @throws IllegalArgumentException naming the file and what is wrong (an unknown measure, a bad key)
     */
    public static Map<String, String> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> byKey = name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(file, text) : markdown(text);
        for (String key : byKey.keySet()) {
            check(file, key);
        }
        return byKey;
    }

    private static Map<String, String> yaml(Path file, String text) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
        Map<String, String> byKey = new LinkedHashMap<>();
        if (root == null || root.isNull()) {
            return byKey;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + " is not a map of measure to text; give e.g. "
                    + "'ATTENDED_WITHIN_STANDARD: Two vehicles were off the road in South.'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new IllegalArgumentException(file + ": " + e.getKey() + " should be text, not a list or map");
            }
            byKey.put(e.getKey().trim(), e.getValue().asText().trim());
        }
        return byKey;
    }

    private static Map<String, String> markdown(String text) {
        Map<String, String> byKey = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(text);
        int end = 0;
        String key = GENERAL;
        while (m.find()) {
            put(byKey, key, text.substring(end, m.start()));
            key = m.group(1).replace("`", "").trim();
            end = m.end();
        }
        put(byKey, key, text.substring(end));
        return byKey;
    }

    private static void put(Map<String, String> byKey, String key, String body) {
        String trimmed = body.replaceAll("(?m)^#\\s.*$", "").trim();
        if (!trimmed.isEmpty()) {
            byKey.put(key, trimmed);
        }
    }

    private static void check(Path file, String key) {
        if (key.equals(GENERAL)) {
            return;
        }
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is not a measure; key commentary by measure, "
                    + "e.g. ATTENDED_WITHIN_STANDARD, 999/ANSWERED_WITHIN_STANDARD, or GENERAL");
        }
        String measure = key.substring(key.indexOf('/') + 1);
        try {
            Direction.of(measure);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(file + ": '" + key + "' names no measure of the snapshot; use e.g. "
                    + "ATTENDED_WITHIN_STANDARD, ABANDONMENT_RATE, 101/MEAN_WAIT_SECONDS, or GENERAL");
        }
    }

    /** Commentary text as HTML: paragraphs on blank lines, **bold**, other Markdown shown as written. */
    static String html(String text) {
        StringBuilder h = new StringBuilder();
        for (String para : text.split("\\n\\s*\\n")) {
            h.append("<p>")
                    .append(Html.escape(para.trim()).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>"))
                    .append("</p>");
        }
        return h.toString();
    }
}
