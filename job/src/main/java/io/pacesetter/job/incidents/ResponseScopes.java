package io.pacesetter.job.incidents;

import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.ScopeFanOut;
import io.pacesetter.job.measures.ScopedOutcome;
import java.util.function.Consumer;

/**
 * A dispatch or travel time, or a late downgrade or cancellation, to every scope it counts in: the force, its LPA and its district, each overall and
 * in its own area, as attendance. An unknown district is noted by the incident's attendance outcome, not here
 * again.
 */
public final class ResponseScopes {
    private ResponseScopes() {}

    public static void fanOut(ResponseTime time, ScopeFanOut scopes, Consumer<ScopedOutcome> out) {
        ScopedOutcome o = new ScopedOutcome();
        o.time = time.at;
        o.stage = time.stage;
        o.waitMs = time.ms;
        o.retraction = time.retraction;
        Consumer<ScopedOutcome> measuresOnly = s -> {
            if (s.family != MeasureFamily.DATA_QUALITY) {
                out.accept(s);
            }
        };
        scopes.fanOut(o, MeasureFamily.RESPONSE, null, time.district, null, measuresOnly);
        if (time.area != null) {
            scopes.fanOut(o, MeasureFamily.RESPONSE, null, time.district, time.area, measuresOnly);
        }
    }
}
