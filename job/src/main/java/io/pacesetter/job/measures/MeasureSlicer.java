package io.pacesetter.job.measures;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.QueueStandard;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.PeriodKind;
import io.pacesetter.job.state.HeldStates;
import io.pacesetter.job.state.HoldingProcessFunction;
import io.pacesetter.job.state.WriteBehindMapState;
import io.pacesetter.job.state.WriteBehindValueState;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by measure scope (family, queue, scope, scope id, area): every sliding window and every calendar
 * period (DAY, MONTH) of the scope, from one-minute slices and a running total per window length. Emits a
 * {@link MeasureRecord} per window and period as the watermark closes it (open periods also as they change,
 * when asked), DAY and MONTH again with {@code revision + 1} when a late event changes a final one, and each
 * closed MONTH's whole tally on {@link #CLOSED_MONTHS}. A period is forgotten once the allowed lateness has
 * passed its end. The rules: docs/contracts.md, "Windows, periods and late events".
 *
 * <p>Runs in a {@link io.pacesetter.job.state.WriteBehindOperator}, which writes the state it holds back before
 * each checkpoint ({@link HeldStates}).
 */
public class MeasureSlicer extends HoldingProcessFunction<String, ScopedOutcome, MeasureRecord> {
    /** A MONTH's final tally per measure scope, once the allowed lateness has passed its end. */
    public static final OutputTag<MonthAggregate> CLOSED_MONTHS = new OutputTag<>("closed-months") {};

    private final PacesetterConfig config;
    private final long slideMs;
    private final long[] lengthsMs;
    private final long longestMs;
    private final long allowedLatenessMs;
    private final long emitEveryMs;
    private final boolean provisionalPeriods;
    /** False for {@link #periodsOnly}: no slices, no sliding windows, every outcome straight into its periods. */
    private final boolean slidingWindows;

    private transient ZoneId zone;
    private transient CalendarPeriod[] lastPeriods;
    /** {@code lastPeriods[i].id()}, made once: a period's id is its state key, looked up for every closed slice. */
    private transient String[] lastPeriodIds;

    private transient MeasureRecords records;
    private transient WriteBehindValueState<ScopedOutcome> scope;
    /** The end of the last slice rolled into the windows. */
    private transient WriteBehindValueState<Long> rolledTo;
    /**
     * The same mark as kept before slices had timers for leaving their windows (a savepoint of an earlier
     * release): read once per scope, which then gets those timers, and cleared.
     */
    private transient ValueState<Long> rolledUpToBeforeLeaveTimers;

    /** Each one-minute slice by its start, for as long as a window holds it. */
    private transient WriteBehindMapState<Long, Tally> slices;
    /** The running total of each window length. */
    private transient WriteBehindMapState<Long, Tally> windows;
    /** Each DAY and MONTH by id. */
    private transient WriteBehindMapState<String, PeriodTally> periods;
    /** Outcomes retracted while their slice was open, by the slice's start: taken from the periods when it rolls. */
    private transient WriteBehindMapState<Long, Tally> takenBack;
    /**
     * The earliest moment a period is due to become final or be forgotten; null when unknown (the
     * periods are then looked at on the next timer). Spares the minute timers a walk over the periods.
     */
    private transient WriteBehindValueState<Long> periodsDueAt;

    /**
     * @param emitEvery sliding windows are published when their end is a multiple of this (PT1M live, PT15M replay)
     * @param provisionalPeriods whether open DAY and MONTH figures are published as they change (live runs)
     */
    public MeasureSlicer(PacesetterConfig config, Duration emitEvery, boolean provisionalPeriods) {
        this(config, emitEvery, provisionalPeriods, true);
    }

    /**
     * DAY and MONTH alone, final ones only, for a count that reads no sliding window (the snapshot's). Each
     * outcome goes into its periods as it comes, as a late one does, rather than through a one-minute slice rolled
     * into every window: a period gets the same outcomes either way, because slices are whole minutes, periods
     * start on whole minutes, and a slice ending with its period is rolled in before the period is final
     * ({@code ClosedMonthsTest}).
     */
    public static MeasureSlicer periodsOnly(PacesetterConfig config) {
        return new MeasureSlicer(config, config.windows().slide(), false, false);
    }

