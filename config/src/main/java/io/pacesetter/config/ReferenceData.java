package io.pacesetter.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Districts, the LPA each belongs to, and each district's default area, indexed once. An unknown
 * district is not an error: it belongs to LPA {@value PacesetterConfig#UNKNOWN_LPA}.
 */
public final class ReferenceData implements java.io.Serializable {
    private final Map<String, String> lpaByDistrict = new HashMap<>();
    private final Map<String, Area> areaByDistrict = new HashMap<>();

    ReferenceData(List<LpaConfig> lpas) {
        for (LpaConfig lpa : lpas) {
            for (DistrictConfig district : lpa.districts()) {
                lpaByDistrict.put(district.name(), lpa.name());
                areaByDistrict.put(district.name(), district.area());
            }
        }
    }

    public boolean knowsDistrict(String district) {
        return lpaByDistrict.containsKey(district);
    }

    /** The LPA of a district, or {@value PacesetterConfig#UNKNOWN_LPA} when it is not configured. */
    public String lpaOf(String district) {
        return lpaByDistrict.getOrDefault(district, PacesetterConfig.UNKNOWN_LPA);
    }

    /** The district's default area; URBAN (the stricter limit) when the district is not configured. */
    public Area defaultAreaOf(String district) {
        return areaByDistrict.getOrDefault(district, Area.URBAN);
    }
}
