package io.pacesetter.job.measures;

import io.pacesetter.config.Area;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.Scope;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Sends an outcome to every scope it counts in: the force; and, when the district is given, its
 * LPA and the district itself. An unknown district still counts under its own name and under LPA
 * UNKNOWN, and is noted in the data-quality figures.
 */
public final class ScopeFanOut implements Serializable {
    private final String force;
    private final ReferenceData reference;

    public ScopeFanOut(PacesetterConfig config) {
        this.force = config.force().name();
        this.reference = config.referenceData();
    }

    /** One scope a figure is kept for. */
    public interface Target {
        void accept(Scope scope, String scopeId);
    }

    public void forEachScope(String district, Target target) {
        target.accept(Scope.FORCE, force);
        if (district != null) {
            target.accept(Scope.LPA, reference.lpaOf(district));
            target.accept(Scope.DISTRICT, district);
        }
    }

    /** {@code outcome} addressed to every scope of {@code district}, in one family, queue and area. */
    public void fanOut(
            ScopedOutcome outcome,
            MeasureFamily family,
            String queue,
            String district,
            Area area,
            Consumer<ScopedOutcome> out) {
        forEachScope(district, (scope, id) -> out.accept(outcome.addressedTo(family, queue, scope, id, area)));
        if (district != null && !reference.knowsDistrict(district)) {
            out.accept(dataQuality(RejectReason.UNKNOWN_DISTRICT, outcome.time));
        }
    }

    public ScopedOutcome dataQuality(RejectReason reason, long time) {
        ScopedOutcome o = new ScopedOutcome();
        o.time = time;
        o.reason = reason.name();
        return o.addressedTo(MeasureFamily.DATA_QUALITY, null, Scope.FORCE, force, null);
    }

    public ReferenceData reference() {
        return reference;
    }
}
