package io.pacesetter.connectors.contract;

import io.pacesetter.config.Area;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One alert, as docs/alerts.md defines it: who is told (audience), what (kind, subject,
 * figures, one plain sentence) and where it stands (RAISED, UPDATED, CLEARED). A Flink POJO.
 *
 * <p>Every record of one alert carries the same {@link #alertId} (a hash of its kind, its subject
 * and the start of its episode), and {@link #revision} counts its records: 0 when RAISED, one more
 * for each UPDATED and for the CLEARED. {@code (alertId, revision)} is one delivery's identity: a
 * redelivery after a restart repeats it exactly, and a reader that keeps the highest revision per
 * {@code alertId} sees each alert once, in its latest state, whatever order deliveries came in.
 */
public class Alert {
    /** What the alert is about. */
    public enum Kind {
        /** A grade-1 incident has used the at-risk share of its limit with nobody on scene. */
        INCIDENT_AT_RISK,
        /** A grade-1 incident's limit passed with nobody on scene. */
        INCIDENT_BREACHED,
        /** A caller hung up in an emergency queue before being answered: call them back. */
        CALLBACK_ABANDONED_999,
        /** A call-handling figure went beyond a configured level. */
        CALL_HANDLING,
        /** No events from a feed for a while, by the wall clock: the figures are not live. */
        FEED_SILENT,
        /** More breaches than the configured number within one hour in one LPA. */
        LPA_BREACH_SURGE,
        /** A local day's breaches that still have no reason recorded, for the daily review. */
        UNREASONED_BREACHES,
        /** One source keeps sending events stamped ahead of the clock: they are rejected as FUTURE. */
        CLOCK_SKEW,
        /**
         * A grade-1 incident with no unit dispatched a while after its clock start (dispatch-aware chasing);
         * CRITICAL when it is also at risk with no unit available. Routed by name: {@code alerts.routing}.
         */
        INCIDENT_UNRESOURCED,
        /** The duty Command Officer's digest: breaches since the last one by LPA, incidents at risk, call handling. */
        COMMAND_DIGEST,
        /** A local day's grade-1 incidents downgraded or cancelled late, with their reasons, for the daily review. */
        LATE_DOWNGRADES
    }

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public enum Audience {
        PACESETTER,
        FORCE_CONTROL_ROOM,
        DUTY_COMMAND_OFFICER
    }

    public enum State {
        RAISED,
        UPDATED,
        CLEARED
    }

    /** Stable across deliveries: {@link #idOf}. */
    public String alertId;
    /** 0 for RAISED, +1 for each later record of the same alert. */
    public int revision;

    public Kind kind;
    public Severity severity;
    public List<Audience> audience = new ArrayList<>();
    public State state;
    /**
     * The alert's moment in event time, epoch ms: when the limit passed, the call was abandoned,
     * the window ended…
     */
    public long time;
    /** When the episode began, epoch ms: part of the id, so a second episode is a second alert. */
    public long episodeStart;

    /** The subject: an incident, a call, a measure's identity, a feed or an LPA. */
    public String incidentId;

    public String callId;
    public String measure;
    public String queue;
    public Scope scope;
    public String scopeId;
    /** SLIDING or LIVE for a measure's alert, else null. */
    public WindowKind window;

    public Long windowLengthMs;
    /** {@code calls} or {@code incidents} for FEED_SILENT. */
    public String feed;

    public String district;
    public String lpa;
    public Area area;

    /** The figures: whichever the kind has. */
    public Double value;

    public Double target;
    /** The configured level the value went beyond (or came back from). */
    public Double level;

    public Double numerator;
    public Double denominator;
    /** A count: breaches in the hour, unreasoned breaches, abandons of one call. */
    public Long count;

    public Long clockStart;
    public Long deadline;
    public Long arrivedAt;
    /** The incident's first dispatch, when one is known (at risk, unresourced); else null. */
    public Long dispatchedAt;
    /** Why the attendance standard was missed, once recorded. */
    public String reason;
    /** How it ended, on CLEARED (e.g. ATTENDED, CANCELLED, ATTENDED_IN_TIME, RECOVERED, ANSWERED). */
    public String outcome;
    /** The incidents a summary alert names. */
    public List<String> incidentIds = new ArrayList<>();

    /** One plain-English sentence for a duty officer; never any caller's details. */
    public String sentence;

    public String force;

    /** Who acknowledged the alert (a person's identity), when (epoch ms, wall clock) and their note; else null. */
    public String acknowledgedBy;

    public Long acknowledgedAt;
    public String acknowledgementNote;
    /** When (event time) a CRITICAL nobody acknowledged was escalated to the next audience; else null. */
    public Long escalatedAt;

    /** COMMAND_DIGEST: the start of the period it covers (the previous digest), epoch ms. */
    public Long since;
    /** COMMAND_DIGEST: the breaches since {@link #since} by LPA, with and without a reason recorded. */
    public List<LpaBreaches> breachesByLpa = new ArrayList<>();
    /** COMMAND_DIGEST: call-handling alerts raised since {@link #since}, and the sentences of those active now. */
    public Long callHandlingRaised;

    public List<String> callHandlingActive = new ArrayList<>();

    public Alert() {}

    /** One LPA's line in the digest. A Flink POJO. */
    public static class LpaBreaches {
        public String lpa;
        public long breaches;
        public long reasonRecorded;
        public long reasonMissing;
        /** The incidents whose breach has no reason yet, for the review. */
        public List<String> missingIncidentIds = new ArrayList<>();

        public LpaBreaches() {}

        public LpaBreaches copy() {
            LpaBreaches c = new LpaBreaches();
            c.lpa = lpa;
            c.breaches = breaches;
            c.reasonRecorded = reasonRecorded;
            c.reasonMissing = reasonMissing;
            c.missingIncidentIds = new ArrayList<>(missingIncidentIds);
            return c;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LpaBreaches l
                    && breaches == l.breaches
                    && reasonRecorded == l.reasonRecorded
                    && reasonMissing == l.reasonMissing
                    && Objects.equals(lpa, l.lpa)
                    && Objects.equals(missingIncidentIds, l.missingIncidentIds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(lpa, breaches, reasonRecorded, reasonMissing);
        }

        @Override
        public String toString() {
            return lpa + ": " + breaches + " (" + reasonRecorded + " with a reason, " + reasonMissing + " without)";
        }
    }

    /** The id every record of one alert carries: the first 128 bits of SHA-256 over kind, subject and episode start. */
    public static String idOf(Kind kind, String subject, long episodeStart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind.name() + '|' + subject + '|' + episodeStart).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * For the kinds that watch a condition ({@code CALL_HANDLING}, {@code FEED_SILENT}), what the condition
     * is about: at most one episode of it is active at a time, so a reader keeps only the newest episode of a
     * subject and a CLEARED of any episode (a {@code RECHECKED} after a restart too) clears the subject. Null
     * for the other kinds, whose alerts stand alone by {@link #alertId}.
     */
    public String conditionSubject() {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case CALL_HANDLING ->
                String.join(
                        "|",
                        kind.name(),
                        measure,
                        queue,
                        String.valueOf(scope),
                        scopeId,
                        String.valueOf(window),
                        String.valueOf(windowLengthMs));
            case FEED_SILENT, CLOCK_SKEW -> kind.name() + '|' + feed;
            // One digest is shown at a time: a newer one replaces it.
            case COMMAND_DIGEST -> kind.name() + '|' + force;
            default -> null;
        };
    }

    /** A copy, for the next record of the same alert. */
    public Alert copy() {
        Alert a = new Alert();
        a.alertId = alertId;
        a.revision = revision;
        a.kind = kind;
        a.severity = severity;
        a.audience = new ArrayList<>(audience);
        a.state = state;
        a.time = time;
        a.episodeStart = episodeStart;
        a.incidentId = incidentId;
        a.callId = callId;
        a.measure = measure;
        a.queue = queue;
        a.scope = scope;
        a.scopeId = scopeId;
        a.window = window;
        a.windowLengthMs = windowLengthMs;
        a.feed = feed;
        a.district = district;
        a.lpa = lpa;
        a.area = area;
        a.value = value;
        a.target = target;
        a.level = level;
        a.numerator = numerator;
        a.denominator = denominator;
        a.count = count;
        a.clockStart = clockStart;
        a.deadline = deadline;
        a.arrivedAt = arrivedAt;
        a.dispatchedAt = dispatchedAt;
        a.reason = reason;
        a.outcome = outcome;
        a.incidentIds = new ArrayList<>(incidentIds);
        a.sentence = sentence;
        a.force = force;
        a.acknowledgedBy = acknowledgedBy;
        a.acknowledgedAt = acknowledgedAt;
        a.acknowledgementNote = acknowledgementNote;
        a.escalatedAt = escalatedAt;
        a.since = since;
        a.breachesByLpa =
                new ArrayList<>(breachesByLpa.stream().map(LpaBreaches::copy).toList());
        a.callHandlingRaised = callHandlingRaised;
        a.callHandlingActive = new ArrayList<>(callHandlingActive);
        return a;
    }

    /** The next record of this alert: same id, revision + 1. */
    public Alert next(State newState) {
        Alert a = copy();
        a.revision = revision + 1;
        a.state = newState;
        return a;
    }

    public boolean isAcknowledged() {
        return acknowledgedBy != null;
    }

    public boolean isActive() {
        return state != State.CLEARED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a
                && revision == a.revision
                && time == a.time
                && episodeStart == a.episodeStart
                && Objects.equals(alertId, a.alertId)
                && kind == a.kind
                && severity == a.severity
                && Objects.equals(audience, a.audience)
                && state == a.state
                && Objects.equals(incidentId, a.incidentId)
                && Objects.equals(callId, a.callId)
                && Objects.equals(measure, a.measure)
                && Objects.equals(queue, a.queue)
                && scope == a.scope
                && Objects.equals(scopeId, a.scopeId)
                && window == a.window
                && Objects.equals(windowLengthMs, a.windowLengthMs)
                && Objects.equals(feed, a.feed)
                && Objects.equals(district, a.district)
                && Objects.equals(lpa, a.lpa)
                && area == a.area
                && Objects.equals(value, a.value)
                && Objects.equals(target, a.target)
                && Objects.equals(level, a.level)
                && Objects.equals(numerator, a.numerator)
                && Objects.equals(denominator, a.denominator)
                && Objects.equals(count, a.count)
                && Objects.equals(clockStart, a.clockStart)
                && Objects.equals(deadline, a.deadline)
                && Objects.equals(arrivedAt, a.arrivedAt)
                && Objects.equals(dispatchedAt, a.dispatchedAt)
                && Objects.equals(reason, a.reason)
                && Objects.equals(outcome, a.outcome)
                && Objects.equals(incidentIds, a.incidentIds)
                && Objects.equals(sentence, a.sentence)
                && Objects.equals(force, a.force)
                && Objects.equals(acknowledgedBy, a.acknowledgedBy)
                && Objects.equals(acknowledgedAt, a.acknowledgedAt)
                && Objects.equals(acknowledgementNote, a.acknowledgementNote)
                && Objects.equals(escalatedAt, a.escalatedAt)
                && Objects.equals(since, a.since)
                && Objects.equals(breachesByLpa, a.breachesByLpa)
                && Objects.equals(callHandlingRaised, a.callHandlingRaised)
                && Objects.equals(callHandlingActive, a.callHandlingActive);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alertId, revision, state);
    }

    @Override
    public String toString() {
        return "Alert{" + kind + ' ' + state + " r" + revision + ' ' + severity + ' ' + audience + " @" + time + " id="
                + alertId + " \"" + sentence + "\"}";
    }
}
