package io.pacesetter.job.publish;

import io.pacesetter.connectors.contract.MeasureRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The newest figure of each kind, kept in this JVM for the console summary of a local {@code run}.
 * It only works where the job runs in the same process (a local environment); a cluster has the
 * KPI topic and the display for that.
 */
public final class LatestFigures implements Sink<MeasureRecord> {
    private static final Map<String, Map<String, MeasureRecord>> BOARDS = new ConcurrentHashMap<>();

    private final String board;

    public LatestFigures(String board) {
        this.board = board;
        BOARDS.putIfAbsent(board, new ConcurrentHashMap<>());
    }

    public static List<MeasureRecord> read(String board) {
        return new ArrayList<>(BOARDS.getOrDefault(board, Map.of()).values());
    }

    @Override
    public SinkWriter<MeasureRecord> createWriter(WriterInitContext context) {
        Map<String, MeasureRecord> figures = BOARDS.computeIfAbsent(board, b -> new ConcurrentHashMap<>());
        return new SinkWriter<>() {
            @Override
            public void write(MeasureRecord r, Context ctx) {
                figures.merge(r.figureKind(), r, (old, neu) -> neu.moment() >= old.moment() ? neu : old);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
