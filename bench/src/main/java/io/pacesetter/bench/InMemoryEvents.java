package io.pacesetter.bench;

import io.pacesetter.config.EventRules;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.parse.EventParser;
import io.pacesetter.job.ingest.InputWatermarks;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Feeds the in-memory lines to a job and parses them as every Pacesetter source does: the lines
 * are held in this JVM (the harness runs on a local MiniCluster), so no variant pays for I/O and
 * the job graph stays small. Each source subtask reads its own share of the lines (see
 * {@link OwnSplitPerReader}), so the runs are the same whatever the machine's load.
 */
public final class InMemoryEvents {
    static final String PARSED = "events-parsed";
    static final String UNREADABLE = "unreadable";
    private static volatile String[] lines = new String[0];
    /**
     * When the first line was handed to a job (System.nanoTime), 0 before: the timer starts there,
     * after deployment.
     */
    private static final AtomicLong firstReadNanos = new AtomicLong();
    /**
     * Closed until every task of the job runs: a source task starts long before a task opening RocksDB is ready,
     * and without the gate that start (a column family per state, each rewriting RocksDB's options file) would be
     * timed as if it were the processing of the first lines.
     */
    private static volatile CountDownLatch readersMayStart = new CountDownLatch(0);

    private InMemoryEvents() {}

    /** The lines the next jobs read. */
    public static void use(String[] events) {
        lines = events;
    }

    /** Resets the clock and holds the readers at their first line until {@link #releaseReaders()}. */
    static void holdReaders() {
        firstReadNanos.set(0);
        readersMayStart = new CountDownLatch(1);
    }

    static void releaseReaders() {
        readersMayStart.countDown();
    }

    static long firstReadNanos() {
        return firstReadNanos.get();
    }

    /**
     * source → parse (EventParser, at the source) → event-time watermarks, as in a replay, ending
     * as a live feed does (see {@link EndWithoutFlush}).
     */
    public static DataStream<InputRecord> parsed(StreamExecutionEnvironment env, EventRules rules) {
        int n = lines.length;
        return env.fromSource(new OwnSplitPerReader(n), WatermarkStrategy.noWatermarks(), "In-memory call events")
                .map(new Parse(n))
                .name("Parse (EventParser)")
                .assignTimestampsAndWatermarks(InputWatermarks.replay(rules))
                .name("Event-time watermarks")
                .transform(
                        "End without flushing windows",
                        TypeInformation.of(InputRecord.class),
                        new EndWithoutFlush(rules.outOfOrderness().toMillis()));
    }

    /**
     * The real parser; one per subtask, as each source reader has its own. Each subtask reads every
     * p-th line (see {@link OwnSplitPerReader}), in arrival order, so all move through event time
     * together, as partitions of one feed would.
     */
    static final class Parse extends RichMapFunction<Long, InputRecord> {
        private final long count;
        private transient long perSplit;
        private transient int parallelism;
        private transient EventParser parser;
        private transient LongCounter parsed;
        private transient LongCounter unreadable;

        Parse(long count) {
            this.count = count;
        }

        @Override
        public void open(OpenContext openContext) {
            parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
            perSplit = OwnSplitPerReader.perSplit(count, parallelism);
            parser = EventParser.forReplay();
            parsed = new LongCounter();
            unreadable = new LongCounter();
            getRuntimeContext().addAccumulator(PARSED, parsed);
            getRuntimeContext().addAccumulator(UNREADABLE, unreadable);
        }

        @Override
        public InputRecord map(Long index) throws InterruptedException {
            if (firstReadNanos.get() == 0) {
                readersMayStart.await();
                firstReadNanos.compareAndSet(0, System.nanoTime());
            }
            String line = lines[OwnSplitPerReader.line(index, perSplit, parallelism)];
            InputRecord record = parser.parse(line, "bench");
            parsed.add(1);
            if (!record.isEvent()) {
                unreadable.add(1);
            }
            return record;
        }
    }
}
