package io.pacesetter.config;

import java.util.List;
import java.util.Map;

/**
 * The whole, validated configuration of one deployment. Built only by {@link ConfigLoader}, which
 * rejects anything that cannot run before a job starts.
 */
public record PacesetterConfig(
        ForceConfig force,
        EventRules events,
        WindowConfig windows,
        Map<String, QueueStandard> queues,
        AttendanceStandard attendance,
        List<LpaConfig> lpas,
        RunConfig run,
        GeneratorConfig generator,
        KafkaConfig kafka,
        AlertsConfig alerts,
        SnapshotConfig snapshot,
        DisplayConfig display)
        implements java.io.Serializable {

    /** The LPA that counts a district nobody configured. */
    public static final String UNKNOWN_LPA = "UNKNOWN";

    /** The standard of a queue, or {@link QueueStandard#NONE} for a queue the configuration does not know. */
    public QueueStandard standardFor(String queue) {
        return queues.getOrDefault(queue, QueueStandard.NONE);
    }

    public boolean knowsQueue(String queue) {
        return queues.containsKey(queue);
    }

    /** The districts and LPAs indexed for lookups on the hot path: build once per operator. */
    public ReferenceData referenceData() {
        return new ReferenceData(lpas);
    }
}
