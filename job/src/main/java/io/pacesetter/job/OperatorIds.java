package io.pacesetter.job;

/**
 * The {@code uid} and name of every stateful operator. A uid pins an operator's state in savepoints:
 * changing one of these strings orphans that state on the next upgrade, so they never change.
 */
public final class OperatorIds {
    private OperatorIds() {}

    public static final String DEDUPLICATE = "deduplicate-events";
    public static final String DEDUPLICATE_NAME = "Drop duplicate and too-late events";

    public static final String CALL_LEGS = "call-legs";
    public static final String CALL_LEGS_NAME = "Track call legs (callId, queue)";

    public static final String INCIDENT_CLOCKS = "incident-clocks";
    public static final String INCIDENT_CLOCKS_NAME = "Run incident attendance clocks";

    public static final String DATA_QUALITY = "data-quality-stamp";
    public static final String DATA_QUALITY_NAME = "Stamp data-quality counts with event time";

    public static final String MEASURE_SLICES = "measure-slices";
    public static final String MEASURE_SLICES_NAME = "Slice outcomes into windows and periods";

    public static final String LIVE_QUEUES = "live-queues";
    public static final String LIVE_QUEUES_NAME = "Live calls waiting per queue";

    public static final String LIVE_INCIDENTS = "live-incidents";
    public static final String LIVE_INCIDENTS_NAME = "Live incidents open, at risk, breached";

    // Alerts: each keeps what it has raised, so a restore must find it under the same uid or alerts repeat.
    public static final String INCIDENT_ALERTS = "incident-alerts";
    public static final String INCIDENT_ALERTS_NAME = "Alerts: incidents at risk and breached";

    public static final String BREACH_REVIEW = "breach-review-alerts";
    public static final String BREACH_REVIEW_NAME = "Alerts: breaches without a reason, for the daily review";
    public static final String UNRESOURCED_ALERTS = "unresourced-incident-alerts";
    public static final String UNRESOURCED_ALERTS_NAME = "Alerts: grade-1 incidents with no unit dispatched";
    public static final String LATE_DOWNGRADE_REVIEW = "late-downgrade-review-alerts";
    public static final String LATE_DOWNGRADE_REVIEW_NAME =
            "Alerts: late downgrades and cancellations, for the daily review";
    public static final String LIVE_UNRESOURCED = "live-unresourced-incidents";
    public static final String LIVE_UNRESOURCED_NAME = "Live: grade-1 incidents unresourced, per LPA";

    public static final String COMMAND_DIGEST = "command-digest";
    public static final String COMMAND_DIGEST_NAME = "Alerts: the duty Command Officer's digest";

    public static final String ALERT_DESK = "alert-desk";
    public static final String ALERT_DESK_NAME = "Alerts: acknowledged, escalated, called back";

    public static final String ACTIONS_FILES = "alert-actions-files";
    public static final String ACTIONS_FILES_NAME = "Alert actions from the display server";

    public static final String KAFKA_ACTIONS = "kafka-alert-actions";
    public static final String KAFKA_ACTIONS_NAME = "Alert actions from Kafka";

    public static final String LPA_BREACH_SURGE = "lpa-breach-surge-alerts";
    public static final String LPA_BREACH_SURGE_NAME = "Alerts: breach surges per LPA";

    public static final String CALLBACK_ALERTS = "callback-alerts";
    public static final String CALLBACK_ALERTS_NAME = "Alerts: abandoned emergency calls to call back";

    public static final String CALL_HANDLING_ALERTS = "call-handling-alerts";
    public static final String CALL_HANDLING_ALERTS_NAME = "Alerts: call-handling rules";
    public static final String CALL_HANDLING_READINGS_NAME = "Measure records to the rules that watch them";

    public static final String CLOCK_SKEW = "clock-skew-alerts";
    public static final String CLOCK_SKEW_NAME = "Alerts: a source stamping events ahead of the clock";

    public static final String FEED_SILENCE = "feed-silence-alerts";
    public static final String FEED_SILENCE_NAME = "Alerts: silent feeds (wall clock)";
    public static final String FEED_TICKER = "feed-silence-ticker";
    public static final String FEED_TICKER_NAME = "Feed watch ticker";
    public static final String FEED_REMINDERS_NAME = "Remind the feed watch of every feed";
    public static final String FEED_BEATS_NAME = "Signs of life of each feed";

    /** For the command line: the webhook sink and the alerts file. */
    public static final String ALERTS_WEBHOOK = "alerts-webhook";

    public static final String ALERTS_WEBHOOK_NAME = "Alerts to the webhook (signed, retried)";

    // Kafka in and out: the sources keep their partitions' offsets, the exactly-once sinks their
    // transactions, so a restore must find them under the same uid.
    public static final String KAFKA_CALL_EVENTS = "kafka-call-events";
    public static final String KAFKA_CALL_EVENTS_NAME = "Read call events from Kafka";

    public static final String KAFKA_CALL_DELIVERY = "kafka-call-delivery-order";
    public static final String KAFKA_CALL_DELIVERY_NAME = "Stamp call events in partition order";

    public static final String KAFKA_INCIDENT_DELIVERY = "kafka-incident-delivery-order";
    public static final String KAFKA_INCIDENT_DELIVERY_NAME = "Stamp incident events in partition order";

    public static final String KAFKA_INCIDENT_EVENTS = "kafka-incident-events";
    public static final String KAFKA_INCIDENT_EVENTS_NAME = "Read incident events from Kafka";

    public static final String KAFKA_KPIS = "kafka-kpis";
    public static final String KAFKA_KPIS_NAME = "Write KPI records to Kafka (exactly once)";

    public static final String KAFKA_DEAD_LETTERS = "kafka-dead-letters";
    public static final String KAFKA_DEAD_LETTERS_NAME = "Write dead letters to Kafka (exactly once)";

    public static final String KAFKA_ALERTS = "kafka-alerts";
    public static final String KAFKA_ALERTS_NAME = "Write alerts to Kafka (at least once)";

    // The monthly aggregate store: the gatherer keeps a month's scopes until it closes, so a restore
    // must find them under the same uid or the month's file would be written without them.
    public static final String MONTHLY_STORE = "monthly-store";
    public static final String MONTHLY_STORE_NAME = "Gather each closed month's aggregates";
    public static final String MONTHLY_STORE_FILES = "monthly-store-files";
    public static final String MONTHLY_STORE_FILES_NAME =
            "Write closed months to the monthly store (and scheduled snapshots)";

    /** The wall display of a local run: figures and alerts handed to the page's hub in this JVM. */
    // The built-in feed's source keeps its position in the simulated day.
    public static final String GENERATOR = "generator";

    public static final String GENERATOR_NAME = "Generator";

    public static final String DISPLAY_FIGURES = "display-figures";

    public static final String DISPLAY_FIGURES_NAME = "Figures to the wall display";
    public static final String DISPLAY_ALERTS = "display-alerts";
    public static final String DISPLAY_ALERTS_NAME = "Alerts to the wall display";
}
