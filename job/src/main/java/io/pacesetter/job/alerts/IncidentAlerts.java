package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentNotice;
import io.pacesetter.job.incidents.IncidentState;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by incidentId: turns {@link IncidentClock}'s notices into the incident alerts of docs/alerts.md:
 * {@code INCIDENT_AT_RISK} and {@code INCIDENT_BREACHED}, each CLEARED with how the incident ended (a breach
 * told early and then found attended in time, as a correction), and a breach UPDATED (or its CLEARED record
 * re-issued) when its reason is recorded. One alert per (kind, incident, clock), raised once whichever path
 * told it first. The state is kept until the incident's retention after its latest notice (an event-time
 * timer).
 */
public class IncidentAlerts extends KeyedProcessFunction<String, IncidentNotice, Alert> {
    private final String force;
    private final ReferenceData reference;
    private final long retentionMs;
    private final AlertWording words;
    private transient ValueState<IncidentAlertBook> book;

    public IncidentAlerts(PacesetterConfig config) {
        this.force = config.force().name();
        this.reference = config.referenceData();
        this.retentionMs = config.events().incidentRetention().toMillis();
        this.words = new AlertWording(config.force().timeZone());
    }

    @Override
    public void open(OpenContext openContext) {
        book = getRuntimeContext().getState(new ValueStateDescriptor<>("incident-alerts", IncidentAlertBook.class));
    }

    @Override
    public void processElement(IncidentNotice n, Context ctx, Collector<Alert> out) throws Exception {
        IncidentAlertBook b = book.value();
        boolean known = b != null;
        if (b == null) {
            if (n.state != IncidentState.AT_RISK && n.state != IncidentState.BREACHED) {
                return; // nothing was raised for it, and nothing is to be
            }
            b = new IncidentAlertBook();
        }
        switch (n.state) {
            case AT_RISK -> atRisk(b, n, out);
            case BREACHED -> breached(b, n, out);
            case GONE -> gone(b, n, out);
            case OPEN -> {}
        }
        if (n.reason != null) {
            giveReason(b, n, out);
        }
        if (b.alerts.isEmpty()) {
            return;
        }
        if (n.state == IncidentState.GONE && n.cause == null && !n.provisional) {
            // The clock has forgotten the incident: no further notice can come for it.
            if (known) {
                ctx.timerService().deleteEventTimeTimer(b.forgetAt);
            }
            book.clear();
            return;
        }
        long forget = Math.max(b.forgetAt, n.time + retentionMs);
        if (forget != b.forgetAt) {
            if (known) {
                ctx.timerService().deleteEventTimeTimer(b.forgetAt);
            }
            ctx.timerService().registerEventTimeTimer(forget);
            b.forgetAt = forget;
        }
        book.update(b);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        IncidentAlertBook b = book.value();
        if (b != null && timestamp >= b.forgetAt) {
            book.clear();
        }
    }

    private void atRisk(IncidentAlertBook b, IncidentNotice n, Collector<Alert> out) {
        if (find(b, Alert.Kind.INCIDENT_AT_RISK, n.deadline) != null
                || find(b, Alert.Kind.INCIDENT_BREACHED, n.deadline) != null) {
            return; // told already, early or on time
        }
        for (int i = 0; i < b.alerts.size(); i++) {
            Alert other = b.alerts.get(i);
            if (other.isActive() && other.kind == Alert.Kind.INCIDENT_AT_RISK) {
                // The clock was corrected (an earlier upgrade came to light): one at-risk alert at a time.
                clear(
                        b,
                        i,
                        "SUPERSEDED",
                        n.time,
                        "Incident " + n.incidentId + "'s clock was corrected by a late event: "
                                + "see the newer at-risk alert.",
                        null,
                        out);
            }
        }
        Alert a = raise(b, Alert.Kind.INCIDENT_AT_RISK, n, Alert.Severity.WARNING);
        long limit = n.deadline - n.clockStart;
        a.sentence = "Grade 1 incident " + n.incidentId + where(n) + " has had nobody on scene for "
                + AlertWording.duration(n.time - n.clockStart) + " of its " + AlertWording.duration(limit)
                + " attendance limit; the limit passes at " + words.clock(n.deadline) + "."
                + (n.dispatchedAt == null
                        ? " No unit has been dispatched."
                        : " A unit was dispatched at " + words.clock(n.dispatchedAt) + ", "
                                + AlertWording.duration(Math.max(0, n.time - n.dispatchedAt)) + " ago.");
        a.dispatchedAt = n.dispatchedAt;
        out.collect(a);
    }

