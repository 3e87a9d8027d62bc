package io.pacesetter.config;

import java.util.List;

/**
 * The monthly snapshot for scrutiny boards and the monthly aggregate store behind it.
 *
 * @param storeDir where the live job writes each closed month's aggregates (one file a month), and
 *     where {@code snapshot --store} reads them; a directory every task manager can reach on a cluster
 * @param smallNumberThreshold a figure counted over fewer legs or incidents than this is flagged
 *     as a small number (still shown); 0 flags nothing
 * @param formats what a snapshot writes: any of {@code csv}, {@code xlsx}, {@code html}
 * @param scheduled whether the live job writes the previous month's snapshot once that month has
 *     closed (its end plus {@code events.allowedLateness})
 * @param outputDir where the scheduled snapshots go, one folder a month
 */
public record SnapshotConfig(
        String storeDir, Integer smallNumberThreshold, List<String> formats, Boolean scheduled, String outputDir)
        implements java.io.Serializable {

    /** The formats a snapshot can be written in, as {@code formats} and {@code --format} name them. */
    public static final List<String> FORMATS = List.of("csv", "xlsx", "html");
}
