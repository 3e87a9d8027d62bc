package io.pacesetter.connectors.generator;

import io.pacesetter.config.Area;
import io.pacesetter.config.AttendanceStandard;
import io.pacesetter.config.GeneratorConfig;
import io.pacesetter.config.ReferenceData;
import java.time.LocalTime;
import java.util.List;

/**
 * What command and control records after a call handler raises an incident: its grade, regrades, the units
 * sent and when each arrives, and its closure, all drawn the moment it is raised. Attendance is not drawn as
 * met or missed: it comes out of a dispatch delay and a travel time by area and time of day, so every
 * failure has the reason that caused it.
 */
final class IncidentPlanner {
    static final String NO_RESOURCES = "No resources available";
    static final String TRAVEL_DISTANCE = "Travel distance";
    static final String TRAFFIC = "Traffic";
    static final String INCORRECT_LOCATION = "Incorrect location given";

    private static final long MINUTE = 60_000L;
    private static final int MONDAY_TO_FRIDAY = 5;

    private final GeneratorConfig.IncidentModel model;
    private final AttendanceStandard attendance;
    private final ReferenceData districts;
    private final LocalHours clock;
    private final DemandCurve emergencyDemand;
    private final Draw draw;
    private final Feed feed;
    private final String runTag;
    private final double[] emergencyGrades;
    private final double[] switchboardGrades;
    private long incidentCount;

    IncidentPlanner(
            GeneratorConfig.IncidentModel model,
            AttendanceStandard attendance,
            ReferenceData districts,
            LocalHours clock,
            DemandCurve emergencyDemand,
            Draw draw,
            Feed feed,
            String runTag) {
        this.model = model;
        this.attendance = attendance;
        this.districts = districts;
        this.clock = clock;
        this.emergencyDemand = emergencyDemand;
        this.draw = draw;
        this.feed = feed;
        this.runTag = runTag;
        this.emergencyGrades = Draw.cumulative(toArray(model.emergencyGradeMix()));
        this.switchboardGrades = Draw.cumulative(toArray(model.switchboardGradeMix()));
    }

    private static double[] toArray(List<Double> shares) {
        double[] a = new double[shares.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = shares.get(i);
        }
        return a;
    }

    /** A call handler has answered a leg: perhaps an incident is raised from it. */
    void maybeRaise(long answeredAt, String callId, String district, boolean emergencyCall) {
        if (!draw.chance(emergencyCall ? model.emergencyCallShare() : model.switchboardCallShare())) {
            return;
        }
        String incidentId = "I" + runTag + "-" + (++incidentCount);
        int grade = 1 + draw.pick(emergencyCall ? emergencyGrades : switchboardGrades);
        // The handler creates the log while still speaking to the caller.
        long createdAt = answeredAt + draw.betweenMillis(20_000, 150_000);
        Area districtArea = districts.defaultAreaOf(district);
        Area explicit = null;
        if (draw.chance(model.explicitAreaShare())) {
            // A location on the edge of a town, say: not always the district's own default.
            explicit = draw.chance(0.6) ? districtArea : (districtArea == Area.URBAN ? Area.RURAL : Area.URBAN);
        }
        Area area = explicit != null ? explicit : districtArea;
        feed.incident(createdAt, incidentId, "CREATED", grade, district, explicit, null, callId);
        switch (grade) {
            case 1 -> respondAsEmergency(incidentId, createdAt, area);
            case 2 -> {
                if (draw.chance(model.upgradeShare())) {
                    // New information (a weapon seen, someone hurt) makes it an emergency before anyone arrives.
                    long upgradedAt = createdAt + draw.betweenMillis(2 * MINUTE, 20 * MINUTE);
                    feed.incident(upgradedAt, incidentId, "GRADED", 1, null, null, null, null);
                    respondAsEmergency(incidentId, upgradedAt, area);
                } else {
                    respondAsPriority(incidentId, createdAt, area);
                }
            }
            case 3 -> respondAsScheduled(incidentId, createdAt, area);
            default ->
                feed.incident(
                        createdAt + draw.betweenMillis(15 * MINUTE, 120 * MINUTE),
                        incidentId,
                        "CLOSED",
                        null,
                        null,
                        null,
                        null,
                        null);
        }
    }

