package io.pacesetter.config;

/**
 * The topics Pacesetter reads and writes. Inputs and outputs are separate topics so that a
 * compacted KPI topic never mixes with the event log it is computed from.
 *
 * @param calls call events in (event contract v1, key = callId)
 * @param incidents incident events in (key = incidentId)
 * @param kpis measure records out, exactly once, key = the record's identity (a compacted topic keeps one per identity)
 * @param deadLetters every rejected input, with its reason and where it came from
 * @param alerts alerts out, at least once with stable ids
 * @param actions in: what people do with alerts (acknowledge, called back) and digest requests, key = alertId
 */
public record KafkaTopics(
        String calls, String incidents, String kpis, String deadLetters, String alerts, String actions)
        implements java.io.Serializable {}
