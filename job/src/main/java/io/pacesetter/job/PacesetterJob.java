package io.pacesetter.job;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.job.alerts.BreachReview;
import io.pacesetter.job.alerts.CallHandlingAlerts;
import io.pacesetter.job.alerts.CallbackAlerts;
import io.pacesetter.job.alerts.FeedSilence;
import io.pacesetter.job.alerts.IncidentAlerts;
import io.pacesetter.job.alerts.IncidentNotice;
import io.pacesetter.job.alerts.LiveClock;
import io.pacesetter.job.alerts.LpaBreachSurge;
import io.pacesetter.job.alerts.RuleReading;
import io.pacesetter.job.calls.LegOutcome;
import io.pacesetter.job.calls.LegTracker;
import io.pacesetter.job.calls.WaitingChange;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentOutcome;
import io.pacesetter.job.incidents.IncidentScopes;
import io.pacesetter.job.incidents.LiveIncidents;
import io.pacesetter.job.incidents.ScopedIncidentChange;
import io.pacesetter.job.ingest.Deduplicate;
import io.pacesetter.job.measures.DataQualityStamp;
import io.pacesetter.job.measures.LiveQueues;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MeasureSlicer;
import io.pacesetter.job.measures.ScopeFanOut;
import io.pacesetter.job.measures.ScopedOutcome;
import io.pacesetter.job.measures.ScopedWaiting;
import io.pacesetter.job.measures.ToScopes;
import io.pacesetter.job.snapshot.MonthAggregate;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one pipeline behind {@code run}, {@code replay} and the cluster job: they differ only in the
 * input they hand to {@link #defineWorkflow} and the sinks they attach to its {@link Outputs}.
 *
 * <pre>
 * input (events and parse rejections, with event-time watermarks)
 *   ├─ rejections ─────────────────────────────────────────────────────────────► dead letters
 *   └─ keyBy eventId: Deduplicate (DUPLICATE, TOO_LATE) ───────────────────────► dead letters
 *        ├─ calls: keyBy (callId, queue): LegTracker ─► legs (NO_OFFER, NO_OUTCOME ► dead letters)
 *        │     └─ live: waiting changes ─► keyBy queue scope: LiveQueues ─────► LIVE records
 *        └─ incidents: keyBy incidentId: IncidentClock ─► outcomes (NO_CREATED, ARRIVAL_BEFORE_CREATION ► dead letters)
 *              └─ live: changes ─► keyBy scope: LiveIncidents ──────────────► LIVE records
 *   legs + incident outcomes + data-quality counts ─► fan out to scopes ─► keyBy scope: MeasureSlicer ─► SLIDING and PERIOD records
 *   alerts: incident notices ─► keyBy incidentId: IncidentAlerts ─┬─► breaches ─► keyBy force: BreachReview
 *                                                                  └─► breaches ─► keyBy LPA: LpaBreachSurge
 *           callback-queue legs ─► keyBy callId: CallbackAlerts;  measure records ─► keyBy rule+scope: CallHandlingAlerts
 *           live runs with a LiveClock: signs of life + ticker ─► keyBy feed: FeedSilence (wall clock)
 * </pre>
 */
public final class PacesetterJob {
    /**
     * Flink settings this pipeline is written for, applied by whoever builds its environment (the
     * commands, the cluster job, the benchmarks).
     *
     * <ul>
     *   <li>{@code pipeline.generic-types: false}: every type is a tested POJO, so a fallback to Kryo
     *       is a bug and should fail loudly rather than slow things down.
     *   <li>{@code pipeline.object-reuse: true}: records pass between chained operators without a copy
     *       (the copy was an eighth of a replay's time, most of it the measure records). Safe because no
     *       function here changes a record it was given or one it has emitted: a change to an alert or a
     *       book is made on a copy ({@code Alert.next}), and every emitted record is built fresh.
     *       {@code ReplayAlertsITCase} holds a replay with reuse on to the same output as with it off.
     * </ul>
     */
    public static final Map<String, String> FLINK_SETTINGS = Map.of(
            "pipeline.generic-types", "false",
            "pipeline.object-reuse", "true");

    private PacesetterJob() {}

    /**
     * How a run publishes.
     *
     * @param live whether live figures (calls waiting, longest wait) are computed
     * @param provisionalPeriods whether open DAY and MONTH figures are published as they change
     * @param emitEvery sliding windows are published when their end is a multiple of this
     * @param liveClock live runs: event time on the wall clock, so incident alerts come when their moment comes by the
     *     clock even when the watermark is behind, and silent feeds are noticed; null: everything in event time
     */
    public record Options(boolean live, boolean provisionalPeriods, Duration emitEvery, LiveClock liveClock) {
        public Options(boolean live, boolean provisionalPeriods, Duration emitEvery) {
            this(live, provisionalPeriods, emitEvery, null);
        }

        /** A live run; add {@link #withLiveClock} to have alerts on time by the wall clock. */
        public static Options liveRun(PacesetterConfig config) {
            return new Options(true, true, config.windows().slide());
        }

        public static Options replay(Duration emitEvery) {
            return new Options(false, false, emitEvery);
        }

        /** The same options, with event time tied to the wall clock (live runs only; a replay ignores it). */
        public Options withLiveClock(LiveClock clock) {
            return new Options(live, provisionalPeriods, emitEvery, clock);
        }
    }

    /**
     * What the pipeline produces, for the caller to send to its sinks.
     *
     * @param alerts every alert record (RAISED, UPDATED, CLEARED), at least once with stable ids
     * @param closedMonths each MONTH's whole tally per measure scope once no late event can change it, for the
     *     monthly aggregate store ({@link io.pacesetter.job.snapshot.MonthlyStore})
     */
    public record Outputs(
            DataStream<MeasureRecord> measures,
            DataStream<DeadLetter> deadLetters,
            DataStream<Alert> alerts,
            DataStream<MonthAggregate> closedMonths) {
        /** Measures and dead letters only, e.g. to attach file sinks to a filtered copy. */
        public Outputs(DataStream<MeasureRecord> measures, DataStream<DeadLetter> deadLetters) {
            this(measures, deadLetters, null, null);
        }

        public Outputs(
                DataStream<MeasureRecord> measures, DataStream<DeadLetter> deadLetters, DataStream<Alert> alerts) {
            this(measures, deadLetters, alerts, null);
        }
    }

    public static Outputs defineWorkflow(PacesetterConfig config, Options options, DataStream<InputRecord> input) {
        DataStream<DeadLetter> unreadable = input.filter(r -> !r.isEvent())
                .name("Unreadable inputs")
                .map(r -> r.deadLetter)
                .name("As dead letters");

        SingleOutputStreamOperator<CallEvent> calls = input.filter(InputRecord::isEvent)
                .name("Readable events")
                .keyBy(InputRecord::eventId)
                .process(new Deduplicate(config.events()))
                .uid(OperatorIds.DEDUPLICATE)
                .name(OperatorIds.DEDUPLICATE_NAME);
        DataStream<IncidentEvent> incidents = calls.getSideOutput(Deduplicate.INCIDENTS);

        SingleOutputStreamOperator<LegOutcome> legs = calls.keyBy(CallEvent::legKey)
                .process(new LegTracker(config.events(), options.live()))
                .uid(OperatorIds.CALL_LEGS)
                .name(OperatorIds.CALL_LEGS_NAME);

        SingleOutputStreamOperator<IncidentOutcome> attendance = incidents
                .keyBy(e -> e.incidentId)
                .process(new IncidentClock(config, options.live(), true, options.live() ? options.liveClock() : null))
                .uid(OperatorIds.INCIDENT_CLOCKS)
                .name(OperatorIds.INCIDENT_CLOCKS_NAME);

        DataStream<DeadLetter> deadLetters = unreadable.union(
                calls.getSideOutput(Deduplicate.DEAD_LETTERS),
                legs.getSideOutput(LegTracker.DEAD_LETTERS),
                attendance.getSideOutput(IncidentClock.DEAD_LETTERS));

        DataStream<ScopedOutcome> dataQuality = deadLetters
                .keyBy(d -> config.force().name())
                .process(new DataQualityStamp(config))
                .uid(OperatorIds.DATA_QUALITY)
                .name(OperatorIds.DATA_QUALITY_NAME);

        DataStream<ScopedOutcome> scopedLegs = legs.flatMap(new ToScopes<>(
                        config,
                        (LegOutcome leg, ScopeFanOut scopes, Consumer<ScopedOutcome> out) ->
                                legToScopes(leg, scopes, out, config),
                        ScopedOutcome.class))
                .name("Legs to their scopes");
        DataStream<ScopedOutcome> scopedIncidents = attendance
                .flatMap(new ToScopes<>(config, IncidentScopes::fanOut, ScopedOutcome.class))
                .name("Incidents to their scopes");

        SingleOutputStreamOperator<MeasureRecord> slices = scopedLegs
                .union(scopedIncidents, dataQuality)
                .keyBy(o -> o.key)
                .process(new MeasureSlicer(config, options.emitEvery(), options.provisionalPeriods()))
                .uid(OperatorIds.MEASURE_SLICES)
                .name(OperatorIds.MEASURE_SLICES_NAME);
        DataStream<MonthAggregate> closedMonths = slices.getSideOutput(MeasureSlicer.CLOSED_MONTHS);
        DataStream<MeasureRecord> measures = slices;

        if (options.live()) {
            DataStream<MeasureRecord> waiting = legs.getSideOutput(LegTracker.WAITING)
                    .flatMap(new ToScopes<>(config, PacesetterJob::waitingToScopes, ScopedWaiting.class))
                    .name("Waiting calls to their scopes")
                    .keyBy(w -> w.key)
                    .process(new LiveQueues(config))
                    .uid(OperatorIds.LIVE_QUEUES)
                    .name(OperatorIds.LIVE_QUEUES_NAME);
            DataStream<MeasureRecord> incidentsNow = attendance
                    .getSideOutput(IncidentClock.CHANGES)
                    .flatMap(new ToScopes<>(config, LiveIncidents::fanOut, ScopedIncidentChange.class))
                    .name("Incident changes to their scopes")
                    .keyBy(c -> c.key)
                    .process(new LiveIncidents(config))
                    .uid(OperatorIds.LIVE_INCIDENTS)
                    .name(OperatorIds.LIVE_INCIDENTS_NAME);
            measures = measures.union(waiting, incidentsNow);
        }
        DataStream<Alert> alerts =
                defineAlerts(config, options, input, legs, attendance.getSideOutput(IncidentClock.NOTICES), measures);
        return new Outputs(measures, deadLetters, alerts, closedMonths);
    }

    /** Every alert, from the incident clocks' notices, the legs, the measure records and (live) the feeds' signs of life. */
    static DataStream<Alert> defineAlerts(
            PacesetterConfig config,
            Options options,
            DataStream<InputRecord> input,
            DataStream<LegOutcome> legs,
            DataStream<IncidentNotice> notices,
            DataStream<MeasureRecord> measures) {
        String force = config.force().name();
        SingleOutputStreamOperator<Alert> incidentAlerts = notices.keyBy(n -> n.incidentId)
                .process(new IncidentAlerts(config))
                .uid(OperatorIds.INCIDENT_ALERTS)
                .name(OperatorIds.INCIDENT_ALERTS_NAME);
        DataStream<Alert> breaches = incidentAlerts
                .filter(a -> a.kind == Alert.Kind.INCIDENT_BREACHED)
                .name("Breach alerts");
        DataStream<Alert> review = breaches.keyBy(a -> force)
                .process(new BreachReview(config))
                .uid(OperatorIds.BREACH_REVIEW)
                .name(OperatorIds.BREACH_REVIEW_NAME);
        DataStream<Alert> surges = breaches.filter(a -> a.lpa != null)
                .name("Breach alerts with an LPA")
                .keyBy(a -> a.lpa)
                .process(new LpaBreachSurge(config))
                .uid(OperatorIds.LPA_BREACH_SURGE)
                .name(OperatorIds.LPA_BREACH_SURGE_NAME);
        DataStream<Alert> callbacks = legs.filter(CallbackAlerts.inCallbackQueues(config))
                .name("Legs of the callback queues")
                .keyBy(l -> l.callId)
                .process(new CallbackAlerts(config))
                .uid(OperatorIds.CALLBACK_ALERTS)
                .name(OperatorIds.CALLBACK_ALERTS_NAME);
        DataStream<Alert> callHandling = measures.flatMap(CallHandlingAlerts.readings(config))
                .returns(RuleReading.class)
                .name(OperatorIds.CALL_HANDLING_READINGS_NAME)
                .keyBy(r -> r.key)
                .process(new CallHandlingAlerts(config))
                .uid(OperatorIds.CALL_HANDLING_ALERTS)
                .name(OperatorIds.CALL_HANDLING_ALERTS_NAME);
        DataStream<Alert> alerts = incidentAlerts.union(review, surges, callbacks, callHandling);
        if (options.live() && options.liveClock() != null) {
            alerts = alerts.union(FeedSilence.watch(config, options.liveClock(), input));
        }
        return alerts;
    }

    /** A leg to the force, its LPA and its district in its queue; notes unknown districts and queues. */
    static void legToScopes(LegOutcome leg, ScopeFanOut scopes, Consumer<ScopedOutcome> out, PacesetterConfig config) {
        ScopedOutcome outcome = new ScopedOutcome();
        outcome.time = leg.outcomeAt;
        outcome.answered = leg.answered;
        outcome.waitMs = leg.waitMs();
        scopes.fanOut(outcome, MeasureFamily.CALL_LEGS, leg.queue, leg.district, null, out);
        if (!config.knowsQueue(leg.queue)) {
            out.accept(scopes.dataQuality(RejectReason.UNKNOWN_QUEUE, leg.outcomeAt));
        }
    }

    /** A waiting change to every queue scope the call counts in. */
    static void waitingToScopes(WaitingChange change, ScopeFanOut scopes, Consumer<ScopedWaiting> out) {
        scopes.forEachScope(
                change.district,
                (scope, id) -> out.accept(
                        new ScopedWaiting(change.queue, scope, id, change.callId, change.waitingSince, change.time)));
    }
}
