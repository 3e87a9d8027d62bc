package io.pacesetter.connectors.contract;

import java.util.Objects;

/**
 * What a person did with an alert, or asked of the job (docs/alerts.md, "Acknowledge and escalate"): from the
 * display server's {@code POST /actions} or the {@code kafka.topics.actions} topic. A Flink POJO.
 */
public class AlertAction {
    public enum Kind {
        /** I have seen it and am dealing with it: stops its escalation. */
        ACKNOWLEDGE,
        /** A callback alert: the caller has been called back, so the alert is closed. */
        CALLED_BACK,
        /** The duty Command Officer's digest, now. */
        DIGEST
    }

    /** Unique per action (a retried POST or a redelivered record carries the same one). */
    public String actionId;

    public Kind kind;
    /** The alert acted on; null for DIGEST. */
    public String alertId;
    /** Who: the identity the display server's identity header gave, or the name sent with the token. */
    public String by;
    /** When, epoch ms by the wall clock of the server that took it. */
    public long at;
    /** What they said, if anything. */
    public String note;

    public AlertAction() {}

    public static AlertAction of(Kind kind, String alertId, String by, long at, String note, String actionId) {
        AlertAction a = new AlertAction();
        a.kind = kind;
        a.alertId = alertId;
        a.by = by;
        a.at = at;
        a.note = note;
        a.actionId = actionId;
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertAction a
                && at == a.at
                && kind == a.kind
                && Objects.equals(actionId, a.actionId)
                && Objects.equals(alertId, a.alertId)
                && Objects.equals(by, a.by)
                && Objects.equals(note, a.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actionId, kind, alertId);
    }

    @Override
    public String toString() {
        return "AlertAction{" + kind + ' ' + alertId + " by " + by + " @" + at + '}';
    }
}
