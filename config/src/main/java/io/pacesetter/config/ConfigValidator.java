package io.pacesetter.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks what a schema cannot: presence, ranges and how values relate. */
final class ConfigValidator {
    private ConfigValidator() {}

    static void validate(PacesetterConfig c) {
        require(c.force(), "force", "give the force's name and timeZone");
        text(c.force().name(), "force.name", "give the force's name, e.g. Example County Police");
        require(c.force().timeZone(), "force.timeZone", "use a zone id such as Europe/London");
        ZoneId.of(c.force().timeZone().getId());

        EventRules e = c.events();
        require(e, "events", "see pacesetter-defaults.yaml");
        positive(e.outOfOrderness(), "events.outOfOrderness", true);
        positive(e.allowedLateness(), "events.allowedLateness", true);
        positive(e.noOfferWait(), "events.noOfferWait", false);
        positive(e.noOutcomeAfter(), "events.noOutcomeAfter", false);
        positive(e.futureTolerance(), "events.futureTolerance", true);
        positive(e.sourceIdleness(), "events.sourceIdleness", false);
        positive(e.noCreatedWait(), "events.noCreatedWait", false);
        positive(e.incidentRetention(), "events.incidentRetention", false);
        if (e.skewRun() == null || e.skewRun() < 1) {
            throw new ConfigException(
                    "events.skewRun", e.skewRun() + " is not allowed; give a count of 1 or more, e.g. 5");
        }
        positive(e.skewWithin(), "events.skewWithin", false);

        WindowConfig w = c.windows();
        require(w, "windows", "give slide and lengths");
        positive(w.slide(), "windows.slide", false);
        if (w.slide().toMillis() % 60_000 != 0
                || Duration.ofDays(1).toMillis() % w.slide().toMillis() != 0) {
            throw new ConfigException(
                    "windows.slide", w.slide() + " must be whole minutes that divide a day, e.g. PT1M or PT5M");
        }
        if (w.lengths() == null || w.lengths().isEmpty()) {
            throw new ConfigException("windows.lengths", "give at least one length, e.g. [PT15M, PT1H, PT24H]");
        }
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < w.lengths().size(); i++) {
            Duration length = w.lengths().get(i);
            String key = "windows.lengths[" + i + "]";
            positive(length, key, false);
            if (length.toMillis() % w.slide().toMillis() != 0) {
                throw new ConfigException(
                        key,
                        length + " is not a whole number of slides (" + w.slide() + "); use a multiple of the slide");
            }
            if (length.compareTo(Duration.ofDays(31)) > 0) {
                throw new ConfigException(key, length + " is longer than 31 days; use a MONTH period for that");
            }
            if (!seen.add(length)) {
                throw new ConfigException(key, length + " is listed twice; list each length once");
            }
        }

        if (c.queues() == null || c.queues().isEmpty()) {
            throw new ConfigException(
                    "queues", "configure at least one queue, e.g. \"999\" with answerThreshold: PT10S");
        }
        for (Map.Entry<String, QueueStandard> entry : c.queues().entrySet()) {
            validateQueue("queues." + entry.getKey(), entry.getValue());
        }

        AttendanceStandard a = c.attendance();
        require(a, "attendance", "give urbanLimit, ruralLimit, target and atRiskShare");
        positive(a.urbanLimit(), "attendance.urbanLimit", false);
        positive(a.ruralLimit(), "attendance.ruralLimit", false);
        share(a.target(), "attendance.target", true);
        share(a.atRiskShare(), "attendance.atRiskShare", true);

        validateLpas(c.lpas());

        RunConfig r = c.run();
        require(r, "run", "see pacesetter-defaults.yaml");
        if (r.parallelism() == null || r.parallelism() < 1 || r.parallelism() > 512) {
            throw new ConfigException(
                    "run.parallelism", r.parallelism() + " is not allowed; use a whole number from 1 to 512");
        }
        require(r.stateBackend(), "run.stateBackend", "use ROCKSDB or HASHMAP");
        positive(r.checkpointInterval(), "run.checkpointInterval", false);
        text(r.checkpointDir(), "run.checkpointDir", "give a directory, e.g. ./pacesetter-checkpoints");
        require(r.incrementalCheckpoints(), "run.incrementalCheckpoints", "use true or false");
        text(r.outputDir(), "run.outputDir", "give a directory, e.g. ./pacesetter-out");
        positive(r.summaryEvery(), "run.summaryEvery", false);
        alertWait(r.bufferTimeout(), "run.bufferTimeout", "alerts wait up to this at each step", "PT0.01S");
        alertWait(
                r.alignedCheckpointTimeout(),
                "run.alignedCheckpointTimeout",
                "alerts and the Kafka transactions wait up to this at every checkpoint",
                "PT0S");
        RocksDbConfig rocks = r.rocksdb();
        require(rocks, "run.rocksdb", "see pacesetter-defaults.yaml");
        require(rocks.timers(), "run.rocksdb.timers", "use HEAP or ROCKSDB");
        require(
                rocks.predefinedOptions(),
                "run.rocksdb.predefinedOptions",
                "use DEFAULT, SPINNING_DISK_OPTIMIZED, SPINNING_DISK_OPTIMIZED_HIGH_MEM or FLASH_SSD_OPTIMIZED");
        if (rocks.checkpointTransferThreads() == null
                || rocks.checkpointTransferThreads() < 1
                || rocks.checkpointTransferThreads() > 64) {
            throw new ConfigException(
                    "run.rocksdb.checkpointTransferThreads",
                    rocks.checkpointTransferThreads() + " is not allowed; use a whole number from 1 to 64, e.g. 1");
        }
        require(rocks.bloomFilter(), "run.rocksdb.bloomFilter", "use true or false");

