package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the digest knows of one alert: its records (by revision), so that the digest of moment T reads each alert
 * as it stood at T, whichever of its records had already arrived; and whether a digest has reported it. A Flink
 * POJO.
 */
public class DigestEntry {
    /** Every record of the alert seen, by revision. */
    public List<Alert> records = new ArrayList<>();
    /** A breach once a digest has counted it, so its later records do not count it again. */
    public boolean reported;

    public DigestEntry() {}

    void add(Alert a) {
        for (Alert r : records) {
            if (r.revision == a.revision) {
                return; // a redelivery
            }
        }
        records.add(a);
        records.sort(Comparator.comparingInt((Alert r) -> r.revision));
    }

    /** When it began: the moment of its first record. */
    long firstTime() {
        return records.stream().mapToLong(r -> r.time).min().orElse(Long.MAX_VALUE);
    }

    /** The newest record whose moment is at or before {@code t}, or null. */
    Alert asOf(long t) {
        Alert found = null;
        for (Alert r : records) {
            if (r.time <= t) {
                found = r;
            }
        }
        return found;
    }

    /** Whether it had begun, and not ended, at {@code t}. */
    boolean activeAt(long t) {
        Alert a = asOf(t);
        return a != null && a.state != Alert.State.CLEARED;
    }

    /** Whether it had ended by {@code t}. */
    boolean endedBy(long t) {
        Alert a = asOf(t);
        return a != null && a.state == Alert.State.CLEARED;
    }
}
