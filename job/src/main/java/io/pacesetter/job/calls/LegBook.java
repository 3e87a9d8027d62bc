package io.pacesetter.job.calls;

import io.pacesetter.connectors.contract.CallEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one (callId, queue) that has not yet become a leg: the keyed state of
 * {@link LegTracker}. A Flink POJO.
 */
public class LegBook {
    public String callId;
    public String queue;
    /** Events not yet reached by the watermark, in event-time order (offers before outcomes at the same instant). */
    public List<CallEvent> pending = new ArrayList<>();
    /** The offer whose outcome is awaited. */
    public CallEvent openOffer;
    /** Outcomes that found no offer before them; each waits a while for a late one. */
    public List<CallEvent> orphans = new ArrayList<>();
    /** What the live figures were last told: waiting since this time, or null. */
    public Long announcedSince;
    /** The district the live figures were told, so the stop reaches the same scopes as the start. */
    public String announcedDistrict;
    /**
     * Events that arrived with the watermark already past them, by eventId: the watermark on arrival.
     * Their waits run from there, not from their own time (docs/contracts.md, "Late events").
     */
    public Map<String, Long> heardLate = new HashMap<>();

    public LegBook() {}

    public boolean isEmpty() {
        return pending.isEmpty() && openOffer == null && orphans.isEmpty() && announcedSince == null;
    }

    /** Where an event's waits start: its own time, or the watermark it arrived behind. */
    long waitsFrom(CallEvent event) {
        Long heard = heardLate.get(event.eventId);
        return heard == null ? event.time : Math.max(event.time, heard);
    }

    /** An event leaves the book (a leg, or a dead letter): its arrival is forgotten with it. */
    void settled(CallEvent event) {
        heardLate.remove(event.eventId);
    }

    void addPending(CallEvent event) {
        int i = pending.size();
        while (i > 0 && comesAfter(pending.get(i - 1), event)) {
            i--;
        }
        pending.add(i, event);
    }

    private static boolean comesAfter(CallEvent a, CallEvent b) {
        if (a.time != b.time) {
            return a.time > b.time;
        }
        return a.type.isOutcome() && !b.type.isOutcome();
    }

    /**
     * The live view, from all events seen, in or out of order: the call waits since its latest
     * offer if no outcome at or after that offer is known.
     */
    Long waitingSince() {
        Long latestOffer = openOffer == null ? null : openOffer.time;
        for (CallEvent e : pending) {
            if (!e.type.isOutcome() && (latestOffer == null || e.time > latestOffer)) {
                latestOffer = e.time;
            }
        }
        if (latestOffer == null) {
            return null;
        }
        for (CallEvent e : pending) {
            if (e.type.isOutcome() && e.time >= latestOffer) {
                return null;
            }
        }
        for (CallEvent e : orphans) {
            if (e.time >= latestOffer) {
                return null;
            }
        }
        return latestOffer;
    }

    /** The first district any of the leg's known events gives. */
    String firstDistrict() {
        if (openOffer != null && openOffer.district != null) {
            return openOffer.district;
        }
        for (CallEvent e : pending) {
            if (e.district != null) {
                return e.district;
            }
        }
        return null;
    }
}
