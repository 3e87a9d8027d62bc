package io.pacesetter.job;

import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Alert;
import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.contract.CallEvent;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.IncidentEvent;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.connectors.sink.JsonLine;
import io.pacesetter.connectors.sink.JsonLinesFileSink;
import io.pacesetter.connectors.sink.JsonLinesFileSink.LineEncoder;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.connectors.webhook.WebhookSink;
import io.pacesetter.job.alerts.AlertDesk;
import io.pacesetter.job.alerts.AlertRouting;
import io.pacesetter.job.alerts.BreachReview;
import io.pacesetter.job.alerts.CallHandlingAlerts;
import io.pacesetter.job.alerts.CallbackAlerts;
import io.pacesetter.job.alerts.ClockSkew;
import io.pacesetter.job.alerts.CommandDigest;
import io.pacesetter.job.alerts.FeedBeat;
import io.pacesetter.job.alerts.FeedSilence;
import io.pacesetter.job.alerts.IncidentAlerts;
import io.pacesetter.job.alerts.LateDowngradeReview;
import io.pacesetter.job.alerts.LiveUnresourced;
import io.pacesetter.job.alerts.LpaBreachSurge;
import io.pacesetter.job.alerts.RuleReading;
import io.pacesetter.job.alerts.UnresourcedAlerts;
import io.pacesetter.job.calls.LegOutcome;
import io.pacesetter.job.calls.LegTracker;
import io.pacesetter.job.calls.WaitingChange;
import io.pacesetter.job.incidents.IncidentClock;
import io.pacesetter.job.incidents.IncidentClockOperator;
import io.pacesetter.job.incidents.IncidentNotice;
import io.pacesetter.job.incidents.IncidentOutcome;
import io.pacesetter.job.incidents.IncidentScopes;
import io.pacesetter.job.incidents.LiveIncidents;
import io.pacesetter.job.incidents.ResponseScopes;
import io.pacesetter.job.incidents.ResponseTime;
import io.pacesetter.job.incidents.ScopedIncidentChange;
import io.pacesetter.job.ingest.Deduplicate;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.job.measures.AnswerRate;
import io.pacesetter.job.measures.DataQualityStamp;
import io.pacesetter.job.measures.LiveQueues;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MeasureSlicer;
import io.pacesetter.job.measures.MonthAggregate;
import io.pacesetter.job.measures.ScopeFanOut;
import io.pacesetter.job.measures.ScopedOutcome;
import io.pacesetter.job.measures.ScopedWaiting;
import io.pacesetter.job.measures.ToScopes;
import io.pacesetter.job.metrics.PipelineMetrics;
import io.pacesetter.job.publish.ActiveAlerts;
import io.pacesetter.job.publish.EncodeLines;
import io.pacesetter.job.publish.FileOutputs;
import io.pacesetter.job.publish.LatestFigures;
import io.pacesetter.job.publish.MonthlyStoreSink;
import io.pacesetter.job.publish.SlidingCadence;
import io.pacesetter.job.state.WriteBehindOperator;
import io.pacesetter.job.store.MonthStore;
import io.pacesetter.wall.DisplaySinks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one pipeline behind {@code run}, {@code replay} and the cluster job: they differ only in the input they
 * hand to {@link #defineWorkflow} and the sinks they attach to its {@link Outputs}. The graph, each operator
 * with its key, is drawn in docs/architecture.md ("The way an event travels"; the alerts under
 * "PacesetterJob").
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
     *       (what the copy cost: docs/benchmarks.md). Safe because no function here changes a record it
     *       was given or one it has emitted: a change to an alert or a book is made on a copy
     *       ({@code Alert.next}), and every emitted record is built fresh. {@code ReplayAlertsITCase}
     *       holds a replay with reuse on to the same output as with it off.
     * </ul>
     */
    public static final Map<String, String> FLINK_SETTINGS = Map.of(
            "pipeline.generic-types", "false",
            "pipeline.object-reuse", "true");

    private PacesetterJob() {}

    /**
     * How a run computes and publishes.
     *
     * @param live whether live figures (calls waiting, longest wait) are computed
     * @param provisionalPeriods whether open DAY and MONTH figures are published as they change
     * @param emitEvery the slicer publishes sliding windows whose end is a multiple of this
     * @param liveClock live runs: event time on the wall clock, so incident alerts come when their moment comes by the
     *     clock even when the watermark is behind, and silent feeds are noticed; null: everything in event time
     * @param publishEvery the files and the KPI topic get sliding windows whose end is a multiple of this (the
     *     console and the wall display get every one the slicer publishes)
     * @param answerRate also publish ANSWER_RATE, derived from the abandonment rate
     * @param closedMonthsOnly a count of the closed months alone (the snapshot's): the slicer keeps DAY and MONTH
     *     only ({@link MeasureSlicer#periodsOnly}), and no alert is judged; {@link Outputs#alerts} is then null
     */
    public record Options(
            boolean live,
            boolean provisionalPeriods,
            Duration emitEvery,
            LiveClock liveClock,
            Duration publishEvery,
            boolean answerRate,
            boolean closedMonthsOnly) {
        public Options(boolean live, boolean provisionalPeriods, Duration emitEvery) {
            this(live, provisionalPeriods, emitEvery, null, emitEvery, false, false);
        }

        /** A live run; add {@link #withLiveClock} to have alerts on time by the wall clock. */
        public static Options liveRun(PacesetterConfig config) {
            return new Options(true, true, config.windows().slide());
        }

        public static Options replay(Duration emitEvery) {
            return new Options(false, false, emitEvery);
        }

        /**
         * What a snapshot counts from events: each MONTH's tally once it is closed, by the same operators as a
         * replay, without the sliding windows and alerts nobody reads there.
         */
        public static Options closedMonths(PacesetterConfig config) {
            Duration slide = config.windows().slide();
            return new Options(false, false, slide, null, slide, false, true);
        }

        /** The same options, with event time tied to the wall clock (live runs only; a replay ignores it). */
        public Options withLiveClock(LiveClock clock) {
            return new Options(live, provisionalPeriods, emitEvery, clock, publishEvery, answerRate, closedMonthsOnly);
        }

        public Options withPublishEvery(Duration every) {
            return new Options(live, provisionalPeriods, emitEvery, liveClock, every, answerRate, closedMonthsOnly);
        }

        public Options withAnswerRate(boolean on) {
            return new Options(live, provisionalPeriods, emitEvery, liveClock, publishEvery, on, closedMonthsOnly);
        }
    }

    /**
     * What the pipeline produces, for {@link #publish} to send to the sinks.
     *
     * @param alerts every alert record (RAISED, UPDATED, CLEARED), at least once with stable ids; null when only
     *     closed months are counted
     * @param closedMonths each MONTH's whole tally per measure scope once no late event can change it, for the
     *     monthly aggregate store
     */
    public record Outputs(
            DataStream<MeasureRecord> measures,
            DataStream<DeadLetter> deadLetters,
            DataStream<Alert> alerts,
            DataStream<MonthAggregate> closedMonths) {}

    /** The whole job: what is computed from the input, published to the sinks an entry point chose. */
    public static Outputs define(PacesetterConfig config, Options options, DataStream<InputRecord> input, Sinks sinks) {
        return define(config, options, input, null, sinks);
    }

    /**
     * The whole job, with what people do with alerts ({@code actions}: acknowledge, called back, digest now; null:
     * none, as in a replay).
     */
    public static Outputs define(
            PacesetterConfig config,
            Options options,
            DataStream<InputRecord> input,
            DataStream<AlertAction> actions,
            Sinks sinks) {
        return publish(config, options, defineWorkflow(config, options, input, actions), sinks);
    }

    /**
     * What each sink gets, decided here for every entry point. Metrics count everything; the files and the KPI
     * topic get sliding windows on the {@code publishEvery} cadence, the console and the wall display every one.
     *
     * @return the published streams (after metrics and answer rate, before the cadence)
     */
    public static Outputs publish(PacesetterConfig config, Options options, Outputs computed, Sinks sinks) {
        DataStream<MeasureRecord> computedMeasures = options.answerRate()
                ? computed.measures().flatMap(new AnswerRate()).name("Answer rate from abandonment rate")
                : computed.measures();
        DataStream<MeasureRecord> measures = PipelineMetrics.watchFigures(computedMeasures);
        DataStream<DeadLetter> deadLetters = PipelineMetrics.countDeadLetters(computed.deadLetters());
        DataStream<Alert> alerts = computed.alerts() == null ? null : PipelineMetrics.countAlerts(computed.alerts());
        if (alerts == null && sinks.readsAlerts()) {
            throw new IllegalArgumentException(
                    "these sinks read alerts, which a count of closed months does not judge");
        }
        DataStream<MeasureRecord> onCadence = measures.filter(new SlidingCadence(options.publishEvery()))
                .name("Sliding every " + options.publishEvery());

        if (sinks.files() != null) {
            Path dir = sinks.files();
            boolean append = sinks.appendFiles();
            onCadence
                    .filter(r -> r.window == WindowKind.PERIOD && r.isFinal)
                    .name("Final periods")
                    .sinkTo(JsonLinesFileSink.of(dir.resolve(FileOutputs.PERIODS), append, RecordJson::measure))
                    .name("Write " + FileOutputs.PERIODS)
                    .setParallelism(1);
            onCadence
                    .filter(r -> r.window == WindowKind.SLIDING)
                    .name("Sliding windows")
                    .map(new EncodeLines<>(RecordJson::measure, FileOutputs.KPIS_WRITTEN))
                    .name("Sliding windows as JSON")
                    .sinkTo(JsonLinesFileSink.of(
                            dir.resolve(FileOutputs.KPIS), append, (byte[] json, JsonLine line) -> line.raw(json)))
                    .name("Write " + FileOutputs.KPIS)
                    .setParallelism(1);
            deadLetters
                    .sinkTo(JsonLinesFileSink.of(
                            dir.resolve(FileOutputs.DEAD_LETTERS), append, LineEncoder.of(RecordJson::deadLetter)))
                    .name("Write " + FileOutputs.DEAD_LETTERS)
                    .setParallelism(1);
            alerts.sinkTo(JsonLinesFileSink.of(
                            dir.resolve(FileOutputs.ALERTS), append, LineEncoder.of(RecordJson::alert)))
                    .name("Write " + FileOutputs.ALERTS)
                    .setParallelism(1);
        }
        if (sinks.kafka() != null) {
            KafkaConnection kafka = sinks.kafka();
            onCadence.sinkTo(kafka.kpiSink()).uid(OperatorIds.KAFKA_KPIS).name(OperatorIds.KAFKA_KPIS_NAME);
            deadLetters
                    .sinkTo(kafka.deadLetterSink())
                    .uid(OperatorIds.KAFKA_DEAD_LETTERS)
                    .name(OperatorIds.KAFKA_DEAD_LETTERS_NAME);
            // At least once, keyed by alertId: alerts are not held back until a checkpoint.
            alerts.sinkTo(kafka.alertSink()).uid(OperatorIds.KAFKA_ALERTS).name(OperatorIds.KAFKA_ALERTS_NAME);
        }
        if (sinks.webhookUndelivered() != null && config.alerts().webhook().enabled()) {
            alerts.sinkTo(WebhookSink.create(config.alerts().webhook(), sinks.webhookUndelivered()))
                    .uid(OperatorIds.ALERTS_WEBHOOK)
                    .name(OperatorIds.ALERTS_WEBHOOK_NAME)
                    .setParallelism(1);
        }
        if (sinks.webhookUndelivered() != null) {
            AlertActions.audienceWebhooks(config, alerts, sinks.webhookUndelivered());
        }
        if (sinks.monthlyStore() != null) {
            Sinks.MonthlyStore store = sinks.monthlyStore();
            computed.closedMonths()
                    .keyBy(a -> a.month)
                    .process(new MonthStore())
                    .uid(OperatorIds.MONTHLY_STORE)
                    .name(OperatorIds.MONTHLY_STORE_NAME)
                    .sinkTo(new MonthlyStoreSink(config, store.storeDir(), store.scheduled(), store.snapshotDir()))
                    .uid(OperatorIds.MONTHLY_STORE_FILES)
                    .name(OperatorIds.MONTHLY_STORE_FILES_NAME);
        }
        if (sinks.wallDisplay() != null) {
            measures.sinkTo(DisplaySinks.figures(sinks.wallDisplay()))
                    .uid(OperatorIds.DISPLAY_FIGURES)
                    .name(OperatorIds.DISPLAY_FIGURES_NAME)
                    .setParallelism(1);
            alerts.sinkTo(DisplaySinks.alerts(sinks.wallDisplay()))
                    .uid(OperatorIds.DISPLAY_ALERTS)
                    .name(OperatorIds.DISPLAY_ALERTS_NAME)
                    .setParallelism(1);
        }
        if (sinks.console() != null) {
            measures.sinkTo(new LatestFigures(sinks.console()))
                    .name("Console summary")
                    .setParallelism(1);
            alerts.sinkTo(new ActiveAlerts(sinks.console()))
                    .name("Console summary: active alerts")
                    .setParallelism(1);
        }
        return new Outputs(measures, deadLetters, alerts, computed.closedMonths());
    }

    public static Outputs defineWorkflow(PacesetterConfig config, Options options, DataStream<InputRecord> input) {
        return defineWorkflow(config, options, input, null);
    }

    public static Outputs defineWorkflow(
            PacesetterConfig config, Options options, DataStream<InputRecord> input, DataStream<AlertAction> actions) {
        // Up to the deduplication, at the input's own parallelism (forward, never a rebalance): every source's
        // lines then reach it in the order they were read, so the first copy of a re-sent event is the one taken.
        int read = input.getParallelism();
        DataStream<DeadLetter> unreadable = input.filter(r -> !r.isEvent())
                .setParallelism(read)
                .name("Unreadable inputs")
                .map(r -> r.deadLetter)
                .setParallelism(read)
                .name("As dead letters");

        SingleOutputStreamOperator<CallEvent> calls = input.filter(InputRecord::isEvent)
                .setParallelism(read)
                .name("Readable events")
                .keyBy(InputRecord::eventId)
                .transform(
                        OperatorIds.DEDUPLICATE_NAME,
                        TypeInformation.of(CallEvent.class),
                        new WriteBehindOperator<>(new Deduplicate(config.events())))
                .uid(OperatorIds.DEDUPLICATE)
                .name(OperatorIds.DEDUPLICATE_NAME);
        DataStream<IncidentEvent> incidents = calls.getSideOutput(Deduplicate.INCIDENTS);

        SingleOutputStreamOperator<LegOutcome> legs = calls.keyBy(CallEvent::legKey)
                .transform(
                        OperatorIds.CALL_LEGS_NAME,
                        TypeInformation.of(LegOutcome.class),
                        new WriteBehindOperator<>(new LegTracker(config.events(), options.live())))
                .uid(OperatorIds.CALL_LEGS)
                .name(OperatorIds.CALL_LEGS_NAME);

        SingleOutputStreamOperator<IncidentOutcome> attendance = onAnAlertsPath(
                incidents
                        .keyBy(e -> e.incidentId)
                        .transform(
                                OperatorIds.INCIDENT_CLOCKS_NAME,
                                TypeInformation.of(IncidentOutcome.class),
                                new IncidentClockOperator(new IncidentClock(
                                        config, options.live(), true, options.live() ? options.liveClock() : null)))
                        .uid(OperatorIds.INCIDENT_CLOCKS)
                        .name(OperatorIds.INCIDENT_CLOCKS_NAME),
                options);

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
        DataStream<ScopedOutcome> scopedResponses = attendance
                .getSideOutput(IncidentClock.RESPONSE_TIMES)
                .flatMap(new ToScopes<>(config, ResponseScopes::fanOut, ScopedOutcome.class))
                .name("Dispatch and travel times to their scopes");

        SingleOutputStreamOperator<MeasureRecord> slices = scopedLegs
                .union(scopedIncidents, scopedResponses, dataQuality)
                .keyBy(o -> o.key)
                .transform(
                        OperatorIds.MEASURE_SLICES_NAME,
                        TypeInformation.of(MeasureRecord.class),
                        new WriteBehindOperator<>(
                                options.closedMonthsOnly()
                                        ? MeasureSlicer.periodsOnly(config)
                                        : new MeasureSlicer(config, options.emitEvery(), options.provisionalPeriods())))
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
        if (options.closedMonthsOnly()) {
            return new Outputs(measures, deadLetters, null, closedMonths);
        }
        DataStream<Alert> alerts = defineAlerts(
                config,
                options,
                input,
                legs,
                attendance.getSideOutput(IncidentClock.NOTICES),
                attendance.getSideOutput(IncidentClock.RESPONSE_TIMES),
                measures,
                actions,
                deadLetters);
        if (options.live()) {
            // Counted from the unresourced alerts themselves, so the tile and the alert follow one rule.
            DataStream<MeasureRecord> unresourced = alerts.flatMap(
                            new ToScopes<>(config, LiveUnresourced::fanOut, LiveUnresourced.Scoped.class))
                    .name("Unresourced incidents to their scopes")
                    .keyBy(s -> s.key)
                    .process(new LiveUnresourced(config))
                    .uid(OperatorIds.LIVE_UNRESOURCED)
                    .name(OperatorIds.LIVE_UNRESOURCED_NAME);
            measures = measures.union(unresourced);
        }
        return new Outputs(measures, deadLetters, alerts, closedMonths);
    }

    /**
     * Every alert, from the incident clocks' notices, the legs, the measure records and (live) the
     * feeds' signs of life; with the duty Command Officer's digest; each routed to its audiences and passed by the
     * desk, which keeps acknowledgements and escalates.
     */
    static DataStream<Alert> defineAlerts(
            PacesetterConfig config,
            Options options,
            DataStream<InputRecord> input,
            DataStream<LegOutcome> legs,
            DataStream<IncidentNotice> notices,
            DataStream<ResponseTime> responses,
            DataStream<MeasureRecord> measures,
            DataStream<AlertAction> actions,
            DataStream<DeadLetter> deadLetters) {
        String force = config.force().name();
        SingleOutputStreamOperator<Alert> incidentAlerts = onAnAlertsPath(
                notices.keyBy(n -> n.incidentId)
                        .process(new IncidentAlerts(config))
                        .uid(OperatorIds.INCIDENT_ALERTS)
                        .name(OperatorIds.INCIDENT_ALERTS_NAME),
                options);
        DataStream<Alert> breaches = incidentAlerts
                .filter(a -> a.kind == Alert.Kind.INCIDENT_BREACHED)
                .name("Breach alerts");
        DataStream<Alert> review = breaches.keyBy(a -> force)
                .transform(
                        OperatorIds.BREACH_REVIEW_NAME,
                        TypeInformation.of(Alert.class),
                        new WriteBehindOperator<>(new BreachReview(config)))
                .uid(OperatorIds.BREACH_REVIEW)
                .name(OperatorIds.BREACH_REVIEW_NAME);
        DataStream<Alert> surges = breaches.filter(a -> a.lpa != null)
                .name("Breach alerts with an LPA")
                .keyBy(a -> a.lpa)
                .transform(
                        OperatorIds.LPA_BREACH_SURGE_NAME,
                        TypeInformation.of(Alert.class),
                        new WriteBehindOperator<>(new LpaBreachSurge(config)))
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
        DataStream<Alert> unresourced = notices.keyBy(n -> n.incidentId)
                .process(new UnresourcedAlerts(config))
                .uid(OperatorIds.UNRESOURCED_ALERTS)
                .name(OperatorIds.UNRESOURCED_ALERTS_NAME);
        DataStream<Alert> lateDowngrades = responses
                .filter(r -> r.late() && !r.retraction)
                .name("Late downgrades and cancellations")
                .keyBy(r -> force)
                .process(new LateDowngradeReview(config))
                .uid(OperatorIds.LATE_DOWNGRADE_REVIEW)
                .name(OperatorIds.LATE_DOWNGRADE_REVIEW_NAME);
        DataStream<Alert> alerts =
                incidentAlerts.union(review, surges, callbacks, callHandling, unresourced, lateDowngrades);
        if (options.live() && options.liveClock() != null) {
            alerts = alerts.union(feedSilence(config, options.liveClock(), input));
        }
        if (options.live()) {
            // Judged on the wall clock, as FUTURE is: only a live run has a clock for events to be ahead of.
            alerts = alerts.union(deadLetters
                    .filter(d -> d.reason == RejectReason.FUTURE)
                    .name("FUTURE rejections")
                    .keyBy(ClockSkew::sourceOf)
                    .process(new ClockSkew(config))
                    .uid(OperatorIds.CLOCK_SKEW)
                    .name(OperatorIds.CLOCK_SKEW_NAME));
        }
        LiveClock clock = options.live() ? options.liveClock() : null;
        DataStream<AlertAction> acted = actions != null ? actions : AlertActions.none(input.getExecutionEnvironment());
        DataStream<Alert> digests = alerts.filter(CommandDigest::reads)
                .name("Alerts the digest reads")
                .connect(acted.filter(a -> a.kind == AlertAction.Kind.DIGEST).name("Digest requests"))
                .keyBy(a -> force, a -> force)
                .process(new CommandDigest(config, clock))
                .uid(OperatorIds.COMMAND_DIGEST)
                .name(OperatorIds.COMMAND_DIGEST_NAME);
        AlertRouting routing = AlertRouting.of(config);
        SingleOutputStreamOperator<Alert> routed = onAnAlertsPath(
                alerts.union(digests).map(new AlertRouting.Route(routing)).name("Alerts to their audiences"), options);
        return onAnAlertsPath(
                routed.connect(acted.filter(a -> a.kind != AlertAction.Kind.DIGEST)
                                .name("Actions on alerts"))
                        .keyBy(a -> a.alertId, a -> a.alertId)
                        .process(new AlertDesk(config, routing, clock))
                        .uid(OperatorIds.ALERT_DESK)
                        .name(OperatorIds.ALERT_DESK_NAME),
                options);
    }

    /**
     * A step on an incident alert's path sends each record on at once in a live run, not when a network buffer fills
     * or {@code run.bufferTimeout} runs out: the wait would be paid at each of its four steps, and what these steps
     * send is a few records an incident, not the measures' stream (docs/benchmarks.md).
     */
    private static <T> SingleOutputStreamOperator<T> onAnAlertsPath(
            SingleOutputStreamOperator<T> step, Options options) {
        return options.live() ? step.setBufferTimeout(0) : step;
    }

    /** The signs of life of {@code input}, and a ticker's reminders, into the feed watch (wall clock). */
    static DataStream<Alert> feedSilence(PacesetterConfig config, LiveClock clock, DataStream<InputRecord> input) {
        DataStream<FeedBeat> beats = input.flatMap(new FeedSilence.Beats()).name(OperatorIds.FEED_BEATS_NAME);
        DataStream<FeedBeat> reminders = input.getExecutionEnvironment()
                .fromSource(
                        new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1), Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        OperatorIds.FEED_TICKER_NAME)
                .uid(OperatorIds.FEED_TICKER)
                .setParallelism(1)
                .flatMap(new FeedSilence.Reminders())
                .name(OperatorIds.FEED_REMINDERS_NAME)
                .setParallelism(1);
        return beats.union(reminders)
                .keyBy(b -> b.feed)
                .process(new FeedSilence(config, clock))
                .uid(OperatorIds.FEED_SILENCE)
                .name(OperatorIds.FEED_SILENCE_NAME);
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
