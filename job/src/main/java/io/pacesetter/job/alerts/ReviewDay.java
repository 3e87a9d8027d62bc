package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;
import java.util.ArrayList;
import java.util.List;

/** One local day's breaches, as the daily review sees them: {@link BreachReview}'s state. A Flink POJO. */
public class ReviewDay {
    /** The day's start and end in the force's zone, epoch ms (a day may have 23 or 25 hours). */
    public long start;

    public long end;
    /** Breaches with no reason yet, by incident id. */
    public List<String> unreasoned = new ArrayList<>();
    /** Breaches whose reason came, or that turned out to be attended in time: never listed again. */
    public List<String> settled = new ArrayList<>();
    /** The summary alert as last sent, once the day has ended; null before. */
    public Alert summary;

    public ReviewDay() {}
}