    private MeasureSlicer(
            PacesetterConfig config, Duration emitEvery, boolean provisionalPeriods, boolean slidingWindows) {
        this.slidingWindows = slidingWindows;
        this.config = config;
        this.slideMs = config.windows().slide().toMillis();
        this.lengthsMs = config.windows().lengths().stream()
                .mapToLong(Duration::toMillis)
                .sorted()
                .toArray();
        this.longestMs = lengthsMs[lengthsMs.length - 1];
        this.allowedLatenessMs = config.events().allowedLateness().toMillis();
        this.emitEveryMs = emitEvery.toMillis();
        this.provisionalPeriods = provisionalPeriods;
        if (emitEveryMs % slideMs != 0) {
            throw new IllegalArgumentException("emit-every " + emitEvery + " must be a multiple of the slide "
                    + config.windows().slide());
        }
    }

    @Override
    public void open(OpenContext openContext) {
        HeldStates held = heldStates();
        zone = config.force().timeZone();
        lastPeriods = new CalendarPeriod[PeriodKind.values().length];
        lastPeriodIds = new String[PeriodKind.values().length];
        records = new MeasureRecords(config);
        scope = held.value(getRuntimeContext().getState(new ValueStateDescriptor<>("scope", ScopedOutcome.class)));
        rolledTo = held.value(getRuntimeContext().getState(new ValueStateDescriptor<>("rolled-to", Long.class)));
        rolledUpToBeforeLeaveTimers =
                getRuntimeContext().getState(new ValueStateDescriptor<>("rolled-up-to", Long.class));
        slices = held.map(getRuntimeContext().getMapState(new MapStateDescriptor<>("slices", Long.class, Tally.class)));
        windows =
                held.map(getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Long.class, Tally.class)));
        periods = held.map(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("periods", String.class, PeriodTally.class)));
        takenBack = held.map(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("taken-back", Long.class, Tally.class)));
        periodsDueAt =
                held.value(getRuntimeContext().getState(new ValueStateDescriptor<>("periods-due-at", Long.class)));
    }

    @Override
    public void processElement(ScopedOutcome outcome, Context ctx, Collector<MeasureRecord> out) throws Exception {
        long sliceStart = Math.floorDiv(outcome.time, slideMs) * slideMs;
        long sliceEnd = sliceStart + slideMs;
        if (outcome.retraction) {
            keepScope(outcome);
            // A late event changed an incident's outcome: DAY and MONTH take the counted one back;
            // sliding windows already published (or its open slice, rolled into them later) keep it.
            // Taken from the periods' tallies, not added as a negative tally: wait counts cannot go below zero.
            Tally counted = new Tally();
            add(counted, outcome);
            if (slidingWindows
                    && !sliceClosed(sliceEnd, ctx)
                    && slices.current().get(sliceStart) != null) {
                // The counted outcome is still in its open slice, which reaches DAY and MONTH when it rolls:
                // taken back then. (The slicer's watermark is the slowest of its inputs', so an incident's
                // outcome and its retraction can both arrive before the slice closes.)
                WriteBehindMapState.Entries<Long, Tally> pending = takenBack.current();
                Tally taken = pending.get(sliceStart);
                if (taken == null) {
                    taken = new Tally();
                }
                taken.add(counted);
                pending.put(sliceStart, taken);
                return;
            }
            intoPeriods(outcome.time, ctx, out, true, period -> period.subtract(counted));
            return;
        }
        if (!slidingWindows
                || outcome.reasonOnly
                || outcome.family == MeasureFamily.DATA_QUALITY
                || sliceClosed(sliceEnd, ctx)) {
            keepScope(outcome);
            // Straight into each period's tally: no tally of its own to make and add.
            intoPeriods(outcome.time, ctx, out, true, period -> add(period, outcome));
            return;
        }
        WriteBehindMapState.Entries<Long, Tally> open = slices.current();
        Tally slice = open.get(sliceStart);
        if (slice == null) {
            // A scope holding a slice is kept: an outcome joining one need not look.
            keepScope(outcome);
            slice = new Tally();
            // An open slice's timer is set when the slice is made: registering it again per outcome
            // only costs a look-up in the timer queue.
            ctx.timerService().registerEventTimeTimer(sliceEnd - 1);
        }
        add(slice, outcome);
        open.put(sliceStart, slice);
    }

    /** Keeps the scope the outcome is addressed to, for the timers, unless it is kept already. */
    private void keepScope(ScopedOutcome outcome) throws Exception {
        if (scope.value() == null) {
            scope.update(
                    outcome.addressedTo(outcome.family, outcome.queue, outcome.scope, outcome.scopeId, outcome.area));
        }
    }

    /** Whether the slice ending at {@code sliceEnd} is behind the watermark, or already rolled (before a restore). */
    private boolean sliceClosed(long sliceEnd, Context ctx) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && sliceEnd - 1 <= watermark) {
            return true;
        }
        Long rolled = rolled(ctx);
        return rolled != null && sliceEnd <= rolled;
    }

    /**
     * The end of the last slice rolled; for a scope restored from before leave timers, first sets a timer for
     * each minute one of its rolled slices leaves a window, as {@link #rollSlice} does for every slice now.
     */
    private Long rolled(Context ctx) throws Exception {
        Long rolled = rolledTo.value();
        if (rolled != null) {
            return rolled;
        }
        rolled = rolledUpToBeforeLeaveTimers.value();
        if (rolled == null) {
            return null;
        }
        for (Map.Entry<Long, Tally> held : slices.current().entries()) {
            long sliceEnd = held.getKey() + slideMs;
            if (sliceEnd <= rolled) {
                setLeaveTimers(sliceEnd, rolled, ctx);
            }
        }
        if (!windows.current().isEmpty()) {
            setPublishTimer(rolled, ctx);
        }
        rolledTo.update(rolled);
        rolledUpToBeforeLeaveTimers.clear();
        return rolled;
    }

    /** A timer for each minute after {@code after} when the slice ending at {@code sliceEnd} leaves a window. */
    private void setLeaveTimers(long sliceEnd, long after, Context ctx) {
        for (long length : lengthsMs) {
            if (sliceEnd + length > after) {
                ctx.timerService().registerEventTimeTimer(sliceEnd + length - 1);
            }
        }
    }

    /** A timer for the first end after {@code after} on which sliding windows are published. */
    private void setPublishTimer(long after, Context ctx) {
        ctx.timerService().registerEventTimeTimer(Math.floorDiv(after, emitEveryMs) * emitEveryMs + emitEveryMs - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MeasureRecord> out) throws Exception {
        long end = timestamp + 1;
        ScopedOutcome key = scope.value();
        if (key == null) {
            return;
        }
        if (slidingWindows && key.family != MeasureFamily.DATA_QUALITY && end % slideMs == 0) {
            rollTo(end, key, ctx, out);
        }
        // Periods change only when one is due (final, forgotten) or on a provisional publishing minute:
        // every other minute timer leaves them alone rather than walk them.
        Long due = periodsDueAt.value();
        if (due == null || end >= due || (provisionalPeriods && end % emitEveryMs == 0)) {
            publishPeriods(end, key, ctx, out);
        }
    }

    private void rollTo(long end, ScopedOutcome key, OnTimerContext ctx, Collector<MeasureRecord> out)
            throws Exception {
        Long rolled = rolled(ctx);
        if (rolled != null && rolled >= end) {
            return;
        }
        // Straight to this minute: every minute when a slice enters a window (its end) or leaves one (its end
        // plus the window's length) has a timer, and timers fire in time order, so the minutes since the last
        // roll changed no window. A scope rolls on those minutes and on publishing ones, not every minute.
        if (rollSlice(end, key, ctx, out)) {
            setPublishTimer(end, ctx);
        }
        rolledTo.update(end);
    }

    /**
     * Closes the slice ending at {@code end}: into every running window, then into its periods.
     *
     * @return whether any window still holds something
     */
    private boolean rollSlice(long end, ScopedOutcome key, OnTimerContext ctx, Collector<MeasureRecord> out)
            throws Exception {
        WriteBehindMapState.Entries<Long, Tally> held = slices.current();
        Tally slice = held.get(end - slideMs);
        boolean publish = end % emitEveryMs == 0;
        boolean windowsLeft = false;
        WriteBehindMapState.Entries<Long, Tally> totals = windows.current();
        for (long length : lengthsMs) {
            Tally total = totals.get(length);
            Tally leaving = held.get(end - length - slideMs);
            if (total == null) {
                if (slice == null) {
                    continue;
                }
                total = new Tally();
            }
            if (slice != null) {
                total.add(slice);
            }
            if (leaving != null) {
                total.subtract(leaving);
            }
            if (total.isEmpty()) {
                totals.remove(length);
                continue;
            }
            totals.put(length, total);
            windowsLeft = true;
            if (publish) {
                records.emit(key, total, MeasureRecords.sliding(end - length, end), out::collect);
            }
        }
        held.remove(end - longestMs - slideMs);
        if (slice != null) {
            setLeaveTimers(end, end, ctx);
            intoPeriods(end - slideMs, ctx, out, false, period -> period.add(slice));
            // Only a slice that was open can have outcomes taken back while it was.
            WriteBehindMapState.Entries<Long, Tally> pending = takenBack.current();
            Tally taken = pending.get(end - slideMs);
            if (taken != null) {
                pending.remove(end - slideMs);
                intoPeriods(end - slideMs, ctx, out, false, period -> period.subtract(taken));
            }
        }
        return windowsLeft;
    }

    /**
     * Makes {@code change} to the DAY and the MONTH containing {@code time}, opening them if need be.
     *
     * @param outsideTimers true when called for an element: no minute timer of this key is due to
     *     publish the change, so one is set
     */
    private void intoPeriods(
            long time, Context ctx, Collector<MeasureRecord> out, boolean outsideTimers, Consumer<Tally> change)
            throws Exception {
        ScopedOutcome key = scope.value();
        WriteBehindMapState.Entries<String, PeriodTally> tallies = periods.current();
        for (PeriodKind kind : PeriodKind.values()) {
            CalendarPeriod period = periodContaining(kind, time);
            String id = lastPeriodIds[kind.ordinal()];
            PeriodTally counted = tallies.get(id);
            long watermark = ctx.timerService().currentWatermark();
            if (counted == null
                    && outsideTimers
                    && watermark != Long.MIN_VALUE
                    && period.endMs() + allowedLatenessMs <= watermark) {
                // An element for a period closed to revision and forgotten: it is not opened again.
                continue;
            }
            if (counted == null) {
                counted = new PeriodTally(period);
                // Published final when the watermark passes its end; forgotten when no late event can reach it.
                ctx.timerService().registerEventTimeTimer(period.endMs() - 1);
                ctx.timerService().registerEventTimeTimer(period.endMs() + allowedLatenessMs - 1);
                Long due = periodsDueAt.value();
                // Unknown stays unknown: the next timer walks the periods and finds the earliest.
                if (due != null && period.endMs() < due) {
                    periodsDueAt.update(period.endMs());
                }
            }
            change.accept(counted.tally);
            if (counted.isFinal) {
                counted.revision++;
                records.emit(key, counted.tally, MeasureRecords.period(counted, true, counted.revision), out::collect);
            } else {
                counted.changed = true;
                if (provisionalPeriods && outsideTimers) {
                    // Keys without sliding windows (data quality) have no minute timers to publish on.
                    long after = Math.max(time, ctx.timerService().currentWatermark());
                    ctx.timerService()
                            .registerEventTimeTimer(Math.floorDiv(after, emitEveryMs) * emitEveryMs + emitEveryMs - 1);
                }
            }
            tallies.put(id, counted);
        }
    }

    private void publishPeriods(long now, ScopedOutcome key, OnTimerContext ctx, Collector<MeasureRecord> out)
            throws Exception {
        boolean provisionalDue = provisionalPeriods && now % emitEveryMs == 0;
        List<String> forget = new ArrayList<>();
        long due = Long.MAX_VALUE;
        WriteBehindMapState.Entries<String, PeriodTally> tallies = periods.current();
        for (Map.Entry<String, PeriodTally> entry : tallies.entries()) {
            PeriodTally counted = entry.getValue();
            if (!counted.isFinal && now < counted.endMs) {
                due = Math.min(due, counted.endMs);
            } else if (!(counted.isFinal && now >= counted.endMs + allowedLatenessMs)) {
                due = Math.min(due, counted.endMs + allowedLatenessMs);
            }
            if (counted.isFinal) {
                if (now >= counted.endMs + allowedLatenessMs) {
                    forget.add(entry.getKey());
                    if (counted.kind == PeriodKind.MONTH) {
                        ctx.output(CLOSED_MONTHS, MonthAggregate.of(key, counted, counted.endMs + allowedLatenessMs));
                    }
                }
            } else if (now >= counted.endMs) {
                counted.isFinal = true;
                counted.changed = false;
                // An outcome retracted before its period became final leaves nothing to publish.
                if (!counted.tally.isEmpty() || provisionalPeriods) {
                    records.emit(
                            key, counted.tally, MeasureRecords.period(counted, true, counted.revision), out::collect);
                }
                tallies.put(entry.getKey(), counted);
            } else if (provisionalDue && counted.changed) {
                counted.changed = false;
                records.emit(key, counted.tally, MeasureRecords.period(counted, false, counted.revision), out::collect);
                tallies.put(entry.getKey(), counted);
            }
        }
        for (String id : forget) {
            tallies.remove(id);
        }
        if (due == Long.MAX_VALUE) {
            periodsDueAt.clear();
            if (slices.current().isEmpty() && windows.current().isEmpty()) {
                scope.clear();
                rolledTo.clear();
                rolledUpToBeforeLeaveTimers.clear();
            }
        } else {
            periodsDueAt.update(due);
        }
    }

    /** Time-zone arithmetic is costly and outcomes come in time order: the last DAY and MONTH are reused. */
    private CalendarPeriod periodContaining(PeriodKind kind, long time) {
        int i = kind.ordinal();
        CalendarPeriod last = lastPeriods[i];
        if (last == null || time < last.startMs() || time >= last.endMs()) {
            last = CalendarPeriod.containing(kind, time, zone);
            lastPeriods[i] = last;
            lastPeriodIds[i] = last.id();
        }
        return last;
    }

    /** Adds one outcome, judged against its queue's standard. */
    private void add(Tally tally, ScopedOutcome o) {
        switch (o.family) {
            case CALL_LEGS -> {
                QueueStandard standard = config.standardFor(o.queue);
                boolean within = standard.answerThreshold() != null
                        && o.waitMs <= standard.answerThreshold().toMillis();
                boolean shortAbandon =
                        !o.answered && o.waitMs < standard.shortAbandon().toMillis();
                tally.addLeg(o.answered, o.waitMs, within, shortAbandon);
            }
            case ATTENDANCE -> {
                if (!o.reasonOnly) {
                    tally.addAttendance(o.met);
                }
                if (!o.met && o.reason != null) {
                    tally.addReason(o.reason);
                }
            }
            case RESPONSE -> tally.addResponse(o.stage, o.waitMs);
            case DATA_QUALITY -> tally.addReason(o.reason);
        }
    }
}
