package io.pacesetter.config;

import java.util.List;

/** A Local Policing Area and the districts it is made of. */
public record LpaConfig(String name, List<DistrictConfig> districts) implements java.io.Serializable {}