        ChangelogConfig changelog = r.changelog();
        require(changelog, "run.changelog", "see pacesetter-defaults.yaml");
        require(changelog.enabled(), "run.changelog.enabled", "use true or false");
        positive(changelog.materializeEvery(), "run.changelog.materializeEvery", false);
        if (changelog.enabled() && rocks.timers() == RocksDbConfig.RocksDbTimers.HEAP) {
            // Measured: with the changelog Flink restores no heap timer after a failover (ChangelogRestoreITCase).
            throw new ConfigException(
                    "run.rocksdb.timers",
                    "HEAP is not allowed while run.changelog.enabled is true: a restore would lose every timer, and with"
                            + " them the alerts and figures they are due to give; use ROCKSDB, or set"
                            + " run.changelog.enabled to false");
        }

        GeneratorConfig g = c.generator();
        require(g, "generator", "see pacesetter-defaults.yaml");
        require(g.seed(), "generator.seed", "give a whole number");
        positiveNumber(g.emergencyCallsPerDay(), "generator.emergencyCallsPerDay");
        positiveNumber(g.switchboardCallsPerDay(), "generator.switchboardCallsPerDay");
        share(g.ivrCrimeBureauShare(), "generator.ivrCrimeBureauShare", true);
        if (g.ivrCrimeBureauShare() >= 1) {
            throw new ConfigException(
                    "generator.ivrCrimeBureauShare",
                    g.ivrCrimeBureauShare()
                            + " would leave no caller for the 101 queue; use a share below 1, e.g. 0.12");
        }
        share(g.transferToCrimeBureauShare(), "generator.transferToCrimeBureauShare", true);
        share(g.reofferShare(), "generator.reofferShare", true);
        share(g.districtMissingShare(), "generator.districtMissingShare", true);
        if (g.staffingElasticity() == null
                || g.staffingElasticity().isNaN()
                || g.staffingElasticity() < 0
                || g.staffingElasticity() > 1) {
            throw new ConfigException(
                    "generator.staffingElasticity",
                    g.staffingElasticity()
                            + " is not allowed; use a number from 0 (a flat rota) to 1 (the rota follows demand hour by hour), e.g. 0.75");
        }
        positiveNumber(g.urbanDemandWeight(), "generator.urbanDemandWeight");
        String[] queueKeys = {"generator.emergency", "generator.switchboard", "generator.crimeBureau"};
        GeneratorConfig.QueueModel[] queueModels = {g.emergency(), g.switchboard(), g.crimeBureau()};
        for (int i = 0; i < queueKeys.length; i++) {
            String key = queueKeys[i];
            GeneratorConfig.QueueModel q = queueModels[i];
            require(
                    q,
                    key,
                    "give meanHandlingTime, meanPatience, quickHangUpShare, ringTime, staffingMargin and minHandlers");
            positive(q.meanHandlingTime(), key + ".meanHandlingTime", false);
            positive(q.meanPatience(), key + ".meanPatience", false);
            share(q.quickHangUpShare(), key + ".quickHangUpShare", true);
            positive(q.ringTime(), key + ".ringTime", true);
            if (q.staffingMargin() == null
                    || q.staffingMargin().isNaN()
                    || q.staffingMargin() < 0
                    || q.staffingMargin() > 10) {
                throw new ConfigException(
                        key + ".staffingMargin",
                        q.staffingMargin()
                                + " is not allowed; use a number from 0 (staff for the load alone) to 10, e.g. 1.0");
            }
            if (q.minHandlers() == null || q.minHandlers() < 1 || q.minHandlers() > 10_000) {
                throw new ConfigException(
                        key + ".minHandlers",
                        q.minHandlers() + " is not allowed; use a whole number of call handlers from 1 to 10000");
            }
        }
        GeneratorConfig.IncidentModel inc = g.incidents();
        require(inc, "generator.incidents", "see pacesetter-defaults.yaml");
        share(inc.emergencyCallShare(), "generator.incidents.emergencyCallShare", true);
        share(inc.switchboardCallShare(), "generator.incidents.switchboardCallShare", true);
        String[] mixKeys = {"generator.incidents.emergencyGradeMix", "generator.incidents.switchboardGradeMix"};
        List<List<Double>> mixes = java.util.Arrays.asList(inc.emergencyGradeMix(), inc.switchboardGradeMix());
        for (int i = 0; i < mixKeys.length; i++) {
            List<Double> shares = mixes.get(i) == null ? List.of() : mixes.get(i);
            double sum = 0;
            boolean valid = shares.size() == 4;
            for (Double s : shares) {
                valid &= s != null && !s.isNaN() && s >= 0;
                sum += s == null || s.isNaN() ? 0 : s;
            }
            if (!valid || sum <= 0) {
                throw new ConfigException(
                        mixKeys[i],
                        shares
                                + " is not allowed; give four shares of zero or more for grades 1 to 4, e.g. [0.36, 0.34, 0.20, 0.10]");
            }
        }
        share(inc.upgradeShare(), "generator.incidents.upgradeShare", true);
        share(inc.downgradeShare(), "generator.incidents.downgradeShare", true);
        share(inc.cancelShare(), "generator.incidents.cancelShare", true);
        if (inc.downgradeShare() + inc.cancelShare() > 1) {
            throw new ConfigException(
                    "generator.incidents.cancelShare",
                    "downgradeShare + cancelShare is more than 1; lower one of them so they add up to at most 1");
        }
        share(inc.explicitAreaShare(), "generator.incidents.explicitAreaShare", true);
        share(inc.reasonNextDayShare(), "generator.incidents.reasonNextDayShare", true);
        positive(inc.dispatchDelayMedian(), "generator.incidents.dispatchDelayMedian", false);
        positive(inc.urbanTravelMedian(), "generator.incidents.urbanTravelMedian", false);
        positive(inc.ruralTravelMedian(), "generator.incidents.ruralTravelMedian", false);
        share(inc.noResourcesShare(), "generator.incidents.noResourcesShare", true);
        GeneratorConfig.DefectModel d = g.defects();
        require(
                d,
                "generator.defects",
                "give duplicateShare, outOfOrderShare, outOfOrderMaxDelay and malformedShare (0 for a clean feed)");
        share(d.duplicateShare(), "generator.defects.duplicateShare", true);
        share(d.outOfOrderShare(), "generator.defects.outOfOrderShare", true);
        positive(d.outOfOrderMaxDelay(), "generator.defects.outOfOrderMaxDelay", true);
        share(d.malformedShare(), "generator.defects.malformedShare", true);
        validateFaults(g.faults(), c.events());

