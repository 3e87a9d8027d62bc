package io.pacesetter.job.cli;

import io.pacesetter.config.ConfigException;
import io.pacesetter.config.PacesetterConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar pacesetter.jar <command>}. Exit codes: 0 done, 2 a usage or configuration error
 * (the message names the option or key and what is allowed), 1 a failure while running.
 */
@Command(
        name = "pacesetter",
        mixinStandardHelpOptions = true,
        version = "Pacesetter 0.1.0",
        description = "Real-time call-handling and emergency-response performance for a police force control room.",
        subcommands = {
            RunCommand.class,
            ReplayCommand.class,
            GenerateCommand.class,
            ProduceCommand.class,
            SnapshotCommand.class,
            DisplayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Pacesetter {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Pacesetter());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException config) {
                commandLine.getErr().println("Configuration error: " + config.getMessage());
                return USAGE;
            }
            if (ex instanceof UsageException usage) {
                commandLine.getErr().println(usage.getMessage());
                commandLine.getErr().println("Run with --help for the options.");
                return USAGE;
            }
            commandLine.getErr().println("Failed: " + describe(ex));
            return FAILURE;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable ex) {
        StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
        Throwable cause = ex.getCause();
        while (cause != null && cause != ex) {
            message.append("\n  caused by: ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
            ex = cause;
            cause = cause.getCause();
        }
        return message.toString();
    }

    /** The wall display's port as given or configured: a usage error unless 0 (any free port) to 65535. */
    static void checkPort(PacesetterConfig cfg, Integer port) {
        int chosen = port != null ? port : cfg.display().port();
        if (chosen < 0 || chosen > 65_535) {
            throw new UsageException(
                    "--port " + chosen + " is not allowed; use a TCP port from 1 to 65535, or 0 for any free port");
        }
    }

    /** A command line that cannot run as given: exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
