package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;
import java.util.ArrayList;
import java.util.List;

/** One local day's late downgrades and cancellations: {@link LateDowngradeReview}'s state. A Flink POJO. */
public class LateDay {
    /** The day's start and end in the force's zone, epoch ms. */
    public long start;

    public long end;
    /** The incidents listed, and one line each for the review, in the same order (by time, then id). */
    public List<String> incidentIds = new ArrayList<>();

    public List<String> lines = new ArrayList<>();
    public List<Long> times = new ArrayList<>();
    /** The list as last sent, once the day has ended; null before. */
    public Alert summary;

    public LateDay() {}
}
