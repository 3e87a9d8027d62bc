package io.pacesetter.config;

/**
 * A district of the force and the area its locations default to when an incident gives none.
 */
public record DistrictConfig(String name, Area area) implements java.io.Serializable {}
