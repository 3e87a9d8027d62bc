package io.pacesetter.connectors.contract;

/** A calendar period in the force's local time zone. */
public enum PeriodKind {
    DAY,
    MONTH
}
