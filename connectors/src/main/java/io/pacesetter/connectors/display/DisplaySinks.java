package io.pacesetter.connectors.display;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Sinks that hand the job's figures and alerts to a {@link DisplayHub} registered in this JVM: the
 * wall display of a local {@code run}, where the job and the page share one process. Nothing is
 * buffered, so a figure reaches the page as soon as the job computes it; and nothing is lost on a
 * restart that matters, since the hub keeps only the newest figures and a restored job writes them again.
 */
public final class DisplaySinks {
    private DisplaySinks() {}

    public static Sink<MeasureRecord> figures(String hubName) {
        return new FigureSink(hubName);
    }

    public static Sink<Alert> alerts(String hubName) {
        return new AlertSink(hubName);
    }

    private static final class FigureSink implements Sink<MeasureRecord> {
        private static final long serialVersionUID = 1L;
        private final String hubName;

        FigureSink(String hubName) {
            this.hubName = hubName;
        }

        @Override
        public SinkWriter<MeasureRecord> createWriter(WriterInitContext context) {
            DisplayHub hub = DisplayHub.registered(hubName);
            return new Writer<>() {
                @Override
                public void write(MeasureRecord r, Context ctx) {
                    hub.offer(r);
                }
            };
        }
    }

    private static final class AlertSink implements Sink<Alert> {
        private static final long serialVersionUID = 1L;
        private final String hubName;

        AlertSink(String hubName) {
            this.hubName = hubName;
        }

        @Override
        public SinkWriter<Alert> createWriter(WriterInitContext context) {
            DisplayHub hub = DisplayHub.registered(hubName);
            return new Writer<>() {
                @Override
                public void write(Alert a, Context ctx) {
                    hub.offer(a);
                }
            };
        }
    }

    private abstract static class Writer<T> implements SinkWriter<T> {
        @Override
        public void flush(boolean endOfInput) {
            // The hub holds each record as soon as it is written: there is nothing to flush.
        }

        @Override
        public void close() {
            // The hub outlives the job's writers: the server keeps showing the last figures.
        }
    }
}
