package io.pacesetter.job.alerts;

import io.pacesetter.config.CallHandlingRule;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.job.measures.MeasureRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by rule and scope: the call-handling alerts ({@code CALL_HANDLING}) of {@code alerts.callHandling},
 * each rule watching one measure of one queue (final SLIDING windows of one length, or the LIVE figure) in
 * every scope of its level, read from the records the pipeline publishes from {@link MeasureRecords}.
 * Raises, escalates and clears as docs/alerts.md ("Not flooding") says; when no figure comes for a whole
 * window the alert is CLEARED saying so and the state forgotten (an event-time timer).
 *
 * <p>A LIVE figure's sequence depends on the order changes arrive from several subtasks, so an alert on
 * one takes its episode start (and id) from the slide the figure first went beyond the level in, not
 * from the figure itself. After a restore, an alert raised since the last checkpoint is in no state: the
 * first LIVE figure of each rule and scope re-checks it, and when nothing is beyond the level sends a
 * CLEARED ({@code RECHECKED}) for the subject, which clears whatever episode of it a reader still shows.
 */
public class CallHandlingAlerts extends KeyedProcessFunction<String, RuleReading, Alert>
        implements CheckpointedFunction {
    private final PacesetterConfig config;
    private final List<CallHandlingRule> rules;
    private final AlertWording words;
    private final long slideMs;
    private transient ValueState<RuleWatch> watch;
    /** Restored from a checkpoint or savepoint: LIVE subjects not yet re-checked since are re-checked. */
    private transient boolean restored;

    private transient Set<String> rechecked;

    public CallHandlingAlerts(PacesetterConfig config) {
        this.config = config;
        this.rules = new ArrayList<>(config.alerts().callHandling());
        this.words = new AlertWording(config.force().timeZone());
        this.slideMs = config.windows().slide().toMillis();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Keyed state only: nothing of the function's own.
    }

    /** Every measure record to each rule that watches it. */
    public static FlatMapFunction<MeasureRecord, RuleReading> readings(PacesetterConfig config) {
        List<CallHandlingRule> rules = new ArrayList<>(config.alerts().callHandling());
        long[] lengthsMs = rules.stream()
                .mapToLong(rule -> rule.live() ? -1 : rule.windowLength().toMillis())
                .toArray();
        return (record, out) -> {
            for (int i = 0; i < rules.size(); i++) {
                if (watches(rules.get(i), lengthsMs[i], record)) {
                    out.collect(new RuleReading(
                            rules.get(i).name() + '|' + record.scope + '|' + record.scopeId, i, record));
                }
            }
        };
    }

    /** @param lengthMs the rule's window length, or -1 for a LIVE rule */
    static boolean watches(CallHandlingRule rule, long lengthMs, MeasureRecord r) {
        if (!rule.measure().equals(r.measure)
                || !rule.queue().equals(r.queue)
                || r.area != null
                || r.scope == null
                || !rule.scope().name().equals(r.scope.name())) {
            return false;
        }
        if (rule.live()) {
            return r.window == WindowKind.LIVE;
        }
        return r.window == WindowKind.SLIDING && r.isFinal && r.windowLengthMs != null && r.windowLengthMs == lengthMs;
    }

    @Override
    public void open(OpenContext openContext) {
        watch = getRuntimeContext().getState(new ValueStateDescriptor<>("rule-watch", RuleWatch.class));
        rechecked = new HashSet<>();
    }

    @Override
    public void processElement(RuleReading reading, Context ctx, Collector<Alert> out) throws Exception {
        CallHandlingRule rule = rules.get(reading.rule);
        MeasureRecord r = reading.record;
        long t = r.window == WindowKind.LIVE ? r.asOf : r.windowEnd;
        RuleWatch w = watch.value();
        boolean recheck = restored && rule.live() && rechecked.add(reading.key);
        boolean hadRaised = w != null && w.raised != null;
        if (w == null) {
            w = new RuleWatch();
            w.lastTime = Long.MIN_VALUE;
        } else if (t <= w.lastTime) {
            return; // an older figure than one already judged
        }
        Double v = r.value;
        boolean judged =
                v != null && (rule.minCalls() == 0 || r.denominator == null || r.denominator >= rule.minCalls());
        Alert.Severity beyond = null;
        if (judged) {
            if (rule.critical() != null && rule.beyond(v, rule.critical())) {
                beyond = Alert.Severity.CRITICAL;
            } else if (rule.beyond(v, rule.warning())) {
                beyond = Alert.Severity.WARNING;
            }
        }
        if (w.raised != null) {
            if (judged && rule.recovered(v)) {
                Alert cleared = figures(w.raised.next(Alert.State.CLEARED), r, t, rule.clear());
                cleared.outcome = "RECOVERED";
                cleared.sentence = capitalised(what(r.measure, r.queue)) + " " + when(rule, t)
                        + scope(r.scope, r.scopeId) + " is back to " + value(rule, v)
                        + figuresInBrackets(rule, r) + ", "
                        + (rule.direction() == CallHandlingRule.Direction.BELOW ? "at or above " : "at or below ")
                        + value(rule, rule.clear()) + ": cleared after "
                        + AlertWording.duration(t - w.raised.episodeStart) + ".";
                out.collect(cleared);
                w.raised = null;
                w.beyondSince = null;
            } else if (beyond == Alert.Severity.CRITICAL && w.raised.severity == Alert.Severity.WARNING) {
                Alert critical = figures(w.raised.next(Alert.State.UPDATED), r, t, rule.critical());
                critical.severity = Alert.Severity.CRITICAL;
                critical.sentence =
                        capitalised(what(r.measure, r.queue)) + " " + when(rule, t) + scope(r.scope, r.scopeId)
                                + " is now " + value(rule, v) + figuresInBrackets(rule, r) + ", " + side(rule)
                                + " the critical level of " + value(rule, rule.critical()) + standard(rule, r) + ".";
                out.collect(critical);
                w.raised = critical;
            }
        } else if (beyond != null) {
            if (w.beyondSince == null) {
                w.beyondSince = t;
            }
            if (t - w.beyondSince >= rule.minDuration().toMillis()) {
                out.collect(w.raised = raise(rule, reading.key, r, t, w.beyondSince, beyond));
            }
        } else {
            w.beyondSince = null; // back short of the level, or too few calls: the minimum duration starts again
        }

        if (w.staleTimer != null) {
            ctx.timerService().deleteEventTimeTimer(w.staleTimer);
            w.staleTimer = null;
        }
        if (recheck && !hadRaised && beyond == null) {
            out.collect(recheckCleared(rule, reading.key, r, t));
        }
        if (w.raised == null && w.beyondSince == null) {
            watch.clear();
            return;
        }
        w.lastTime = t;
        w.staleTimer = t + staleAfter(rule).toMillis();
        ctx.timerService().registerEventTimeTimer(w.staleTimer);
        watch.update(w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RuleWatch w = watch.value();
        if (w == null || w.staleTimer == null || w.staleTimer != timestamp) {
            return;
        }
        if (w.raised != null) {
            Alert cleared = w.raised.next(Alert.State.CLEARED);
            cleared.outcome = "NO_FIGURES";
            cleared.time = timestamp;
            cleared.sentence =
                    "No new figure for " + what(cleared.measure, cleared.queue) + scope(cleared.scope, cleared.scopeId)
                            + " since " + words.clock(w.lastTime) + " (no calls to count): the alert is cleared.";
            out.collect(cleared);
        }
        watch.clear();
    }

    /** A window's figure stops when the window is empty; a live figure is refreshed every slide while calls wait. */
    private static Duration staleAfter(CallHandlingRule rule) {
        return rule.live() ? Duration.ofHours(1) : rule.windowLength();
    }

    private Alert raise(
            CallHandlingRule rule, String key, MeasureRecord r, long t, long since, Alert.Severity severity) {
        Alert a = subject(key, r, rule.live() ? Math.floorDiv(since, slideMs) * slideMs : since);
        a.severity = severity;
        a.state = Alert.State.RAISED;
        double level = severity == Alert.Severity.CRITICAL ? rule.critical() : rule.warning();
        figures(a, r, t, level);
        a.sentence = capitalised(what(r.measure, r.queue)) + " " + when(rule, t) + scope(r.scope, r.scopeId) + ": "
                + value(rule, r.value) + figuresInBrackets(rule, r) + ", "
                + side(rule) + " the " + (severity == Alert.Severity.CRITICAL ? "critical" : "warning") + " level of "
                + value(rule, level) + standard(rule, r) + (since < t ? ", since " + words.clock(since) : "") + ".";
        return a;
    }

    /**
     * After a restore, a LIVE figure not beyond the level with no alert in state: whatever episode of this
     * subject was raised since the checkpoint no longer holds. Its own id (the figure's moment), revision 0.
     */
    private Alert recheckCleared(CallHandlingRule rule, String key, MeasureRecord r, long t) {
        Alert a = subject(key, r, t);
        a.alertId = Alert.idOf(Alert.Kind.CALL_HANDLING, key + "|RECHECKED", t); // never an episode's id
        a.severity = Alert.Severity.INFO;
        a.state = Alert.State.CLEARED;
        a.outcome = "RECHECKED";
        figures(a, r, t, rule.warning());
        a.sentence = capitalised(what(r.measure, r.queue)) + " " + when(rule, t) + scope(r.scope, r.scopeId)
                + " is " + (r.value == null ? "not measured" : value(rule, r.value)) + ", not "
                + side(rule) + " the warning level of " + value(rule, rule.warning())
                + ": re-checked after a restart, any alert on it is cleared.";
        return a;
    }

    /** An alert on the subject of {@code key} (a rule in one scope) for the episode from {@code episodeStart}. */
    private Alert subject(String key, MeasureRecord r, long episodeStart) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(Alert.Kind.CALL_HANDLING, key, episodeStart);
        a.kind = Alert.Kind.CALL_HANDLING;
        a.episodeStart = episodeStart;
        a.measure = r.measure;
        a.queue = r.queue;
        a.scope = r.scope;
        a.scopeId = r.scopeId;
        a.window = r.window;
        a.windowLengthMs = r.windowLengthMs;
        if (r.scope == Scope.DISTRICT) {
            a.district = r.scopeId;
            a.lpa = config.referenceData().lpaOf(r.scopeId);
        } else if (r.scope == Scope.LPA) {
            a.lpa = r.scopeId;
        }
        a.force = config.force().name();
        return a;
    }

    private static Alert figures(Alert a, MeasureRecord r, long t, double level) {
        a.time = t;
        a.value = r.value;
        a.numerator = r.numerator;
        a.denominator = r.denominator;
        a.target = r.target;
        a.level = level;
        return a;
    }

    /** {@code 999 calls answered within 10 s}, {@code the longest current wait in the 999 queue}. */
    private String what(String measure, String q) {
        return switch (measure) {
            case "ANSWERED_WITHIN_STANDARD" -> {
                QueueStandard standard = config.standardFor(q);
                yield q + " calls answered within "
                        + AlertWording.duration(standard.answerThreshold().toMillis());
            }
            case "ABANDONMENT_RATE" -> q + " calls abandoned";
            case "MEAN_WAIT_SECONDS" -> "the mean wait of answered " + q + " calls";
            case "P90_WAIT_SECONDS" -> "the 90th-percentile wait of answered " + q + " calls";
            case "CALLS_ANSWERED" -> q + " calls answered";
            case "CALLS_ABANDONED" -> q + " calls abandoned";
            case "ANSWER_BAND_UNDER_10S" -> q + " calls answered in under 10 s";
            case "ANSWER_BAND_10_TO_60S" -> q + " calls answered in 10 to 60 s";
            case "ANSWER_BAND_60S_PLUS" -> q + " calls answered after 60 s or more";
            case "LONGEST_WAIT_SECONDS" -> "the longest current wait in the " + q + " queue";
            case "CALLS_WAITING" -> q + " calls waiting";
            default -> measure + " for " + q + " calls";
        };
    }

    /** {@code in the hour to 09:00}, {@code at 09:00:12}. */
    private String when(CallHandlingRule rule, long t) {
        if (rule.live()) {
            return "at " + words.clock(t);
        }
        Duration length = rule.windowLength();
        String span =
                length.equals(Duration.ofHours(1)) ? "the hour" : "the " + AlertWording.duration(length.toMillis());
        return "in " + span + " to " + words.minute(t);
    }

    private static String scope(Scope scope, String scopeId) {
        return switch (scope) {
            case FORCE -> "";
            case LPA -> " in " + scopeId + " LPA";
            case DISTRICT -> " in " + scopeId;
        };
    }

    private static boolean isRate(String measure) {
        return measure.equals("ANSWERED_WITHIN_STANDARD")
                || measure.equals("ABANDONMENT_RATE")
                || measure.startsWith("ANSWER_BAND_");
    }

    private static boolean isSeconds(String measure) {
        return measure.endsWith("_SECONDS");
    }

    private static String value(CallHandlingRule rule, double v) {
        if (isRate(rule.measure())) {
            return AlertWording.percent(v);
        }
        return AlertWording.number(v) + (isSeconds(rule.measure()) ? " s" : "");
    }

    /** {@code  (39 of 50)} for a rate. */
    private static String figuresInBrackets(CallHandlingRule rule, MeasureRecord r) {
        if (isRate(rule.measure()) && r.numerator != null && r.denominator != null) {
            return " (" + AlertWording.number(r.numerator) + " of " + AlertWording.number(r.denominator) + ")";
        }
        return "";
    }

    private static String side(CallHandlingRule rule) {
        return rule.direction() == CallHandlingRule.Direction.BELOW ? "below" : "above";
    }

    private static String standard(CallHandlingRule rule, MeasureRecord r) {
        return r.target == null ? "" : " (the standard is " + value(rule, r.target) + ")";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
