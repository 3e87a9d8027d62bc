package io.pacesetter.job.alerts;

import io.pacesetter.config.Area;
import io.pacesetter.config.AttendanceStandard;
import io.pacesetter.config.ReferenceData;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.job.incidents.IncidentBook;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an emergency incident stands by everything its {@link IncidentBook} holds: the events the
 * watermark has reached and taken, and those still waiting for it. A live run asks this when a
 * moment comes by the wall clock, so an incident still open at 4 a.m. is told at risk on time
 * though the watermark has stopped.
 *
 * <p>It plays the waiting events on a copy of the clock by the rules {@link IncidentClock} applies
 * when the watermark reaches them (the clock runs from the latest transition to grade 1; the first
 * arrival at or before the deadline meets it, a downgrade or cancellation before it takes the
 * incident out; after CLOSED or CANCELLED only a reason counts), and never changes the book.
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
            long endedAt) {}

    /** Where the incident stands at event time {@code asAt}, by every event known at or before it. */
    public static View at(IncidentBook book, long asAt, AttendanceStandard standard, ReferenceData reference) {
        Play play = new Play(book, standard, reference);
        for (IncidentEvent e : known(book)) {
            if (e.time > asAt) {
                break;
            }
            play.take(e);
        }
        play.letTimePassTo(asAt);
        return play.view(asAt);
    }

    /** After every event known, without letting time pass beyond the last: is a clock still running, and when is it due? */
    public static View afterAllKnown(IncidentBook book, AttendanceStandard standard, ReferenceData reference) {
        Play play = new Play(book, standard, reference);
        for (IncidentEvent e : known(book)) {
            play.take(e);
        }
        return play.view(Long.MIN_VALUE);
    }

    private static List<IncidentEvent> known(IncidentBook book) {
        List<IncidentEvent> events = new ArrayList<>(book.pending.size() + book.orphans.size());
        events.addAll(book.orphans);
        events.addAll(book.pending);
        events.sort(CLOCK_ORDER);
        return events;
    }

    /** A copy of the clock's state, played forward. */
    private static final class Play {
        private final AttendanceStandard standard;
        private final ReferenceData reference;
        private Long createdAt;
        private String district;
        private Area area;
        private Integer grade;
        private Long clockStart;
        private Long atRiskAt;
        private Long deadline;
        private boolean outcome;
        private boolean met;
        private Long arrivedAt;
        private boolean ended;
        private IncidentEventType endedBy;
        private long endedAt;

        Play(IncidentBook book, AttendanceStandard standard, ReferenceData reference) {
            this.standard = standard;
            this.reference = reference;
            createdAt = book.createdAt;
            district = book.district;
            area = book.area;
            grade = book.grade;
            clockStart = book.clockStart;
            atRiskAt = book.atRiskAt;
            deadline = book.deadline;
            outcome = book.outcomeAt != null;
            met = book.met;
            arrivedAt = book.arrivedAt;
            ended = book.ended;
        }

        boolean running() {
            return clockStart != null && !outcome;
        }

        void letTimePassTo(long time) {
            if (running() && deadline <= time) {
                outcome = true;
                met = false;
            }
        }

        void take(IncidentEvent e) {
            // The deadline is taken before anything after it: an event at exactly the deadline still counts first.
            if (running() && deadline < e.time) {
                outcome = true;
                met = false;
            }
            if (createdAt == null) {
                if (e.type == IncidentEventType.CREATED) {
                    createdAt = e.time;
                    district = e.district;
                    area = e.area != null ? e.area : reference.defaultAreaOf(e.district);
                    regrade(e.grade, e.time);
                }
                return; // anything else waits for its CREATED, or is rejected if it never comes
            }
            if (e.time < createdAt || ended) {
                return;
            }
            switch (e.type) {
                case CREATED, GRADED -> regrade(e.grade, e.time);
                case ARRIVED -> {
                    if (running()) {
                        outcome = true;
                        met = true;
                    }
                    if (arrivedAt == null) {
                        arrivedAt = e.time;
                        end(IncidentEventType.ARRIVED, e.time);
                    }
                }
                case CANCELLED -> {
                    if (running()) {
                        leave();
                    }
                    ended = true;
                    end(IncidentEventType.CANCELLED, e.time);
                }
                case CLOSED -> {
                    ended = true;
                    end(IncidentEventType.CLOSED, e.time);
                }
                case DISPATCHED, REASON_RECORDED -> {}
            }
        }

        private void regrade(Integer newGrade, long time) {
            if (newGrade == null) {
                return;
            }
            boolean wasEmergency = Integer.valueOf(1).equals(grade);
            grade = newGrade;
            if (newGrade == 1 && !wasEmergency) {
                if (outcome) {
                    return; // at most one outcome
                }
                long limitMs = standard.limitFor(area).toMillis();
                clockStart = time;
                deadline = time + limitMs;
                atRiskAt = time + Math.round(limitMs * standard.atRiskShare());
                if (arrivedAt != null) {
                    outcome = true;
                    met = true;
                }
            } else if (newGrade != 1 && running()) {
                leave();
                end(IncidentEventType.GRADED, time);
            }
        }

        private void leave() {
            clockStart = null;
            atRiskAt = null;
            deadline = null;
        }

        private void end(IncidentEventType by, long at) {
            endedBy = by;
            endedAt = at;
        }

        View view(long asAt) {
            IncidentState state = null;
            if (createdAt != null && !ended) {
                if (running()) {
                    state = asAt >= atRiskAt ? IncidentState.AT_RISK : IncidentState.OPEN;
                } else if (outcome && !met && arrivedAt == null) {
                    state = IncidentState.BREACHED;
                }
            }
            return new View(
                    state,
                    running(),
                    district,
                    area,
                    clockStart,
                    atRiskAt,
                    deadline,
                    arrivedAt,
                    grade,
                    endedBy,
                    endedAt);
        }
    }
}
