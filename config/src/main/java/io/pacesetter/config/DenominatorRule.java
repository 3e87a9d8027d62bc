package io.pacesetter.config;

/**
 * Which legs the "answered within standard" rate divides by. Forces and vendors differ, so the
 * rule is per queue and printed beside every figure it produces.
 */
public enum DenominatorRule {
    /** Answered legs only (the default; the national 999 figures' usual reading). */
    ANSWERED,
    /** Answered plus every abandoned leg. */
    ANSWERED_AND_ABANDONED,
    /** Answered plus abandoned legs that waited at least the queue's short-abandon time. */
    EXCLUDING_SHORT_ABANDONS
}
