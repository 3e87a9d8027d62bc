package io.pacesetter.bench;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.sink.RecordJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmark's input: call events as JSON lines, made in memory from a seed, the same every time.
 *
 * <p>Many forces' worth of traffic in one deployment: {@code areas} LPAs of {@code districtsPerArea}
 * districts each, and the three configured queues, so the measures are kept for thousands of
 * scopes (queue × force, LPA and district). Each leg is an OFFERED and an ANSWERED or ABANDONED;
 * about one event in ten arrives late by up to two minutes (the events' out-of-orderness bound), so
 * none is ever behind the watermark and every variant must count every leg.
 */
public final class BenchInput {
    /** The first offer: a Wednesday, so the span crosses ordinary London days. */
    public static final Instant START = Instant.parse("2016-06-01T00:00:00Z");

    private static final String[] QUEUES = {"999", "101", "CRIME_BUREAU"};
    /** Share of legs per queue: 101 carries most of a control room's calls. */
    private static final double[] QUEUE_SHARE = {0.30, 0.55, 0.15};

    /**
     * @param legs call legs (two events each)
     * @param spanHours event time the offers are spread over
     * @param areas LPAs
     * @param districtsPerArea districts in each LPA
     * @param outOfOrderShare share of events that arrive late, by up to {@link #MAX_DELAY_MS}
     * @param seed the same seed gives the same events
     */
    public record Shape(
            int legs, double spanHours, int areas, int districtsPerArea, double outOfOrderShare, long seed) {
        public int events() {
            return 2 * legs;
        }

        public int scopes() {
            return QUEUES.length * (1 + areas + areas * districtsPerArea);
        }

        public Shape withLegs(int legs) {
            return new Shape(legs, spanHours * legs / this.legs, areas, districtsPerArea, outOfOrderShare, seed);
        }

        public Shape inOrder() {
            return new Shape(legs, spanHours, areas, districtsPerArea, 0, seed);
        }
    }

    /** The events' out-of-orderness bound (the default {@code events.outOfOrderness}). */
    public static final long MAX_DELAY_MS = 120_000;

    private BenchInput() {}

    /** The defaults, with the benchmark's districts and LPAs and every window length and period on. */
    public static PacesetterConfig config(Shape shape) {
        StringBuilder yaml = new StringBuilder("lpas:\n");
        for (int a = 0; a < shape.areas(); a++) {
            yaml.append("  - name: ").append(area(a)).append("\n    districts:\n");
            for (int d = 0; d < shape.districtsPerArea(); d++) {
                yaml.append("      - { name: ")
                        .append(district(a, d))
                        .append(", area: ")
                        .append(d % 3 == 0 ? "RURAL" : "URBAN")
                        .append(" }\n");
            }
        }
        return ConfigLoader.loadYaml(yaml.toString());
    }

    static String area(int a) {
        return String.format("Area %02d", a + 1);
    }

    static String district(int a, int d) {
        return String.format("Area %02d District %02d", a + 1, d + 1);
    }

    /** The events in arrival order, as the JSON lines a feed would carry. */
    public static String[] events(Shape shape) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        int n = shape.events();
        long[] time = new long[n];
        long[] arrival = new long[n];
        String[] lines = new String[n];
        double meanGapMs = shape.spanHours() * 3_600_000.0 / shape.legs();
        double offeredAt = START.toEpochMilli();
        int districts = shape.areas() * shape.districtsPerArea();
        for (int leg = 0; leg < shape.legs(); leg++) {
            offeredAt += -Math.log(1 - random.nextDouble()) * meanGapMs;
            long offered = (long) offeredAt;
            int q = pickQueue(random.nextDouble());
            String queue = QUEUES[q];
            int d = random.nextInt(districts);
            // A few events come without a district: those legs count force-wide only.
            String district = random.nextDouble() < 0.03
                    ? null
                    : district(d / shape.districtsPerArea(), d % shape.districtsPerArea());
            boolean answered = random.nextDouble() < (q == 0 ? 0.97 : 0.88);
            long wait = answered ? answerWait(q, random) : 1 + (long) (-Math.log(1 - random.nextDouble()) * 40_000);
            wait = Math.min(wait, 30 * 60_000L);
            String callId = String.format("C%010d", leg);
            int i = 2 * leg;
            time[i] = offered;
            lines[i] = line(i, callId, "OFFERED", queue, offered, district, random);
            time[i + 1] = offered + wait;
            lines[i + 1] =
                    line(i + 1, callId, answered ? "ANSWERED" : "ABANDONED", queue, offered + wait, district, random);
        }
        for (int i = 0; i < n; i++) {
            boolean late = random.nextDouble() < shape.outOfOrderShare();
            arrival[i] = time[i] + (late ? 1 + random.nextLong(MAX_DELAY_MS) : 0);
        }
        // Arrival order: by arrival time, then by event time, then as generated (offers before their outcomes).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (x, y) -> arrival[x] != arrival[y]
                        ? Long.compare(arrival[x], arrival[y])
                        : time[x] != time[y] ? Long.compare(time[x], time[y]) : Integer.compare(x, y));
        String[] arrived = new String[n];
        for (int i = 0; i < n; i++) {
            arrived[i] = lines[order[i]];
        }
        return arrived;
    }

    private static int pickQueue(double u) {
        double cumulative = 0;
        for (int q = 0; q < QUEUES.length; q++) {
            cumulative += QUEUE_SHARE[q];
            if (u < cumulative) {
                return q;
            }
        }
        return QUEUES.length - 1;
    }

    /** 999 is answered in seconds (mostly within 10 s); 101 and the Crime Bureau take longer. */
    private static long answerWait(int queue, SplittableRandom random) {
        double mean = queue == 0 ? 4_000 : queue == 1 ? 35_000 : 70_000;
        long ring = queue == 0 ? 2_500 : 3_000;
        return ring + (long) (-Math.log(1 - random.nextDouble()) * mean);
    }

    /** About 200 bytes, like a telephony feed's record: the contract's fields and two it does not use. */
    private static String line(
            int i, String callId, String type, String queue, long time, String district, SplittableRandom random) {
        StringBuilder s = new StringBuilder(224)
                .append("{\"eventId\":\"E")
                .append(String.format("%011d", i))
                .append("\",\"callId\":\"")
                .append(callId)
                .append("\",\"type\":\"")
                .append(type)
                .append("\",\"queue\":\"")
                .append(queue)
                .append("\",\"time\":\"")
                .append(RecordJson.instant(time))
                .append('"');
        if (district != null) {
            s.append(",\"district\":\"").append(district).append('"');
        }
        s.append(",\"trunk\":\"SIP-")
                .append(String.format("%03d", random.nextInt(1000)))
                .append("\",\"agentPosition\":\"POS-")
                .append(String.format("%04d", random.nextInt(10000)))
                .append("\"}");
        return s.toString();
    }
}
