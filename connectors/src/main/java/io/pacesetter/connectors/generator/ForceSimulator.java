package io.pacesetter.connectors.generator;

import io.pacesetter.config.Area;
import io.pacesetter.config.DistrictConfig;
import io.pacesetter.config.GeneratorConfig;
import io.pacesetter.config.LpaConfig;
import io.pacesetter.config.PacesetterConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A county force's control room, simulated, producing the event lines (contract v1) its telephony and
 * command-and-control systems would send: three first-come-first-served queues ({@value #EMERGENCY},
 * {@value #SWITCHBOARD}, {@value #CRIME_BUREAU}) of callers and handlers, stepped event by event, with demand
 * from {@link DemandCurve}, the rota from {@link CallQueue#rota}, incidents from {@link IncidentPlanner} and
 * faults added by {@link Feed}; every knob is under {@code generator:}. Deterministic: the same configuration,
 * seed and start give byte-identical lines however time is stepped. Not thread-safe; one instance per source.
 */
public final class ForceSimulator {
    public static final String EMERGENCY = "999";
    public static final String SWITCHBOARD = "101";
    public static final String CRIME_BUREAU = "CRIME_BUREAU";

    /** How quickly the callers who hang up whatever the wait (misdials, pocket calls) do so. */
    private static final double QUICK_HANG_UP_MEAN_MS = 4_000;

    /** A caller: one call id through every queue it passes. */
    static final class Call {
        final String id;
        final String district;

        Call(String id, String district) {
            this.id = id;
            this.district = district;
        }
    }

    /** Something due to happen at {@code time}; {@code seq} keeps same-time happenings in scheduling order. */
    private record Happening(long time, long seq, Runnable action) {}

    private final PriorityQueue<Happening> agenda =
            new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final LocalHours clock;
    private final Draw arrivals;
    private final Draw handling;
    private final Feed feed;
    private final IncidentPlanner incidents;
    private final GeneratorConfig model;
    private final DemandCurve emergencyDemand = DemandCurve.emergency();
    private final DemandCurve switchboardDemand = DemandCurve.switchboard();
    private final double switchboardCallersPerDay;
    private final CallQueue emergency;
    private final CallQueue switchboard;
    private final CallQueue crimeBureau;
    private final String[] districtNames;
    private final double[] districtWeights;
    private final String runTag;
    private long seq;
    private long now;
    private long sentUntil;
    private long callCount;

    /**
     * @param config a validated configuration: its {@code generator}, {@code lpas}, {@code attendance},
     *     {@code force.timeZone} and {@code events.outOfOrderness} shape the feed
     * @param seed the same seed (with the same configuration and start) gives the same lines
     * @param start the first moment simulated; queues start empty and no incident is open
     */
    public ForceSimulator(PacesetterConfig config, long seed, Instant start) {
        this(config, seed, start, config.generator().faults().enabled(), false);
    }

    /**
     * @param withFaults whether the delivery faults of {@code generator.faults} apply, whatever its
     *     {@code enabled} says; when they do, {@link #cleanTo} gives the same events delivered cleanly
     */
    public ForceSimulator(PacesetterConfig config, long seed, Instant start, boolean withFaults) {
        this(config, seed, start, withFaults, withFaults);
    }

    private ForceSimulator(PacesetterConfig config, long seed, Instant start, boolean withFaults, boolean keepClean) {
        this.model = config.generator();
        this.clock = new LocalHours(config.force().timeZone());
        this.now = start.toEpochMilli();
        this.sentUntil = now;
        // Separate streams, so that (say) turning the faults off leaves the same calls and incidents.
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivals = new Draw(root.split());
        this.handling = new Draw(root.split());
        Draw incidentDraw = new Draw(root.split());
        Draw faults = new Draw(root.split());
        this.runTag = runTag(seed, now);

        GeneratorConfig.DefectModel defects = model.defects();
        long maxDelay = Math.min(
                defects.outOfOrderMaxDelay().toMillis(),
                config.events().outOfOrderness().toMillis());
        this.feed = new Feed(
                faults,
                runTag,
                model.districtMissingShare(),
                defects.duplicateShare(),
                defects.outOfOrderShare(),
                maxDelay,
                defects.malformedShare());
        if (withFaults) {
            // A fifth stream, split after the others: turning faults on leaves every event as it was.
            Draw faultDraw = new Draw(root.split());
            feed.deliverWith(new DeliveryFaults(model.faults(), faultDraw, seed * 0x2545F4914F6CDD1DL, now), keepClean);
        }
        this.incidents = new IncidentPlanner(
                model.incidents(),
                config.attendance(),
                config.referenceData(),
                clock,
                emergencyDemand,
                incidentDraw,
                feed,
                runTag);

        List<String> names = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (LpaConfig lpa : config.lpas()) {
            for (DistrictConfig d : lpa.districts()) {
                names.add(d.name());
                // Districts differ in size too, not only in kind: a fixed spread by name keeps it stable.
                double size = 0.75 + 0.5 * (Math.floorMod(d.name().hashCode(), 1000) / 1000.0);
                weights.add((d.area() == Area.URBAN ? model.urbanDemandWeight() : 1.0) * size);
            }
        }
        this.districtNames = names.toArray(new String[0]);
        this.districtWeights = Draw.cumulative(
                weights.stream().mapToDouble(Double::doubleValue).toArray());

        this.switchboardCallersPerDay = model.switchboardCallsPerDay() / (1.0 - model.ivrCrimeBureauShare());
        double[] emergencyLoad = new double[LocalHours.HOURS_A_WEEK];
        double[] switchboardLoad = new double[LocalHours.HOURS_A_WEEK];
        double[] crimeBureauLoad = new double[LocalHours.HOURS_A_WEEK];
        double transferShare = model.transferToCrimeBureauShare();
        double switchboardHandling = (1 - transferShare)
                        * hours(model.switchboard().meanHandlingTime().toMillis())
                + transferShare * hours(15_000);
        for (int h = 0; h < LocalHours.HOURS_A_WEEK; h++) {
            double emergencyPerHour = model.emergencyCallsPerDay() / 24 * emergencyDemand.hourly(h);
            double callersPerHour = switchboardCallersPerDay / 24 * switchboardDemand.hourly(h);
            double switchboardPerHour = callersPerHour * (1 - model.ivrCrimeBureauShare());
            double crimeBureauPerHour =
                    callersPerHour * model.ivrCrimeBureauShare() + switchboardPerHour * transferShare;
            emergencyLoad[h] = emergencyPerHour
                    * hours(model.emergency().meanHandlingTime().toMillis());
            switchboardLoad[h] = switchboardPerHour * switchboardHandling;
            crimeBureauLoad[h] = crimeBureauPerHour
                    * hours(model.crimeBureau().meanHandlingTime().toMillis());
        }
        this.emergency = queue(EMERGENCY, model.emergency(), emergencyLoad);
        this.switchboard = queue(SWITCHBOARD, model.switchboard(), switchboardLoad);
        this.crimeBureau = queue(CRIME_BUREAU, model.crimeBureau(), crimeBureauLoad);

        changeShift();
        schedule(nextArrival(emergencyDemand, model.emergencyCallsPerDay(), now), this::emergencyCallArrives);
        schedule(nextArrival(switchboardDemand, switchboardCallersPerDay, now), this::switchboardCallArrives);
    }

    private CallQueue queue(String name, GeneratorConfig.QueueModel queueModel, double[] load) {
        return new CallQueue(
                name,
                queueModel,
                CallQueue.rota(
                        load, model.staffingElasticity(), queueModel.staffingMargin(), queueModel.minHandlers()));
    }

    private static double hours(long millis) {
        return millis / (double) LocalHours.HOUR;
    }

    /** Ids carry a tag of the seed and start, so two runs sent to one topic never share an event id. */
    private static String runTag(long seed, long start) {
        long mixed = new SplittableRandom(seed * 31 + start).nextLong();
        String hex = Long.toHexString(mixed & 0xFFFFFFL);
        return "000000".substring(hex.length()) + hex;
    }

    /**
     * Everything the feed sends at moments before {@code until}, in the order sent. Successive calls
     * continue where the last stopped; an {@code until} not after the last gives nothing.
     *
     * @return JSON lines of event contract v1 (a small share deliberately broken)
     */
    public List<String> advanceTo(Instant until) {
        return advance(until.toEpochMilli(), true);
    }

    /**
     * With faults on: the clean delivery of the events sent so far and stamped before {@code until},
     * each once, in time order. Call after {@link #advanceTo} with the same {@code until}.
     */
    public List<String> cleanTo(Instant until) {
        return feed.drainClean(until.toEpochMilli());
    }

    /**
     * Everything still held back (a late backlog, an outage, a re-send) of the events stamped before
     * {@code end}: what the faulty feed still owes when a file of it ends at {@code end}.
     */
    public List<String> owedBefore(Instant end) {
        return feed.drainOwed(end.toEpochMilli());
    }

    /** As {@link #advanceTo} but dropping the lines: fast-forwarding after a restore. */
    void skipTo(Instant until) {
        advance(until.toEpochMilli(), false);
    }

    private List<String> advance(long until, boolean keep) {
        if (until <= sentUntil) {
            return new ArrayList<>();
        }
        while (!agenda.isEmpty() && agenda.peek().time < until) {
            Happening next = agenda.poll();
            now = next.time;
            next.action.run();
        }
        sentUntil = until;
        // Lines are only ever sent at or after the moment that produced them, so every line due
        // before `until` exists by now.
        return feed.drain(until, keep);
    }

    private void schedule(long time, Runnable action) {
        agenda.add(new Happening(Math.max(time, now), seq++, action));
    }

    /**
     * The next arrival of a stream whose rate follows {@code curve}, by thinning: candidates at the
     * curve's peak rate, each kept with the ratio of the rate then to the peak.
     */
    private long nextArrival(DemandCurve curve, double perDay, long after) {
        double peakPerMs = perDay / LocalHours.DAY * curve.max();
        long t = after;
        while (true) {
            t += Math.max(1, Math.round(arrivals.exponential(1.0 / peakPerMs)));
            if (arrivals.uniform() * curve.max() < curve.at(clock, t)) {
                return t;
            }
        }
    }

    private Call newCall() {
        return new Call("C" + runTag + "-" + (++callCount), districtNames[arrivals.pick(districtWeights)]);
    }

    private void emergencyCallArrives() {
        offer(newCall(), emergency);
        schedule(nextArrival(emergencyDemand, model.emergencyCallsPerDay(), now), this::emergencyCallArrives);
    }

    private void switchboardCallArrives() {
        Call call = newCall();
        offer(call, arrivals.chance(model.ivrCrimeBureauShare()) ? crimeBureau : switchboard);
        schedule(nextArrival(switchboardDemand, switchboardCallersPerDay, now), this::switchboardCallArrives);
    }

    /** The rota moves on at each local hour. */
    private void changeShift() {
        int hourOfWeek = clock.hourOfWeek(now);
        for (CallQueue q : new CallQueue[] {emergency, switchboard, crimeBureau}) {
            q.onDuty = q.rota[hourOfWeek];
            assignHandlers(q);
        }
        schedule(clock.nextHourStart(now), this::changeShift);
    }

    /** A leg starts: presented to the queue, the answer clock running. */
    private void offer(Call call, CallQueue q) {
        feed.call(now, call.id, "OFFERED", q.name, call.district);
        CallQueue.Leg leg = new CallQueue.Leg(call, q);
        double patience = handling.chance(q.model.quickHangUpShare())
                ? handling.exponential(QUICK_HANG_UP_MEAN_MS)
                : handling.exponential(q.model.meanPatience().toMillis());
        schedule(now + Math.max(200, Math.round(patience)), () -> patienceRunsOut(leg));
        q.waiting.add(leg);
        assignHandlers(q);
    }

    /** Free handlers take the longest-waiting callers; picking up takes a ring or two. */
    private void assignHandlers(CallQueue q) {
        while (q.hasFreeHandler() && !q.waiting.isEmpty()) {
            CallQueue.Leg leg = q.waiting.poll();
            if (leg.state != CallQueue.Leg.WAITING) {
                continue;
            }
            leg.state = CallQueue.Leg.RINGING;
            q.busy++;
            long ringMs = q.model.ringTime().toMillis();
            long ring = ringMs == 0 ? 0 : Math.round(handling.lognormalMedian(ringMs, 0.5));
            schedule(now + ring, () -> answer(leg));
        }
    }

    /** The caller hangs up, unless already answered; a handler about to pick up is freed. */
    private void patienceRunsOut(CallQueue.Leg leg) {
        if (leg.state == CallQueue.Leg.WAITING || leg.state == CallQueue.Leg.RINGING) {
            boolean ringing = leg.state == CallQueue.Leg.RINGING;
            leg.state = CallQueue.Leg.ABANDONED;
            feed.call(now, leg.call.id, "ABANDONED", leg.queue.name, leg.call.district);
            if (ringing) {
                leg.queue.busy--;
                assignHandlers(leg.queue);
            }
        }
    }

    private void answer(CallQueue.Leg leg) {
        if (leg.state != CallQueue.Leg.RINGING) {
            return;
        }
        leg.state = CallQueue.Leg.ANSWERED;
        CallQueue q = leg.queue;
        feed.call(now, leg.call.id, "ANSWERED", q.name, leg.call.district);
        long busyFor;
        boolean transferred = false;
        if (q == switchboard && handling.chance(model.transferToCrimeBureauShare())) {
            busyFor = handling.betweenMillis(3_000, 20_000);
            transferred = true;
            Call call = leg.call;
            schedule(now + busyFor, () -> offer(call, crimeBureau));
        } else {
            busyFor = Math.max(
                    5_000,
                    Math.round(handling.lognormalMean(q.model.meanHandlingTime().toMillis(), 0.6)));
            if (q == emergency || q == switchboard) {
                incidents.maybeRaise(now, leg.call.id, leg.call.district, q == emergency);
            }
        }
        boolean putBack = !transferred && handling.chance(model.reofferShare());
        schedule(now + busyFor, () -> handlerFree(leg, putBack));
    }

    private void handlerFree(CallQueue.Leg leg, boolean putBack) {
        CallQueue q = leg.queue;
        q.busy--;
        if (putBack) {
            Call call = leg.call;
            schedule(now + handling.betweenMillis(2_000, 20_000), () -> offer(call, q));
        }
        assignHandlers(q);
    }
}
