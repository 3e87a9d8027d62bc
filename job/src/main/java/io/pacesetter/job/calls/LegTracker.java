package io.pacesetter.job.calls;

import io.pacesetter.config.EventRules;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.ingest.Arrival;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindValueState;
import java.util.Iterator;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by (callId, queue): pairs each OFFERED with the next outcome of the same call in the same queue,
 * taking events in event-time order as the watermark reaches them, and emits one {@link LegOutcome} per leg;
 * every arrival updates "waiting since" on {@link #WAITING} at once. An outcome with no offer within
 * {@code noOfferWait} is {@code NO_OFFER}, an offer with no outcome within {@code noOutcomeAfter} (or
 * overtaken by a later offer) {@code NO_OUTCOME}, both on {@link #DEAD_LETTERS}. An event that arrives behind
 * the watermark waits from the watermark on arrival, not from its own time, so its partner can follow it. The state is cleared, and
 * its timers deleted or fired, as soon as nothing is open. Runs in a {@link io.pacesetter.job.state.WriteBehindOperator}:
 * a leg that opens and ends between two checkpoints is never written to state.
 */
public class LegTracker extends HoldingProcessFunction<String, CallEvent, LegOutcome> {
    public static final OutputTag<WaitingChange> WAITING = new OutputTag<>("waiting") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("leg-dead-letters") {};

    private final long noOfferWaitMs;
    private final long noOutcomeAfterMs;
    private final boolean announceWaiting;
    private final long outOfOrdernessMs;
    private transient WriteBehindValueState<LegBook> book;
    /** Whether this timer's step deleted a timer, which may have been another obligation's too. */
    private transient boolean deletedATimer;

    /** @param announceWaiting whether to emit {@link #WAITING} changes (live runs) */
    public LegTracker(EventRules rules, boolean announceWaiting) {
        this.noOfferWaitMs = rules.noOfferWait().toMillis();
        this.noOutcomeAfterMs = rules.noOutcomeAfter().toMillis();
        this.announceWaiting = announceWaiting;
        this.outOfOrdernessMs = rules.outOfOrderness().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        book = heldStates().value(getRuntimeContext().getState(new ValueStateDescriptor<>("leg-book", LegBook.class)));
    }

    @Override
    public void processElement(CallEvent event, Context ctx, Collector<LegOutcome> out) throws Exception {
        LegBook legs = book.value();
        if (legs == null) {
            legs = new LegBook();
            legs.callId = event.callId;
            legs.queue = event.queue;
        }
        long watermark = Arrival.watermarkOnArrival(
                ctx.timerService().currentWatermark(), event.receivedAfter, outOfOrdernessMs);
        if (watermark != Long.MIN_VALUE && watermark > event.time) {
            // Late: its partner may still be on its way behind it, so its waits start now.
            legs.heardLate.put(event.eventId, watermark);
        }
        legs.addPending(event);
        ctx.timerService().registerEventTimeTimer(event.time);
        announce(legs, event.time, ctx);
        book.update(legs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LegOutcome> out) throws Exception {
        LegBook legs = book.value();
        if (legs == null) {
            return;
        }
        deletedATimer = false;
        Iterator<CallEvent> due = legs.pending.iterator();
        while (due.hasNext()) {
            CallEvent event = due.next();
            if (event.time > timestamp) {
                break;
            }
            due.remove();
            if (event.type.isOutcome()) {
                takeOutcome(legs, event, ctx, out);
            } else {
                takeOffer(legs, event, ctx, out);
            }
        }
        expire(legs, timestamp, ctx);
        announce(legs, timestamp, ctx);
        if (legs.isEmpty()) {
            book.clear();
        } else {
            if (deletedATimer) {
                keepTimers(legs, ctx);
            }
            book.update(legs);
        }
    }

    private void takeOffer(LegBook legs, CallEvent offer, OnTimerContext ctx, Collector<LegOutcome> out) {
        // A late offer may be the one an orphaned outcome was waiting for.
        CallEvent match = null;
        for (CallEvent orphan : legs.orphans) {
            if (orphan.time >= offer.time
                    && orphan.time - offer.time <= noOutcomeAfterMs
                    && (match == null || orphan.time < match.time)) {
                match = orphan;
            }
        }
        if (match != null && !offeredAgainBefore(legs, offer, match)) {
            legs.orphans.remove(match);
            deleteTimer(legs.waitsFrom(match) + noOfferWaitMs, ctx);
            legs.settled(match);
            legs.settled(offer);
            out.collect(leg(offer, match));
            return;
        }
        if (legs.openOffer != null) {
            CallEvent overtaken = legs.openOffer.time <= offer.time ? legs.openOffer : offer;
            CallEvent kept = overtaken == offer ? legs.openOffer : offer;
            deleteTimer(legs.waitsFrom(overtaken) + noOutcomeAfterMs, ctx);
            legs.settled(overtaken);
            ctx.output(
                    DEAD_LETTERS,
                    deadLetter(
                            RejectReason.NO_OUTCOME,
                            overtaken,
                            "offered again at " + RecordJson.instant(kept.time)
                                    + " before any outcome: this leg never ended"));
            if (kept != offer) {
                return;
            }
        }
        legs.openOffer = offer;
        ctx.timerService().registerEventTimeTimer(legs.waitsFrom(offer) + noOutcomeAfterMs);
    }

    /**
     * Whether another offer, still pending, lies between a late offer and the orphaned outcome it
     * would take: on time, that offer would have overtaken this one, and the outcome is its.
     */
    private static boolean offeredAgainBefore(LegBook legs, CallEvent offer, CallEvent outcome) {
        for (CallEvent e : legs.pending) {
            if (!e.type.isOutcome() && e.time > offer.time && e.time <= outcome.time) {
                return true;
            }
        }
        return false;
    }

    private void takeOutcome(LegBook legs, CallEvent outcome, OnTimerContext ctx, Collector<LegOutcome> out) {
        if (legs.openOffer != null && legs.openOffer.time <= outcome.time) {
            deleteTimer(legs.waitsFrom(legs.openOffer) + noOutcomeAfterMs, ctx);
            legs.settled(legs.openOffer);
            legs.settled(outcome);
            out.collect(leg(legs.openOffer, outcome));
            legs.openOffer = null;
            return;
        }
        legs.orphans.add(outcome);
        ctx.timerService().registerEventTimeTimer(legs.waitsFrom(outcome) + noOfferWaitMs);
    }

    private void expire(LegBook legs, long now, OnTimerContext ctx) {
        if (legs.openOffer != null && legs.waitsFrom(legs.openOffer) + noOutcomeAfterMs <= now) {
            legs.settled(legs.openOffer);
            ctx.output(
                    DEAD_LETTERS,
                    deadLetter(
                            RejectReason.NO_OUTCOME,
                            legs.openOffer,
                            "no ANSWERED or ABANDONED within " + java.time.Duration.ofMillis(noOutcomeAfterMs)
                                    + " of the offer"));
            legs.openOffer = null;
        }
        Iterator<CallEvent> orphans = legs.orphans.iterator();
        while (orphans.hasNext()) {
            CallEvent orphan = orphans.next();
            if (legs.waitsFrom(orphan) + noOfferWaitMs <= now) {
                orphans.remove();
                legs.settled(orphan);
                ctx.output(
                        DEAD_LETTERS,
                        deadLetter(
                                RejectReason.NO_OFFER,
                                orphan,
                                "no OFFERED in queue " + orphan.queue + " within "
                                        + java.time.Duration.ofMillis(noOfferWaitMs) + " before this " + orphan.type));
            }
        }
    }

    private void announce(LegBook legs, long time, Context ctx) {
        if (!announceWaiting) {
            return;
        }
        Long since = legs.waitingSince();
        if (Objects.equals(since, legs.announcedSince)) {
            return;
        }
        String callId = legs.callId;
        String queue = legs.queue;
        if (since == null) {
            ctx.output(WAITING, new WaitingChange(callId, queue, legs.announcedDistrict, null, time));
            legs.announcedDistrict = null;
        } else {
            if (legs.announcedSince != null) {
                // A different offer now waits: stop the old one in the scopes it was counted in.
                ctx.output(WAITING, new WaitingChange(callId, queue, legs.announcedDistrict, null, time));
            }
            legs.announcedDistrict = legs.firstDistrict();
            ctx.output(WAITING, new WaitingChange(callId, queue, legs.announcedDistrict, since, time));
        }
        legs.announcedSince = since;
    }

    private void deleteTimer(long time, OnTimerContext ctx) {
        ctx.timerService().deleteEventTimeTimer(time);
        deletedATimer = true;
    }

    /**
     * Two obligations can fall on the same instant, and deleting one timer would silently drop the
     * other; so after a step that deleted a timer every remaining obligation re-registers its timer
     * (a no-op when it is still there). After a step that deleted none, each still has the timer it
     * set when it arose: registering it again would cost a write of the timer on RocksDB.
     */
    private void keepTimers(LegBook legs, OnTimerContext ctx) {
        for (CallEvent event : legs.pending) {
            ctx.timerService().registerEventTimeTimer(event.time);
        }
        if (legs.openOffer != null) {
            ctx.timerService().registerEventTimeTimer(legs.waitsFrom(legs.openOffer) + noOutcomeAfterMs);
        }
        for (CallEvent orphan : legs.orphans) {
            ctx.timerService().registerEventTimeTimer(legs.waitsFrom(orphan) + noOfferWaitMs);
        }
    }

    private static LegOutcome leg(CallEvent offer, CallEvent outcome) {
        String district = offer.district != null ? offer.district : outcome.district;
        return new LegOutcome(
                offer.callId,
                offer.queue,
                district,
                offer.time,
                outcome.time,
                outcome.type == io.pacesetter.connectors.contract.CallEventType.ANSWERED);
    }

    private static DeadLetter deadLetter(RejectReason reason, CallEvent event, String detail) {
        return new DeadLetter(reason, detail, RecordJson.callEvent(event), "pipeline", event.eventId, event.time);
    }
}