    private void breached(IncidentAlertBook b, IncidentNotice n, Collector<Alert> out) {
        if (find(b, Alert.Kind.INCIDENT_BREACHED, n.deadline) != null) {
            return;
        }
        Alert risk = find(b, Alert.Kind.INCIDENT_AT_RISK, n.deadline);
        if (risk != null && risk.isActive()) {
            clear(
                    b,
                    b.alerts.indexOf(risk),
                    "BREACHED",
                    n.time,
                    "Incident " + n.incidentId + " is no longer at risk: its limit passed at " + words.clock(n.deadline)
                            + " with nobody on scene (see the breach alert).",
                    null,
                    out);
        }
        Alert a = raise(b, Alert.Kind.INCIDENT_BREACHED, n, Alert.Severity.CRITICAL);
        a.reason = n.reason;
        a.sentence = "Grade 1 incident " + n.incidentId + where(n) + " passed its "
                + AlertWording.duration(n.deadline - n.clockStart)
                + " attendance limit at " + words.clock(n.deadline) + " with nobody on scene: the standard is missed"
                + (n.reason == null
                        ? " and a reason will be needed for the review."
                        : "; reason recorded: " + n.reason + ".");
        out.collect(a);
    }

    /**
     * The incident left the board. An arrival, a cancellation or a closure ends its story, so every
     * alert still raised for it is cleared; a downgrade ends only the clock it stopped.
     */
    private void gone(IncidentAlertBook b, IncidentNotice n, Collector<Alert> out) {
        boolean wholeIncident = n.cause != IncidentEventType.GRADED;
        for (int i = 0; i < b.alerts.size(); i++) {
            Alert a = b.alerts.get(i);
            if (!a.isActive() || (!wholeIncident && !Objects.equals(a.deadline, n.deadline))) {
                continue;
            }
            String id = n.incidentId;
            String outcome;
            String sentence;
            boolean breach = a.kind == Alert.Kind.INCIDENT_BREACHED;
            if (n.cause == IncidentEventType.ARRIVED && n.arrivedAt != null) {
                boolean inTime = n.arrivedAt <= a.deadline;
                if (breach && inTime) {
                    outcome = "ATTENDED_IN_TIME";
                    sentence = "Correction: a unit had in fact arrived at incident " + id + " at "
                            + words.clock(n.arrivedAt)
                            + ", within its " + AlertWording.duration(a.deadline - a.clockStart)
                            + " limit (the arrival was reported late); "
                            + "this breach alert is withdrawn.";
                } else if (inTime) {
                    outcome = "ATTENDED";
                    sentence = "A unit arrived at incident " + id + " at " + words.clock(n.arrivedAt) + ", "
                            + AlertWording.duration(n.arrivedAt - a.clockStart)
                            + " after it became grade 1: within its "
                            + AlertWording.duration(a.deadline - a.clockStart) + " limit.";
                } else {
                    outcome = "ATTENDED_LATE";
                    sentence = "A unit arrived at incident " + id + " at " + words.clock(n.arrivedAt) + ", "
                            + AlertWording.duration(n.arrivedAt - a.deadline)
                            + " after its limit passed: the standard is missed"
                            + (breach && a.reason == null && n.reason == null
                                    ? " and a reason is needed for the review."
                                    : ".");
                }
            } else if (n.cause == IncidentEventType.CANCELLED) {
                outcome = breach ? "CANCELLED_AFTER_BREACH" : "CANCELLED";
                sentence = breach
                        ? "Incident " + id + " was cancelled at " + words.clock(n.time)
                                + ", after its limit passed: the breach stands"
                                + (a.reason == null && n.reason == null
                                        ? " and a reason is needed for the review."
                                        : ".")
                        : "Incident " + id + " was cancelled at " + words.clock(n.time)
                                + ", before its limit: it no longer counts " + "against the attendance standard.";
            } else if (n.cause == IncidentEventType.GRADED) {
                outcome = "DOWNGRADED";
                sentence = "Incident " + id + " was downgraded" + (n.grade == null ? "" : " to grade " + n.grade)
                        + " at " + words.clock(n.time)
                        + ", before its limit: it leaves the emergency attendance standard.";
            } else if (n.cause == IncidentEventType.CLOSED) {
                outcome = "CLOSED";
                sentence = "Incident " + id + " was closed at " + words.clock(n.time) + " with nobody recorded on scene"
                        + (breach ? "; the breach stands." : ".");
            } else {
                outcome = "FORGOTTEN";
                sentence = "Nothing has been heard of incident " + id + " since " + words.clock(n.time - retentionMs)
                        + ": it is taken off the alerts.";
            }
            clear(b, i, outcome, n.time, sentence, n, out);
        }
    }

