package io.pacesetter.connectors.generator;

import io.pacesetter.config.GeneratorConfig;
import java.util.ArrayDeque;

/**
 * One ACD queue: its call handlers on duty this hour, how many are busy, and the callers waiting
 * in turn (first come, first served). Waits are not drawn from a distribution; they are what this
 * queue makes of the arrivals, the rota and the handling times, so a busy hour with too few
 * handlers produces long waits and hang-ups together, as it does on a real control-room floor.
 */
final class CallQueue {
    /** A caller's leg in this queue. */
    static final class Leg {
        static final int WAITING = 0;
        static final int RINGING = 1;
        static final int ANSWERED = 2;
        static final int ABANDONED = 3;

        final ForceSimulator.Call call;
        final CallQueue queue;
        int state = WAITING;

        Leg(ForceSimulator.Call call, CallQueue queue) {
            this.call = call;
            this.queue = queue;
        }
    }

    final String name;
    final GeneratorConfig.QueueModel model;
    /** Handlers on duty in each hour of the week (Monday 00:00 local = 0): the rota. */
    final int[] rota;
    /** Callers in turn; legs that hung up are skipped when reached rather than searched for. */
    final ArrayDeque<Leg> waiting = new ArrayDeque<>();

    int onDuty;
    int busy;

    CallQueue(String name, GeneratorConfig.QueueModel model, int[] rota) {
        this.name = name;
        this.model = model;
        this.rota = rota;
    }

    boolean hasFreeHandler() {
        return busy < onDuty;
    }

    /**
     * The rota for this queue. Planners staff each hour for its expected load R (Erlangs) with the
     * square-root rule N = R + margin * sqrt(R); but a rota is built from shifts and cannot follow
     * demand hour by hour, so the load it is planned for is flattened towards the week's mean
     * ({@code elasticity} below 1): the evening peak is short of handlers, the small hours generous.
     *
     * @param erlangs the expected load in each hour of the week
     */
    static int[] rota(double[] erlangs, double elasticity, double margin, int minHandlers) {
        double mean = 0;
        for (double r : erlangs) {
            mean += r / erlangs.length;
        }
        int[] rota = new int[erlangs.length];
        for (int h = 0; h < erlangs.length; h++) {
            double planned = mean <= 0 ? 0 : mean * StrictMath.pow(erlangs[h] / mean, elasticity);
            rota[h] = Math.max(minHandlers, (int) Math.ceil(planned + margin * StrictMath.sqrt(planned)));
        }
        return rota;
    }
}