        validateKafka(c.kafka(), r);
        validateAlerts(c);
        validateSnapshot(c.snapshot());
        validateDisplay(c.display());
    }

    private static void validateSnapshot(SnapshotConfig s) {
        require(
                s,
                "snapshot",
                "give storeDir, smallNumberThreshold, formats, scheduled, outputDir, significance and suppressBelow (see pacesetter-defaults.yaml)");
        text(
                s.storeDir(),
                "snapshot.storeDir",
                "give the directory of the monthly aggregate store, e.g. ./pacesetter-store");
        if (s.smallNumberThreshold() == null || s.smallNumberThreshold() < 0) {
            throw new ConfigException(
                    "snapshot.smallNumberThreshold",
                    s.smallNumberThreshold()
                            + " is not allowed; use a whole number of legs or incidents, 0 or more, e.g. 20 (0 flags nothing)");
        }
        if (s.formats() == null || s.formats().isEmpty()) {
            throw new ConfigException(
                    "snapshot.formats",
                    "missing or empty; give a list of " + SnapshotConfig.FORMATS + ", e.g. [csv, xlsx, html]");
        }
        for (int i = 0; i < s.formats().size(); i++) {
            if (!SnapshotConfig.FORMATS.contains(s.formats().get(i))) {
                throw new ConfigException(
                        "snapshot.formats[" + i + "]",
                        "'" + s.formats().get(i) + "' is not a format; use one of " + SnapshotConfig.FORMATS);
            }
        }
        require(
                s.scheduled(),
                "snapshot.scheduled",
                "use true (the live job writes each closed month's snapshot) or false");
        text(
                s.outputDir(),
                "snapshot.outputDir",
                "give the directory scheduled snapshots are written to, e.g. ./pacesetter-snapshots");
        if (s.significance() == null || !(s.significance() > 0 && s.significance() < 1)) {
            throw new ConfigException(
                    "snapshot.significance",
                    s.significance()
                            + " is not allowed; give the two-sided significance level a change must reach to be called "
                            + "better or worse, above 0 and below 1, e.g. 0.05");
        }
        if (s.suppressBelow() == null || s.suppressBelow() < 0) {
            throw new ConfigException(
                    "snapshot.suppressBelow",
                    s.suppressBelow()
                            + " is not allowed; use a whole number, 0 or more, e.g. 10 (the public version hides "
                            + "figures counted over fewer; 0 hides nothing)");
        }
    }

    /** Sliding-window call measures a rule may watch, and the live ones; rates are judged as shares. */
    private static final Set<String> SLIDING_CALL_MEASURES = Set.of(
            "ANSWERED_WITHIN_STANDARD",
            "ABANDONMENT_RATE",
            "MEAN_WAIT_SECONDS",
            "P90_WAIT_SECONDS",
            "CALLS_ANSWERED",
            "CALLS_ABANDONED",
            "ANSWER_BAND_UNDER_10S",
            "ANSWER_BAND_10_TO_60S",
            "ANSWER_BAND_60S_PLUS");

    private static final Set<String> LIVE_CALL_MEASURES = Set.of("CALLS_WAITING", "LONGEST_WAIT_SECONDS");
    private static final Set<String> RATE_MEASURES = Set.of(
            "ANSWERED_WITHIN_STANDARD",
            "ABANDONMENT_RATE",
            "ANSWER_BAND_UNDER_10S",
            "ANSWER_BAND_10_TO_60S",
            "ANSWER_BAND_60S_PLUS");
    /** A whole value that is one secret reference: the webhook key is never written in the file. */
    private static final Pattern ONE_SECRET_REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]*}");

    private static void validateAlerts(PacesetterConfig c) {
        AlertsConfig a = c.alerts();
        require(a, "alerts", "see the alerts: section of pacesetter-defaults.yaml");
        if (a.callbackQueues() == null) {
            throw new ConfigException(
                    "alerts.callbackQueues",
                    "missing; give a list of queues, e.g. [\"999\"], or [] for no callback alerts");
        }
        for (int i = 0; i < a.callbackQueues().size(); i++) {
            text(a.callbackQueues().get(i), "alerts.callbackQueues[" + i + "]", "give a queue name, e.g. \"999\"");
        }
        positive(a.callbackWindow(), "alerts.callbackWindow", false);
        positive(a.unresourcedAfter(), "alerts.unresourcedAfter", false);
        positive(a.lateDowngradeWithin(), "alerts.lateDowngradeWithin", true);
        validateFeedSilence(a.feedSilence());
        if (a.lpaBreachesPerHour() == null || a.lpaBreachesPerHour() < 0) {
            throw new ConfigException(
                    "alerts.lpaBreachesPerHour",
                    a.lpaBreachesPerHour() + " is not allowed; use a whole number of breaches of zero or more, e.g. 3");
        }
        if (a.callHandling() == null) {
            throw new ConfigException(
                    "alerts.callHandling", "missing; give a list of rules, or [] for no call-handling alerts");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.callHandling().size(); i++) {
            String key = "alerts.callHandling[" + i + "]";
            CallHandlingRule rule = a.callHandling().get(i);
            require(rule, key, "give queue, measure, window, direction, warning and clear");
            validateRule(key, rule, c);
            if (!names.add(rule.name())) {
                throw new ConfigException(key, "the rule '" + rule.name() + "' is listed twice; list each rule once");
            }
        }
        validateWebhook(a.webhook());
        validateRouting(a);
    }

    /** A route's key: a kind, optionally a slash and a severity, and another and a state. */
    private static final Pattern ROUTE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*(/[A-Z]+(/[A-Z]+)?)?");

    private static void validateRouting(AlertsConfig a) {
        if (a.routing() == null || a.routing().isEmpty()) {
            throw new ConfigException(
                    "alerts.routing",
                    "missing; give each alert kind its audiences, e.g. INCIDENT_BREACHED: [PACESETTER] "
                            + "(see pacesetter-defaults.yaml)");
        }
        for (Map.Entry<String, List<String>> route : a.routing().entrySet()) {
            String key = "alerts.routing." + route.getKey();
            if (!ROUTE_KEY.matcher(route.getKey()).matches()) {
                throw new ConfigException(
                        key,
                        "is not an alert kind, a kind and a severity, or a kind, a severity and a state; write "
                                + "e.g. CALL_HANDLING, CALL_HANDLING/CRITICAL or CALL_HANDLING/CRITICAL/CLEARED");
            }
            String[] parts = route.getKey().split("/");
            if (parts.length > 1 && !AlertsConfig.SEVERITIES.contains(parts[1])) {
                throw new ConfigException(
                        key, "names no severity after the '/'; use one of " + AlertsConfig.SEVERITIES);
            }
            if (parts.length > 2 && !AlertsConfig.STATES.contains(parts[2])) {
                throw new ConfigException(
                        key, "names no state after the second '/'; use one of " + AlertsConfig.STATES);
            }
            audiences(key, route.getValue(), true);
        }
        if (a.audienceWebhooks() == null) {
            throw new ConfigException(
                    "alerts.audienceWebhooks",
                    "missing; give each audience's { url, secret } (url null for none), see pacesetter-defaults.yaml");
        }
        for (Map.Entry<String, AlertsConfig.AudienceWebhook> w :
                a.audienceWebhooks().entrySet()) {
            String key = "alerts.audienceWebhooks." + w.getKey();
            if (!AlertsConfig.AUDIENCES.contains(w.getKey())) {
                throw new ConfigException(key, "is not an audience; use one of " + AlertsConfig.AUDIENCES);
            }
            require(w.getValue(), key, "give { url, secret }, url null for no webhook to this audience");
            webhookTarget(key, w.getValue().url(), w.getValue().secret());
        }
        positive(a.escalateAfter(), "alerts.escalateAfter", false);
        audiences("alerts.escalation", a.escalation(), false);
        if (a.digestAt() == null || a.digestAt().isEmpty()) {
            throw new ConfigException(
                    "alerts.digestAt",
                    "missing; give the local times of the duty Command Officer's digest, e.g. [\"07:00\", \"19:00\"]");
        }
        for (int i = 0; i < a.digestAt().size(); i++) {
            require(a.digestAt().get(i), "alerts.digestAt[" + i + "]", "give a local time such as \"07:00\"");
            if (a.digestAt().indexOf(a.digestAt().get(i)) != i) {
                throw new ConfigException(
                        "alerts.digestAt[" + i + "]", a.digestAt().get(i) + " is listed twice; list each time once");
            }
        }
    }

    private static void audiences(String key, List<String> audiences, boolean emptyAllowed) {
        if (audiences == null || (!emptyAllowed && audiences.isEmpty())) {
            throw new ConfigException(
                    key,
                    "missing; give a list of audiences from " + AlertsConfig.AUDIENCES
                            + (emptyAllowed ? ", or []" : ""));
        }
        for (int i = 0; i < audiences.size(); i++) {
            if (!AlertsConfig.AUDIENCES.contains(audiences.get(i))) {
                throw new ConfigException(
                        key + "[" + i + "]",
                        "'" + audiences.get(i) + "' is not an audience; use one of " + AlertsConfig.AUDIENCES);
            }
            if (audiences.indexOf(audiences.get(i)) != i) {
                throw new ConfigException(key + "[" + i + "]", audiences.get(i) + " is listed twice; list it once");
            }
        }
    }

    private static void validateRule(String key, CallHandlingRule rule, PacesetterConfig c) {
        text(rule.queue(), key + ".queue", "give a queue configured under queues, e.g. \"999\"");
        if (!c.queues().containsKey(rule.queue())) {
            throw new ConfigException(
                    key + ".queue",
                    "'" + rule.queue() + "' is not configured under queues; use one of "
                            + new java.util.TreeSet<>(c.queues().keySet()));
        }
        text(rule.window(), key + ".window", "give one of windows.lengths, e.g. PT1H, or LIVE");
        if (!rule.live()) {
            Duration length;
            try {
                length = Duration.parse(rule.window());
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException(
                        key + ".window",
                        "cannot use '" + rule.window() + "'; give one of windows.lengths "
                                + c.windows().lengths() + " or LIVE",
                        e);
            }
            if (!c.windows().lengths().contains(length)) {
                throw new ConfigException(
                        key + ".window",
                        length + " is not one of windows.lengths " + c.windows().lengths()
                                + ", so there is no such figure to watch; use one of them or LIVE, add it to windows.lengths, "
                                + "or give alerts.callHandling without this rule (the defaults watch PT1H)");
            }
        }
        text(rule.measure(), key + ".measure", "give a call measure, e.g. ANSWERED_WITHIN_STANDARD");
        Set<String> allowed = rule.live() ? LIVE_CALL_MEASURES : SLIDING_CALL_MEASURES;
        if (!allowed.contains(rule.measure())) {
            throw new ConfigException(
                    key + ".measure",
                    "'" + rule.measure() + "' is not a " + (rule.live() ? "LIVE" : "sliding-window")
                            + " call measure; use one of " + new java.util.TreeSet<>(allowed));
        }
        if (rule.measure().equals("ANSWERED_WITHIN_STANDARD")
                && c.queues().get(rule.queue()).answerThreshold() == null) {
            throw new ConfigException(
                    key + ".measure",
                    "queue " + rule.queue() + " has no answerThreshold, so it has no "
                            + "ANSWERED_WITHIN_STANDARD figure; set queues." + rule.queue()
                            + ".answerThreshold or watch another measure");
        }
        require(rule.direction(), key + ".direction", "use BELOW or ABOVE");
        boolean rate = RATE_MEASURES.contains(rule.measure());
        level(rule.warning(), key + ".warning", rate, true);
        level(rule.critical(), key + ".critical", rate, false);
        level(rule.clear(), key + ".clear", rate, true);
        boolean below = rule.direction() == CallHandlingRule.Direction.BELOW;
        String order = below ? "critical <= warning <= clear" : "critical >= warning >= clear";
        if (rule.critical() != null && (below ? rule.critical() > rule.warning() : rule.critical() < rule.warning())) {
            throw new ConfigException(
                    key + ".critical",
                    rule.critical() + " is not beyond warning " + rule.warning() + " for " + rule.direction()
                            + "; levels go " + order);
        }
        if (below ? rule.clear() < rule.warning() : rule.clear() > rule.warning()) {
            throw new ConfigException(
                    key + ".clear",
                    rule.clear() + " would clear the alert before it is back from warning " + rule.warning()
                            + "; levels go " + order + " (clear a little beyond warning stops flapping)");
        }
        if (rule.minCalls() < 0) {
            throw new ConfigException(
                    key + ".minCalls",
                    rule.minCalls() + " is not allowed; use a whole number of calls of zero or more");
        }
        if (rule.live() && rule.minCalls() > 0) {
            throw new ConfigException(
                    key + ".minCalls", "a LIVE figure has no calls to count; remove minCalls or watch a window");
        }
        positive(rule.minDuration(), key + ".minDuration", true);
    }

    private static void level(Double value, String key, boolean rate, boolean required) {
        if (value == null) {
            if (required) {
                throw new ConfigException(key, "missing; give a level, e.g. " + (rate ? "0.9 for 90%" : "30"));
            }
            return;
        }
        if (value.isNaN() || value.isInfinite() || value < 0 || (rate && value > 1)) {
            throw new ConfigException(
                    key,
                    value + " is not allowed; use "
                            + (rate
                                    ? "a share between 0 and 1, e.g. 0.9 for 90%"
                                    : "a number of zero or more, e.g. 30"));
        }
    }

    private static void validateWebhook(WebhookConfig w) {
        require(
                w,
                "alerts.webhook",
                "give url (or null for no webhook), secret, attempts, firstRetry, maxRetry, timeout, maxInFlight "
                        + "and checkpointWait");
        webhookTarget("alerts.webhook", w.url(), w.secret());
        if (w.attempts() == null || w.attempts() < 1 || w.attempts() > 100) {
            throw new ConfigException(
                    "alerts.webhook.attempts",
                    w.attempts() + " is not allowed; use a whole number from 1 to 100, e.g. 8");
        }
        positive(w.firstRetry(), "alerts.webhook.firstRetry", false);
        positive(w.maxRetry(), "alerts.webhook.maxRetry", false);
        if (w.maxRetry().compareTo(w.firstRetry()) < 0) {
            throw new ConfigException(
                    "alerts.webhook.maxRetry",
                    w.maxRetry() + " is shorter than firstRetry (" + w.firstRetry()
                            + "); give a longest wait at least as long as the first, e.g. PT30S");
        }
        positive(w.timeout(), "alerts.webhook.timeout", false);
        if (w.maxInFlight() == null || w.maxInFlight() < 1 || w.maxInFlight() > 1_000_000) {
            throw new ConfigException(
                    "alerts.webhook.maxInFlight",
                    w.maxInFlight() + " is not allowed; use a whole number of alerts from 1 to 1000000, e.g. 10000");
        }
        positive(w.checkpointWait(), "alerts.webhook.checkpointWait", false);
        if (w.checkpointWait().compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigException(
                    "alerts.webhook.checkpointWait",
                    w.checkpointWait() + " is too long: every checkpoint (the KPI topics' commits, the display) would "
                            + "wait that long on a receiver that is down; give at most PT1M, e.g. PT5S");
        }
    }

    /** A webhook's url (null: none) and the reference to its signing key, under {@code key}. */
    private static void webhookTarget(String key, String url, String secret) {
        if (url != null && !url.isBlank()) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(
                        key + ".url",
                        "'" + url + "' is not a URL; give one such as https://alerts.example.police.uk/pacesetter",
                        e);
            }
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        key + ".url",
                        "'" + url + "' is not an http(s) URL with a host; "
                                + "give one such as https://alerts.example.police.uk/pacesetter");
            }
            text(secret, key + ".secret", "give the signing key's reference, ${env:NAME} or ${file:/path}");
        }
        if (secret != null && !secret.isBlank()) {
            if (!ONE_SECRET_REFERENCE.matcher(secret).matches()) {
                // Never echo the value: it may be the key itself, written where it must not be.
                throw new ConfigException(
                        key + ".secret",
                        "is not a secret reference; never write the key in the "
                                + "configuration, give ${env:NAME} or ${file:/absolute/path}");
            }
            SecretReferences.check(key + ".secret", secret);
        }
    }

    /** Client properties that have a key of their own, or that Pacesetter must set itself. */
    private static final Map<String, String> OWNED_KAFKA_PROPERTIES = Map.of(
            "bootstrap.servers", "set kafka.bootstrapServers instead (or run --kafka BOOTSTRAP)",
            "group.id", "set kafka.groupId instead",
            "transactional.id", "set kafka.transactionalIdPrefix instead: each sink adds its own suffix",
            "transaction.timeout.ms", "set kafka.transactionTimeout instead, e.g. PT15M",
            "key.serializer", "Pacesetter writes the keys itself; remove it",
            "value.serializer", "Pacesetter writes the values itself; remove it",
            "key.deserializer", "Pacesetter reads the keys itself; remove it",
            "value.deserializer", "Pacesetter reads the values itself; remove it");
    /** What Kafka allows in a topic name. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private static void validateKafka(KafkaConfig k, RunConfig run) {
        require(k, "kafka", "see the kafka: section of pacesetter-defaults.yaml");
        KafkaConfig.checkBootstrapServers("kafka.bootstrapServers", k.bootstrapServers());

        KafkaTopics t = k.topics();
        require(t, "kafka.topics", "give calls, incidents, kpis, deadLetters, alerts and actions");
        String[] topicKeys = {"calls", "incidents", "kpis", "deadLetters", "alerts", "actions"};
        String[] topicNames = {t.calls(), t.incidents(), t.kpis(), t.deadLetters(), t.alerts(), t.actions()};
        Map<String, String> keyOfTopic = new HashMap<>();
        for (int i = 0; i < topicKeys.length; i++) {
            String key = "kafka.topics." + topicKeys[i];
            text(topicNames[i], key, "give a topic name, e.g. pacesetter." + topicKeys[i]);
            if (!TOPIC_NAME.matcher(topicNames[i]).matches()
                    || topicNames[i].equals(".")
                    || topicNames[i].equals("..")) {
                throw new ConfigException(
                        key,
                        "'" + topicNames[i] + "' is not a Kafka topic name; "
                                + "use up to 249 letters, digits, '.', '_' or '-'");
            }
            String other = keyOfTopic.putIfAbsent(topicNames[i], key);
            if (other != null) {
                throw new ConfigException(
                        key,
                        "'" + topicNames[i] + "' is also " + other
                                + "; give every input and output a topic of its own");
            }
        }

        text(k.groupId(), "kafka.groupId", "give the consumer group's name, e.g. pacesetter");
        require(k.startingOffsets(), "kafka.startingOffsets", "use one of " + List.of(StartingOffsets.values()));
        text(
                k.transactionalIdPrefix(),
                "kafka.transactionalIdPrefix",
                "give a name unique to this job, e.g. pacesetter-example-county");
        if (k.transactionalIdPrefix().chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(
                    "kafka.transactionalIdPrefix",
                    "'" + k.transactionalIdPrefix()
                            + "' contains spaces; use letters, digits, '.', '_' or '-', e.g. pacesetter-example-county");
        }
        positive(k.transactionTimeout(), "kafka.transactionTimeout", false);
        if (k.transactionTimeout().compareTo(run.checkpointInterval()) <= 0) {
            throw new ConfigException(
                    "kafka.transactionTimeout",
                    k.transactionTimeout() + " is not longer than run.checkpointInterval ("
                            + run.checkpointInterval()
                            + "): a transaction stays open from one checkpoint to the next, and longer while "
                            + "a job restarts; give several checkpoint intervals, at most the broker's transaction.max.timeout.ms, e.g. PT15M");
        }

        if (k.properties() == null) {
            throw new ConfigException(
                    "kafka.properties",
                    "missing; give {} or Kafka client properties such as security.protocol: SASL_SSL");
        }
        for (Map.Entry<String, String> p : k.properties().entrySet()) {
            String key = "kafka.properties." + p.getKey();
            if (p.getKey() == null || p.getKey().isBlank()) {
                throw new ConfigException(
                        "kafka.properties",
                        "a property with a blank name; give Kafka client property names such as security.protocol");
            }
            String owned = OWNED_KAFKA_PROPERTIES.get(p.getKey());
            if (owned != null) {
                throw new ConfigException(key, "is set by Pacesetter; " + owned);
            }
            if (p.getValue() == null) {
                throw new ConfigException(key, "has no value; give one, or remove the property");
            }
            SecretReferences.check(key, p.getValue());
        }
    }

    private static void validateQueue(String key, QueueStandard q) {
        require(q, key, "give the queue's standard, or {} for none");
        if (q.answerThreshold() != null) {
            positive(q.answerThreshold(), key + ".answerThreshold", false);
        }
        share(q.answeredWithinTarget(), key + ".answeredWithinTarget", false);
        if (q.answeredWithinTarget() != null && q.answerThreshold() == null) {
            throw new ConfigException(
                    key + ".answeredWithinTarget",
                    "a target needs an answerThreshold; add answerThreshold (e.g. PT10S) or remove the target");
        }
        require(q.denominatorRule(), key + ".denominatorRule", "use one of " + List.of(DenominatorRule.values()));
        require(q.shortAbandon(), key + ".shortAbandon", "give a duration such as PT5S");
        positive(q.shortAbandon(), key + ".shortAbandon", true);
        share(q.abandonmentTarget(), key + ".abandonmentTarget", false);
        if (q.meanWaitTarget() != null) {
            positive(q.meanWaitTarget(), key + ".meanWaitTarget", false);
        }
    }

    private static void validateLpas(List<LpaConfig> lpas) {
        if (lpas == null || lpas.isEmpty()) {
            throw new ConfigException("lpas", "configure at least one LPA with its districts");
        }
        Set<String> lpaNames = new HashSet<>();
        Set<String> districtNames = new HashSet<>();
        for (int i = 0; i < lpas.size(); i++) {
            LpaConfig lpa = lpas.get(i);
            String key = "lpas[" + i + "]";
            require(lpa, key, "give name and districts");
            text(lpa.name(), key + ".name", "give the LPA's name");
            if (PacesetterConfig.UNKNOWN_LPA.equals(lpa.name())) {
                throw new ConfigException(
                        key + ".name", "UNKNOWN is reserved for districts nobody configured; choose another name");
            }
            if (!lpaNames.add(lpa.name())) {
                throw new ConfigException(
                        key + ".name", "LPA '" + lpa.name() + "' is configured twice; give each LPA once");
            }
            if (lpa.districts() == null || lpa.districts().isEmpty()) {
                throw new ConfigException(
                        key + ".districts", "LPA '" + lpa.name() + "' has no districts; list at least one");
            }
            for (int j = 0; j < lpa.districts().size(); j++) {
                DistrictConfig d = lpa.districts().get(j);
                String dkey = key + ".districts[" + j + "]";
                require(d, dkey, "give name and area");
                text(d.name(), dkey + ".name", "give the district's name");
                require(d.area(), dkey + ".area", "use URBAN or RURAL");
                if (!districtNames.add(d.name())) {
                    throw new ConfigException(
                            dkey + ".name",
                            "district '" + d.name() + "' is configured twice; a district belongs to one LPA");
                }
            }
        }
    }

    private static void validateFaults(GeneratorConfig.FaultModel f, EventRules e) {
        require(f, "generator.faults", "see pacesetter-defaults.yaml (enabled: false leaves run without faults)");
        require(f.enabled(), "generator.faults.enabled", "give true or false");
        share(f.lateCallShare(), "generator.faults.lateCallShare", true);
        share(f.lateIncidentShare(), "generator.faults.lateIncidentShare", true);
        share(f.resentShare(), "generator.faults.resentShare", true);
        share(f.garbageShare(), "generator.faults.garbageShare", true);
        share(f.clockAheadShare(), "generator.faults.clockAheadShare", true);
        positive(f.lateDelay(), "generator.faults.lateDelay", true);
        positive(f.clockAhead(), "generator.faults.clockAhead", true);
        positive(f.gapAfter(), "generator.faults.gapAfter", true);
        positive(f.gapLength(), "generator.faults.gapLength", true);
        require(f.gapFeed(), "generator.faults.gapFeed", "give CALLS or INCIDENTS");
        // Beyond the allowed lateness an event is TOO_LATE and lost: the faults model a feed the
        // guarantee covers, so they may not exceed it.
        for (Object[] held : new Object[][] {
            {f.lateDelay(), "generator.faults.lateDelay"}, {f.gapLength(), "generator.faults.gapLength"}
        }) {
            if (((Duration) held[0]).compareTo(e.allowedLateness()) > 0) {
                throw new ConfigException(
                        (String) held[1],
                        held[0] + " is longer than events.allowedLateness (" + e.allowedLateness()
                                + "); use at most that, or those events are TOO_LATE");
            }
        }
        if (f.clockAheadShare() > 0 && f.clockAhead().compareTo(e.futureTolerance()) <= 0) {
            throw new ConfigException(
                    "generator.faults.clockAhead",
                    f.clockAhead() + " is within events.futureTolerance (" + e.futureTolerance()
                            + "), so live parsing would accept it; use more, e.g. PT10M");
        }
    }

    private static void validateFeedSilence(FeedSilenceConfig f) {
        require(
                f,
                "alerts.feedSilence",
                "give probability, floor, ceiling, historyWeeks, fallbackCallEventsPerHour and "
                        + "fallbackIncidentEventsPerHour (see pacesetter-defaults.yaml)");
        Double p = f.probability();
        if (p == null || p.isNaN() || p <= 0 || p >= 1) {
            throw new ConfigException(
                    "alerts.feedSilence.probability",
                    p + " is not allowed; use a probability above 0 and below 1, e.g. 1.0e-6 "
                            + "(smaller: fewer false alarms, slower to notice a dead feed)");
        }
        positive(f.floor(), "alerts.feedSilence.floor", false);
        positive(f.ceiling(), "alerts.feedSilence.ceiling", false);
        if (f.ceiling().compareTo(f.floor()) < 0) {
            throw new ConfigException(
                    "alerts.feedSilence.ceiling",
                    f.ceiling() + " is shorter than alerts.feedSilence.floor (" + f.floor()
                            + "); use a ceiling at or above the floor, e.g. PT1H");
        }
        if (f.historyWeeks() == null || f.historyWeeks() < 1 || f.historyWeeks() > 52) {
            throw new ConfigException(
                    "alerts.feedSilence.historyWeeks",
                    f.historyWeeks() + " is not allowed; use a whole number of weeks from 1 to 52, e.g. 4");
        }
        positiveNumber(f.fallbackCallEventsPerHour(), "alerts.feedSilence.fallbackCallEventsPerHour");
        positiveNumber(f.fallbackIncidentEventsPerHour(), "alerts.feedSilence.fallbackIncidentEventsPerHour");
    }

    private static void require(Object value, String key, String fix) {
        if (value == null) {
            throw new ConfigException(key, "missing; " + fix);
        }
    }

    private static void text(String value, String key, String fix) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "missing or blank; " + fix);
        }
    }

    /** A wait every alert may sit through: zero or more, and at most a second. */
    private static void alertWait(Duration d, String key, String why, String example) {
        positive(d, key, true);
        if (d.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ConfigException(key, d + " is not allowed; use at most PT1S (" + why + "), e.g. " + example);
        }
    }

    private static void positive(Duration value, String key, boolean zeroAllowed) {
        require(value, key, "give an ISO-8601 duration such as PT2M");
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new ConfigException(
                    key, value + " is not allowed; use a duration " + (zeroAllowed ? "of zero or more" : "above zero"));
        }
    }

    private static void share(Double value, String key, boolean required) {
        if (value == null) {
            if (required) {
                throw new ConfigException(key, "missing; give a share between 0 and 1, e.g. 0.9");
            }
            return;
        }
        if (value.isNaN() || value < 0 || value > 1) {
            throw new ConfigException(key, value + " is not allowed; use a share between 0 and 1, e.g. 0.9 for 90%");
        }
    }

    private static void positiveNumber(Double value, String key) {
        if (value == null || value.isNaN() || value <= 0) {
            throw new ConfigException(key, value + " is not allowed; use a number above zero");
        }
    }

    private static void validateDisplay(DisplayConfig d) {
        require(
                d,
                "display",
                "give enabled, bind, port, staleAfter, accessToken (or null), amberWithin and maxScreens");
        require(d.enabled(), "display.enabled", "true to serve the wall display from run, false for none");
        text(d.bind(), "display.bind", "give an address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0");
        if (!BIND_ADDRESS.matcher(d.bind()).matches()) {
            throw new ConfigException(
                    "display.bind",
                    "'" + d.bind() + "' is not an address to listen on; "
                            + "give an IP address or host name such as 127.0.0.1, 0.0.0.0 or ::1");
        }
        if (d.port() == null || d.port() < 0 || d.port() > 65_535) {
            throw new ConfigException(
                    "display.port",
                    d.port() + " is not allowed; use a TCP port from 1 to 65535, e.g. 8080, or 0 for any free port");
        }
        positive(d.staleAfter(), "display.staleAfter", false);
        if (d.staleAfter().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(
                    "display.staleAfter",
                    d.staleAfter() + " is too short to tell a stale page from a busy one; use PT1S or more, e.g. PT1M");
        }
        if (d.protectedByToken()) {
            if (!ONE_SECRET_REFERENCE.matcher(d.accessToken()).matches()) {
                // The value is not repeated: it may be the token itself.
                throw new ConfigException(
                        "display.accessToken",
                        "is not a secret reference; never write the token in the "
                                + "file, give ${env:NAME} or ${file:/path} (or null for an open page)");
            }
            SecretReferences.check("display.accessToken", d.accessToken());
        }
        if (d.actionsToken() != null && !d.actionsToken().isBlank()) {
            if (!ONE_SECRET_REFERENCE.matcher(d.actionsToken()).matches()) {
                throw new ConfigException(
                        "display.actionsToken",
                        "is not a secret reference; never write the token in the "
                                + "file, give ${env:NAME} or ${file:/path} (or null)");
            }
            SecretReferences.check("display.actionsToken", d.actionsToken());
        }
        if (d.identityHeader() != null && !d.identityHeader().matches("[A-Za-z0-9-]+")) {
            throw new ConfigException(
                    "display.identityHeader",
                    "'" + d.identityHeader() + "' is not an HTTP header name; give e.g. X-Forwarded-User, or null");
        }
        if (d.amberWithin() == null || d.amberWithin().isNaN() || d.amberWithin() < 0 || d.amberWithin() >= 1) {
            throw new ConfigException(
                    "display.amberWithin",
                    d.amberWithin() + " is not allowed; use a share of the target from 0 "
                            + "(no amber) to below 1, e.g. 0.05");
        }
        if (d.maxScreens() == null || d.maxScreens() < 1 || d.maxScreens() > 100_000) {
            throw new ConfigException(
                    "display.maxScreens",
                    d.maxScreens() + " is not allowed; use a whole number of screens from 1 to 100000, e.g. 500");
        }
    }

    private static final Pattern BIND_ADDRESS = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]+");
}
