package io.pacesetter.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the built-in defaults, lays an operator's file over them and validates the result. Every
 * failure is a {@link ConfigException} naming the key and what is allowed.
 */
public final class ConfigLoader {
    public static final String DEFAULTS_RESOURCE = "/pacesetter-defaults.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ConfigLoader() {}

    /** The defaults alone. */
    public static PacesetterConfig defaults() {
        return bind(defaultsTree());
    }

    /** The defaults with {@code file} laid over them. */
    public static PacesetterConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                    "--config",
                    "no such file " + file.toAbsolutePath()
                            + "; give the path of a YAML file (see config/src/main/resources/pacesetter-defaults.yaml)");
        }
        JsonNode overlay;
        try {
            overlay = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(
                    "--config",
                    "cannot read " + file + " as YAML: " + firstLine(e.getMessage())
                            + "; fix the YAML syntax at the line shown",
                    e);
        }
        return fromYaml(overlay);
    }

    /** The defaults with a YAML text laid over them (for tests and embedded use). */
    public static PacesetterConfig loadYaml(String yaml) {
        try {
            return fromYaml(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new ConfigException("(yaml)", "not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private static PacesetterConfig fromYaml(JsonNode overlay) {
        ObjectNode merged = defaultsTree();
        if (overlay != null && !overlay.isNull() && !overlay.isMissingNode()) {
            if (!overlay.isObject()) {
                throw new ConfigException(
                        "(root)", "the file must be a YAML mapping of sections such as force:, queues:, lpas:");
            }
            merge(merged, (ObjectNode) overlay);
        }
        return bind(merged);
    }

    private static ObjectNode defaultsTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps merge key by key; anything else (lists, scalars) is replaced whole. */
    private static void merge(ObjectNode base, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
                merge(existingObject, overlayObject);
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static PacesetterConfig bind(ObjectNode tree) {
        PacesetterConfig config;
        try {
            config = YAML.treeToValue(tree, PacesetterConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null
                    ? ""
                    : e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            throw new ConfigException(path(e), "unknown key; allowed here: " + known, e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(path(e), "cannot use '" + e.getValue() + "': " + allowed(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(path(e), "wrong kind of value: " + allowed(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e), firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigValidator.validate(config);
        return config;
    }

    private static String allowed(Class<?> type) {
        if (type == null) {
            return "see pacesetter-defaults.yaml for the expected form";
        }
        if (type.isEnum()) {
            return "use one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.Duration.class) {
            return "use an ISO-8601 duration such as PT10S, PT15M, PT2H or P2D";
        }
        if (type == java.time.ZoneId.class) {
            return "use a zone id such as Europe/London";
        }
        if (type == Double.class || type == double.class) {
            return "use a number such as 0.9";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "use a whole number";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "use a YAML list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "use a YAML mapping";
        }
        return "expected " + type.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(root)" : path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
