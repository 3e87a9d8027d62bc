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

    @Option(
            names = "--faults",
            description = "deliver the feed badly as generator.faults says (late backlogs, re-sent lines, garbage,"
                    + " a clock running ahead, an outage: docs/faults.md), and write the same events delivered"
                    + " cleanly beside it, e.g. month.jsonl and month.clean.jsonl")
    boolean faults;

    /** {@code month.jsonl.gz} gives {@code month.clean.jsonl.gz}: the clean delivery beside the faulty one. */
    static Path cleanBeside(Path faulty) {
        String name = faulty.getFileName().toString();
        int dot = name.indexOf(".jsonl");
        String clean = dot < 0 ? name + ".clean" : name.substring(0, dot) + ".clean" + name.substring(dot);
        return faulty.resolveSibling(clean);
    }

    @Override
    public Integer call() {
        if (days < 1 || days > 3660) {
            throw new Pacesetter.UsageException("--days " + days + " is not allowed; use 1 to 3660");
        }
        PacesetterConfig cfg = config.load();
        long started = System.nanoTime();
        long s = seed == null ? cfg.generator().seed() : seed;
        Path clean = cleanBeside(out);
        long lines = faults
                ? EventFileWriter.writeFaultyAndClean(cfg, s, start, days, out, clean)
                : EventFileWriter.writeDays(cfg, s, start, days, out);
        System.out.printf(
                "Wrote %,d events for %d days from %s to %s in %.1f s%n",
                lines, days, start, out, (System.nanoTime() - started) / 1e9);
        if (faults) {
            System.out.printf("The same events delivered cleanly: %s%n", clean);
        }
        return Pacesetter.OK;
    }
}
