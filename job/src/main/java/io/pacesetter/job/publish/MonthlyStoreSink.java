package io.pacesetter.job.publish;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.job.report.SnapshotFiles;
import io.pacesetter.job.store.ClosedMonth;
import io.pacesetter.job.store.ConfigHash;
import io.pacesetter.job.store.MonthlyStoreFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each closed month to the store ({@link MonthlyStoreFiles}) and, when scheduled, that
 * month's snapshot into {@code snapshot.outputDir/YYYY-MM/}. A month arrives once the watermark has
 * passed its end plus the allowed lateness, so in a live run its snapshot is written that long
 * after the first of the next month. At least once: a restart may write a month again, which
 * gives the same store file.
 */
public final class MonthlyStoreSink implements Sink<ClosedMonth> {
    private static final Logger LOG = LoggerFactory.getLogger(MonthlyStoreSink.class);

    private final PacesetterConfig config;
    private final String storeDir;
    private final boolean scheduled;
    private final String snapshotDir;

    /**
     * @param scheduled write each closed month's snapshot too (live runs with {@code snapshot.scheduled})
     */
    public MonthlyStoreSink(PacesetterConfig config, URI storeDir, boolean scheduled, Path snapshotDir) {
        if (scheduled && storeDir.getScheme() != null && !storeDir.getScheme().equals("file")) {
            throw new IllegalArgumentException("scheduled snapshots read the store from a local disk; " + storeDir
                    + " is not one: set snapshot.scheduled: false and make them with snapshot --store");
        }
        this.config = config;
        this.storeDir = storeDir.toString();
        this.scheduled = scheduled;
        this.snapshotDir = snapshotDir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<ClosedMonth> createWriter(WriterInitContext context) {
        String hash = ConfigHash.of(config);
        return new SinkWriter<>() {
            @Override
            public void write(ClosedMonth month, Context ctx) throws IOException {
                URI file = MonthlyStoreFiles.write(
                        URI.create(storeDir),
                        month,
                        config.force().name(),
                        config.force().timeZone().getId(),
                        hash);
                LOG.info("Monthly store: wrote {} ({} scopes) to {}", month.month, month.aggregates.size(), file);
                if (scheduled) {
                    YearMonth m = YearMonth.parse(month.month);
                    var written = SnapshotFiles.build(
                            config,
                            Path.of(URI.create(storeDir)),
                            m,
                            Path.of(snapshotDir).resolve(m.toString()),
                            config.snapshot().formats(),
                            Clock.systemUTC());
                    LOG.info("Scheduled snapshot of {}: wrote {}", m, written);
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                // Every month is written and moved into place as it comes.
            }

            @Override
            public void close() {
                // Nothing held open between months.
            }
        };
    }
}
