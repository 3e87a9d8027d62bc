package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Districts map to their LPA and default area; a district nobody configured belongs to UNKNOWN. */
class ReferenceDataTest {

    private final ReferenceData defaults = ConfigLoader.defaults().referenceData();

    @ParameterizedTest
    @CsvSource({
        "Ashby, North, URBAN",
        "Bramley, North, RURAL",
        "Calder Vale, North, RURAL",
        "Dunmoor, North, RURAL",
        "Eastwick, North, URBAN",
        "Fairhaven, Central, URBAN",
        "Greystone, Central, URBAN",
        "Harcourt, Central, URBAN",
        "Ironbridge, Central, URBAN",
        "Kingsmead, Central, RURAL",
        "Larkfield, South, RURAL",
        "Marshfield, South, RURAL",
        "Newport Sands, South, URBAN",
        "Oakhurst, South, RURAL"
    })
    void everyDefaultDistrictHasItsLpaAndArea(String district, String lpa, Area area) {
        assertThat(defaults.knowsDistrict(district)).isTrue();
        assertThat(defaults.lpaOf(district)).isEqualTo(lpa);
        assertThat(defaults.defaultAreaOf(district)).isEqualTo(area);
    }

    @Test
    void anUnknownDistrictBelongsToTheUnknownLpa() {
        assertThat(defaults.knowsDistrict("Atlantis")).isFalse();
        assertThat(defaults.lpaOf("Atlantis"))
                .isEqualTo(PacesetterConfig.UNKNOWN_LPA)
                .isEqualTo("UNKNOWN");
    }

    @Test
    void anUnknownDistrictDefaultsToTheStricterUrbanLimit() {
        assertThat(defaults.defaultAreaOf("Atlantis")).isEqualTo(Area.URBAN);
    }

    @Test
    void districtNamesAreMatchedExactly() {
        assertThat(defaults.lpaOf("ashby")).isEqualTo(PacesetterConfig.UNKNOWN_LPA);
        assertThat(defaults.lpaOf("Ashby ")).isEqualTo(PacesetterConfig.UNKNOWN_LPA);
        assertThat(defaults.knowsDistrict("CalderVale")).isFalse();
    }

    @Test
    void aNullDistrictIsUnknown() {
        assertThat(defaults.knowsDistrict(null)).isFalse();
        assertThat(defaults.lpaOf(null)).isEqualTo(PacesetterConfig.UNKNOWN_LPA);
        assertThat(defaults.defaultAreaOf(null)).isEqualTo(Area.URBAN);
    }

    @Test
    void anLpaNameIsNotADistrict() {
        assertThat(defaults.knowsDistrict("North")).isFalse();
    }

    @Test
    void builtFromAnyListOfLpas() {
        ReferenceData data = new ReferenceData(List.of(
                new LpaConfig("East", List.of(new DistrictConfig("Fenby", Area.RURAL))),
                new LpaConfig(
                        "West",
                        List.of(new DistrictConfig("Wold", Area.URBAN), new DistrictConfig("Moor", Area.RURAL)))));

        assertThat(data.lpaOf("Fenby")).isEqualTo("East");
        assertThat(data.lpaOf("Moor")).isEqualTo("West");
        assertThat(data.defaultAreaOf("Moor")).isEqualTo(Area.RURAL);
        assertThat(data.lpaOf("Ashby")).isEqualTo(PacesetterConfig.UNKNOWN_LPA);
    }

    @Test
    void anEmptyListKnowsNoDistrict() {
        ReferenceData data = new ReferenceData(List.of());

        assertThat(data.knowsDistrict("Ashby")).isFalse();
        assertThat(data.lpaOf("Ashby")).isEqualTo(PacesetterConfig.UNKNOWN_LPA);
    }

    @Test
    void eachCallBuildsAnIndexThatAgreesWithTheOthers() {
        ReferenceData again = ConfigLoader.defaults().referenceData();

        assertThat(again).isNotSameAs(defaults);
        assertThat(again.lpaOf("Kingsmead")).isEqualTo(defaults.lpaOf("Kingsmead"));
    }
}
