package io.pacesetter.job.alerts;

import io.pacesetter.config.AlertsConfig;
import io.pacesetter.config.ConfigException;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Who gets what: the one place an alert's audiences are decided, from {@code alerts.routing} (a kind, a kind and
 * severity, or a kind, severity and state, to its audiences; the most specific wins). The rules raise alerts without
 * audiences; every record passes through {@link #route} on its way out. A CLEARED record after a restart's re-check
 * ({@code RECHECKED}, severity INFO) goes to every audience any severity of its kind reaches, so whoever saw the
 * condition sees it end.
 */
public final class AlertRouting implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<Alert.Kind, List<Alert.Audience>> byKind = new EnumMap<>(Alert.Kind.class);
    private final Map<String, List<Alert.Audience>> byKindAndSeverity = new HashMap<>();
    private final Map<Alert.Kind, List<Alert.Audience>> anySeverity = new EnumMap<>(Alert.Kind.class);
    private final List<Alert.Audience> escalation = new ArrayList<>();

    private AlertRouting(AlertsConfig alerts) {
        for (Map.Entry<String, List<String>> route : alerts.routing().entrySet()) {
            String key = route.getKey();
            int slash = key.indexOf('/');
            String kindName = slash < 0 ? key : key.substring(0, slash);
            // KIND, KIND/SEVERITY or KIND/SEVERITY/STATE (ConfigValidator has checked the form).
            Alert.Kind kind;
            try {
                kind = Alert.Kind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "alerts.routing." + key,
                        "'" + kindName + "' is not an alert kind; use one of " + List.of(Alert.Kind.values()),
                        e);
            }
            List<Alert.Audience> audiences =
                    route.getValue().stream().map(Alert.Audience::valueOf).toList();
            if (slash < 0) {
                byKind.put(kind, audiences);
            } else {
                byKindAndSeverity.put(key, audiences);
            }
            Set<Alert.Audience> all = new LinkedHashSet<>(anySeverity.getOrDefault(kind, List.of()));
            all.addAll(audiences);
            anySeverity.put(kind, ordered(all));
        }
        for (Alert.Kind kind : Alert.Kind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new ConfigException(
                        "alerts.routing." + kind,
                        "missing: every alert kind needs a route; give its audiences, e.g. " + kind
                                + ": [PACESETTER], or [] to send it to nobody");
            }
        }
        alerts.escalation().forEach(a -> escalation.add(Alert.Audience.valueOf(a)));
    }

    /** The routing of {@code config}; refuses (naming the key) a route of an unknown kind, or a kind with none. */
    public static AlertRouting of(PacesetterConfig config) {
        return new AlertRouting(config.alerts());
    }

    /** The audiences of a record of this kind and severity (and outcome: a re-check reaches all of its kind's). */
    public List<Alert.Audience> audienceOf(Alert a) {
        if ("RECHECKED".equals(a.outcome)) {
            return anySeverity.get(a.kind);
        }
        String kindAndSeverity = a.kind.name() + '/' + a.severity.name();
        List<Alert.Audience> withState = byKindAndSeverity.get(kindAndSeverity + '/' + a.state.name());
        if (withState != null) {
            return withState;
        }
        List<Alert.Audience> specific = byKindAndSeverity.get(kindAndSeverity);
        return specific != null ? specific : byKind.get(a.kind);
    }

    /** A copy of {@code a} addressed to its audiences. */
    public Alert route(Alert a) {
        Alert routed = a.copy();
        routed.audience = new ArrayList<>(audienceOf(a));
        return routed;
    }

    /**
     * The audience a CRITICAL nobody acknowledged goes to next: the first in {@code alerts.escalation} after the
     * highest it already reaches (null when it already reaches the last).
     */
    public Alert.Audience nextAudience(List<Alert.Audience> reached) {
        int highest = -1;
        for (Alert.Audience a : reached) {
            highest = Math.max(highest, escalation.indexOf(a));
        }
        return highest + 1 < escalation.size() ? escalation.get(highest + 1) : null;
    }

    private static List<Alert.Audience> ordered(Set<Alert.Audience> audiences) {
        EnumSet<Alert.Audience> sorted = EnumSet.noneOf(Alert.Audience.class);
        sorted.addAll(audiences);
        return List.copyOf(sorted);
    }

    /** Every record to its audiences, on its way to the desk and the sinks. */
    public static final class Route implements MapFunction<Alert, Alert> {
        private static final long serialVersionUID = 1L;
        private final AlertRouting routing;

        public Route(AlertRouting routing) {
            this.routing = routing;
        }

        @Override
        public Alert map(Alert a) {
            return routing.route(a);
        }
    }
}
