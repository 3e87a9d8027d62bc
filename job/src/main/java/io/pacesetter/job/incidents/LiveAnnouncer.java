package io.pacesetter.job.incidents;

import io.pacesetter.job.ingest.LiveClock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.TimerService;

/**
 * In a live run, tells an incident at risk and breached when the moment comes by the wall clock, and gone as
 * soon as an arrival, cancellation, downgrade or closure is known, without waiting for the watermark; the
 * notices are marked provisional. Used by {@link IncidentClock} on its own keyed state, of which it changes
 * only the book's {@code liveTold…} and {@code liveTimers}: two processing-time timers per running clock
 * ({@link LiveClock#wallTimeAt}), judged by {@link ProvisionalClock}.
 */
public final class LiveAnnouncer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How often to look again while a restored subtask has not yet heard its feed. */
    private static final long UNTIL_HEARD_MS = 1_000;

    private final LiveClock clock;
    private final AttendanceRules rules;
    /** Restored from a checkpoint: nothing is told until the feed has been heard again (see {@link #now}). */
    private boolean restored;
    /** The newest event time this subtask has taken in. Not state. */
    private transient long newestHeard;
    /** The feed's clock: {@link #newestHeard} at the wall time it was taken in; null until one is. Not state. */
    private transient LiveClock feed;

    public LiveAnnouncer(LiveClock clock, AttendanceRules rules) {
        this.clock = clock;
        this.rules = rules;
    }

    /** The job restarted from a checkpoint: its sources resume where the checkpoint left them. */
    public void restored() {
        restored = true;
    }

    /** An event was taken in: where the feed is now, for {@link #now}. */
    public void heard(long eventTime, TimerService timers) {
        if (feed == null || eventTime > newestHeard) {
            newestHeard = eventTime;
            feed = clock.from(eventTime, timers.currentProcessingTime());
        }
    }

    /** After the book changed or a live timer fired: tell what is due now, and wait for what is still to come. */
    public void review(IncidentBook book, TimerService timers, Consumer<IncidentNotice> out) {
        long wall = timers.currentProcessingTime();
        long now = now(wall);
        if (now != Long.MIN_VALUE) {
            tell(book, now, out);
        }
        keepTimers(book, timers, wall);
    }

    /**
     * The event time it is, by the clock but never ahead of the feed: the newest event taken in, plus the wall
     * time since (at the clock's speed). After a failover the sources resume behind the clock, and a deadline
     * that passed by the clock while the job was down must wait for the events read back, which may end it.
     */
    private long now(long wall) {
        long byClock = clock.eventTimeAt(wall);
        if (feed == null) {
            return restored ? Long.MIN_VALUE : byClock;
        }
        return Math.min(byClock, feed.eventTimeAt(wall));
    }

    /** The first wall time at which {@link #now} reaches {@code eventMs}, as far as is known at {@code wall}. */
    private long wallTimeAt(long eventMs, long wall) {
        long byClock = clock.wallTimeAt(eventMs);
        if (feed == null) {
            return restored ? Math.max(byClock, wall + UNTIL_HEARD_MS) : byClock;
        }
        // Each clock has reached it by its own answer, so the earlier of the two, now(), has too.
        return Math.max(byClock, feed.wallTimeAt(eventMs));
    }

    private static void wantAfter(TreeSet<Long> wanted, long timer, long wall) {
        if (timer > wall) {
            wanted.add(timer);
        }
    }

    /** Before the book is cleared: no live timer outlives it. */
    public void forget(IncidentBook book, TimerService timers) {
        for (long t : book.liveTimers) {
            timers.deleteProcessingTimeTimer(t);
        }
        book.liveTimers = new ArrayList<>();
    }

    private void tell(IncidentBook book, long now, Consumer<IncidentNotice> out) {
        ProvisionalClock.View v = ProvisionalClock.at(book, now, rules);
        if (v.state() == IncidentState.AT_RISK || v.state() == IncidentState.BREACHED) {
            if (!told(book, v.state(), v.deadline())) {
                long moment = v.state() == IncidentState.AT_RISK ? v.atRiskAt() : v.deadline();
                out.accept(IncidentNotice.provisional(book, v, v.state(), v.deadline(), moment));
                book.liveTold = v.state();
                book.liveToldDeadline = v.deadline();
            }
            return;
        }
        if (book.liveTold != null && (v.state() == null || !Objects.equals(v.deadline(), book.liveToldDeadline))) {
            // What was told early is over by what is now known: say so now, not when the watermark gets there.
            long when = v.endedBy() != null ? v.endedAt() : now;
            out.accept(IncidentNotice.provisional(book, v, IncidentState.GONE, book.liveToldDeadline, when));
            book.liveTold = null;
            book.liveToldDeadline = null;
        }
    }

    /**
     * Whether {@code state} (or a later one) has been told for the clock with this deadline, early
     * or by the watermark.
     */
    static boolean told(IncidentBook book, IncidentState state, Long deadline) {
        boolean early = book.liveTold != null
                && Objects.equals(book.liveToldDeadline, deadline)
                && book.liveTold.ordinal() >= state.ordinal();
        boolean onTime = book.announced != null
                && book.announced != IncidentState.GONE
                && Objects.equals(book.announcedDeadline, deadline)
                && book.announced.ordinal() >= state.ordinal();
        return early || onTime;
    }

    /**
     * One timer for each moment not yet told of a running clock still on the board; any other is deleted. A clock
     * closed with nobody on scene still runs to its deadline for the figures, but is off the board and never told
     * at risk: a timer for it found nothing to tell and was set again at once, for ever (docs/benchmarks.md,
     * "Stop 28"). A moment already come by the time a review runs was the review's to tell.
     */
    private void keepTimers(IncidentBook book, TimerService timers, long wall) {
        ProvisionalClock.View all = ProvisionalClock.afterAllKnown(book, rules);
        TreeSet<Long> wanted = new TreeSet<>();
        if (all.running() && all.state() != null) {
            if (!told(book, IncidentState.AT_RISK, all.deadline())) {
                wantAfter(wanted, wallTimeAt(all.atRiskAt(), wall), wall);
            }
            if (!told(book, IncidentState.BREACHED, all.deadline())) {
                wantAfter(wanted, wallTimeAt(all.deadline(), wall), wall);
            }
        }
        for (long t : book.liveTimers) {
            if (!wanted.contains(t)) {
                timers.deleteProcessingTimeTimer(t);
            }
        }
        for (long t : wanted) {
            timers.registerProcessingTimeTimer(t);
        }
        book.liveTimers = new ArrayList<>(wanted);
    }
}
