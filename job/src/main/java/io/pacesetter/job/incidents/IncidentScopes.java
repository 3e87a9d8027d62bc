package io.pacesetter.job.incidents;

import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.ScopeFanOut;
import io.pacesetter.job.measures.ScopedOutcome;
import java.util.function.Consumer;

/**
 * An incident outcome to every attendance scope it counts in: the force, its LPA and its district,
 * each both overall and in its own area (the urban/rural split). An unknown district is noted once
 * per incident, however many scopes and areas it reaches.
 */
public final class IncidentScopes {
    private IncidentScopes() {}

    public static void fanOut(IncidentOutcome outcome, ScopeFanOut scopes, Consumer<ScopedOutcome> out) {
        ScopedOutcome o = new ScopedOutcome();
        o.time = outcome.outcomeAt;
        o.met = outcome.met;
        o.reason = outcome.reason;
        o.reasonOnly = outcome.reasonOnly;
        o.retraction = outcome.retraction;
        // A late reason, a retraction or a revised outcome is not a second incident: its district was
        // noted with the first outcome.
        Consumer<ScopedOutcome> measuresOnly = s -> {
            if (s.family != MeasureFamily.DATA_QUALITY) {
                out.accept(s);
            }
        };
        scopes.fanOut(
                o,
                MeasureFamily.ATTENDANCE,
                null,
                outcome.district,
                null,
                outcome.reasonOnly || outcome.retraction || outcome.revision ? measuresOnly : out);
        if (outcome.area != null) {
            scopes.fanOut(o, MeasureFamily.ATTENDANCE, null, outcome.district, outcome.area, measuresOnly);
        }
    }
}
