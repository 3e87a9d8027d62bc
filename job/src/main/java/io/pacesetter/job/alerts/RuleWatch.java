package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;

/** What one rule knows of one scope's figure: {@link CallHandlingAlerts}' state. A Flink POJO. */
public class RuleWatch {
    /** The alert as last sent while it is raised; null when none is. */
    public Alert raised;
    /** When the figure first went beyond a level, while that has not lasted the minimum duration yet; else null. */
    public Long beyondSince;
    /** The time of the latest figure taken (window end or as-of): an older one is ignored. */
    public long lastTime;
    /** The event-time timer that notices the figures have stopped. */
    public Long staleTimer;

    public RuleWatch() {}
}
