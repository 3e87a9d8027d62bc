package io.pacesetter.job;

/**
 * The {@code uid} and name of every stateful operator. A uid pins an operator's state in savepoints:
 * changing one of these strings orphans that state on the next upgrade, so they never change.
 */
public final class OperatorIds {
    private OperatorIds() {}

    public static final String DEDUPLICATE = "deduplicate-events";
    public static final String DEDUPLICATE_NAME = "Drop duplicate and too-late events";

    public static final String CALL_LEGS = "call-legs";
    public static final String CALL_LEGS_NAME = "Track call legs (callId, queue)";

    public static final String INCIDENT_CLOCKS = "incident-clocks";
    public static final String INCIDENT_CLOCKS_NAME = "Run incident attendance clocks";

    public static final String DATA_QUALITY = "data-quality-stamp";
    public static final String DATA_QUALITY_NAME = "Stamp data-quality counts with event time";

    public static final String MEASURE_SLICES = "measure-slices";
    public static final String MEASURE_SLICES_NAME = "Slice outcomes into windows and periods";

    public static final String LIVE_QUEUES = "live-queues";
    public static final String LIVE_QUEUES_NAME = "Live calls waiting per queue";

    public static final String LIVE_INCIDENTS = "live-incidents";
    public static final String LIVE_INCIDENTS_NAME = "Live incidents open, at risk, breached";
}
