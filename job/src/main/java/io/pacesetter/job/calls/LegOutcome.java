package io.pacesetter.job.calls;

import java.util.Objects;

/** One finished call leg: offered to a queue, then answered or abandoned. A Flink POJO. */
public class LegOutcome {
    public String callId;
    public String queue;
    /** The first district given on the leg's events; null counts force-wide only. */
    public String district;

    public long offeredAt;
    /** The answer or abandon time: the leg counts in the windows that contain it. */
    public long outcomeAt;

    public boolean answered;

    public LegOutcome() {}

    public LegOutcome(String callId, String queue, String district, long offeredAt, long outcomeAt, boolean answered) {
        this.callId = callId;
        this.queue = queue;
        this.district = district;
        this.offeredAt = offeredAt;
        this.outcomeAt = outcomeAt;
        this.answered = answered;
    }

    public long waitMs() {
        return outcomeAt - offeredAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LegOutcome l
                && offeredAt == l.offeredAt
                && outcomeAt == l.outcomeAt
                && answered == l.answered
                && Objects.equals(callId, l.callId)
                && Objects.equals(queue, l.queue)
                && Objects.equals(district, l.district);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callId, queue, district, offeredAt, outcomeAt, answered);
    }

    @Override
    public String toString() {
        return "Leg{" + callId + '|' + queue + ' ' + (answered ? "ANSWERED" : "ABANDONED") + " wait=" + waitMs() + "ms "
                + district + '}';
    }
}
