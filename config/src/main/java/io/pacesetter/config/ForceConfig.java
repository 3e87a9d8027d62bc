package io.pacesetter.config;

import java.time.ZoneId;

/**
 * The force one deployment serves.
 *
 * @param name the force's name, written in every record's {@code force} and as the FORCE scope id
 * @param timeZone the zone in which DAY and MONTH periods are cut (days of 23 and 25 hours included)
 */
public record ForceConfig(String name, ZoneId timeZone) implements java.io.Serializable {}
