package io.pacesetter.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets are never written in a configuration file: a value names where the secret is,
 * {@code ${env:NAME}} (an environment variable) or {@code ${file:/path}} (a file's content, e.g. a
 * mounted secret), anywhere inside it, e.g. a JAAS line with {@code password="${env:KAFKA_PASSWORD}"}.
 * They are read when a command starts, and no message ever contains what was read.
 */
public final class SecretReferences {
    /** {@code ${env:NAME}} or {@code ${file:/absolute/path}}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SENSITIVE_KEY =
            Pattern.compile("(?i).*(password|jaas|secret|token|credential|certificate|\\.key$|keystore\\.key).*");
    static final String HIDDEN = "(hidden)";

    private SecretReferences() {}

    /** Checks the references' form without reading them, so a replay that never connects does not need the secrets. */
    static void check(String key, String value) {
        Matcher m = REFERENCE.matcher(value);
        int end = 0;
        while (m.find()) {
            if (value.substring(end, m.start()).contains("${")) {
                throw malformed(key);
            }
            if (m.group(1).equals("env") && !ENV_NAME.matcher(m.group(2)).matches()) {
                throw new ConfigException(
                        key,
                        "'${env:" + m.group(2) + "}' does not name an environment variable; "
                                + "use letters, digits and _ such as ${env:KAFKA_PASSWORD}");
            }
            if (m.group(1).equals("file") && !Path.of(m.group(2)).isAbsolute()) {
                throw new ConfigException(
                        key,
                        "'${file:" + m.group(2) + "}' is not an absolute path; "
                                + "use one such as ${file:/run/secrets/kafka-password}");
            }
            end = m.end();
        }
        if (value.substring(end).contains("${")) {
            throw malformed(key);
        }
    }

    /**
     * Replaces every reference in {@code value} by the secret it names.
     *
     * @param key the dotted configuration key, for the message if a secret cannot be read
     * @param environment the environment variables ({@code System::getenv} outside tests)
     */
    public static String resolve(String key, String value, Function<String, String> environment) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder(value.length());
        while (m.find()) {
            String secret = m.group(1).equals("env")
                    ? fromEnvironment(key, m.group(2), environment)
                    : fromFile(key, m.group(2));
            m.appendReplacement(resolved, Matcher.quoteReplacement(secret));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }

    /** Whether the value of this client property is a secret when written literally: such values are never shown. */
    public static boolean isSensitive(String propertyKey) {
        return SENSITIVE_KEY.matcher(propertyKey).matches();
    }

    /** A value as it may be shown: references as written (they are not secrets), sensitive literals hidden. */
    public static String shown(String propertyKey, String value) {
        if (value == null || !isSensitive(propertyKey)) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        return m.matches() ? value : HIDDEN;
    }

    private static String fromEnvironment(String key, String name, Function<String, String> environment) {
        String secret = environment.apply(name);
        if (secret == null || secret.isEmpty()) {
            throw new ConfigException(
                    key,
                    "environment variable " + name + " is not set or empty; "
                            + "set it before starting, or point to a file with ${file:/path}");
        }
        return secret;
    }

    private static String fromFile(String key, String path) {
        try {
            String secret = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            // Secret files from mounts and editors usually end with one newline that is not part of the secret.
            return secret.endsWith("\r\n")
                    ? secret.substring(0, secret.length() - 2)
                    : secret.endsWith("\n") ? secret.substring(0, secret.length() - 1) : secret;
        } catch (IOException e) {
            // The exception's own message is only the path and the kind of failure; the content was never read.
            throw new ConfigException(
                    key,
                    "cannot read the secret file " + path + " (" + e.getClass().getSimpleName()
                            + "); check that it exists and this user may read it",
                    e);
        }
    }

    private static ConfigException malformed(String key) {
        return new ConfigException(
                key, "a '${' that is not a secret reference; write ${env:NAME} or ${file:/absolute/path}");
    }
}
