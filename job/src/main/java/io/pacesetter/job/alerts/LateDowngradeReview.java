package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.ResponseTime;
import io.pacesetter.job.measures.ResponseStage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the force (one key: a few a day), fed the late downgrades and cancellations {@link IncidentClock}
 * counts (docs/contracts.md, "Late downgrades"): when the watermark passes the end of a local day, that day's are
 * RAISED as one {@code LATE_DOWNGRADES} alert (INFO, to the Pacesetter team) for the daily review, each with the
 * time, how near the deadline it was and the reason given; UPDATED when a late event adds one; CLEARED once the
 * incidents' retention has passed the day's end (no event can change it any more), and the day is forgotten.
 */
public class LateDowngradeReview extends KeyedProcessFunction<String, ResponseTime, Alert> {
    private final String force;
    private final ZoneId zone;
    private final ReferenceData reference;
    private final long retentionMs;
    private final AlertWording words;
    private transient MapState<Long, LateDay> days;

    public LateDowngradeReview(PacesetterConfig config) {
        this.force = config.force().name();
        this.zone = config.force().timeZone();
        this.reference = config.referenceData();
        this.retentionMs = config.events().incidentRetention().toMillis();
        this.words = new AlertWording(zone);
    }

    @Override
    public void open(OpenContext openContext) {
        days = getRuntimeContext().getMapState(new MapStateDescriptor<>("late-days", Long.class, LateDay.class));
    }

    @Override
    public void processElement(ResponseTime late, Context ctx, Collector<Alert> out) throws Exception {
        if (!late.late()) {
            return;
        }
        LocalDate date = Instant.ofEpochMilli(late.at).atZone(zone).toLocalDate();
        long start = date.atStartOfDay(zone).toInstant().toEpochMilli();
        LateDay day = days.get(start);
        if (day == null) {
            day = new LateDay();
            day.start = start;
            day.end = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            ctx.timerService().registerEventTimeTimer(day.end);
            ctx.timerService().registerEventTimeTimer(day.end + retentionMs);
        }
        if (day.incidentIds.contains(late.incidentId)) {
            return; // a re-delivery after a restart
        }
        int i = 0;
        while (i < day.times.size()
                && (day.times.get(i) < late.at
                        || (day.times.get(i) == late.at
                                && day.incidentIds.get(i).compareTo(late.incidentId) < 0))) {
            i++;
        }
        day.times.add(i, late.at);
        day.incidentIds.add(i, late.incidentId);
        day.lines.add(i, line(late));
        if (day.summary != null && day.summary.isActive()) {
            Alert next = day.summary.next(Alert.State.UPDATED);
            describe(next, day, Math.max(late.at, day.end));
            day.summary = next;
            out.collect(next);
        }
        days.put(start, day);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Long> forget = new ArrayList<>();
        for (Map.Entry<Long, LateDay> entry : days.entries()) {
            LateDay day = entry.getValue();
            if (timestamp >= day.end + retentionMs) {
                if (day.summary != null && day.summary.isActive()) {
                    Alert cleared = day.summary.next(Alert.State.CLEARED);
                    cleared.time = day.end + retentionMs;
                    cleared.outcome = "REVIEW_CLOSED";
                    cleared.sentence = "The list of late downgrades and cancellations of " + words.day(day.start)
                            + " can no longer change (" + day.incidentIds.size() + " listed).";
                    out.collect(cleared);
                }
                forget.add(entry.getKey());
            } else if (timestamp >= day.end && day.summary == null && !day.incidentIds.isEmpty()) {
                Alert a = new Alert();
                a.alertId = Alert.idOf(Alert.Kind.LATE_DOWNGRADES, force + '|' + words.day(day.start), day.start);
                a.kind = Alert.Kind.LATE_DOWNGRADES;
                a.severity = Alert.Severity.INFO;
                a.audience.add(Alert.Audience.PACESETTER);
                a.state = Alert.State.RAISED;
                a.episodeStart = day.start;
                a.scopeId = force;
                a.force = force;
                describe(a, day, day.end);
                day.summary = a;
                days.put(entry.getKey(), day);
                out.collect(a);
            }
        }
        for (Long key : forget) {
            days.remove(key);
        }
    }

    private void describe(Alert a, LateDay day, long time) {
        a.time = time;
        a.count = (long) day.incidentIds.size();
        a.incidentIds = new ArrayList<>(day.incidentIds);
        int n = day.incidentIds.size();
        a.sentence = (n == 1 ? "1 grade-1 incident was" : n + " grade-1 incidents were") + " downgraded or cancelled"
                + " late on " + words.day(day.start) + ", with nobody on scene, for the daily review: "
                + String.join("; ", day.lines) + ".";
    }

    private String line(ResponseTime late) {
        String lpa = late.district == null ? null : reference.lpaOf(late.district);
        String what = late.stage == ResponseStage.LATE_CANCELLATION
                ? "cancelled"
                : "downgraded" + (late.grade == null ? "" : " to grade " + late.grade);
        String when = late.ms < 0
                ? AlertWording.duration(-late.ms) + " before its deadline"
                : late.ms == 0 ? "at its deadline" : AlertWording.duration(late.ms) + " after its deadline";
        return late.incidentId + AlertWording.where(late.district, lpa) + " " + what + " at " + words.clock(late.at)
                + ", " + when + " (" + (late.reason == null ? "no reason given" : "reason: " + late.reason) + ")";
    }
}
