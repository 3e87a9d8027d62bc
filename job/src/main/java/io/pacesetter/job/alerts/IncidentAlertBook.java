package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts raised for one incident, each as last sent, and when they are forgotten:
 * {@link IncidentAlerts}' state. A Flink POJO.
 */
public class IncidentAlertBook {
    public List<Alert> alerts = new ArrayList<>();
    /** Event time after which no notice can come for the incident: its clock has forgotten it too. */
    public long forgetAt;

    public IncidentAlertBook() {}
}
