package io.pacesetter.config;

/** Urban or rural: decides an emergency incident's attendance limit. */
public enum Area {
    URBAN,
    RURAL
}
