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
 * @param significance the two-sided significance level at which a change is called better or worse
 *     (else "no significant change"), e.g. 0.05
 * @param suppressBelow the public version ({@code snapshot --public}) suppresses any figure counted over
 *     fewer legs, incidents or events than this, and enough others that no total reveals one
 */
public record SnapshotConfig(
        String storeDir,
        Integer smallNumberThreshold,
        List<String> formats,
        Boolean scheduled,
        String outputDir,
        Double significance,
        Integer suppressBelow)
        implements java.io.Serializable {

    /** The formats a snapshot can be written in, as {@code formats} and {@code --format} name them. */
    public static final List<String> FORMATS = List.of("csv", "xlsx", "html");
}
