package io.pacesetter.job.cli;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: every command's configuration, laid over the built-in defaults. */
final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "YAML laid over the built-in defaults (see config/src/main/resources/pacesetter-defaults.yaml)")
    Path file;

    PacesetterConfig load() {
        return file == null ? ConfigLoader.defaults() : ConfigLoader.load(file);
    }
}
