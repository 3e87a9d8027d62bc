package io.pacesetter.bench.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run replay} and {@code bench/run snapshot}: the commands timed as a user runs them, each a whole
 * process ({@code java -jar pacesetter.jar …}, JVM start included), beside the limit ({@link ReadAndParse} of
 * the same file, also a whole process) in the same run, rounds alternating so a change in the machine's load
 * falls on all of them alike. With {@code --baseline JAR} the same commands of another build (e.g. an earlier
 * commit's) run in each round too; a snapshot's CSV must then be the same to the byte, or the run fails.
 *
 * <p>Options: {@code --file F} (default: generated once into {@code --work}, not timed), {@code --days N}
 * {@code --start DATE} (what is generated), {@code --month YYYY-MM} (snapshot), {@code --rounds N} (default 1),
 * {@code --jar JAR} (default job/target/pacesetter.jar), {@code --baseline JAR}, {@code --work DIR}.
 */
public final class CommandTiming {
    private static final String LIMIT = "read and parse (the limit)";
    private final Map<String, String> options;
    private final String kind;
    private final Path jar;
    private final Path baseline;
    private final Path work;
    private final Path file;
    private final int rounds;
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
    /** User and system time of each run: on a shared machine, what the command itself cost. */
    private final Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();

    private CommandTiming(String kind, Map<String, String> options) {
        this.kind = kind;
        this.options = options;
        this.jar = Path.of(options.getOrDefault("--jar", "job/target/pacesetter.jar"));
        this.baseline = options.containsKey("--baseline") ? Path.of(options.get("--baseline")) : null;
        this.work = Path.of(options.getOrDefault("--work", System.getProperty("java.io.tmpdir") + "/pacesetter-bench"));
        this.rounds = Integer.parseInt(options.getOrDefault("--rounds", "1"));
        boolean replay = kind.equals("replay");
        String days = options.getOrDefault("--days", replay ? "30" : "91");
        String start = options.getOrDefault("--start", replay ? "2016-06-01" : "2016-04-01");
        options.putIfAbsent("--days", days);
        options.putIfAbsent("--start", start);
        this.file = options.containsKey("--file")
                ? Path.of(options.get("--file"))
                : work.resolve("events-" + start + "-" + days + "d.jsonl.gz");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("replay") || args[0].equals("snapshot"))) {
            throw new IllegalArgumentException("usage: CommandTiming replay|snapshot [--option value]...");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, not " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        new CommandTiming(args[0], options).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        if (!Files.exists(file)) {
            System.out.printf("Generating %s (not timed)%n", file);
            process(
                    "generate",
                    jar,
                    List.of(
                            "generate",
                            "--days",
                            options.get("--days"),
                            "--start",
                            options.get("--start"),
                            "--out",
                            file.toString()));
        }
        System.out.printf(
                "%s of %s (%,.1f MB), %d round(s); load average at the start %s%n",
                kind, file, Files.size(file) / 1e6, rounds, loadAverage());
        for (int round = 1; round <= rounds; round++) {
            time(LIMIT, limitCommand());
            // Every other round the baseline goes first, so an order effect (a warm page cache, the load
            // rising or falling) falls on both builds alike.
            List<String> builds = baseline == null
                    ? List.of("this")
                    : round % 2 == 1 ? List.of("this", "baseline") : List.of("baseline", "this");
            String month = options.getOrDefault("--month", lastWholeMonth());
            for (String who : builds) {
                Path build = who.equals("this") ? jar : baseline;
                String suffix = who.equals("this") ? "" : ", baseline";
                if (kind.equals("replay")) {
                    time("replay" + suffix, replay(build, who));
                } else {
                    time("snapshot --events" + suffix, snapshotEvents(build, who, month));
                    time("snapshot --store" + suffix, snapshotStore(build, who, month));
                }
            }
            if (baseline != null && kind.equals("snapshot")) {
                sameBytes(month);
            }
        }
        System.out.printf(
                "%nLoad average at the end %s. Medians of %d round(s), whole processes:%n", loadAverage(), rounds);
        double limit = median(LIMIT);
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double s = median(e.getKey());
            // The store is not events: --store has no read-and-parse limit here, only its time and the baseline's.
            String vsLimit = e.getKey().contains("--store")
                    ? String.format("%-25s", "")
                    : String.format("%.2f × the limit's speed", limit / s);
            String vsBaseline = "";
            if (baseline != null
                    && !e.getKey().endsWith("baseline")
                    && seconds.containsKey(e.getKey() + ", baseline")) {
                vsBaseline = String.format(", %.2f × the baseline's speed", median(e.getKey() + ", baseline") / s);
            }
            String cpu = "";
            if (cpuSeconds.containsKey(e.getKey())) {
                double used = median(cpuSeconds, e.getKey());
                cpu = String.format("; CPU %.1f s, %.2f × the limit's", used, median(cpuSeconds, LIMIT) / used);
                if (!vsBaseline.isEmpty()) {
                    cpu += String.format(
                            ", %.2f × the baseline's", median(cpuSeconds, e.getKey() + ", baseline") / used);
                }
            }
            System.out.printf("  %-30s %8.1f s   %s%s%s   %s%n", e.getKey(), s, vsLimit, vsBaseline, cpu, e.getValue());
        }
    }

    private Invocation limitCommand() {
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-cp",
                System.getProperty("java.class.path"),
                ReadAndParse.class.getName(),
                file.toString()));
        return new Invocation("limit", command);
    }

    private Invocation replay(Path build, String who) throws IOException {
        Path out = fresh("replay-" + who);
        return jarInvocation(
                who + "-replay", build, List.of("replay", "--events", file.toString(), "--out", out.toString()));
    }

    private Invocation snapshotEvents(Path build, String who, String month) throws IOException {
        Path store = fresh("store-" + who);
        Path out = fresh("snapshot-" + who);
        return jarInvocation(
                who + "-snapshot-events",
                build,
                List.of(
                        "snapshot",
                        "--month",
                        month,
                        "--events",
                        file.toString(),
                        "--keep-store",
                        store.toString(),
                        "--out",
                        out.toString()));
    }

    /** From the store the run before it kept. */
    private Invocation snapshotStore(Path build, String who, String month) throws IOException {
        Path out = fresh("snapshot-store-" + who);
        return jarInvocation(
                who + "-snapshot-store",
                build,
                List.of(
                        "snapshot",
                        "--month",
                        month,
                        "--store",
                        work.resolve("store-" + who).toString(),
                        "--out",
                        out.toString()));
    }

    /**
     * This build's CSVs (from events and from its store) and the baseline's store as this build reports it must be
     * the same to the byte: the counts are the same. The baseline's own CSV is compared too, but its report may
     * be older than this one's (a baseline before a change to the tables), so a difference there is printed.
     */
    private void sameBytes(String month) throws Exception {
        String csv = "snapshot-" + month + ".csv";
        Path reported = fresh("snapshot-store-baseline-reported-by-this");
        process(
                "report the baseline's store",
                jar,
                List.of(
                        "snapshot",
                        "--month",
                        month,
                        "--store",
                        work.resolve("store-baseline").toString(),
                        "--out",
                        reported.toString(),
                        "--format",
                        "csv"));
        byte[] expected = Files.readAllBytes(work.resolve("snapshot-this").resolve(csv));
        for (Path other : List.of(work.resolve("snapshot-store-this").resolve(csv), reported.resolve(csv))) {
            if (!Arrays.equals(expected, Files.readAllBytes(other))) {
                throw new IllegalStateException(other + " differs from "
                        + work.resolve("snapshot-this").resolve(csv) + ": the timings do not count");
            }
        }
        boolean baselineSame = Arrays.equals(
                        expected,
                        Files.readAllBytes(work.resolve("snapshot-baseline").resolve(csv)))
                && Arrays.equals(
                        expected,
                        Files.readAllBytes(
                                work.resolve("snapshot-store-baseline").resolve(csv)));
        System.out.println(
                "  this build's CSVs and the baseline's store reported by this build are the same to the byte"
                        + (baselineSame
                                ? "; so are the baseline's own"
                                : "; the baseline's own report differs (an older report of the same counts)"));
    }

    /** The month before the last day generated, e.g. 2016-06 for 91 days from 2016-04-01. */
    private String lastWholeMonth() {
        java.time.LocalDate end =
                java.time.LocalDate.parse(options.get("--start")).plusDays(Long.parseLong(options.get("--days")));
        return java.time.YearMonth.from(end.minusDays(1)).toString();
    }

    private Invocation jarInvocation(String name, Path build, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", build.toString()));
        command.addAll(args);
        return new Invocation(name, command);
    }

    private record Invocation(String name, List<String> command) {}

    private void time(String label, Invocation invocation) throws Exception {
        double s = process(invocation.name(), null, invocation.command());
        seconds.computeIfAbsent(label, k -> new ArrayList<>()).add(Math.round(s * 10) / 10.0);
        String cpu = "";
        Path times = work.resolve(invocation.name() + ".time");
        if (Files.exists(times)) {
            // GNU time: elapsed, user and system seconds of the process and its children.
            String[] t = Files.readString(times).trim().split("\\s+");
            double used = Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]);
            cpuSeconds.computeIfAbsent(label, k -> new ArrayList<>()).add(Math.round(used * 10) / 10.0);
            cpu = String.format("  (CPU %.1f s)", used);
        }
        System.out.printf("  %-30s %8.1f s%s%n", label, s, cpu);
    }

    /** Runs a command to its end, its output to a log in the work directory; fails if it fails. */
    private double process(String name, Path build, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        Path gnuTime = Path.of("/usr/bin/time");
        if (Files.isExecutable(gnuTime)) {
            command.addAll(List.of(
                    gnuTime.toString(),
                    "-f",
                    "%e %U %S",
                    "-o",
                    work.resolve(name + ".time").toString()));
        }
        if (build != null) {
            command.addAll(List.of(javaBin(), "-jar", build.toString()));
        }
        command.addAll(args);
        Path log = work.resolve(name + ".log");
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit = p.waitFor();
        double s = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + "; see " + log);
        }
        return s;
    }

    private Path fresh(String name) throws IOException {
        Path dir = work.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    private double median(String label) {
        return median(seconds, label);
    }

    private static double median(Map<String, List<Double>> of, String label) {
        List<Double> sorted = new ArrayList<>(of.get(label));
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "(not known: " + e.getMessage() + ")";
        }
    }
}
