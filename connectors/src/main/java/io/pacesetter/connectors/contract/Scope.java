package io.pacesetter.connectors.contract;

/** Whose figure a measure record is: the whole force, one LPA, or one district. */
public enum Scope {
    FORCE,
    LPA,
    DISTRICT
}
