package io.pacesetter.job.alerts;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentNotice;
import io.pacesetter.job.incidents.IncidentOutcome;
import io.pacesetter.job.ingest.LiveClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The incident clocks and the incident alerts, one after the other as in the job: every notice the
 * clock harness sends goes to the alerts harness in the order sent, then the watermark follows it,
 * just as Flink forwards a watermark after the records an operator emitted before it.
 */
final class IncidentAlertsHarness implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, IncidentOutcome> clock;
    final KeyedOneInputStreamOperatorTestHarness<String, IncidentNotice, Alert> alerts;
    private final List<IncidentNotice> notices = new ArrayList<>();
    private int forwarded;

    /** @param liveClock null for a replay (event time only) */
    IncidentAlertsHarness(PacesetterConfig config, LiveClock liveClock, long startWallMs) throws Exception {
        clock = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new IncidentClock(config, liveClock != null, true, liveClock), e -> e.incidentId, Types.STRING);
        alerts = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new IncidentAlerts(config), n -> n.incidentId, Types.STRING);
        clock.setProcessingTime(startWallMs);
        alerts.setProcessingTime(startWallMs);
    }

    void send(IncidentEvent... events) throws Exception {
        for (IncidentEvent e : events) {
            clock.processElement(e, e.time);
            forward();
        }
    }

    void watermark(long time) throws Exception {
        clock.processWatermark(time);
        forward();
        alerts.processWatermark(time);
    }

    /** The wall clock moves on: the clock's processing-time timers fire. */
    void wallClock(long wallMs) throws Exception {
        clock.setProcessingTime(wallMs);
        forward();
        alerts.setProcessingTime(wallMs);
    }

    private void forward() throws Exception {
        Queue<StreamRecord<IncidentNotice>> out = clock.getSideOutput(IncidentClock.NOTICES);
        if (out == null) {
            return;
        }
        List<StreamRecord<IncidentNotice>> all = new ArrayList<>(out);
        for (int i = forwarded; i < all.size(); i++) {
            notices.add(all.get(i).getValue());
            alerts.processElement(all.get(i));
        }
        forwarded = all.size();
    }

    List<IncidentNotice> notices() {
        return notices;
    }

    List<Alert> alerts() {
        return alerts.extractOutputValues();
    }

    List<IncidentOutcome> outcomes() {
        return clock.extractOutputValues();
    }

    @Override
    public void close() throws Exception {
        clock.close();
        alerts.close();
    }
}
