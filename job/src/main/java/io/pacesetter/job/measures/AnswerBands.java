package io.pacesetter.job.measures;

/**
 * The answer-time bands of the national 999 publication. They are part of the measures' names
 * (ANSWER_BAND_UNDER_10S ...), so they are fixed here rather than configured: a different band
 * would be a different measure.
 */
final class AnswerBands {
    private AnswerBands() {}

    /** Below this wait: ANSWER_BAND_UNDER_10S. Exactly 10.000 s is in the 10-to-60 band. */
    static final long UNDER_MS = 10_000;
    /** From UNDER_MS to below this: ANSWER_BAND_10_TO_60S; from this: ANSWER_BAND_60S_PLUS. */
    static final long UP_TO_MS = 60_000;
}
