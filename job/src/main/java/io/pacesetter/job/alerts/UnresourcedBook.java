package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;

/** One incident's watch for a unit to be sent: {@link UnresourcedAlerts}' state. A Flink POJO. */
public class UnresourcedBook {
    /** The clock being watched (its start, latest transition to grade 1), and its deadline. */
    public Long clockStart;

    public Long deadline;
    public String district;
    public String lpa;
    public io.pacesetter.config.Area area;
    /** The event-time timer set for {@code clockStart + alerts.unresourcedAfter}; null when none. */
    public Long timer;
    /** The alert as last sent for this clock; null while none was raised. */
    public Alert alert;
    /** When nothing more can come for the incident: its state goes (the incidents' retention after its last notice). */
    public long forgetAt;

    public UnresourcedBook() {}
}
