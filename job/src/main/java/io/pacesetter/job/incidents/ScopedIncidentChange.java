package io.pacesetter.job.incidents;

import io.pacesetter.connectors.contract.Scope;
import java.util.Objects;

/** An incident's live change addressed to one scope (the force, an LPA, a district). A Flink POJO. */
public class ScopedIncidentChange {
    /** {@code scope|scopeId}: the key of {@link LiveIncidents}. */
    public String key;

    public Scope scope;
    public String scopeId;
    public String incidentId;
    public IncidentState state;
    public long deadline;
    public long time;

    public ScopedIncidentChange() {}

    public ScopedIncidentChange(Scope scope, String scopeId, IncidentChange change) {
        this.key = key(scope, scopeId);
        this.scope = scope;
        this.scopeId = scopeId;
        this.incidentId = change.incidentId;
        this.state = change.state;
        this.deadline = change.deadline;
        this.time = change.time;
    }

    public static String key(Scope scope, String scopeId) {
        return scope.name() + '|' + scopeId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopedIncidentChange c
                && deadline == c.deadline
                && time == c.time
                && Objects.equals(key, c.key)
                && scope == c.scope
                && Objects.equals(scopeId, c.scopeId)
                && Objects.equals(incidentId, c.incidentId)
                && state == c.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, scope, scopeId, incidentId, state, deadline, time);
    }

    @Override
    public String toString() {
        return "ScopedIncidentChange{" + key + ' ' + incidentId + ' ' + state + " @" + time + '}';
    }
}
