package io.pacesetter.config;

import java.time.Duration;
import java.util.List;

/**
 * Who is told what, and when: the alerts the pipeline raises for the Pacesetter team, the Force
 * Control Room and the duty Command Officer. Incident alerts follow {@code attendance} (at risk at
 * {@code atRiskShare} of the limit, breached at the limit); everything else is here.
 *
 * @param callbackQueues an abandoned leg in one of these queues asks the Force Control Room to call back
 * @param callbackWindow an answer of the same call id this long after the abandon still clears the callback alert
 * @param callHandling rules on call-handling figures, each with its levels, hysteresis, minimum calls and duration
 * @param feedSilence live runs: when a feed's silence, by the wall clock, is improbable enough to be FEED_SILENT
 * @param lpaBreachesPerHour more breaches than this within one hour in one LPA go to the duty Command Officer
 * @param webhook where alerts are POSTed, signed; off while its url is not set
 * @param unresourcedAfter a grade-1 incident with no unit dispatched this long after its clock start is
 *     INCIDENT_UNRESOURCED
 * @param lateDowngradeWithin a grade-1 incident downgraded or cancelled this close to its deadline, or after it,
 *     is a late downgrade or cancellation, counted and listed for the daily review
 */
public record AlertsConfig(
        List<String> callbackQueues,
        Duration callbackWindow,
        List<CallHandlingRule> callHandling,
        FeedSilenceConfig feedSilence,
        Integer lpaBreachesPerHour,
        WebhookConfig webhook,
        Duration unresourcedAfter,
        Duration lateDowngradeWithin)
        implements java.io.Serializable {}
