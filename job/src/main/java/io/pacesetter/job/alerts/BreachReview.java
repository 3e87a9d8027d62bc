package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.state.HeldStates;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindMapState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Keyed by the force (one key: a few breaches a day), fed the breach alerts: when the watermark passes the end
 * of a local day, the day's breaches (by deadline) with no reason yet are RAISED as one
 * {@code UNREASONED_BREACHES} alert to the Pacesetter team, UPDATED as reasons come and CLEARED when none is
 * left. Breaches are held until the watermark reaches them and taken in time order, as the incident clocks
 * take their events. A day is forgotten the incidents' retention after it ends (an event-time timer).
 *
 * <p>Runs in a {@link io.pacesetter.job.state.WriteBehindOperator}: a day's lists grow with its breaches, and on
 * RocksDB writing the day back at every breach made each breach cost as much as the day so far (with the
 * changelog, logged again); held, a day is written once per checkpoint.
 */
public class BreachReview extends HoldingProcessFunction<String, Alert, Alert> {
    private final String force;
    private final ZoneId zone;
    private final long retentionMs;
    private final AlertWording words;
    private transient WriteBehindMapState<Long, ReviewDay> days;
    private transient WriteBehindMapState<Long, List<Alert>> waiting;

    public BreachReview(PacesetterConfig config) {
        this.force = config.force().name();
        this.zone = config.force().timeZone();
        this.retentionMs = config.events().incidentRetention().toMillis();
        this.words = new AlertWording(zone);
    }

    @Override
    public void open(OpenContext openContext) {
        HeldStates held = heldStates();
        days = held.map(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("review-days", Long.class, ReviewDay.class)));
        waiting = held.map(getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "waiting-breaches", Types.LONG, Types.LIST(TypeInformation.of(Alert.class)))));
    }

    @Override
    public void processElement(Alert breach, Context ctx, Collector<Alert> out) throws Exception {
        if (breach.kind != Alert.Kind.INCIDENT_BREACHED || breach.deadline == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        // A record behind the watermark (a correction from a late event) is taken at the next one.
        long at = watermark == Long.MIN_VALUE ? breach.time : Math.max(breach.time, watermark + 1);
        WriteBehindMapState.Entries<Long, List<Alert>> waitingNow = waiting.current();
        List<Alert> due = waitingNow.get(at);
        if (due == null) {
            due = new ArrayList<>();
        }
        due.add(breach);
        waitingNow.put(at, due);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        WriteBehindMapState.Entries<Long, List<Alert>> waitingNow = waiting.current();
        WriteBehindMapState.Entries<Long, ReviewDay> daysNow = days.current();
        List<Long> dueTimes = new ArrayList<>();
        for (Map.Entry<Long, List<Alert>> w : waitingNow.entries()) {
            if (w.getKey() <= timestamp) {
                dueTimes.add(w.getKey());
            }
        }
        for (Long at : dueTimes) {
            List<Alert> due = new ArrayList<>(waitingNow.get(at));
            waitingNow.remove(at);
            // Records of one instant come in no particular order: take them in a fixed one.
            due.sort(Comparator.comparing((Alert a) -> a.incidentId).thenComparingInt(a -> a.revision));
            Set<Long> changed = new TreeSet<>();
            for (Alert breach : due) {
                if (take(breach, ctx)) {
                    changed.add(dayStart(breach.deadline));
                }
            }
            for (Long start : changed) {
                ReviewDay day = daysNow.get(start);
                if (day.summary != null) {
                    Alert next = day.summary.next(day.unreasoned.isEmpty() ? Alert.State.CLEARED : Alert.State.UPDATED);
                    describe(next, day, Math.max(at, day.end));
                    day.summary = next;
                    daysNow.put(start, day);
                    out.collect(next);
                }
            }
        }
        List<Long> forget = new ArrayList<>();
        for (Map.Entry<Long, ReviewDay> entry : daysNow.entries()) {
            ReviewDay day = entry.getValue();
            if (timestamp >= day.end + retentionMs) {
                forget.add(entry.getKey());
            } else if (timestamp >= day.end && day.summary == null && !day.unreasoned.isEmpty()) {
                Alert a = new Alert();
                a.alertId = Alert.idOf(Alert.Kind.UNREASONED_BREACHES, force + '|' + words.day(day.start), day.start);
                a.kind = Alert.Kind.UNREASONED_BREACHES;
                a.severity = Alert.Severity.INFO;
                a.state = Alert.State.RAISED;
                a.episodeStart = day.start;
                a.scopeId = force;
                a.force = force;
                describe(a, day, Math.max(timestamp, day.end));
                day.summary = a;
                daysNow.put(entry.getKey(), day);
                out.collect(a);
            }
        }
        for (Long key : forget) {
            daysNow.remove(key);
        }
    }

    /** @return whether the day's list changed */
    private boolean take(Alert breach, Context ctx) throws Exception {
        long start = dayStart(breach.deadline);
        WriteBehindMapState.Entries<Long, ReviewDay> daysNow = days.current();
        ReviewDay day = daysNow.get(start);
        if (day == null) {
            day = new ReviewDay();
            day.start = start;
            day.end = Instant.ofEpochMilli(start)
                    .atZone(zone)
                    .toLocalDate()
                    .plusDays(1)
                    .atStartOfDay(zone)
                    .toInstant()
                    .toEpochMilli();
            ctx.timerService().registerEventTimeTimer(day.end);
            ctx.timerService().registerEventTimeTimer(day.end + retentionMs);
        }
        String id = breach.incidentId;
        boolean settles = breach.reason != null || "ATTENDED_IN_TIME".equals(breach.outcome);
        boolean changed;
        if (settles) {
            changed = day.unreasoned.remove(id);
            if (!day.settled.contains(id)) {
                day.settled.add(id);
            }
        } else {
            changed = !day.settled.contains(id) && !day.unreasoned.contains(id) && day.unreasoned.add(id);
        }
        daysNow.put(start, day);
        return changed;
    }

    private long dayStart(long time) {
        LocalDate date = Instant.ofEpochMilli(time).atZone(zone).toLocalDate();
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private void describe(Alert a, ReviewDay day, long time) {
        List<String> ids = new ArrayList<>(day.unreasoned);
        Collections.sort(ids);
        a.time = time;
        a.count = (long) ids.size();
        a.incidentIds = ids;
        if (ids.isEmpty()) {
            a.outcome = "ALL_REASONED";
            a.sentence = "Every missed emergency attendance on " + words.day(day.start) + " now has a reason recorded.";
        } else {
            a.sentence =
                    (ids.size() == 1 ? "1 missed emergency attendance" : ids.size() + " missed emergency attendances")
                            + " on "
                            + words.day(day.start) + (ids.size() == 1 ? " has" : " have")
                            + " no reason recorded yet, for the daily review: "
                            + AlertWording.list(ids) + ".";
        }
    }
}
