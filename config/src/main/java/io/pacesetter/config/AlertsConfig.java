package io.pacesetter.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

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
 * @param routing who gets what: an alert kind ({@code INCIDENT_BREACHED}), a kind and severity
 *     ({@code CALL_HANDLING/CRITICAL}), or a kind, severity and state ({@code CALL_HANDLING/CRITICAL/CLEARED}), to
 *     its audiences; the most specific wins; every kind has a route
 * @param audienceWebhooks one webhook per audience (url and secret; retries, timeouts and the checkpoint wait are
 *     {@code webhook}'s), each POSTed the alerts routed to its audience; off while its url is not set
 * @param escalateAfter a CRITICAL alert nobody has acknowledged this long after it was raised goes, once, to the
 *     next audience of {@code escalation}
 * @param escalation the audiences in the order a CRITICAL alert climbs them
 * @param digestAt the local times (in {@code force.timeZone}) of the duty Command Officer's digest
 */
public record AlertsConfig(
        List<String> callbackQueues,
        Duration callbackWindow,
        List<CallHandlingRule> callHandling,
        FeedSilenceConfig feedSilence,
        Integer lpaBreachesPerHour,
        WebhookConfig webhook,
        Duration unresourcedAfter,
        Duration lateDowngradeWithin,
        Map<String, List<String>> routing,
        Map<String, AudienceWebhook> audienceWebhooks,
        Duration escalateAfter,
        List<String> escalation,
        List<LocalTime> digestAt)
        implements java.io.Serializable {

    /** The audiences an alert can be routed to, as {@code Alert.Audience} names them. */
    public static final List<String> AUDIENCES = List.of("PACESETTER", "FORCE_CONTROL_ROOM", "DUTY_COMMAND_OFFICER");

    /** The severities a route may name after the kind ({@code KIND/SEVERITY}). */
    public static final List<String> SEVERITIES = List.of("INFO", "WARNING", "CRITICAL");

    /** The states a route may name after the severity ({@code KIND/SEVERITY/STATE}). */
    public static final List<String> STATES = List.of("RAISED", "UPDATED", "CLEARED");

    /**
     * One audience's webhook: where, and the signing key's reference.
     *
     * @param url null: none for this audience
     * @param secret {@code ${env:NAME}} or {@code ${file:/path}}
     */
    public record AudienceWebhook(String url, String secret) implements java.io.Serializable {
        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }

    /** {@code webhook}'s delivery settings with an audience's url and secret. */
    public WebhookConfig webhookOf(String audience) {
        AudienceWebhook a = audienceWebhooks.get(audience);
        return new WebhookConfig(
                a == null ? null : a.url(),
                a == null ? null : a.secret(),
                webhook.attempts(),
                webhook.firstRetry(),
                webhook.maxRetry(),
                webhook.timeout(),
                webhook.maxInFlight(),
                webhook.checkpointWait());
    }
}
