package io.pacesetter.job.alerts;

import io.pacesetter.config.FeedSilenceConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.CallEventType;
import io.pacesetter.connectors.contract.IncidentEventType;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.job.ingest.LiveClock;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by feed ({@code calls}, {@code incidents}), live runs only: a feed whose silence by the wall clock
 * (processing-time timers) has become improbable at the rate it keeps itself at those hours of the week
 * ({@link FeedHistory}, {@code alerts.feedSilence}: below {@code probability}, within {@code floor} and
 * {@code ceiling}) raises {@code FEED_SILENT} (CRITICAL) to the Force Control Room and the duty Command
 * Officer; its next event CLEARS it. A quiet night is expected, so it is not an alarm. Fed the
 * inputs' signs of life ({@link Beats}) and a ticker's, so a feed that never started is noticed too. Its
 * output holds no event-time progress: it is unioned into the alerts after every event-time operator.
 *
 * <p>An episode starts at the event time of the last event heard (a fact of the feed, not of when the
 * silence was noticed), so its id is the same however often it is raised again after a restart. After a
 * restore, an alert raised since the last checkpoint is in no state: the first event of each feed then
 * re-checks it, sending a CLEARED ({@code RECHECKED}) for the feed, which clears whatever episode of it a
 * reader still shows.
 */
public class FeedSilence extends KeyedProcessFunction<String, FeedBeat, Alert> implements CheckpointedFunction {
    private static final long BEAT_EVERY_NANOS = 500_000_000L;
    /** An episode starts in the minute of the last event heard: {@link Beats} always tell of a new minute. */
    private static final long MINUTE = 60_000L;

    private final String force;
    private final FeedSilenceConfig silence;
    private final LiveClock clock;
    private final AlertWording words;
    private transient ValueState<FeedWatch> watch;
    /** Restored from a checkpoint or savepoint: each feed's first event since then re-checks it. */
    private transient boolean restored;

    private transient Set<String> rechecked;

    public FeedSilence(PacesetterConfig config, LiveClock clock) {
        this.force = config.force().name();
        this.silence = config.alerts().feedSilence();
        this.clock = clock;
        this.words = new AlertWording(config.force().timeZone());
    }

    /** Every second, a reminder of each feed to the watch, so a feed that never spoke is noticed too. */
    public static final class Reminders implements FlatMapFunction<Long, FeedBeat> {
        @Override
        public void flatMap(Long tick, Collector<FeedBeat> out) {
            out.collect(new FeedBeat(FeedBeat.CALLS, 0, true));
            out.collect(new FeedBeat(FeedBeat.INCIDENTS, 0, true));
        }
    }

    @Override
    public void open(OpenContext openContext) {
        watch = getRuntimeContext().getState(new ValueStateDescriptor<>("feed-watch", FeedWatch.class));
        rechecked = new HashSet<>();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Keyed state only: nothing of the function's own.
    }

