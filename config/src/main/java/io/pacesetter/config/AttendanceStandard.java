package io.pacesetter.config;

import java.time.Duration;

/**
 * The emergency attendance standard: grade-1 incidents attended within a limit that depends on
 * the location's area.
 *
 * @param urbanLimit the attendance limit in urban areas (exactly the limit meets it)
 * @param ruralLimit the attendance limit in rural areas
 * @param target the share that must be attended within the limit (0..1)
 * @param atRiskShare an open incident is at risk once this share of its limit has gone (0..1)
 */
public record AttendanceStandard(Duration urbanLimit, Duration ruralLimit, Double target, Double atRiskShare)
        implements java.io.Serializable {

    public Duration limitFor(Area area) {
        return area == Area.RURAL ? ruralLimit : urbanLimit;
    }
}
