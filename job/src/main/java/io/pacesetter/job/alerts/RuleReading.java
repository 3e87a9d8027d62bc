package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.MeasureRecord;

/** A measure record one call-handling rule watches, addressed to the rule and the record's scope. A Flink POJO. */
public class RuleReading {
    /** {@code rule name|scope|scopeId}: the key of {@link CallHandlingAlerts}. */
    public String key;
    /** The rule's place in {@code alerts.callHandling} of this run's configuration. */
    public int rule;

    public MeasureRecord record;

    public RuleReading() {}

    public RuleReading(String key, int rule, MeasureRecord record) {
        this.key = key;
        this.rule = rule;
        this.record = record;
    }
}