    /** Grade 1: the attendance clock runs from {@code clockStart}. */
    private void respondAsEmergency(String incidentId, long clockStart, Area area) {
        long limit = attendance.limitFor(area).toMillis();
        double busy = emergencyDemand.at(clock, clockStart);
        boolean noUnitFree = draw.chance(Math.min(1.0, model.noResourcesShare() * busy * busy));
        long dispatchDelay =
                Math.round(draw.lognormalMedian(model.dispatchDelayMedian().toMillis(), 0.6) * (0.6 + 0.4 * busy));
        if (noUnitFree) {
            dispatchDelay += draw.betweenMillis(6 * MINUTE, 25 * MINUTE);
        }
        double traffic = traffic(clockStart + dispatchDelay);
        boolean wrongLocation = draw.chance(0.02);
        int units = draw.chance(0.5) ? 1 : draw.chance(0.7) ? 2 : 3;
        long[] dispatched = new long[units];
        long[] arrived = new long[units];
        long firstArrival = Long.MAX_VALUE;
        for (int i = 0; i < units; i++) {
            // Back-up units are sent a little later and may come from nearer or further away,
            // so they sometimes arrive before the first unit sent.
            dispatched[i] =
                    i == 0 ? clockStart + dispatchDelay : dispatched[0] + draw.betweenMillis(20_000, 4 * MINUTE);
            double travel =
                    draw.lognormalMedian(travelMedian(area) * traffic, 0.45) * (i == 0 ? 1.0 : draw.between(0.8, 1.6));
            if (i == 0 && wrongLocation) {
                travel += draw.between(5 * MINUTE, 15 * MINUTE);
            }
            arrived[i] = dispatched[i] + Math.max(30_000, Math.round(travel));
            firstArrival = Math.min(firstArrival, arrived[i]);
        }
        boolean met = firstArrival - clockStart <= limit;
        // Cancellations and downgrades come while the clock is still running (new information from the
        // caller), so they take the incident out of the measure rather than end it as a failure.
        double fate = draw.uniform();
        if (fate < model.cancelShare()) {
            // The caller rings back: no longer needed. Units already sent are stood down.
            long cancelledAt =
                    clockStart + Math.round(draw.between(0.1, 0.9) * Math.min(firstArrival - clockStart, limit));
            for (int i = 0; i < units; i++) {
                if (dispatched[i] < cancelledAt) {
                    feed.incident(dispatched[i], incidentId, "DISPATCHED", null, null, null, null, null);
                }
            }
            feed.incident(cancelledAt, incidentId, "CANCELLED", null, null, null, null, null);
            return;
        }
        boolean downgraded = fate < model.cancelShare() + model.downgradeShare();
        long downgradedAt = Long.MAX_VALUE;
        if (downgraded) {
            downgradedAt = clockStart + Math.round(draw.between(0.1, 0.9) * Math.min(firstArrival - clockStart, limit));
            feed.incident(downgradedAt, incidentId, "GRADED", 2, null, null, null, null);
        }
        long lastArrival = 0;
        for (int i = 0; i < units; i++) {
            if (i > 0 && dispatched[i] >= downgradedAt) {
                continue; // no back-up for what is no longer an emergency
            }
            feed.incident(dispatched[i], incidentId, "DISPATCHED", null, null, null, null, null);
            feed.incident(arrived[i], incidentId, "ARRIVED", null, null, null, null, null);
            lastArrival = Math.max(lastArrival, arrived[i]);
        }
        long closedAt = lastArrival + Math.round(draw.lognormalMedian(45 * MINUTE, 0.7));
        if (met || downgraded) {
            feed.incident(closedAt, incidentId, "CLOSED", null, null, null, null, null);
            return;
        }
        String reason = reasonFor(noUnitFree, wrongLocation, dispatchDelay, limit, traffic, area);
        if (draw.chance(model.reasonNextDayShare())) {
            // Closed by a busy controller; the reason is added at the next morning's daily review.
            feed.incident(closedAt, incidentId, "CLOSED", null, null, null, null, null);
            long reviewedAt = Math.max(
                    closedAt + 60_000,
                    clock.nextDayAt(closedAt, LocalTime.of(8, 0)) + draw.betweenMillis(0, 4 * LocalHours.HOUR));
            feed.incident(reviewedAt, incidentId, "REASON_RECORDED", null, null, null, reason, null);
        } else {
            feed.incident(closedAt, incidentId, "CLOSED", null, null, null, reason, null);
        }
    }

