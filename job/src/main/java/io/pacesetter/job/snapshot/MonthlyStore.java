package io.pacesetter.job.snapshot;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.job.OperatorIds;
import io.pacesetter.job.PacesetterJob;
import java.nio.file.Path;

/** Attaches the monthly aggregate store to a run: closed months gathered by month, then written one file each. */
public final class MonthlyStore {
    private MonthlyStore() {}

    /**
     * @param scheduled also write each closed month's snapshot into {@code snapshotDir/YYYY-MM/}
     */
    public static void attach(
            PacesetterConfig config,
            PacesetterJob.Outputs outputs,
            Path storeDir,
            boolean scheduled,
            Path snapshotDir) {
        outputs.closedMonths()
                .keyBy(a -> a.month)
                .process(new MonthStore())
                .uid(OperatorIds.MONTHLY_STORE)
                .name(OperatorIds.MONTHLY_STORE_NAME)
                .sinkTo(new MonthlyStoreSink(config, storeDir, scheduled, snapshotDir))
                .uid(OperatorIds.MONTHLY_STORE_FILES)
                .name(OperatorIds.MONTHLY_STORE_FILES_NAME);
    }

    /** The live job's store, as {@code snapshot:} configures it. */
    public static void attachLive(PacesetterConfig config, PacesetterJob.Outputs outputs) {
        attach(
                config,
                outputs,
                Path.of(config.snapshot().storeDir()),
                config.snapshot().scheduled(),
                Path.of(config.snapshot().outputDir()));
    }
}
