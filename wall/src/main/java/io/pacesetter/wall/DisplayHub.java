package io.pacesetter.wall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacesetter.config.CallHandlingRule;
import io.pacesetter.config.LpaConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The newest figures and the active alerts, as the wall display shows them: fed record by record
 * (from the job in this JVM, or from the KPI and alert topics) and read as one JSON view per push.
 * It keeps only what the page shows, force-wide and per LPA, so its size does not grow with time:
 * the newest record of each kind, a 24-hour trend, and the alerts not yet cleared.
 */
public final class DisplayHub {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, DisplayHub> REGISTERED = new ConcurrentHashMap<>();

    /** The measures the page shows; everything else is ignored on arrival. */
    static final Set<String> SHOWN = Set.of(
            "ANSWERED_WITHIN_STANDARD",
            "ABANDONMENT_RATE",
            "MEAN_WAIT_SECONDS",
            "CALLS_ANSWERED",
            "CALLS_ABANDONED",
            "CALLS_WAITING",
            "LONGEST_WAIT_SECONDS",
            "INCIDENTS_OPEN",
            "INCIDENTS_AT_RISK",
            "INCIDENTS_BREACHED",
            "INCIDENTS_UNRESOURCED",
            "ATTENDED_WITHIN_STANDARD");
    /** Measures whose standard is met at or below the target. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("ABANDONMENT_RATE", "MEAN_WAIT_SECONDS");

    private static final String TREND_MEASURE = "ANSWERED_WITHIN_STANDARD";
    private static final long TREND_SPAN_MS = Duration.ofHours(24).toMillis();
    /** Trend points are sent at this spacing (and the newest), so a minute-by-minute feed stays a small message. */
    private static final long TREND_STEP_MS = Duration.ofMinutes(5).toMillis();
    /** The shortest step at which sliding windows are published. */
    private static final long ONE_STEP_MS = Duration.ofMinutes(1).toMillis();
    /** Cleared alerts remembered, so an older revision arriving late does not bring one back. */
    private static final int CLEARED_REMEMBERED = 10_000;
    /** Active alerts kept at most (the oldest go first): the page shows the newest few. */
    private static final int ACTIVE_KEPT = 2_000;

    private final PacesetterConfig config;
    private final List<Long> slidingLengths;
    private final long trendLength;
    private final double amberWithin;
    private final FeedClock clock;
    private final LongSupplier wall;

