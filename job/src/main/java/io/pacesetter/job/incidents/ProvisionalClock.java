package io.pacesetter.job.incidents;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an emergency incident stands by everything its {@link IncidentBook} holds: the events the
 * watermark has reached and taken, and those still waiting for it. A live run asks this when a
 * moment comes by the wall clock, so an incident still open at 4 a.m. is told at risk on time
 * though the watermark has stopped.
 *
 * <p>It plays the waiting events on a copy of the clock by the same {@link AttendanceRules} that
 * {@link IncidentClock} plays when the watermark reaches them, and never changes the book.
 */
public final class ProvisionalClock {
    private ProvisionalClock() {}

    /** Events in the order the clock takes them: by time, then created, graded, dispatched, arrived, closed. */
    private static final Comparator<IncidentEvent> CLOCK_ORDER =
            Comparator.<IncidentEvent>comparingLong(e -> e.time).thenComparing(e -> e.type.ordinal());

    /**
     * What the book says.
     *
     * @param state where it stands: OPEN, AT_RISK or BREACHED; null when it is not on the board
     * @param running the clock is running: grade 1, no outcome
     * @param clockStart the latest clock (running, or the one that failed), else null
     * @param endedBy what last took a clock off the board (ARRIVED, CANCELLED, GRADED, CLOSED), else null
     * @param endedAt when it did
     * @param dispatchedAt the first dispatch known, else null
     */
    public record View(
            IncidentState state,
            boolean running,
            String district,
            Area area,
            Long clockStart,
            Long atRiskAt,
            Long deadline,
            Long arrivedAt,
            Integer grade,
            IncidentEventType endedBy,
            long endedAt,
            Long dispatchedAt) {}

    /** Where the incident stands at event time {@code asAt}, by every event known at or before it. */
    public static View at(IncidentBook book, long asAt, AttendanceRules rules) {
        AttendanceRules.Clock clock = book.clock();
        for (IncidentEvent e : known(book)) {
            if (e.time > asAt) {
                break;
            }
            take(clock, e, rules);
        }
        if (clock.running() && clock.deadline <= asAt) {
            rules.fail(clock);
        }
        return view(clock, asAt);
    }

    /**
     * After every event known, without letting time pass beyond the last: is a clock still running,
     * and when is it due?
     */
    public static View afterAllKnown(IncidentBook book, AttendanceRules rules) {
        AttendanceRules.Clock clock = book.clock();
        for (IncidentEvent e : known(book)) {
            take(clock, e, rules);
        }
        return view(clock, Long.MIN_VALUE);
    }

    private static List<IncidentEvent> known(IncidentBook book) {
        List<IncidentEvent> events = new ArrayList<>(book.pending.size() + book.orphans.size());
        events.addAll(book.orphans);
        events.addAll(book.pending);
        events.sort(CLOCK_ORDER);
        return events;
    }

    /** One event, as the clock will take it when the watermark reaches it; a reason changes no clock. */
    private static void take(AttendanceRules.Clock clock, IncidentEvent e, AttendanceRules rules) {
        if (clock.failsBefore(e.time)) {
            rules.fail(clock);
        }
        if (clock.createdAt == null) {
            if (e.type == IncidentEventType.CREATED) {
                rules.create(clock, e, NOT_TOLD);
            }
            return; // anything else waits for its CREATED, or is rejected if it never comes
        }
        if (clock.takes(e)) {
            rules.take(clock, e, NOT_TOLD);
        }
    }

    /** The provisional path only looks: outcomes are told by the event-time clock. */
    private static final AttendanceRules.Met NOT_TOLD = at -> {};

    private static View view(AttendanceRules.Clock c, long asAt) {
        IncidentState state = null;
        if (c.createdAt != null && !c.ended) {
            if (c.running()) {
                state = asAt >= c.atRiskAt ? IncidentState.AT_RISK : IncidentState.OPEN;
            } else if (c.outcomeAt != null && !c.met && c.arrivedAt == null) {
                state = IncidentState.BREACHED;
            }
        }
        return new View(
                state,
                c.running(),
                c.district,
                c.area,
                c.clockStart,
                c.atRiskAt,
                c.deadline,
                c.arrivedAt,
                c.grade,
                c.endedBy,
                c.endedAt,
                c.dispatchedAt);
    }
}
