package io.pacesetter.connectors.generator;

import io.pacesetter.config.GeneratorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * How a real feed is delivered badly (docs/faults.md): late backlogs of whole calls and incidents,
 * lines re-sent, garbage lines of every kind the parser rejects, a source whose clock runs ahead, and
 * an outage of one feed. None of them adds, removes or changes an event: every fault either delays a
 * line or sends an extra one that the pipeline rejects, so the final figures must be those of the
 * clean delivery. Draws come from their own stream, so the events are those of a feed without faults.
 */
final class DeliveryFaults {
    /** An extra line, sent {@code after} the good line it came from. */
    record Extra(long after, String line) {}

    /** The garbage kinds in turn, so every one appears in even a short feed. */
    enum Garbage {
        MALFORMED_JSON,
        MISSING_FIELD,
        UNKNOWN_TYPE,
        BAD_TIME,
        BAD_VALUE,
        UNKNOWN_GRADE
    }

    private final GeneratorConfig.FaultModel model;
    private final Draw draw;
    private final long holdSeed;
    private final long gapStart;
    private final long gapEnd;
    private int nextGarbage;

    /**
     * @param feedStart the first moment of the feed; the outage starts {@code gapAfter} later
     * @param holdSeed decides which calls and incidents are late: a pure function of it and the id
     */
    DeliveryFaults(GeneratorConfig.FaultModel model, Draw draw, long holdSeed, long feedStart) {
        this.model = model;
        this.draw = draw;
        this.holdSeed = holdSeed;
        this.gapStart = feedStart + model.gapAfter().toMillis();
        this.gapEnd = gapStart + model.gapLength().toMillis();
    }

    /**
     * How long the call or incident with this (quoted) id is held back: all its events together, so
     * they keep their own order. Decided by the id alone, never by the order events are produced in.
     */
    long lateBy(String quotedId, boolean incident) {
        double share = incident ? model.lateIncidentShare() : model.lateCallShare();
        return uniform(quotedId) < share ? model.lateDelay().toMillis() : 0;
    }

    /** A line due during the outage of its feed is sent when the feed comes back. */
    long heldUntil(long emitAt, boolean incident) {
        boolean down = (model.gapFeed() == GeneratorConfig.FeedName.INCIDENTS) == incident;
        return down && emitAt >= gapStart && emitAt < gapEnd ? gapEnd : emitAt;
    }

    /** The extra lines a good line brings: a re-send, a garbage line, a copy from a clock running ahead. */
    List<Extra> extras(long time, String[] names, String[] values, boolean incident) {
        List<Extra> out = new ArrayList<>(0);
        if (draw.chance(model.resentShare())) {
            // Re-sent by a link that reconnects: seconds to minutes later, past the out-of-orderness.
            out.add(new Extra(draw.betweenMillis(1_000, 600_000), Feed.render(names, values)));
        }
        if (draw.chance(model.garbageShare())) {
            out.add(new Extra(0, garbage(names, values.clone(), incident)));
        }
        if (draw.chance(model.clockAheadShare())) {
            String[] ahead = values.clone();
            ahead[Feed.indexOf(names, "time")] =
                    Feed.quote(Feed.Times.format(time + model.clockAhead().toMillis()));
            out.add(new Extra(0, Feed.render(names, ahead)));
        }
        return out;
    }

    private String garbage(String[] names, String[] values, boolean incident) {
        Garbage kind = Garbage.values()[nextGarbage++ % Garbage.values().length];
        if (kind == Garbage.UNKNOWN_GRADE && !incident) {
            kind = Garbage.BAD_VALUE; // a call carries no grade
        }
        switch (kind) {
            case MALFORMED_JSON -> {
                String full = Feed.render(names, values);
                return full.substring(0, Math.max(1, full.length() / 2));
            }
            case MISSING_FIELD -> values[Feed.indexOf(names, "eventId")] = null;
            case UNKNOWN_TYPE -> values[Feed.indexOf(names, "type")] = Feed.quote(incident ? "REOPENED" : "ON_HOLD");
            case BAD_TIME -> {
                int time = Feed.indexOf(names, "time");
                values[time] =
                        Feed.quote(unquote(values[time]).replace('T', ' ').replace("Z", ""));
            }
            case BAD_VALUE -> {
                if (incident) {
                    values[Feed.indexOf(names, "area")] = Feed.quote("SUBURBAN");
                } else {
                    values[Feed.indexOf(names, "district")] = "{\"name\":\"unknown\"}";
                }
            }
            case UNKNOWN_GRADE -> values[Feed.indexOf(names, "grade")] = "7";
        }
        return Feed.render(names, values);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    /** A uniform draw in [0, 1) from the seed and the id: the same id is always late or never. */
    private double uniform(String id) {
        long z = holdSeed + 0x9E3779B97F4A7C15L * (id.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
