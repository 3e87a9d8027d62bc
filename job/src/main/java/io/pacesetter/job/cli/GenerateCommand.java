package io.pacesetter.job.cli;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.generator.EventFileWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write a realistic, deterministic event feed for one county force to a .jsonl or .jsonl.gz file.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--days", required = true, description = "how many days to simulate")
    int days;

    @Option(
            names = "--start",
            required = true,
            paramLabel = "DATE",
            description = "the first day, a local date in the force's zone, e.g. 2016-06-01")
    LocalDate start;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write (.gz to compress)")
    Path out;

    @Option(names = "--seed", description = "the same seed gives the same feed (default: generator.seed)")
    Long seed;

    @Override
    public Integer call() {
        if (days < 1 || days > 3660) {
            throw new Pacesetter.UsageException("--days " + days + " is not allowed; use 1 to 3660");
        }
        PacesetterConfig cfg = config.load();
        long started = System.nanoTime();
        long lines =
                EventFileWriter.writeDays(cfg, seed == null ? cfg.generator().seed() : seed, start, days, out);
        System.out.printf(
                "Wrote %,d events for %d days from %s to %s in %.1f s%n",
                lines, days, start, out, (System.nanoTime() - started) / 1e9);
        return Pacesetter.OK;
    }
}
