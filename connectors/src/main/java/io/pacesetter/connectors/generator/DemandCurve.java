package io.pacesetter.connectors.generator;

/**
 * How demand moves through the week, as a multiple of the week's mean (the mean over all 168 hours
 * is exactly 1, so a "calls a day" knob keeps its meaning whatever the shape). Each hour's value
 * sits at the middle of the hour and the curve is linear in between, so arrivals rise into the
 * evening peak instead of jumping on the hour.
 *
 * <p>The shapes are those of a county force: 999 demand is lowest around 04:00-06:00, climbs
 * through the day, stays high into the evening and spikes on Friday and Saturday nights (the
 * night-time economy); 101 demand is an office-hours curve, heaviest on Monday mornings.
 */
final class DemandCurve {
    private static final double[] EMERGENCY_HOURS = {
        1.15, 0.95, 0.80, 0.62, 0.50, 0.45, 0.52, 0.70, 0.88, 0.98, 1.02, 1.05,
        1.08, 1.10, 1.15, 1.25, 1.35, 1.40, 1.40, 1.38, 1.35, 1.30, 1.30, 1.25
    };
    /** Monday to Sunday. */
    private static final double[] EMERGENCY_DAYS = {1.00, 0.96, 0.96, 0.99, 1.05, 1.04, 0.96};

    private static final double[] SWITCHBOARD_HOURS = {
        0.45, 0.30, 0.22, 0.18, 0.15, 0.18, 0.35, 0.70, 1.25, 1.60, 1.65, 1.60,
        1.50, 1.50, 1.50, 1.50, 1.50, 1.45, 1.30, 1.15, 1.00, 0.85, 0.70, 0.55
    };
    private static final double[] SWITCHBOARD_DAYS = {1.15, 1.05, 1.00, 1.00, 1.00, 0.85, 0.80};

    private static final int FRIDAY = 4;
    private static final int SATURDAY = 5;
    private static final int SUNDAY = 6;

    private final double[] week;
    private final double max;

    private DemandCurve(double[] week) {
        double sum = 0;
        for (double v : week) {
            sum += v;
        }
        double mean = sum / week.length;
        double m = 0;
        for (int i = 0; i < week.length; i++) {
            week[i] /= mean;
            m = Math.max(m, week[i]);
        }
        this.week = week;
        this.max = m;
    }

    static DemandCurve emergency() {
        double[] week = new double[LocalHours.HOURS_A_WEEK];
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                double v = EMERGENCY_HOURS[hour] * EMERGENCY_DAYS[day];
                if ((day == FRIDAY || day == SATURDAY) && hour >= 20) {
                    v *= 1.25;
                }
                if ((day == SATURDAY || day == SUNDAY) && hour < 4) {
                    v *= 1.45;
                }
                week[day * 24 + hour] = v;
            }
        }
        return new DemandCurve(week);
    }

    static DemandCurve switchboard() {
        double[] week = new double[LocalHours.HOURS_A_WEEK];
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                double v = SWITCHBOARD_HOURS[hour] * SWITCHBOARD_DAYS[day];
                if ((day == FRIDAY || day == SATURDAY) && hour >= 21) {
                    v *= 1.10;
                }
                week[day * 24 + hour] = v;
            }
        }
        return new DemandCurve(week);
    }

    /** The hour's own value (its mean): what a rota planner sees. */
    double hourly(int hourOfWeek) {
        return week[hourOfWeek];
    }

    /** The curve at a moment: {@code fraction} is how far into the hour. */
    double at(int hourOfWeek, double fraction) {
        int n = week.length;
        if (fraction < 0.5) {
            double before = week[(hourOfWeek + n - 1) % n];
            return before + (week[hourOfWeek] - before) * (fraction + 0.5);
        }
        double after = week[(hourOfWeek + 1) % n];
        return week[hourOfWeek] + (after - week[hourOfWeek]) * (fraction - 0.5);
    }

    double at(LocalHours clock, long t) {
        return at(clock.hourOfWeek(t), clock.fractionOfHour(t));
    }

    /** The highest value anywhere: the ceiling for thinning arrivals. */
    double max() {
        return max;
    }
}
