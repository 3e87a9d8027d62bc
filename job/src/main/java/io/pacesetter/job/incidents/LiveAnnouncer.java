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

    private final LiveClock clock;
    private final AttendanceRules rules;

    public LiveAnnouncer(LiveClock clock, AttendanceRules rules) {
        this.clock = clock;
        this.rules = rules;
    }

    /** After the book changed or a live timer fired: tell what is due now, and wait for what is still to come. */
    public void review(IncidentBook book, TimerService timers, Consumer<IncidentNotice> out) {
        tell(book, clock.eventTimeAt(timers.currentProcessingTime()), out);
        keepTimers(book, timers);
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

    /** One timer for each moment of the running clock not yet told; any other is deleted. */
    private void keepTimers(IncidentBook book, TimerService timers) {
        ProvisionalClock.View all = ProvisionalClock.afterAllKnown(book, rules);
        TreeSet<Long> wanted = new TreeSet<>();
        if (all.running()) {
            if (!told(book, IncidentState.AT_RISK, all.deadline())) {
                wanted.add(clock.wallTimeAt(all.atRiskAt()));
            }
            if (!told(book, IncidentState.BREACHED, all.deadline())) {
                wanted.add(clock.wallTimeAt(all.deadline()));
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
