package io.pacesetter.bench;

import io.pacesetter.config.EventRules;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.parse.EventParser;
import io.pacesetter.job.ingest.InputWatermarks;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Feeds the in-memory lines to a job and parses them as every Pacesetter source does: the lines
 * are held in this JVM (the harness runs on a local MiniCluster), so no variant pays for I/O and
 * the job graph stays small. Two source subtasks each read every other line, so both move through
 * event time together, as two Kafka partitions of one feed would.
 */
public final class InMemoryEvents {
    static final String PARSED = "events-parsed";
    static final String UNREADABLE = "unreadable";
    private static volatile String[] lines = new String[0];
    /** When the first line was handed to a job (System.nanoTime), 0 before: the timer starts there, after deployment. */
    private static final AtomicLong firstReadNanos = new AtomicLong();

    private InMemoryEvents() {}

    /** The lines the next jobs read. */
    public static void use(String[] events) {
        lines = events;
    }

    public static int size() {
        return lines.length;
    }

    static void resetClock() {
        firstReadNanos.set(0);
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
        DataGeneratorSource<String> source = new DataGeneratorSource<>(new Interleaved(n), n, RateLimiterStrategy.noOp(), Types.STRING);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "In-memory call events")
                .map(new Parse()).name("Parse (EventParser)")
                .assignTimestampsAndWatermarks(InputWatermarks.replay(rules)).name("Event-time watermarks")
                .transform("End without flushing windows", TypeInformation.of(InputRecord.class),
                        new EndWithoutFlush(rules.outOfOrderness().toMillis()));
    }

    /**
     * The source splits the index range in two halves; index i of the first half is line 2i and of
     * the second half line 2(i − half) + 1, so each subtask reads the feed in arrival order.
     */
    static final class Interleaved implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;
        private final long half;

        Interleaved(int n) {
            this.half = (n + 1) / 2;
        }

        @Override
        public String map(Long index) {
            long i = index;
            long line = i < half ? 2 * i : 2 * (i - half) + 1;
            return lines[(int) line];
        }
    }

    /** The real parser; one per subtask, as each source reader has its own. */
    static final class Parse extends RichMapFunction<String, InputRecord> {
        private transient EventParser parser;
        private transient LongCounter parsed;
        private transient LongCounter unreadable;

        @Override
        public void open(OpenContext openContext) {
            parser = EventParser.forReplay();
            parsed = new LongCounter();
            unreadable = new LongCounter();
            getRuntimeContext().addAccumulator(PARSED, parsed);
            getRuntimeContext().addAccumulator(UNREADABLE, unreadable);
        }

        @Override
        public InputRecord map(String line) {
            if (firstReadNanos.get() == 0) {
                firstReadNanos.compareAndSet(0, System.nanoTime());
            }
            InputRecord record = parser.parse(line, "bench");
            parsed.add(1);
            if (!record.isEvent()) {
                unreadable.add(1);
            }
            return record;
        }
    }
}
