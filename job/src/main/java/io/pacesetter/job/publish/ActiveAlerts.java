package io.pacesetter.job.publish;

import io.pacesetter.connectors.contract.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The alerts raised and not yet cleared, kept in this JVM for the console summary of a local
 * {@code run}, as {@link LatestFigures} keeps the figures. A redelivered record (same id, same
 * revision) changes nothing; a CLEARED record removes its alert, and for a condition (FEED_SILENT,
 * CALL_HANDLING) every other episode of its subject too.
 */
public final class ActiveAlerts implements Sink<Alert> {
    private static final Map<String, Map<String, Alert>> BOARDS = new ConcurrentHashMap<>();

    private final String board;

    public ActiveAlerts(String board) {
        this.board = board;
        BOARDS.putIfAbsent(board, new ConcurrentHashMap<>());
    }

    /** Oldest first. */
    public static List<Alert> read(String board) {
        List<Alert> active =
                new ArrayList<>(BOARDS.getOrDefault(board, Map.of()).values());
        active.sort(Comparator.comparingLong((Alert a) -> a.episodeStart).thenComparing(a -> a.alertId));
        return active;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        Map<String, Alert> active = BOARDS.computeIfAbsent(board, b -> new ConcurrentHashMap<>());
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context ctx) {
                // One episode of a condition at a time, as the wall display keeps them (Alert.conditionSubject).
                String subject = alert.conditionSubject();
                if (subject != null) {
                    active.values()
                            .removeIf(other -> !other.alertId.equals(alert.alertId)
                                    && subject.equals(other.conditionSubject())
                                    && (alert.state == Alert.State.CLEARED
                                            || other.episodeStart <= alert.episodeStart));
                }
                if (alert.state == Alert.State.CLEARED) {
                    active.remove(alert.alertId);
                } else {
                    active.merge(alert.alertId, alert, (old, neu) -> neu.revision >= old.revision ? neu : old);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
