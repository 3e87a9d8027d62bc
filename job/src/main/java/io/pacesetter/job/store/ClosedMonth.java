package io.pacesetter.job.store;

import io.pacesetter.job.measures.MonthAggregate;
import java.util.ArrayList;
import java.util.List;

/**
 * Every measure scope's aggregate of one closed month, sorted by scope key: what one store file
 * holds. A Flink POJO.
 */
public class ClosedMonth {
    /** The local month, e.g. {@code 2016-06}. */
    public String month;

    public List<MonthAggregate> aggregates = new ArrayList<>();

    public ClosedMonth() {}

    public ClosedMonth(String month, List<MonthAggregate> aggregates) {
        this.month = month;
        this.aggregates = aggregates;
    }

    @Override
    public String toString() {
        return "ClosedMonth{" + month + ", " + aggregates.size() + " scopes}";
    }
}
