package io.pacesetter.connectors.contract;

/** What happened to an incident in command and control (event contract v1). */
public enum IncidentEventType {
    CREATED,
    GRADED,
    DISPATCHED,
    ARRIVED,
    CLOSED,
    CANCELLED,
    REASON_RECORDED
}
