package io.pacesetter.wall;

import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.MeasureRecord;
import java.io.Serializable;
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
        return new HubSink<>(hubName, DisplayHub::offer);
    }

    public static Sink<Alert> alerts(String hubName) {
        return new HubSink<>(hubName, DisplayHub::offer);
    }

    /** How one kind of record goes into the hub. */
    private interface Offer<T> extends Serializable {
        void to(DisplayHub hub, T record);
    }

    private static final class HubSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String hubName;
        private final Offer<T> offer;

        HubSink(String hubName, Offer<T> offer) {
            this.hubName = hubName;
            this.offer = offer;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            DisplayHub hub = DisplayHub.registered(hubName);
            return new Writer<>() {
                @Override
                public void write(T record, Context ctx) {
                    offer.to(hub, record);
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
