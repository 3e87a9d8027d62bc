package io.pacesetter.job.report;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;
import java.util.List;

/**
 * A headline measure month by month over the 24 months to the snapshot month.
 *
 * @param months one figure per month of {@link SnapshotMonths#trend()}, oldest first
 */
public record Trend(
        String measure,
        String label,
        String queue,
        Scope scope,
        String scopeId,
        Area area,
        Double target,
        List<Figure> months) {

    public String scopeLabel() {
        return Labels.scope(scope, scopeId);
    }
}
