package io.pacesetter.connectors.contract;

/** Over what time a measure record was computed. */
public enum WindowKind {
    /** {@code [windowStart, windowEnd)}, one of the configured lengths, ending on a slide boundary. */
    SLIDING,
    /** The state now, as of {@code asOf}: calls waiting, incidents open. */
    LIVE,
    /** A calendar DAY or MONTH in the force's time zone. */
    PERIOD
}
