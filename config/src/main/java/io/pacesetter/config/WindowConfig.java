package io.pacesetter.config;

import java.time.Duration;
import java.util.List;

/**
 * Sliding windows. Every length slides by {@code slide}, and every window is assembled from
 * slices of that size, so adding a length costs a running total, not a copy of each event.
 */
public record WindowConfig(Duration slide, List<Duration> lengths) implements java.io.Serializable {

    public Duration longest() {
        return lengths.stream().max(Duration::compareTo).orElse(slide);
    }
}
