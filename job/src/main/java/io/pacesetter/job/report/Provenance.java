package io.pacesetter.job.report;

import io.pacesetter.job.measures.MonthAggregate;
import io.pacesetter.job.store.ConfigHash;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Where a snapshot's figures come from, printed at its foot.
 *
 * @param monthsCovered the months of the 36-month trend that the store holds, oldest first
 * @param monthsMissing the months of the trend it does not hold
 * @param year what was counted and rejected force-wide over the 12 months to the month
 * @param month what was counted and rejected force-wide in the month
 * @param configHashes the {@link ConfigHash} of each of the 12 months counted, and how many months each
 * @param configHash the hash of the configuration the snapshot was built with (its standards and labels)
 * @param madeAt when the snapshot was made
 */
public record Provenance(
        List<YearMonth> monthsCovered,
        List<YearMonth> monthsMissing,
        Counts year,
        Counts month,
        Map<String, Integer> configHashes,
        String configHash,
        Instant madeAt) {

    /**
     * Counts over a span.
     *
     * @param counted call legs (answered or abandoned, every queue) and emergency incidents with an attendance outcome
     * @param rejected inputs rejected by reason (notes such as UNKNOWN_DISTRICT excluded): the data-quality rows' counts
     */
    public record Counts(long[] counted, Map<String, Long> rejected) {
        public long callLegs() {
            return counted[0];
        }

        public long incidents() {
            return counted[1];
        }

        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }

        void add(MonthAggregate a) {
            switch (a.family) {
                case CALL_LEGS -> counted[0] += a.tally.answered + a.tally.abandoned;
                case ATTENDANCE -> counted[1] += a.area == null ? a.tally.met + a.tally.failed : 0;
                case DATA_QUALITY ->
                    a.tally.reasons.forEach((reason, n) -> {
                        if (SnapshotBuilder.rejects(reason)) {
                            rejected.merge(reason, n, Long::sum);
                        }
                    });
            }
        }
    }
}
