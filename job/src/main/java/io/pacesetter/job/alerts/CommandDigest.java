package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.ingest.LiveClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty Command Officer's digest, keyed by the force (one key): at each of {@code alerts.digestAt} (local
 * time) and on demand (a {@code DIGEST} action), one {@code COMMAND_DIGEST} alert: the grade-1 breaches since the
 * last digest by LPA, with reasons recorded and missing; the incidents at risk at that moment; and the
 * call-handling alerts raised since and active now. Individual breaches reach the officer only here.
 *
 * <p>Fed the rules' alert records (before routing). It keeps the newest record of each breach, at-risk and
 * call-handling alert with when it began and ended, so the digest of moment T is the same whatever order the
 * records came in: a scheduled digest fires when the watermark passes T (a replay) or, live, when T comes by the
 * wall clock ({@link LiveClock}), and counts what began before T and had not ended by T. Breaches once reported,
 * and alerts ended, are dropped at the digest; anything older than {@code events.incidentRetention} is dropped
 * too, so the state stays small.
 */
public class CommandDigest extends KeyedCoProcessFunction<String, Alert, AlertAction, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDigest.class);

    private final String force;
    private final DigestTimes times;
    private final AlertWording words;
    private final LiveClock clock;
    private final long retentionMs;

    private transient MapState<String, DigestEntry> entries;
    /** The moment of the last digest (the next one covers from here). */
    private transient ValueState<Long> since;
    /** The scheduled digest a timer is set for. */
    private transient ValueState<Long> next;
    /** The latest moment of any record read: once the input has ended, digests stop at the first after it. */
    private transient ValueState<Long> lastSeen;

    public CommandDigest(PacesetterConfig config, LiveClock clock) {
        this.force = config.force().name();
        this.times = new DigestTimes(config.force().timeZone(), config.alerts().digestAt());
        this.words = new AlertWording(config.force().timeZone());
        this.clock = clock;
        this.retentionMs = config.events().incidentRetention().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        entries = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("digest-alerts", Types.STRING, Types.POJO(DigestEntry.class)));
        since = getRuntimeContext().getState(new ValueStateDescriptor<>("digest-since", Types.LONG));
        next = getRuntimeContext().getState(new ValueStateDescriptor<>("digest-next", Types.LONG));
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("digest-last-seen", Types.LONG));
    }

    /** Whether the digest reads this record: breaches, at-risk and call-handling alerts. */
    public static boolean reads(Alert a) {
        return a.kind == Alert.Kind.INCIDENT_BREACHED
                || a.kind == Alert.Kind.INCIDENT_AT_RISK
                || a.kind == Alert.Kind.CALL_HANDLING;
    }

    @Override
    public void processElement1(Alert a, Context ctx, Collector<Alert> out) throws Exception {
        if (!reads(a) || "RECHECKED".equals(a.outcome)) {
            return;
        }
        Long seen = lastSeen.value();
        // Only a raised alert is news: a replay's end also clears what was never ended, days ahead.
        if (a.state == Alert.State.RAISED && (seen == null || a.time > seen)) {
            lastSeen.update(a.time);
        }
        schedule(a.time, ctx);
        DigestEntry e = entries.get(a.alertId);
        if (e == null) {
            e = new DigestEntry();
        }
        e.add(a);
        entries.put(a.alertId, e);
    }

    @Override
    public void processElement2(AlertAction action, Context ctx, Collector<Alert> out) throws Exception {
        if (action.kind != AlertAction.Kind.DIGEST) {
            return;
        }
        long now;
        if (clock != null) {
            now = clock.eventTimeAt(action.at);
        } else {
            long watermark = ctx.timerService().currentWatermark();
            now = watermark == Long.MIN_VALUE ? action.at : watermark;
        }
        LOG.info("Digest asked for by {} at {}", action.by, words.clock(now));
        digest(now, "asked for by " + action.by, out);
        schedule(now, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long due = next.value();
        if (due == null) {
            return;
        }
        long eventTime = clock != null ? clock.eventTimeAt(timestamp) : timestamp;
        if (eventTime < due) {
            return; // a timer of a schedule since replaced
        }
        next.clear();
        boolean ended = clock == null && ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        Long seen = lastSeen.value();
        // Once the input has ended, the digests go on to the first after the last record, and stop: the same
        // digests whether a timer fired before the input ended or only at its end.
        long last = seen == null ? due : times.after(seen);
        if (ended && due > last) {
            return;
        }
        digest(due, "at " + words.minute(due), out);
        if (!ended || times.after(due) <= last) {
            schedule(due, ctx);
        }
    }

    /**
     * A timer for the first digest moment after {@code t} (and after the last digest given), unless one as early is
     * set: records come in any order, so a later record may be the first seen.
     */
    private void schedule(long t, Context ctx) throws Exception {
        Long given = since.value();
        long due = times.after(given == null ? t : Math.max(t, given));
        Long set = next.value();
        if (set != null && set <= due) {
            return;
        }
        next.update(due);
        if (clock != null) {
            ctx.timerService().registerProcessingTimeTimer(clock.wallTimeAt(due));
        } else {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    /** The digest of moment {@code t}: what began before it since the last one, and what is active at it. */
    private void digest(long t, String why, Collector<Alert> out) throws Exception {
        Long from = since.value();
        long start = from != null ? from : times.atOrBefore(t - 1);
        if (from != null && t <= from) {
            return; // already given for this moment
        }
        Map<String, Alert.LpaBreaches> byLpa = new TreeMap<>();
        List<String> atRisk = new ArrayList<>();
        List<String> callHandlingActive = new ArrayList<>();
        long callHandlingRaised = 0;
        List<String> forget = new ArrayList<>();
        List<Map.Entry<String, DigestEntry>> all = new ArrayList<>();
        for (Map.Entry<String, DigestEntry> e : entries.entries()) {
            all.add(Map.entry(e.getKey(), e.getValue()));
        }
        all.sort(Comparator.comparingLong(
                        (Map.Entry<String, DigestEntry> e) -> e.getValue().firstTime())
                .thenComparing(Map.Entry::getKey));
        List<String> reported = new ArrayList<>();
        for (Map.Entry<String, DigestEntry> entry : all) {
            DigestEntry e = entry.getValue();
            // Each alert as it stood at t, whichever of its later records have already come.
            Alert a = e.asOf(t);
            if (t - e.firstTime() > retentionMs) {
                forget.add(entry.getKey());
                continue;
            }
            if (a == null || e.firstTime() >= t) {
                continue; // the next digest's
            }
            switch (a.kind) {
                case INCIDENT_BREACHED -> {
                    if (e.reported) {
                        continue; // in an earlier digest; kept so its later records do not count it again
                    }
                    // A correction (attended in time after all) is no breach.
                    if (!"ATTENDED_IN_TIME".equals(a.outcome)) {
                        Alert.LpaBreaches l = byLpa.computeIfAbsent(a.lpa == null ? "(no LPA)" : a.lpa, lpa -> {
                            Alert.LpaBreaches n = new Alert.LpaBreaches();
                            n.lpa = lpa;
                            return n;
                        });
                        l.breaches++;
                        if (a.reason != null) {
                            l.reasonRecorded++;
                        } else {
                            l.reasonMissing++;
                            l.missingIncidentIds.add(a.incidentId);
                        }
                    }
                    reported.add(entry.getKey());
                }
                case INCIDENT_AT_RISK -> {
                    if (e.activeAt(t)) {
                        atRisk.add(a.incidentId);
                    } else {
                        forget.add(entry.getKey());
                    }
                }
                case CALL_HANDLING -> {
                    if (e.firstTime() >= start) {
                        callHandlingRaised++;
                    }
                    if (e.activeAt(t)) {
                        callHandlingActive.add(a.sentence);
                    } else {
                        forget.add(entry.getKey());
                    }
                }
                default -> forget.add(entry.getKey());
            }
        }
        for (String id : forget) {
            entries.remove(id);
        }
        for (String id : reported) {
            DigestEntry e = entries.get(id);
            e.reported = true;
            entries.put(id, e);
        }
        since.update(t);

        Alert d = new Alert();
        d.alertId = Alert.idOf(Alert.Kind.COMMAND_DIGEST, force, t);
        d.kind = Alert.Kind.COMMAND_DIGEST;
        d.severity = Alert.Severity.INFO;
        d.state = Alert.State.RAISED;
        d.time = t;
        d.episodeStart = t;
        d.since = start;
        d.scope = Scope.FORCE;
        d.scopeId = force;
        d.force = force;
        d.breachesByLpa = new ArrayList<>(byLpa.values());
        d.incidentIds = atRisk;
        d.count = byLpa.values().stream().mapToLong(l -> l.breaches).sum();
        d.callHandlingRaised = callHandlingRaised;
        d.callHandlingActive = callHandlingActive;
        d.sentence = sentence(d, why);
        out.collect(d);
    }

    private String sentence(Alert d, String why) {
        StringBuilder s = new StringBuilder("Digest ")
                .append(why)
                .append(", ")
                .append(words.day(d.time))
                .append(": ");
        long missing = d.breachesByLpa.stream().mapToLong(l -> l.reasonMissing).sum();
        if (d.count == 0) {
            s.append("no grade-1 breaches since ").append(words.minute(d.since));
        } else {
            List<String> lpas = new ArrayList<>();
            for (Alert.LpaBreaches l : d.breachesByLpa) {
                lpas.add(l.lpa + " " + l.breaches);
            }
            s.append(d.count)
                    .append(d.count == 1 ? " grade-1 breach" : " grade-1 breaches")
                    .append(" since ")
                    .append(words.minute(d.since))
                    .append(" (")
                    .append(String.join(", ", lpas))
                    .append("), ")
                    .append(missing)
                    .append(" with no reason recorded");
        }
        s.append("; ")
                .append(d.incidentIds.isEmpty() ? "no" : String.valueOf(d.incidentIds.size()))
                .append(d.incidentIds.size() == 1 ? " incident at risk now" : " incidents at risk now");
        s.append("; call handling: ")
                .append(d.callHandlingRaised)
                .append(d.callHandlingRaised == 1 ? " alert raised, " : " alerts raised, ")
                .append(d.callHandlingActive.size())
                .append(" active.");
        return s.toString();
    }
}
