package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@code alerts:} section: its defaults, and every refusal naming its key and the fix. */
class AlertsConfigTest {

    private static ConfigException refusal(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadYaml(yaml));
        assertThat(e).as("a ConfigException for:%n%s", yaml).isNotNull();
        assertThat(e.getMessage()).startsWith(e.key() + ": ");
        return e;
    }

    /** One rule as YAML, laid over the defaults (lists are replaced whole, so it is the only rule). */
    private static String rule(String fields) {
        return "alerts: {callHandling: [{" + fields + "}]}";
    }

    private static final String GOOD_RULE =
            "queue: \"999\", measure: ANSWERED_WITHIN_STANDARD, window: PT1H, direction: BELOW, "
                    + "warning: 0.9, critical: 0.8, clear: 0.92";

    @Nested
    class Defaults {
        private final AlertsConfig alerts = ConfigLoader.defaults().alerts();

        @Test
        void abandoned999CallsAskForACallbackAndTwoQuietMinutesAreASilentFeed() {
            assertThat(alerts.callbackQueues()).containsExactly("999");
            assertThat(alerts.callbackWindow()).isEqualTo(Duration.ofHours(1));
            assertThat(alerts.feedSilence().floor()).isEqualTo(Duration.ofMinutes(2));
            assertThat(alerts.feedSilence().ceiling()).isEqualTo(Duration.ofHours(1));
            assertThat(alerts.feedSilence().probability()).isEqualTo(1e-6);
            assertThat(alerts.unresourcedAfter()).isEqualTo(Duration.ofMinutes(3));
            assertThat(alerts.lateDowngradeWithin()).isEqualTo(Duration.ofMinutes(5));
            assertThat(alerts.lpaBreachesPerHour()).isEqualTo(3);
        }

        @Test
        void the999RulesOfTheIssueWithHysteresisAndAMinimumVolume() {
            List<CallHandlingRule> rules = alerts.callHandling();

            assertThat(rules)
                    .extracting(CallHandlingRule::name)
                    .containsExactly(
                            "999 ANSWERED_WITHIN_STANDARD PT1H FORCE BELOW",
                            "999 ABANDONMENT_RATE PT1H FORCE ABOVE",
                            "999 LONGEST_WAIT_SECONDS LIVE FORCE ABOVE",
                            "999 CALLS_WAITING LIVE FORCE ABOVE",
                            "101 MEAN_WAIT_SECONDS PT1H FORCE ABOVE",
                            "101 ABANDONMENT_RATE PT1H FORCE ABOVE",
                            "101 CALLS_WAITING LIVE FORCE ABOVE",
                            "CRIME_BUREAU ABANDONMENT_RATE PT1H FORCE ABOVE",
                            "CRIME_BUREAU CALLS_WAITING LIVE FORCE ABOVE");
            CallHandlingRule answered = rules.get(0);
            assertThat(answered.warning()).isEqualTo(0.90);
            assertThat(answered.critical()).isEqualTo(0.80);
            assertThat(answered.clear()).as("clears only above a higher level").isGreaterThan(answered.warning());
            assertThat(answered.minCalls()).isEqualTo(20);
            assertThat(answered.windowLength()).isEqualTo(Duration.ofHours(1));
            CallHandlingRule longest = rules.get(2);
            assertThat(longest.live()).isTrue();
            assertThat(longest.windowLength()).isNull();
            assertThat(longest.warning()).isEqualTo(30.0);
            assertThat(longest.minCalls()).as("default").isZero();
            assertThat(longest.minDuration()).as("default").isZero();
        }

        @Test
        void theWebhookIsOffUntilAUrlIsGivenAndItsSecretIsAReference() {
            WebhookConfig webhook = alerts.webhook();

            assertThat(webhook.enabled()).isFalse();
            assertThat(webhook.secret()).isEqualTo("${env:PACESETTER_WEBHOOK_SECRET}");
            assertThat(webhook.attempts()).isEqualTo(8);
            assertThat(webhook.firstRetry()).isEqualTo(Duration.ofMillis(500));
            assertThat(webhook.maxRetry()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void aRuleOmittingScopeMinCallsAndMinDurationWatchesTheForceAtOnce() {
            CallHandlingRule r = ConfigLoader.loadYaml(rule(GOOD_RULE))
                    .alerts()
                    .callHandling()
                    .get(0);

            assertThat(r.scope()).isEqualTo(CallHandlingRule.ScopeLevel.FORCE);
            assertThat(r.minCalls()).isZero();
            assertThat(r.minDuration()).isEqualTo(Duration.ZERO);
        }
    }

    @Nested
    class Hysteresis {
        private final CallHandlingRule below =
                ConfigLoader.loadYaml(rule(GOOD_RULE)).alerts().callHandling().get(0);

        @Test
        void exactlyAtALevelIsNotBeyondIt() {
            assertThat(below.beyond(0.9, below.warning())).isFalse();
            assertThat(below.beyond(0.8999, below.warning())).isTrue();
        }

        @Test
        void recoveredOnlyAtOrAboveTheClearLevel() {
            assertThat(below.recovered(0.91)).isFalse();
            assertThat(below.recovered(0.92)).isTrue();
        }
    }

    @Nested
    class Refusals {
        @Test
        void aWindowThatIsNotAConfiguredLengthListsTheLengths() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("PT1H", "PT2H")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].window");
            assertThat(e.getMessage())
                    .contains("PT2H")
                    .contains("[PT15M, PT1H, PT24H]")
                    .contains("LIVE");
        }

        @Test
        void aWindowThatIsNotADurationIsRefused() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("PT1H", "hourly")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].window");
            assertThat(e.getMessage()).contains("hourly");
        }

        @Test
        void aLiveMeasureOnASlidingWindowListsTheSlidingMeasures() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("ANSWERED_WITHIN_STANDARD", "LONGEST_WAIT_SECONDS")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].measure");
            assertThat(e.getMessage()).contains("ABANDONMENT_RATE");
        }

        @Test
        void anUnconfiguredQueueIsRefused() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("\"999\"", "\"112\"")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].queue");
            assertThat(e.getMessage()).contains("112").contains("999");
        }

        @Test
        void answeredWithinStandardOnAQueueWithoutAThresholdIsRefused() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("\"999\"", "\"101\"")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].measure");
            assertThat(e.getMessage()).contains("answerThreshold");
        }

        @Test
        void aClearLevelShortOfTheWarningWouldFlapAndIsRefused() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("clear: 0.92", "clear: 0.85")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].clear");
            assertThat(e.getMessage()).contains("critical <= warning <= clear");
        }

        @Test
        void aboveRulesGoTheOtherWay() {
            ConfigException e =
                    refusal(rule("queue: \"999\", measure: ABANDONMENT_RATE, window: PT1H, direction: ABOVE, "
                            + "warning: 0.05, critical: 0.02, clear: 0.01"));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].critical");
            assertThat(e.getMessage()).contains("critical >= warning >= clear");
        }

        @Test
        void aRateLevelAboveOneIsRefused() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("warning: 0.9", "warning: 90")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].warning");
            assertThat(e.getMessage()).contains("between 0 and 1");
        }

        @Test
        void aMissingClearLevelIsRefused() {
            ConfigException e = refusal(rule(GOOD_RULE.replace(", clear: 0.92", "")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].clear");
        }

        @Test
        void aLiveRuleCannotCountCalls() {
            ConfigException e =
                    refusal(rule("queue: \"999\", measure: LONGEST_WAIT_SECONDS, window: LIVE, direction: ABOVE, "
                            + "warning: 30, clear: 20, minCalls: 5"));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].minCalls");
        }

        @Test
        void theSameRuleTwiceIsRefused() {
            ConfigException e = refusal("alerts: {callHandling: [{" + GOOD_RULE + "}, {" + GOOD_RULE + "}]}");

            assertThat(e.key()).isEqualTo("alerts.callHandling[1]");
            assertThat(e.getMessage()).contains("listed twice");
        }

        @Test
        void anUnknownDirectionListsTheDirections() {
            ConfigException e = refusal(rule(GOOD_RULE.replace("BELOW", "UNDER")));

            assertThat(e.key()).isEqualTo("alerts.callHandling[0].direction");
            assertThat(e.getMessage()).contains("BELOW, ABOVE");
        }

        @Test
        void aNegativeBreachCountIsRefused() {
            ConfigException e = refusal("alerts: {lpaBreachesPerHour: -1}");

            assertThat(e.key()).isEqualTo("alerts.lpaBreachesPerHour");
        }

        @Test
        void aZeroSilenceFloorIsRefused() {
            ConfigException e = refusal("alerts: {feedSilence: {floor: PT0S}}");

            assertThat(e.key()).isEqualTo("alerts.feedSilence.floor");
        }

        @Test
        void aCeilingBelowTheFloorIsRefusedNamingBoth() {
            ConfigException e = refusal("alerts: {feedSilence: {floor: PT10M, ceiling: PT5M}}");

            assertThat(e.key()).isEqualTo("alerts.feedSilence.ceiling");
            assertThat(e.getMessage()).contains("alerts.feedSilence.floor").contains("PT1H");
        }

        @Test
        void aProbabilityOfOneOrMoreOrZeroIsRefused() {
            for (String p : new String[] {"0", "1", "2.5", "-1e-6"}) {
                ConfigException e = refusal("alerts: {feedSilence: {probability: " + p + "}}");

                assertThat(e.key()).isEqualTo("alerts.feedSilence.probability");
                assertThat(e.getMessage()).contains("1.0e-6");
            }
        }

        @Test
        void historyOfNoWeeksAndANoFallbackRateAreRefused() {
            assertThat(refusal("alerts: {feedSilence: {historyWeeks: 0}}").key())
                    .isEqualTo("alerts.feedSilence.historyWeeks");
            assertThat(refusal("alerts: {feedSilence: {fallbackIncidentEventsPerHour: 0}}")
                            .key())
                    .isEqualTo("alerts.feedSilence.fallbackIncidentEventsPerHour");
        }

        @Test
        void aZeroUnresourcedTimeAndANegativeLateDowngradeWindowAreRefused() {
            assertThat(refusal("alerts: {unresourcedAfter: PT0S}").key()).isEqualTo("alerts.unresourcedAfter");
            assertThat(refusal("alerts: {lateDowngradeWithin: -PT1M}").key()).isEqualTo("alerts.lateDowngradeWithin");
        }

        @Test
        void aWebhookSecretWrittenInTheFileIsRefusedWithoutRepeatingIt() {
            ConfigException e =
                    refusal("alerts: {webhook: {url: https://alerts.example.invalid/hook, secret: hunter2-plain-key}}");

            assertThat(e.key()).isEqualTo("alerts.webhook.secret");
            assertThat(e.getMessage()).contains("${env:NAME}").doesNotContain("hunter2");
        }

        @Test
        void aWebhookUrlThatIsNotHttpIsRefused() {
            ConfigException e = refusal("alerts: {webhook: {url: ftp://alerts.example.invalid/hook}}");

            assertThat(e.key()).isEqualTo("alerts.webhook.url");
            assertThat(e.getMessage()).contains("https://");
        }

        @Test
        void aLongestRetryShorterThanTheFirstIsRefused() {
            ConfigException e = refusal("alerts: {webhook: {firstRetry: PT10S, maxRetry: PT1S}}");

            assertThat(e.key()).isEqualTo("alerts.webhook.maxRetry");
        }

        @Test
        void aCheckpointWaitLongerThanAMinuteOrZeroIsRefused() {
            ConfigException e = refusal("alerts: {webhook: {checkpointWait: PT2M}}");

            assertThat(e.key()).isEqualTo("alerts.webhook.checkpointWait");
            assertThat(e.getMessage()).contains("PT1M");
            assertThat(refusal("alerts: {webhook: {checkpointWait: PT0S}}").key())
                    .isEqualTo("alerts.webhook.checkpointWait");
            assertThat(ConfigLoader.defaults().alerts().webhook().checkpointWait())
                    .hasSeconds(5);
        }

        @Test
        void noAttemptsAtAllIsRefused() {
            ConfigException e = refusal("alerts: {webhook: {attempts: 0}}");

            assertThat(e.key()).isEqualTo("alerts.webhook.attempts");
        }

        @Test
        void aWebhookWithAFileSecretReferenceIsAccepted() {
            AlertsConfig a = ConfigLoader.loadYaml("alerts: {webhook: {url: https://alerts.example.invalid/hook, "
                            + "secret: \"${file:/run/secrets/webhook-key}\"}}")
                    .alerts();

            assertThat(a.webhook().enabled()).isTrue();
        }
    }
}
