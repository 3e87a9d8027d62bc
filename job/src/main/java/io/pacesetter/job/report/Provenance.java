package io.pacesetter.job.report;

import io.pacesetter.job.store.ConfigHash;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Where a snapshot's figures come from, printed at its foot.
 *
 * @param monthsCovered the months of the 24 that the store holds, oldest first
 * @param monthsMissing the months of the 24 it does not hold
 * @param callLegsCounted call legs (answered or abandoned, every queue) counted force-wide in the months covered
 * @param incidentsCounted grade-1 incidents with an attendance outcome counted force-wide in the months covered
 * @param rejected inputs rejected in the months covered, by reason (notes such as UNKNOWN_DISTRICT excluded)
 * @param configHashes the {@link ConfigHash} of every month covered, and how many months each
 * @param configHash the hash of the configuration the snapshot was built with (its standards and labels)
 * @param madeAt when the snapshot was made
 */
public record Provenance(
        List<YearMonth> monthsCovered,
        List<YearMonth> monthsMissing,
        long callLegsCounted,
        long incidentsCounted,
        Map<String, Long> rejected,
        Map<String, Integer> configHashes,
        String configHash,
        Instant madeAt) {

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