    @Override
    public void processElement(FeedBeat beat, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        FeedWatch w = watch.value();
        if (beat.reminder) {
            if (w == null) {
                w = new FeedWatch();
                w.history = FeedHistory.of(silence.historyWeeks());
                w.lastHeardWall = now;
                w.timer = silentAt(w, beat.feed, now);
                ctx.timerService().registerProcessingTimeTimer(w.timer);
                watch.update(w);
            }
            return;
        }
        if (restored && rechecked.add(beat.feed) && (w == null || w.silent == null || !w.silent.isActive())) {
            out.collect(recheckCleared(beat.feed, now));
        }
        if (w == null) {
            w = new FeedWatch();
            w.history = FeedHistory.of(silence.historyWeeks());
        } else {
            ctx.timerService().deleteProcessingTimeTimer(w.timer);
            if (w.silent != null && w.silent.isActive()) {
                Alert cleared = w.silent.next(Alert.State.CLEARED);
                cleared.time = clock.eventTimeAt(now);
                cleared.outcome = "EVENTS_RESUMED";
                cleared.sentence = capitalised(what(beat.feed)) + " are arriving again (at " + words.clock(cleared.time)
                        + "), after " + AlertWording.duration(now - w.lastHeardWall) + " without any.";
                out.collect(cleared);
                w.silent = cleared;
            }
        }
        if (w.history == null) {
            w.history = FeedHistory.of(silence.historyWeeks()); // a watch restored from before there was one
        }
        w.history.add(beat.eventTime, beat.count);
        w.lastHeardWall = now;
        w.lastEventTime = w.lastEventTime == null ? beat.eventTime : Math.max(w.lastEventTime, beat.eventTime);
        w.timer = silentAt(w, beat.feed, now);
        ctx.timerService().registerProcessingTimeTimer(w.timer);
        watch.update(w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        FeedWatch w = watch.value();
        if (w == null || timestamp != w.timer || (w.silent != null && w.silent.isActive())) {
            return;
        }
        String feed = ctx.getCurrentKey();
        long since = w.lastEventTime != null
                ? Math.floorDiv(w.lastEventTime, MINUTE) * MINUTE
                : clock.eventTimeAt(w.lastHeardWall);
        Alert a = new Alert();
        a.alertId = Alert.idOf(Alert.Kind.FEED_SILENT, feed, since);
        a.kind = Alert.Kind.FEED_SILENT;
        a.severity = Alert.Severity.CRITICAL;
        a.state = Alert.State.RAISED;
        a.time = clock.eventTimeAt(timestamp);
        a.episodeStart = since;
        a.feed = feed;
        a.value = (timestamp - w.lastHeardWall) / 1000.0;
        a.force = force;
        String gap = AlertWording.duration(timestamp - w.lastHeardWall);
        long quietFrom = clock.eventTimeAt(w.lastHeardWall);
        double usual = w.history == null
                ? fallback(feed)
                : w.history.expectedIn(Math.floorDiv(quietFrom, 3_600_000L), fallback(feed));
        a.level = usual;
        a.sentence = (w.lastEventTime == null
                        ? "No " + what(feed) + " have arrived since Pacesetter started watching at "
                                + words.clock(since) + ", " + gap + " ago"
                        : "No " + what(feed) + " have arrived for " + gap + " (the last was stamped "
                                + words.clock(w.lastEventTime) + ")")
                + ", where about " + AlertWording.number(usual) + " an hour are usual then"
                + ": the " + (FeedBeat.CALLS.equals(feed) ? "call-handling" : "incident")
                + " figures are not live. Check the "
                + (FeedBeat.CALLS.equals(feed) ? "telephony" : "command-and-control") + " feed.";
        w.silent = a;
        watch.update(w);
        out.collect(a);
    }

    /**
     * The wall time at which a silence from {@code nowWall} becomes improbable for this feed (its expected rate at
     * those hours, from its own history or the fallback).
     */
    private long silentAt(FeedWatch w, String feed, long nowWall) {
        long from = clock.eventTimeAt(nowWall);
        long after = w.history.improbableAfterMs(from, silence, fallback(feed));
        return Math.max(nowWall + 1, clock.wallTimeAt(from + after));
    }

    private double fallback(String feed) {
        return FeedBeat.CALLS.equals(feed)
                ? silence.fallbackCallEventsPerHour()
                : silence.fallbackIncidentEventsPerHour();
    }

    /** After a restore, a feed heard from with no silence in state: any episode raised since is over. */
    private Alert recheckCleared(String feed, long now) {
        Alert a = new Alert();
        a.time = clock.eventTimeAt(now);
        a.alertId = Alert.idOf(Alert.Kind.FEED_SILENT, feed + "|RECHECKED", a.time); // never an episode's id
        a.kind = Alert.Kind.FEED_SILENT;
        a.severity = Alert.Severity.INFO;
        a.state = Alert.State.CLEARED;
        a.episodeStart = a.time;
        a.feed = feed;
        a.outcome = "RECHECKED";
        a.force = force;
        a.sentence = capitalised(what(feed)) + " are arriving (re-checked at " + words.clock(a.time)
                + " after a restart): any silence alert on them is cleared.";
        return a;
    }

    private static String what(String feed) {
        return FeedBeat.CALLS.equals(feed) ? "call events" : "incident events";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Signs of life: at most one per feed per half second from each subtask, whatever the traffic, and one
     * whenever the newest event time reaches a new minute, so the watch always knows the minute of the last
     * event (the start of a silence, from the feed's facts whatever the arrival timing).
     */
    public static final class Beats extends RichFlatMapFunction<InputRecord, FeedBeat> {
        private transient long[] lastBeatNanos;
        private transient boolean[] beaten;
        private transient long[] newestMinute;
        private transient long[] unsent;

        @Override
        public void open(OpenContext openContext) {
            lastBeatNanos = new long[2];
            beaten = new boolean[2];
            newestMinute = new long[] {Long.MIN_VALUE, Long.MIN_VALUE};
            unsent = new long[2];
        }

        @Override
        public void flatMap(InputRecord record, Collector<FeedBeat> out) {
            if (!record.isEvent()) {
                return; // an unreadable line is not a working feed
            }
            int feed = record.call != null ? 0 : 1;
            long now = System.nanoTime();
            long minute = Math.floorDiv(record.eventTime(), MINUTE);
            boolean newMinute = minute > newestMinute[feed];
            newestMinute[feed] = Math.max(newestMinute[feed], minute);
            if (record.call != null
                    ? record.call.type == CallEventType.OFFERED
                    : record.incident.type == IncidentEventType.CREATED) {
                unsent[feed]++; // the arrivals the watch learns the feed's rate from (FeedHistory)
            }
            if (!beaten[feed] || newMinute || now - lastBeatNanos[feed] >= BEAT_EVERY_NANOS) {
                beaten[feed] = true;
                lastBeatNanos[feed] = now;
                FeedBeat beat =
                        new FeedBeat(feed == 0 ? FeedBeat.CALLS : FeedBeat.INCIDENTS, record.eventTime(), false);
                // The events since the last sign: the watch learns the feed's rate from them.
                beat.count = unsent[feed];
                unsent[feed] = 0;
                out.collect(beat);
            }
        }
    }
}
