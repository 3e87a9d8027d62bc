package io.pacesetter.job.publish;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The few force-wide figures a person reads first, as text lines: shared by the replay summary
 * and the live console so both say the same thing the same way.
 */
public final class Headlines {
    private final PacesetterConfig config;
    private final Map<String, MeasureRecord> latest = new HashMap<>();

    public Headlines(PacesetterConfig config) {
        this.config = config;
    }

    /** Keeps the newest record per identity (a higher revision, or a later as-of, replaces). */
    public void offer(MeasureRecord r) {
        latest.merge(r.identity(), r, (old, neu) -> neu.revision >= old.revision ? neu : old);
    }

    public Collection<MeasureRecord> records() {
        return latest.values();
    }

    /** One line per queue for records matching {@code frame}, force-wide. */
    public List<String> callLines(Predicate<MeasureRecord> frame) {
        List<String> lines = new ArrayList<>();
        for (String queue : queues(frame)) {
            StringBuilder line = new StringBuilder(String.format("  %-13s", queue));
            append(line, find(frame, queue, "ANSWERED_WITHIN_STANDARD"), "within std", true);
            append(line, find(frame, queue, "ABANDONMENT_RATE"), "abandoned", true);
            append(line, find(frame, queue, "MEAN_WAIT_SECONDS"), "mean wait", false);
            append(line, find(frame, queue, "P90_WAIT_SECONDS"), "p90 wait", false);
            MeasureRecord answered = find(frame, queue, "CALLS_ANSWERED");
            MeasureRecord abandoned = find(frame, queue, "CALLS_ABANDONED");
            if (answered != null) {
                line.append(String.format(
                        "  legs %,d", (long) (answered.value + (abandoned == null ? 0 : abandoned.value))));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The attendance line for records matching {@code frame}, force-wide, all areas then urban and rural. */
    public String attendanceLine(Predicate<MeasureRecord> frame) {
        StringBuilder line = new StringBuilder("  attendance   ");
        boolean any = false;
        for (String area : new String[] {null, "URBAN", "RURAL"}) {
            MeasureRecord r = latest.values().stream()
                    .filter(frame)
                    .filter(m -> m.scope == Scope.FORCE && "ATTENDED_WITHIN_STANDARD".equals(m.measure))
                    .filter(m -> Objects.equals(area, m.area == null ? null : m.area.name()))
                    .findFirst()
                    .orElse(null);
            if (r != null) {
                any = true;
                append(line, r, area == null ? "within std" : area.toLowerCase(), true);
                line.append(String.format(" of %,d", r.denominator == null ? 0 : r.denominator.longValue()));
            }
        }
        return any ? line.toString() : null;
    }

    private List<String> queues(Predicate<MeasureRecord> frame) {
        List<String> queues = new ArrayList<>(config.queues().keySet());
        latest.values().stream()
                .filter(frame)
                .map(r -> r.queue)
                .filter(Objects::nonNull)
                .distinct()
                .filter(q -> !queues.contains(q))
                .sorted()
                .forEach(queues::add);
        queues.removeIf(q -> find(frame, q, "CALLS_ANSWERED") == null);
        return queues;
    }

    private MeasureRecord find(Predicate<MeasureRecord> frame, String queue, String measure) {
        return latest.values().stream()
                .filter(frame)
                .filter(r ->
                        r.scope == Scope.FORCE && r.area == null && queue.equals(r.queue) && measure.equals(r.measure))
                .findFirst()
                .orElse(null);
    }

    static void append(StringBuilder line, MeasureRecord r, String label, boolean percent) {
        if (r == null) {
            return;
        }
        String value = r.value == null
                ? "n/a"
                : percent ? String.format("%.1f%%", r.value * 100) : String.format("%.1f s", r.value);
        String verdict = r.met == null ? "" : r.met ? " MET" : " NOT MET";
        line.append(String.format("  %s %s%s", label, value, verdict));
    }
}
