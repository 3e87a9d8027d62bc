package io.pacesetter.job.store;

import io.pacesetter.job.measures.MonthAggregate;
import java.time.YearMonth;
import java.util.List;

/**
 * One month as the store holds it.
 *
 * @param month the local month
 * @param force the force's name
 * @param timeZone the zone its month was cut in
 * @param configHash the {@link ConfigHash} of the job that counted it
 * @param aggregates every measure scope's aggregate, sorted by scope key
 */
public record StoreMonth(
        YearMonth month, String force, String timeZone, String configHash, List<MonthAggregate> aggregates) {}
