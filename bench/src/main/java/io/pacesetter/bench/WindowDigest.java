package io.pacesetter.bench;

import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.WindowKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sums a hash of every sliding-window record of the compared lengths, per window length and
 * measure, into Flink accumulators: two variants produced the same records (identity, numerator,
 * denominator, value) exactly when their counts and sums agree. Order does not matter and nothing
 * is collected, so a run of millions of windows can be checked at the cost of a hash per record.
 */
public final class WindowDigest extends RichFlatMapFunction<MeasureRecord, Long> {
    /** The window lengths the naive variants are run at. */
    public static final List<Duration> LENGTHS = List.of(Duration.ofHours(1), Duration.ofHours(24));
    /** Every call-leg measure: what Naive-Agg and Naive-PWF express (they reuse the measure rules). */
    public static final List<String> CALL_MEASURES = List.of(
            "CALLS_ANSWERED",
            "CALLS_ABANDONED",
            "ANSWERED_WITHIN_STANDARD",
            "ABANDONMENT_RATE",
            "MEAN_WAIT_SECONDS",
            "P90_WAIT_SECONDS",
            "ANSWER_BAND_UNDER_10S",
            "ANSWER_BAND_10_TO_60S",
            "ANSWER_BAND_60S_PLUS");
    /** What the SQL variant computes itself: counts and sums (an exact nearest-rank P90 is not a SQL aggregate). */
    public static final List<String> SQL_MEASURES = List.of(
            "CALLS_ANSWERED", "CALLS_ABANDONED", "ANSWERED_WITHIN_STANDARD", "ABANDONMENT_RATE", "MEAN_WAIT_SECONDS");

    static final String RECORDS = "records";

    private transient LongCounter records;
    private transient LongCounter[][] counts;
    private transient LongCounter[][] sums;

    static String countName(Duration length, String measure) {
        return "n " + length + ' ' + measure;
    }

    static String sumName(Duration length, String measure) {
        return "h " + length + ' ' + measure;
    }

    @Override
    public void open(OpenContext openContext) {
        records = new LongCounter();
        getRuntimeContext().addAccumulator(RECORDS, records);
        counts = new LongCounter[LENGTHS.size()][CALL_MEASURES.size()];
        sums = new LongCounter[LENGTHS.size()][CALL_MEASURES.size()];
        for (int l = 0; l < LENGTHS.size(); l++) {
            for (int m = 0; m < CALL_MEASURES.size(); m++) {
                counts[l][m] = new LongCounter();
                sums[l][m] = new LongCounter();
                getRuntimeContext().addAccumulator(countName(LENGTHS.get(l), CALL_MEASURES.get(m)), counts[l][m]);
                getRuntimeContext().addAccumulator(sumName(LENGTHS.get(l), CALL_MEASURES.get(m)), sums[l][m]);
            }
        }
    }

    @Override
    public void flatMap(MeasureRecord r, Collector<Long> out) {
        records.add(1);
        if (r.window != WindowKind.SLIDING) {
            return;
        }
        int l = lengthIndex(r.windowLengthMs);
        int m = CALL_MEASURES.indexOf(r.measure);
        if (l < 0 || m < 0) {
            return;
        }
        counts[l][m].add(1);
        // LongCounter adds with wrap-around, so the sum is the same in any order and across subtasks.
        sums[l][m].add(hash(r));
    }

    private static int lengthIndex(long lengthMs) {
        for (int i = 0; i < LENGTHS.size(); i++) {
            if (LENGTHS.get(i).toMillis() == lengthMs) {
                return i;
            }
        }
        return -1;
    }

    static long hash(MeasureRecord r) {
        long h = 17;
        h = mix(h, r.measure.hashCode());
        h = mix(h, Objects.hashCode(r.queue));
        h = mix(h, r.scope.ordinal());
        h = mix(h, r.scopeId.hashCode());
        h = mix(h, r.area == null ? -1 : r.area.ordinal());
        h = mix(h, r.windowEnd);
        h = mix(h, r.windowLengthMs);
        h = mix(h, bits(r.numerator));
        h = mix(h, bits(r.denominator));
        h = mix(h, bits(r.value));
        return h;
    }

    private static long bits(Double d) {
        return d == null ? 0x7ff8dead : Double.doubleToLongBits(d);
    }

    /** A 64-bit finaliser (after SplitMix64), so near-equal records do not cancel in the sum. */
    private static long mix(long h, long v) {
        long z = h * 0x9E3779B97F4A7C15L + v;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The digest of one run: accumulator name → value. */
    public record Digest(Map<String, Long> values) {
        public static Digest of(Map<String, Object> accumulators) {
            Map<String, Long> v = new TreeMap<>();
            for (Map.Entry<String, Object> e : accumulators.entrySet()) {
                if (e.getKey().startsWith("n ") || e.getKey().startsWith("h ")) {
                    v.put(e.getKey(), (Long) e.getValue());
                }
            }
            return new Digest(v);
        }

        /** Whole-run digests never differ by chance; an empty list means equal on these measures and lengths. */
        public List<String> differences(Digest reference, List<Duration> lengths, List<String> measures) {
            List<String> diffs = new ArrayList<>();
            for (Duration length : lengths) {
                for (String measure : measures) {
                    long n = values.getOrDefault(countName(length, measure), 0L);
                    long refN = reference.values.getOrDefault(countName(length, measure), 0L);
                    long h = values.getOrDefault(sumName(length, measure), 0L);
                    long refH = reference.values.getOrDefault(sumName(length, measure), 0L);
                    if (n != refN || h != refH) {
                        diffs.add(measure + " over " + length + ": " + n + " windows"
                                + (n == refN ? " (same count, different figures)" : "") + " against Pacesetter's "
                                + refN);
                    }
                }
            }
            return diffs;
        }

        public long windows(Duration length, String measure) {
            return values.getOrDefault(countName(length, measure), 0L);
        }
    }
}
