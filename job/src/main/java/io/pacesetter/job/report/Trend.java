package io.pacesetter.job.report;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;
import java.util.List;

/**
 * A headline measure month by month over the 36 months to the snapshot month, with its rolling
 * 12-month figure.
 *
 * @param months one figure per month of {@link SnapshotMonths#trend()}, oldest first
 * @param rolling the figure over the 12 months to each of those months (partial where the store lacks some)
 */
public record Trend(
        String measure,
        String label,
        String queue,
        Scope scope,
        String scopeId,
        Area area,
        Double target,
        List<Figure> months,
        List<Figure> rolling) {

    public String scopeLabel() {
        return Labels.scope(scope, scopeId);
    }
}