    private static String reasonFor(
            boolean noUnitFree, boolean wrongLocation, long dispatchDelay, long limit, double traffic, Area area) {
        if (noUnitFree || dispatchDelay > 0.35 * limit) {
            return NO_RESOURCES;
        }
        if (wrongLocation) {
            return INCORRECT_LOCATION;
        }
        if (traffic >= 1.1) {
            return TRAFFIC;
        }
        return area == Area.RURAL ? TRAVEL_DISTANCE : (traffic >= 1.0 ? TRAFFIC : TRAVEL_DISTANCE);
    }

    /** Grade 2: attended within the hour or so; outside the emergency measure. */
    private void respondAsPriority(String incidentId, long createdAt, Area area) {
        if (draw.chance(0.05)) {
            feed.incident(
                    createdAt + draw.betweenMillis(10 * MINUTE, 60 * MINUTE),
                    incidentId,
                    "CANCELLED",
                    null,
                    null,
                    null,
                    null,
                    null);
            return;
        }
        long dispatchedAt = createdAt + Math.round(draw.lognormalMedian(25 * MINUTE, 0.8));
        int units = draw.chance(0.75) ? 1 : 2;
        long lastArrival = 0;
        for (int i = 0; i < units; i++) {
            long d = dispatchedAt + (i == 0 ? 0 : draw.betweenMillis(60_000, 10 * MINUTE));
            long a = d + Math.round(draw.lognormalMedian(travelMedian(area) * traffic(d), 0.5));
            feed.incident(d, incidentId, "DISPATCHED", null, null, null, null, null);
            feed.incident(a, incidentId, "ARRIVED", null, null, null, null, null);
            lastArrival = Math.max(lastArrival, a);
        }
        feed.incident(
                lastArrival + Math.round(draw.lognormalMedian(60 * MINUTE, 0.6)),
                incidentId,
                "CLOSED",
                null,
                null,
                null,
                null,
                null);
    }

    /** Grade 3: an appointment later in the day or the next. */
    private void respondAsScheduled(String incidentId, long createdAt, Area area) {
        long dispatchedAt = createdAt + draw.betweenMillis(2 * LocalHours.HOUR, 26 * LocalHours.HOUR);
        long arrivedAt = dispatchedAt + Math.round(draw.lognormalMedian(travelMedian(area), 0.5));
        feed.incident(dispatchedAt, incidentId, "DISPATCHED", null, null, null, null, null);
        feed.incident(arrivedAt, incidentId, "ARRIVED", null, null, null, null, null);
        feed.incident(
                arrivedAt + Math.round(draw.lognormalMedian(50 * MINUTE, 0.5)),
                incidentId,
                "CLOSED",
                null,
                null,
                null,
                null,
                null);
    }

    private double travelMedian(Area area) {
        return (area == Area.RURAL ? model.ruralTravelMedian() : model.urbanTravelMedian()).toMillis();
    }

    /** Travel takes longer in the weekday rush hours and less at night. */
    private double traffic(long t) {
        int hourOfWeek = clock.hourOfWeek(t);
        int hour = hourOfWeek % 24;
        boolean weekday = hourOfWeek / 24 < MONDAY_TO_FRIDAY;
        if (hour >= 23 || hour < 6) {
            return 0.85;
        }
        if (!weekday) {
            return hour >= 10 && hour < 19 ? 1.05 : 0.9;
        }
        if (hour == 7 || hour == 8 || hour == 16 || hour == 17) {
            return 1.3;
        }
        return hour >= 9 && hour < 16 ? 1.1 : 1.0;
    }
}
