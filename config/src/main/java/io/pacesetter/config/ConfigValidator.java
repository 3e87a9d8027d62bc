package io.pacesetter.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

        WindowConfig w = c.windows();
        require(w, "windows", "give slide and lengths");
        positive(w.slide(), "windows.slide", false);
        if (w.slide().toMillis() % 60_000 != 0 || Duration.ofDays(1).toMillis() % w.slide().toMillis() != 0) {
            throw new ConfigException("windows.slide", w.slide() + " must be whole minutes that divide a day, e.g. PT1M or PT5M");
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
                throw new ConfigException(key, length + " is not a whole number of slides (" + w.slide() + "); use a multiple of the slide");
            }
            if (length.compareTo(Duration.ofDays(31)) > 0) {
                throw new ConfigException(key, length + " is longer than 31 days; use a MONTH period for that");
            }
            if (!seen.add(length)) {
                throw new ConfigException(key, length + " is listed twice; list each length once");
            }
        }

        if (c.queues() == null || c.queues().isEmpty()) {
            throw new ConfigException("queues", "configure at least one queue, e.g. \"999\" with answerThreshold: PT10S");
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
            throw new ConfigException("run.parallelism", r.parallelism() + " is not allowed; use a whole number from 1 to 512");
        }
        require(r.stateBackend(), "run.stateBackend", "use ROCKSDB or HASHMAP");
        positive(r.checkpointInterval(), "run.checkpointInterval", false);
        text(r.checkpointDir(), "run.checkpointDir", "give a directory, e.g. ./pacesetter-checkpoints");
        require(r.incrementalCheckpoints(), "run.incrementalCheckpoints", "use true or false");
        text(r.outputDir(), "run.outputDir", "give a directory, e.g. ./pacesetter-out");
        positive(r.summaryEvery(), "run.summaryEvery", false);

        GeneratorConfig g = c.generator();
        require(g, "generator", "see pacesetter-defaults.yaml");
        require(g.seed(), "generator.seed", "give a whole number");
        positiveNumber(g.emergencyCallsPerDay(), "generator.emergencyCallsPerDay");
        positiveNumber(g.switchboardCallsPerDay(), "generator.switchboardCallsPerDay");
        share(g.ivrCrimeBureauShare(), "generator.ivrCrimeBureauShare", true);
        if (g.ivrCrimeBureauShare() >= 1) {
            throw new ConfigException("generator.ivrCrimeBureauShare",
                    g.ivrCrimeBureauShare() + " would leave no caller for the 101 queue; use a share below 1, e.g. 0.12");
        }
        share(g.transferToCrimeBureauShare(), "generator.transferToCrimeBureauShare", true);
        share(g.reofferShare(), "generator.reofferShare", true);
        share(g.districtMissingShare(), "generator.districtMissingShare", true);
        if (g.staffingElasticity() == null || g.staffingElasticity().isNaN()
                || g.staffingElasticity() < 0 || g.staffingElasticity() > 1) {
            throw new ConfigException("generator.staffingElasticity", g.staffingElasticity()
                    + " is not allowed; use a number from 0 (a flat rota) to 1 (the rota follows demand hour by hour), e.g. 0.75");
        }
        positiveNumber(g.urbanDemandWeight(), "generator.urbanDemandWeight");
        String[] queueKeys = {"generator.emergency", "generator.switchboard", "generator.crimeBureau"};
        GeneratorConfig.QueueModel[] queueModels = {g.emergency(), g.switchboard(), g.crimeBureau()};
        for (int i = 0; i < queueKeys.length; i++) {
            String key = queueKeys[i];
            GeneratorConfig.QueueModel q = queueModels[i];
            require(q, key, "give meanHandlingTime, meanPatience, quickHangUpShare, ringTime, staffingMargin and minHandlers");
            positive(q.meanHandlingTime(), key + ".meanHandlingTime", false);
            positive(q.meanPatience(), key + ".meanPatience", false);
            share(q.quickHangUpShare(), key + ".quickHangUpShare", true);
            positive(q.ringTime(), key + ".ringTime", true);
            if (q.staffingMargin() == null || q.staffingMargin().isNaN() || q.staffingMargin() < 0 || q.staffingMargin() > 10) {
                throw new ConfigException(key + ".staffingMargin", q.staffingMargin()
                        + " is not allowed; use a number from 0 (staff for the load alone) to 10, e.g. 1.0");
            }
            if (q.minHandlers() == null || q.minHandlers() < 1 || q.minHandlers() > 10_000) {
                throw new ConfigException(key + ".minHandlers", q.minHandlers()
                        + " is not allowed; use a whole number of call handlers from 1 to 10000");
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
                throw new ConfigException(mixKeys[i], shares
                        + " is not allowed; give four shares of zero or more for grades 1 to 4, e.g. [0.36, 0.34, 0.20, 0.10]");
            }
        }
        share(inc.upgradeShare(), "generator.incidents.upgradeShare", true);
        share(inc.downgradeShare(), "generator.incidents.downgradeShare", true);
        share(inc.cancelShare(), "generator.incidents.cancelShare", true);
        if (inc.downgradeShare() + inc.cancelShare() > 1) {
            throw new ConfigException("generator.incidents.cancelShare",
                    "downgradeShare + cancelShare is more than 1; lower one of them so they add up to at most 1");
        }
        share(inc.explicitAreaShare(), "generator.incidents.explicitAreaShare", true);
        share(inc.reasonNextDayShare(), "generator.incidents.reasonNextDayShare", true);
        positive(inc.dispatchDelayMedian(), "generator.incidents.dispatchDelayMedian", false);
        positive(inc.urbanTravelMedian(), "generator.incidents.urbanTravelMedian", false);
        positive(inc.ruralTravelMedian(), "generator.incidents.ruralTravelMedian", false);
        share(inc.noResourcesShare(), "generator.incidents.noResourcesShare", true);
        GeneratorConfig.DefectModel d = g.defects();
        require(d, "generator.defects", "give duplicateShare, outOfOrderShare, outOfOrderMaxDelay and malformedShare (0 for a clean feed)");
        share(d.duplicateShare(), "generator.defects.duplicateShare", true);
        share(d.outOfOrderShare(), "generator.defects.outOfOrderShare", true);
        positive(d.outOfOrderMaxDelay(), "generator.defects.outOfOrderMaxDelay", true);
        share(d.malformedShare(), "generator.defects.malformedShare", true);
    }

    private static void validateQueue(String key, QueueStandard q) {
        require(q, key, "give the queue's standard, or {} for none");
        if (q.answerThreshold() != null) {
            positive(q.answerThreshold(), key + ".answerThreshold", false);
        }
        share(q.answeredWithinTarget(), key + ".answeredWithinTarget", false);
        if (q.answeredWithinTarget() != null && q.answerThreshold() == null) {
            throw new ConfigException(key + ".answeredWithinTarget",
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
                throw new ConfigException(key + ".name", "UNKNOWN is reserved for districts nobody configured; choose another name");
            }
            if (!lpaNames.add(lpa.name())) {
                throw new ConfigException(key + ".name", "LPA '" + lpa.name() + "' is configured twice; give each LPA once");
            }
            if (lpa.districts() == null || lpa.districts().isEmpty()) {
                throw new ConfigException(key + ".districts", "LPA '" + lpa.name() + "' has no districts; list at least one");
            }
            for (int j = 0; j < lpa.districts().size(); j++) {
                DistrictConfig d = lpa.districts().get(j);
                String dkey = key + ".districts[" + j + "]";
                require(d, dkey, "give name and area");
                text(d.name(), dkey + ".name", "give the district's name");
                require(d.area(), dkey + ".area", "use URBAN or RURAL");
                if (!districtNames.add(d.name())) {
                    throw new ConfigException(dkey + ".name",
                            "district '" + d.name() + "' is configured twice; a district belongs to one LPA");
                }
            }
        }
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

    private static void positive(Duration value, String key, boolean zeroAllowed) {
        require(value, key, "give an ISO-8601 duration such as PT2M");
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new ConfigException(key, value + " is not allowed; use a duration " + (zeroAllowed ? "of zero or more" : "above zero"));
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
}
