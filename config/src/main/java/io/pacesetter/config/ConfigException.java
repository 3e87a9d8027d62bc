package io.pacesetter.config;

/**
 * A configuration that cannot run. The message always names the key (as a dotted path from the
 * file's root) and says what is allowed, so an operator can fix the file without reading code.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
        this.key = key;
    }

    /** The dotted path of the offending key, e.g. {@code queues.999.answeredWithinTarget}. */
    public String key() {
        return key;
    }
}
