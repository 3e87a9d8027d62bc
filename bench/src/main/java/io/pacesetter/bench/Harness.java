package io.pacesetter.bench;

import io.pacesetter.bench.live.AlertTiming;
import io.pacesetter.bench.live.BenchCluster;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.StateBackendKind;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.PacesetterJob;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs every variant one after another in this JVM, on the same deterministic in-memory events, at
 * parallelism 2, and prints the median events per second of each, its ratios to L1 (the limit) and to
 * Pacesetter on the same input, and its peak heap. Every run is checked against Pacesetter's outputs, and a
 * run that differs gets no speed. How runs are ordered and which inputs the naive variants get:
 * docs/architecture.md ("Harness") and docs/benchmarks.md.
 */
public final class Harness {
    /** One input the variants run on. */
    public record Tier(String name, BenchInput.Shape shape) {}

    /** One variant on one input. */
    public record Entry(Variant variant, Tier tier) {
        String label() {
            return variant.name() + " [" + tier.name() + "]";
        }
    }

    /**
     * @param entries what runs, in the order of odd rounds; each tier needs a Pacesetter heap entry (the reference)
     * @param rounds timed rounds after the warm-up
     */
    public record Plan(List<Entry> entries, int rounds) {}

    /** What one entry measured. An entry whose outputs differed has {@code differences} and no speed. */
    public record Result(
            Entry entry,
            List<Double> eventsPerSecond,
            long peakHeapBytes,
            long windowsCompared,
            List<String> differences) {
        public boolean correct() {
            return differences.isEmpty();
        }

        public double median() {
            List<Double> sorted = new ArrayList<>(eventsPerSecond);
            Collections.sort(sorted);
            int n = sorted.size();
            return n == 0
                    ? Double.NaN
                    : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** Every variant runs at this parallelism, on a cluster with as many slots. */
    private static final int PARALLELISM = 2;

    private Harness() {}

    /**
     * The full run: see docs/benchmarks.md. Options: --legs, --small-legs, --tiny-legs (call legs in
     * each input), --span-hours (event time of the full input), --areas and --districts-per-area
     * (the scopes), --rounds, --only REGEX (some variants, with their references).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, not " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        int legs = Integer.parseInt(options.getOrDefault("legs", "100000"));
        int smallLegs = Integer.parseInt(options.getOrDefault("small-legs", "15000"));
        int tinyLegs = Integer.parseInt(options.getOrDefault("tiny-legs", "3000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        double spanHours = Double.parseDouble(options.getOrDefault("span-hours", "2"));
        int areas = Integer.parseInt(options.getOrDefault("areas", "20"));
        int districts = Integer.parseInt(options.getOrDefault("districts-per-area", "15"));
        BenchInput.Shape full = new BenchInput.Shape(legs, spanHours, areas, districts, 0.10, 20160601L);
        Plan plan = fullPlan(full, full.withLegs(smallLegs), full.withLegs(tinyLegs), rounds);
        if (options.containsKey("only")) {
            // e.g. --only 'Naive-Agg': a quicker look at some variants (with Pacesetter heap on their inputs, the
            // reference).
            java.util.regex.Pattern only = java.util.regex.Pattern.compile(options.get("only"));
            List<Entry> chosen = plan.entries().stream()
                    .filter(e -> only.matcher(e.label()).find())
                    .toList();
            plan = new Plan(
                    plan.entries().stream()
                            .filter(e -> chosen.contains(e)
                                    || (isReference(e)
                                            && chosen.stream()
                                                    .anyMatch(c -> c.tier().equals(e.tier()))))
                            .toList(),
                    plan.rounds());
        }
        List<Result> results = run(plan, System.out);
        boolean allCorrect = results.stream().allMatch(Result::correct);
        System.exit(allCorrect ? 0 : 1);
    }

    /**
     * Every variant, each on the largest of the three inputs (the same feed, cut shorter) it can
     * finish in a few seconds: L0, L1 and Pacesetter (heap, in order, without object reuse) on the full
     * input; RocksDB, the 1 h naive variants and SQL-HOP on the small one; the 24 h naive variants,
     * whose state grows by 1,440 copies of each outcome, on the tiny one. L1 and Pacesetter heap run
     * on every input, so each ratio is taken between runs on one input.
     */
    public static Plan fullPlan(BenchInput.Shape full, BenchInput.Shape small, BenchInput.Shape tiny, int rounds) {
        Tier big = new Tier("full", full);
        Tier inOrder = new Tier("full, in order", full.inOrder());
        Tier little = new Tier("small", small);
        Tier least = new Tier("tiny", tiny);
        Duration hour = Duration.ofHours(1);
        Duration day = Duration.ofHours(24);
        List<Entry> entries = List.of(
                new Entry(Variant.l0(), big),
                new Entry(Variant.l1(), big),
                new Entry(Variant.pacesetter(StateBackendKind.HASHMAP), big),
                new Entry(Variant.pacesetterWithoutObjectReuse(), big),
                new Entry(Variant.pacesetter(StateBackendKind.HASHMAP), inOrder),
                new Entry(Variant.l1(), little),
                new Entry(Variant.pacesetter(StateBackendKind.HASHMAP), little),
                new Entry(Variant.pacesetter(StateBackendKind.ROCKSDB), little),
                new Entry(Variant.naiveAgg(hour), little),
                new Entry(Variant.naivePwf(hour), little),
                new Entry(Variant.sqlHop(hour), little),
                new Entry(Variant.sqlHop(day), little),
                new Entry(Variant.l1(), least),
                new Entry(Variant.pacesetter(StateBackendKind.HASHMAP), least),
                new Entry(Variant.naiveAgg(day), least),
                new Entry(Variant.naivePwf(day), least));
        return new Plan(entries, rounds);
    }

    public static List<Result> run(Plan plan, PrintStream out) throws Exception {
        out.printf(
                "Pacesetter benchmark harness: %d cores, Java %s, max heap %d MB, load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());
        Map<Tier, String[]> inputs = new LinkedHashMap<>();
        Map<Tier, PacesetterConfig> configs = new HashMap<>();
        for (Entry e : plan.entries()) {
            if (!inputs.containsKey(e.tier())) {
                BenchInput.Shape s = e.tier().shape();
                String[] events = BenchInput.events(s);
                inputs.put(e.tier(), events);
                configs.put(e.tier(), BenchInput.config(s));
                long bytes = 0;
                for (String line : events) {
                    bytes += line.length();
                }
                out.printf(
                        "Input '%s': %,d events (%,d legs over %.1f h of event time, %.0f%% out of order by up to 2 min), "
                                + "%d bytes an event on average, %,d scopes (queue × force/LPA/district)%n",
                        e.tier().name(),
                        events.length,
                        s.legs(),
                        s.spanHours(),
                        s.outOfOrderShare() * 100,
                        bytes / events.length,
                        s.scopes());
            }
        }

        Map<Entry, Result> results = new LinkedHashMap<>();
        Map<Tier, WindowDigest.Digest> references = new HashMap<>();
        for (Entry e : plan.entries()) {
            results.put(e, new Result(e, new ArrayList<>(), 0, 0, new ArrayList<>()));
        }
        // The warm-up round: Pacesetter heap first on each input, as the reference the others are checked against.
        List<Entry> warmUp = new ArrayList<>(plan.entries());
        warmUp.sort((a, b) -> Boolean.compare(!isReference(a), !isReference(b)));
        for (Entry e : warmUp) {
            runOnce(e, inputs.get(e.tier()), configs.get(e.tier()), references, results, out, false);
        }
        for (int round = 1; round <= plan.rounds(); round++) {
            List<Entry> order = new ArrayList<>(plan.entries());
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (Entry e : order) {
                if (results.get(e).correct()) {
                    runOnce(e, inputs.get(e.tier()), configs.get(e.tier()), references, results, out, true);
                }
            }
        }
        List<Result> all = new ArrayList<>(results.values());
        out.println();
        out.print(table(all));
        out.println();
        out.print(targets(all));
        out.printf("Load average at the end: %s%n", loadAverage());
        return all;
    }

    private static boolean isReference(Entry e) {
        return e.variant().kind() == Variant.Kind.PACESETTER
                && e.variant().backend() == StateBackendKind.HASHMAP
                && e.variant().objectReuse();
    }

    private static void runOnce(
            Entry e,
            String[] events,
            PacesetterConfig config,
            Map<Tier, WindowDigest.Digest> references,
            Map<Entry, Result> results,
            PrintStream out,
            boolean timed)
            throws Exception {
        InMemoryEvents.use(events);
        Configuration conf = configuration(e.variant().backend(), e.variant().objectReuse(), config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        e.variant().define(env, config);
        System.gc();
        InMemoryEvents.holdReaders();
        HeapWatch heap = HeapWatch.start();
        JobExecutionResult job;
        long end;
        try (BenchCluster cluster = new BenchCluster(conf, PARALLELISM)) {
            // The clock starts once every task runs, its state backend open: what is timed is the processing.
            JobID id = cluster.submit(env, e.label());
            InMemoryEvents.releaseReaders();
            JobResult result = cluster.cluster().requestJobResult(id).get();
            end = System.nanoTime();
            job = result.toJobExecutionResult(Harness.class.getClassLoader());
        } finally {
            InMemoryEvents.releaseReaders();
        }
        long peak = heap.stop();
        double seconds = (end - InMemoryEvents.firstReadNanos()) / 1e9;
        double rate = events.length / seconds;

        Result r = results.get(e);
        List<String> problems = check(e, events.length, job, references);
        r.differences().addAll(problems);
        long compared = 0;
        WindowDigest.Digest digest = WindowDigest.Digest.of(job.getAllAccumulatorResults());
        for (Duration length : e.variant().comparedLengths()) {
            compared += digest.windows(length, "CALLS_ANSWERED");
        }
        Result updated =
                new Result(e, r.eventsPerSecond(), Math.max(r.peakHeapBytes(), peak), compared, r.differences());
        if (timed && problems.isEmpty()) {
            updated.eventsPerSecond().add(rate);
        }
        results.put(e, updated);
        out.printf(
                "%-8s %-44s %8.2f s %,12.0f events/s  peak heap %,6d MB  %s%n",
                timed ? "timed" : "warm-up",
                e.label(),
                seconds,
                rate,
                peak >> 20,
                problems.isEmpty() ? "outputs checked" : "OUTPUTS DIFFER: " + String.join("; ", problems));
    }

    /** Empty when the run computed what it should; else what is wrong. */
    private static List<String> check(
            Entry e, int events, JobExecutionResult job, Map<Tier, WindowDigest.Digest> references) {
        List<String> problems = new ArrayList<>();
        Long parsed = job.getAccumulatorResult(InMemoryEvents.PARSED);
        Long unreadable = job.getAccumulatorResult(InMemoryEvents.UNREADABLE);
        if (parsed == null || parsed != events) {
            problems.add("parsed " + parsed + " of " + events + " events");
        }
        if (unreadable != null && unreadable != 0) {
            problems.add(unreadable + " events unreadable");
        }
        WindowDigest.Digest digest = WindowDigest.Digest.of(job.getAllAccumulatorResults());
        WindowDigest.Digest reference = references.get(e.tier());
        switch (e.variant().kind()) {
            case PACESETTER -> {
                Long deadLetters = job.getAccumulatorResult(Variant.DEAD_LETTERS);
                if (deadLetters != null && deadLetters != 0) {
                    problems.add(deadLetters + " dead letters");
                }
                if (digest.windows(WindowDigest.LENGTHS.get(0), "CALLS_ANSWERED") == 0) {
                    problems.add("no sliding window published");
                }
                if (reference == null) {
                    references.put(e.tier(), digest);
                } else {
                    problems.addAll(digest.differences(reference, WindowDigest.LENGTHS, WindowDigest.CALL_MEASURES));
                }
            }
            case NAIVE_AGG, NAIVE_PWF, SQL_HOP -> {
                if (reference == null) {
                    throw new IllegalStateException(
                            "no Pacesetter heap run on input '" + e.tier().name() + "' to check against");
                }
                problems.addAll(digest.differences(
                        reference, e.variant().comparedLengths(), e.variant().comparedMeasures()));
            }
            default -> {}
        }
        return problems;
    }

    /** The cluster's and the job's settings for a variant: Pacesetter's own, RocksDB as run sets it up. */
    static Configuration configuration(StateBackendKind backend, boolean objectReuse, PacesetterConfig config) {
        Configuration conf = Configuration.fromMap(PacesetterJob.FLINK_SETTINGS);
        conf.setString("pipeline.object-reuse", Boolean.toString(objectReuse));
        conf.setString("state.backend.type", backend == StateBackendKind.ROCKSDB ? "rocksdb" : "hashmap");
        if (backend == StateBackendKind.ROCKSDB) {
            FlinkEnvironments.rocksDbSettings(config.run().rocksdb()).forEach(conf::setString);
            FlinkEnvironments.changelogSettings(
                            config.run().changelog(), changelogDir().toString())
                    .forEach(conf::setString);
        }
        conf.setString("restart-strategy.type", "none");
        return conf;
    }

    /** Where the RocksDB variants keep their state changelog, as run keeps it beside its checkpoints. */
    private static Path changelogDir;

    /** One directory for every run of this process, deleted when it ends. */
    private static synchronized Path changelogDir() {
        if (changelogDir == null) {
            try {
                Path dir = Files.createTempDirectory("pacesetter-harness-changelog-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        AlertTiming.deleteTree(dir);
                    } catch (IOException | UncheckedIOException e) {
                        System.err.println("could not delete " + dir + ": " + e.getMessage());
                    }
                }));
                changelogDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("could not make a directory for the state changelog", e);
            }
        }
        return changelogDir;
    }

    static String table(List<Result> results) {
        Map<String, Double> l1 = new HashMap<>();
        Map<String, Double> pacesetter = new HashMap<>();
        for (Result r : results) {
            if (r.entry().variant().kind() == Variant.Kind.L1) {
                l1.put(r.entry().tier().name(), r.median());
            }
            if (isReference(r.entry())) {
                pacesetter.put(r.entry().tier().name(), r.median());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "| %-29s | %-15s | %10s | %14s | %17s | %6s | %12s | %9s | %s |%n",
                "variant",
                "input",
                "events",
                "median ev/s",
                "min–max ev/s",
                "× L1",
                "× Pacesetter",
                "peak heap",
                "outputs"));
        s.append("|")
                .append("-".repeat(31))
                .append("|")
                .append("-".repeat(17))
                .append("|")
                .append("-".repeat(12))
                .append("|")
                .append("-".repeat(16))
                .append("|")
                .append("-".repeat(19))
                .append("|")
                .append("-".repeat(8))
                .append("|")
                .append("-".repeat(14))
                .append("|")
                .append("-".repeat(11))
                .append("|")
                .append("-".repeat(30))
                .append("|\n");
        for (Result r : results) {
            String tier = r.entry().tier().name();
            long events = r.entry().tier().shape().events();
            String outputs = !r.correct()
                    ? "DIFFER: " + r.differences().get(0)
                    : isReference(r.entry())
                            ? String.format("the reference: %,d windows, the same every run", r.windowsCompared())
                            : r.windowsCompared() > 0
                                    ? String.format("equal on %,d windows", r.windowsCompared())
                                    : "every event parsed";
            if (!r.correct() || r.eventsPerSecond().isEmpty()) {
                s.append(String.format(
                        "| %-29s | %-15s | %,10d | %14s | %17s | %6s | %12s | %6d MB | %s |%n",
                        r.entry().variant().name(),
                        tier,
                        events,
                        "—",
                        "—",
                        "—",
                        "—",
                        r.peakHeapBytes() >> 20,
                        outputs));
                continue;
            }
            double median = r.median();
            double min = Collections.min(r.eventsPerSecond());
            double max = Collections.max(r.eventsPerSecond());
            s.append(String.format(
                    "| %-29s | %-15s | %,10d | %,14.0f | %,8.0f–%,8.0f | %6s | %12s | %6d MB | %s |%n",
                    r.entry().variant().name(),
                    tier,
                    events,
                    median,
                    min,
                    max,
                    ratio(median, l1.get(tier)),
                    ratio(median, pacesetter.get(tier)),
                    r.peakHeapBytes() >> 20,
                    outputs));
        }
        return s.toString();
    }

    private static String ratio(double value, Double base) {
        if (base == null || base.isNaN() || Double.isNaN(value)) {
            return "";
        }
        double r = value / base;
        return r >= 10 ? String.format("%.0f", r) : r >= 0.1 ? String.format("%.2f", r) : String.format("%.4f", r);
    }

    /** The targets, as measured in this run. */
    static String targets(List<Result> results) {
        StringBuilder s = new StringBuilder("Targets (measured in this run):\n");
        Double paceFull = median(results, "Pacesetter heap", "full");
        Double l1Full = median(results, "L1 +keyBy no-op (limit)", "full");
        target(s, "Pacesetter heap ≥ 70% of L1 (full input)", paceFull, l1Full, 0.70);
        Double paceSmall = median(results, "Pacesetter heap", "small");
        Double paceTiny = median(results, "Pacesetter heap", "tiny");
        target(s, "Pacesetter ≥ 5× Naive-Agg 1h (small input)", paceSmall, median(results, "Naive-Agg 1h", "small"), 5);
        target(
                s,
                "Pacesetter ≥ 50× Naive-Agg 24h (tiny input)",
                paceTiny,
                median(results, "Naive-Agg 24h", "tiny"),
                50);
        target(s, "Pacesetter ≥ 3× SQL-HOP 24h (small input)", paceSmall, median(results, "SQL-HOP 24h", "small"), 3);
        Double inOrder = median(results, "Pacesetter heap", "full, in order");
        if (paceFull != null && inOrder != null) {
            double cost = 1 - paceFull / inOrder;
            s.append(String.format(
                    "  %-52s %s: 10%% out of order costs %.1f%% of in-order throughput (%,.0f against %,.0f events/s)%n",
                    "10% out-of-order costs ≤ 10% of throughput",
                    cost <= 0.10 ? "MET" : "NOT MET",
                    cost * 100,
                    paceFull,
                    inOrder));
        }
        return s.toString();
    }

    private static void target(StringBuilder s, String what, Double value, Double base, double wanted) {
        if (value == null || base == null) {
            s.append(String.format("  %-52s not measured in this run%n", what));
            return;
        }
        double ratio = value / base;
        s.append(String.format(
                "  %-52s %s: %.2f× (%,.0f against %,.0f events/s)%n",
                what, ratio >= wanted ? "MET" : "NOT MET", ratio, value, base));
    }

    private static Double median(List<Result> results, String variant, String tier) {
        for (Result r : results) {
            if (r.entry().variant().name().equals(variant)
                    && r.entry().tier().name().equals(tier)
                    && r.correct()
                    && !r.eventsPerSecond().isEmpty()) {
                return r.median();
            }
        }
        return null;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format(
                    "%.2f (1 min, from the JVM: %s)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), e.getMessage());
        }
    }
}