    /** A reason for the breach: on the breach's next record, while it is raised or after it was cleared. */
    private void giveReason(IncidentAlertBook b, IncidentNotice n, Collector<Alert> out) {
        for (int i = 0; i < b.alerts.size(); i++) {
            Alert a = b.alerts.get(i);
            if (a.kind != Alert.Kind.INCIDENT_BREACHED || a.reason != null || "ATTENDED_IN_TIME".equals(a.outcome)) {
                continue;
            }
            Alert next = a.next(a.isActive() ? Alert.State.UPDATED : Alert.State.CLEARED);
            next.reason = n.reason;
            next.time = Math.max(a.time, n.time);
            next.sentence =
                    "The reason recorded for the missed attendance at incident " + n.incidentId + ": " + n.reason + ".";
            b.alerts.set(i, next);
            out.collect(next);
        }
    }

    private Alert raise(IncidentAlertBook b, Alert.Kind kind, IncidentNotice n, Alert.Severity severity) {
        Alert a = new Alert();
        a.alertId = Alert.idOf(kind, n.incidentId, n.clockStart);
        a.kind = kind;
        a.severity = severity;
        a.state = Alert.State.RAISED;
        a.time = n.time;
        a.episodeStart = n.clockStart;
        a.incidentId = n.incidentId;
        a.district = n.district;
        a.lpa = n.district == null ? null : reference.lpaOf(n.district);
        a.area = n.area;
        a.clockStart = n.clockStart;
        a.deadline = n.deadline;
        a.force = force;
        b.alerts.add(a);
        return a;
    }

    private void clear(
            IncidentAlertBook b,
            int index,
            String outcome,
            long time,
            String sentence,
            IncidentNotice n,
            Collector<Alert> out) {
        Alert a = b.alerts.get(index);
        Alert cleared = a.next(Alert.State.CLEARED);
        cleared.outcome = outcome;
        cleared.time = time; // when it ended, which for a correction is the (late-reported) arrival, before the breach
        cleared.sentence = sentence;
        if (n != null) {
            cleared.arrivedAt = n.arrivedAt;
            if (cleared.kind == Alert.Kind.INCIDENT_BREACHED
                    && cleared.reason == null
                    && n.reason != null
                    && !"ATTENDED_IN_TIME".equals(outcome)) {
                cleared.reason = n.reason;
                cleared.sentence = sentence + " Reason recorded: " + n.reason + ".";
            }
        }
        b.alerts.set(index, cleared);
        out.collect(cleared);
    }

    private static Alert find(IncidentAlertBook b, Alert.Kind kind, Long deadline) {
        for (Alert a : b.alerts) {
            if (a.kind == kind && Objects.equals(a.deadline, deadline)) {
                return a;
            }
        }
        return null;
    }

    private String where(IncidentNotice n) {
        return AlertWording.where(n.district, n.district == null ? null : reference.lpaOf(n.district));
    }
}