    private final Map<String, MeasureRecord> newest = new HashMap<>();
    private final Map<String, TreeMap<Long, Double>> trends = new HashMap<>();
    private final Map<String, Alert> active = new HashMap<>();
    private final LinkedHashMap<String, Integer> cleared = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CLEARED_REMEMBERED;
        }
    };
    private final Set<String> queuesSeen = new TreeSet<>();
    private long newestAsOf;
    private long newestWindowEnd;
    private String today;
    private long version;
    private long trendVersion;
    private volatile long lastFedWall = Long.MIN_VALUE;

    /**
     * @param rate event-time seconds per wall second of the feed (1 for a real feed; the generator's speed)
     */
    public DisplayHub(PacesetterConfig config, double rate) {
        this(config, rate, System::currentTimeMillis);
    }

    DisplayHub(PacesetterConfig config, double rate, LongSupplier wall) {
        this.config = config;
        this.wall = wall;
        this.clock = new FeedClock(rate);
        this.amberWithin = config.display().amberWithin();
        // The page's columns: every sliding length shorter than a day ("today" is the DAY period).
        this.slidingLengths = config.windows().lengths().stream()
                .map(Duration::toMillis)
                .filter(l -> l < TREND_SPAN_MS)
                .sorted()
                .toList();
        Duration hour = Duration.ofHours(1);
        this.trendLength = config.windows().lengths().contains(hour)
                ? hour.toMillis()
                : slidingLengths.isEmpty()
                        ? config.windows().lengths().get(0).toMillis()
                        : slidingLengths.get(slidingLengths.size() - 1);
    }

    /** Makes the hub reachable by name from sinks running in this JVM ({@link DisplaySinks}). */
    public static void register(String name, DisplayHub hub) {
        REGISTERED.put(name, hub);
    }

    public static void unregister(String name) {
        REGISTERED.remove(name);
    }

    static DisplayHub registered(String name) {
        DisplayHub hub = REGISTERED.get(name);
        if (hub == null) {
            throw new IllegalStateException(
                    "no wall display '" + name + "' in this JVM: the display sinks work only where the job "
                            + "runs in the process that serves the page (run); a cluster feeds the display command through Kafka");
        }
        return hub;
    }

    public void offer(MeasureRecord r) {
        lastFedWall = wall.getAsLong();
        if (r == null
                || r.measure == null
                || !SHOWN.contains(r.measure)
                || (r.scope != Scope.FORCE && r.scope != Scope.LPA)) {
            return;
        }
        synchronized (this) {
            switch (r.window) {
                case LIVE -> {
                    if (r.asOf != null) {
                        newestAsOf = Math.max(newestAsOf, r.asOf);
                        clock.saw(r.asOf, lastFedWall);
                    }
                }
                case SLIDING -> {
                    if (r.windowLengthMs == null || r.windowEnd == null) {
                        return;
                    }
                    if (r.windowLengthMs == trendLength
                            && TREND_MEASURE.equals(r.measure)
                            && r.area == null
                            && r.target != null) {
                        addTrendPoint(r);
                    }
                    if (!slidingLengths.contains(r.windowLengthMs)) {
                        return;
                    }
                    newestWindowEnd = Math.max(newestWindowEnd, r.windowEnd);
                }
                case PERIOD -> {
                    if (r.period != PeriodKind.DAY || r.start == null) {
                        return;
                    }
                    if (today == null || r.start.compareTo(today) > 0) {
                        today = r.start;
                    }
                }
            }
            if (r.queue != null) {
                queuesSeen.add(r.queue);
            }
            if (newest.merge(r.figureKind(), r, (old, neu) -> neu.moment() >= old.moment() ? neu : old) == r) {
                version++;
            }
        }
    }

    public void offer(Alert a) {
        lastFedWall = wall.getAsLong();
        if (a == null || a.alertId == null || a.state == null) {
            return;
        }
        synchronized (this) {
            Integer clearedAt = cleared.get(a.alertId);
            Alert current = active.get(a.alertId);
            if ((clearedAt != null && clearedAt >= a.revision) || (current != null && current.revision >= a.revision)) {
                return;
            }
            // A condition has one episode at a time: a newer one, or a CLEARED of any (a re-check after the
            // job's restart too), ends every other episode of it still shown, so none is kept unchecked.
            String subject = a.conditionSubject();
            if (subject != null
                    && a.state != Alert.State.CLEARED
                    && active.values().stream()
                            .anyMatch(other ->
                                    subject.equals(other.conditionSubject()) && other.episodeStart > a.episodeStart)) {
                return; // an older episode, come late: the newer one shown already stands for the condition
            }
            if (subject != null) {
                active.values()
                        .removeIf(other -> !other.alertId.equals(a.alertId)
                                && subject.equals(other.conditionSubject())
                                && (a.state == Alert.State.CLEARED || other.episodeStart <= a.episodeStart));
            }
            if (a.state == Alert.State.CLEARED) {
                active.remove(a.alertId);
                cleared.put(a.alertId, a.revision);
            } else {
                active.put(a.alertId, a);
                if (active.size() > ACTIVE_KEPT) {
                    active.values().stream()
                            .min(Comparator.comparingLong(x -> x.time))
                            .ifPresent(oldest -> active.remove(oldest.alertId));
                }
            }
            version++;
        }
    }

    /** Changes whenever the figures or alerts the page shows change. */
    public synchronized long version() {
        return version;
    }

    public synchronized long trendVersion() {
        return trendVersion;
    }

    /** When anything last arrived, by this JVM's wall clock (epoch ms), or {@link Long#MIN_VALUE} if nothing has. */
    public long lastFedWall() {
        return lastFedWall;
    }

    /** Whether something arrived within {@code display.staleAfter}. */
    public boolean fedRecently() {
        long last = lastFedWall;
        return last != Long.MIN_VALUE
                && wall.getAsLong() - last <= config.display().staleAfter().toMillis();
    }

    /** The figures, the at-risk list and the alerts, as one JSON object (the page's {@code figures} event). */
    public synchronized byte[] figuresJson() {
        long now = wall.getAsLong();
        ObjectNode view = JSON.createObjectNode();
        view.put("force", config.force().name());
        view.put("timeZone", config.force().timeZone().getId());
        ObjectNode feedClock = view.putObject("clock");
        feedClock.put("eventTime", clock.now(now));
        feedClock.put("rate", clock.rate(now));
        view.put("fedAgoMs", lastFedWall == Long.MIN_VALUE ? -1 : now - lastFedWall);
        view.put("staleAfterMs", config.display().staleAfter().toMillis());
        view.put("asOf", newestAsOf == 0 ? null : newestAsOf);
        view.put("windowsTo", newestWindowEnd == 0 ? null : newestWindowEnd);
        view.put("today", today);
        ArrayNode lengths = view.putArray("lengths");
        slidingLengths.forEach(lengths::add);
        ArrayNode queues = view.putArray("queues");
        List<String> order = new ArrayList<>(config.queues().keySet());
        queuesSeen.stream().filter(q -> !order.contains(q)).forEach(order::add);
        order.forEach(queues::add);
        ArrayNode lpas = view.putArray("lpas");
        config.lpas().stream().map(LpaConfig::name).forEach(lpas::add);

        ArrayNode figures = view.putArray("figures");
        Map<Long, Long> newestEnds = new HashMap<>();
        newest.values().stream()
                .filter(r -> r.window == WindowKind.SLIDING)
                .forEach(r -> newestEnds.merge(r.windowLengthMs, r.windowEnd, Math::max));
        for (MeasureRecord r : newest.values()) {
            if (current(r, newestEnds, today)) {
                figures.add(figure(r));
            }
        }
        ArrayNode atRisk = view.putArray("atRisk");
        ArrayNode alerts = view.putArray("alerts");
        active.values().stream()
                .sorted(Comparator.comparing((Alert a) -> a.severity)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingLong((Alert a) -> a.time).reversed()))
                .forEach(a -> {
                    alerts.add(alert(a));
                    if ((a.kind == Alert.Kind.INCIDENT_AT_RISK || a.kind == Alert.Kind.INCIDENT_BREACHED)
                            && a.deadline != null) {
                        ObjectNode incident = atRisk.addObject();
                        incident.put("incidentId", a.incidentId);
                        incident.put("district", a.district);
                        incident.put("lpa", a.lpa);
                        incident.put("area", a.area == null ? null : a.area.name());
                        incident.put("deadline", a.deadline);
                        incident.put("breached", a.kind == Alert.Kind.INCIDENT_BREACHED);
                    }
                });
        return bytes(view);
    }

    /**
     * The 24-hour trend of answered within standard, per queue with a standard and per force or LPA (the
     * {@code trend} event).
     */
    public synchronized byte[] trendJson() {
        ObjectNode view = JSON.createObjectNode();
        view.put("windowLength", Duration.ofMillis(trendLength).toString());
        ObjectNode series = view.putObject("series");
        trends.forEach((key, points) -> {
            ArrayNode line = series.putArray(key);
            Long last = points.isEmpty() ? null : points.lastKey();
            points.forEach((end, value) -> {
                if (end % TREND_STEP_MS == 0 || end.equals(last)) {
                    line.addArray().add(end).add(value);
                }
            });
        });
        ObjectNode targets = view.putObject("targets");
        config.queues().forEach((queue, standard) -> {
            if (standard.answeredWithinTarget() != null) {
                targets.put(queue, standard.answeredWithinTarget());
            }
        });
        return bytes(view);
    }

    private void addTrendPoint(MeasureRecord r) {
        if (r.value == null) {
            return;
        }
        TreeMap<Long, Double> points = trends.computeIfAbsent(
                trendKey(r.queue, r.scope == Scope.FORCE ? null : r.scopeId), k -> new TreeMap<>());
        points.put(r.windowEnd, r.value);
        long newestEnd = points.lastKey();
        points.headMap(newestEnd - TREND_SPAN_MS, true).clear();
        trendVersion++;
    }

    /** {@code 999} force-wide, {@code 999@South} for an LPA. */
    static String trendKey(String queue, String lpa) {
        return lpa == null ? queue : queue + '@' + lpa;
    }

    /**
     * A record is shown only while it is of the newest window of its length (or the one a minute, the shortest
     * publishing step, before it: one window's records arrive over a moment, and a figure must not blink to "no data
     * yet" while its scope's turn comes), or of today: a queue with no calls in the newest windows shows nothing
     * there rather than an old figure.
     */
    private static boolean current(MeasureRecord r, Map<Long, Long> newestEnds, String today) {
        return switch (r.window) {
            case LIVE -> true;
            case SLIDING -> r.windowEnd >= newestEnds.get(r.windowLengthMs) - ONE_STEP_MS;
            case PERIOD -> r.start.equals(today);
        };
    }

    private ObjectNode figure(MeasureRecord r) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", r.identity());
        f.put("measure", r.measure);
        f.put("queue", r.queue);
        f.put("scope", r.scope.name());
        f.put("scopeId", r.scopeId);
        f.put("area", r.area == null ? null : r.area.name());
        f.put(
                "frame",
                r.window == WindowKind.SLIDING
                        ? Duration.ofMillis(r.windowLengthMs).toString()
                        : r.window == WindowKind.LIVE ? "LIVE" : "DAY");
        f.put("value", r.value);
        f.put("numerator", r.numerator);
        f.put("denominator", r.denominator);
        f.put("target", r.target);
        f.put("met", r.met);
        CallHandlingRule level = alertLevel(r);
        f.put("status", (level != null ? againstLevel(r, level) : status(r)).name());
        f.put("judged", level != null ? "ALERT_LEVEL" : r.target != null ? "STANDARD" : null);
        if (level != null) {
            f.put("warning", level.warning());
            f.put("critical", level.critical());
        }
        f.put("rule", r.denominatorRule);
        return f;
    }

    /**
     * The call-handling alert rule on a live figure with no standard of its own (calls waiting, the longest wait),
     * in the record's own scope level: the page colours the figure against the levels the alerts use.
     */
    CallHandlingRule alertLevel(MeasureRecord r) {
        if (r.window != WindowKind.LIVE || r.target != null || r.queue == null) {
            return null;
        }
        CallHandlingRule.ScopeLevel level =
                r.scope == Scope.FORCE ? CallHandlingRule.ScopeLevel.FORCE : CallHandlingRule.ScopeLevel.LPA;
        return config.alerts().callHandling().stream()
                .filter(rule -> CallHandlingRule.LIVE.equals(rule.window())
                        && r.queue.equals(rule.queue())
                        && r.measure.equals(rule.measure())
                        && rule.scope() == level)
                .findFirst()
                .orElse(null);
    }

    /** Red beyond the rule's critical level, amber beyond its warning, green otherwise (no value: none). */
    static Status againstLevel(MeasureRecord r, CallHandlingRule rule) {
        if (r.value == null) {
            return Status.NONE;
        }
        boolean above = rule.direction() == CallHandlingRule.Direction.ABOVE;
        java.util.function.DoublePredicate beyond = level -> above ? r.value > level : r.value < level;
        if (rule.critical() != null && beyond.test(rule.critical())) {
            return Status.RED;
        }
        return rule.warning() != null && beyond.test(rule.warning()) ? Status.AMBER : Status.GREEN;
    }

    /**
     * Red, amber or green against the standard; amber when met by less than {@code display.amberWithin} of the
     * target.
     */
    Status status(MeasureRecord r) {
        if (r.target == null || r.value == null || r.met == null) {
            return Status.NONE;
        }
        if (!r.met) {
            return Status.RED;
        }
        double margin = LOWER_IS_BETTER.contains(r.measure) ? r.target - r.value : r.value - r.target;
        return margin < amberWithin * r.target ? Status.AMBER : Status.GREEN;
    }

    enum Status {
        GREEN,
        AMBER,
        RED,
        NONE
    }

    /** What the page may show of an alert: ids, places and the sentence, nothing about a caller beyond the call id. */
    private static ObjectNode alert(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("alertId", a.alertId);
        n.put("kind", a.kind.name());
        n.put("severity", a.severity == null ? null : a.severity.name());
        n.put("state", a.state.name());
        n.put("time", a.time);
        n.put("queue", a.queue);
        n.put("lpa", a.lpa != null ? a.lpa : a.scope == Scope.LPA ? a.scopeId : null);
        n.put("district", a.district);
        n.put("incidentId", a.incidentId);
        n.put("feed", a.feed);
        n.put("sentence", a.sentence);
        ArrayNode audience = n.putArray("audience");
        a.audience.forEach(who -> audience.add(who.name()));
        n.put("acknowledgedBy", a.acknowledgedBy);
        n.put("acknowledgedAt", a.acknowledgedAt);
        n.put("acknowledgementNote", a.acknowledgementNote);
        n.put("escalatedAt", a.escalatedAt);
        return n;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always writes", e);
        }
    }
}
