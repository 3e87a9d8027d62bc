package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in defaults hold the force's standards (docs/contracts.md), and an operator's file lays over them. */
class ConfigLoaderTest {

    private static final int DEFAULT_DISTRICT_COUNT = 14;
    private static final List<String> DEFAULT_LPAS = List.of("North", "Central", "South");

    @Nested
    class Defaults {
        private final PacesetterConfig config = ConfigLoader.defaults();

        @Test
        void emergencyQueueIsHeldToTenSecondsNinetyPercentAndTwoPercentAbandonment() {
            QueueStandard emergency = config.standardFor("999");

            assertThat(emergency.answerThreshold()).isEqualTo(Duration.ofSeconds(10));
            assertThat(emergency.answeredWithinTarget()).isEqualTo(0.90);
            assertThat(emergency.abandonmentTarget()).isEqualTo(0.02);
            assertThat(emergency.denominatorRule()).isEqualTo(DenominatorRule.ANSWERED);
            assertThat(emergency.shortAbandon()).isEqualTo(Duration.ofSeconds(5));
            assertThat(emergency.meanWaitTarget()).isNull();
            assertThat(emergency.denominatorLabel()).isEqualTo("ANSWERED");
        }

        @Test
        void switchboardQueueIsHeldToAFifteenSecondMeanWaitAndNoAnswerThreshold() {
            QueueStandard switchboard = config.standardFor("101");

            assertThat(switchboard.meanWaitTarget()).isEqualTo(Duration.ofSeconds(15));
            assertThat(switchboard.answerThreshold()).isNull();
            assertThat(switchboard.answeredWithinTarget()).isNull();
            assertThat(switchboard.abandonmentTarget()).isNull();
            assertThat(switchboard.denominatorRule()).isEqualTo(DenominatorRule.ANSWERED);
        }

        @Test
        void crimeBureauIsMeasuredWithoutAStandard() {
            QueueStandard crimeBureau = config.standardFor("CRIME_BUREAU");

            assertThat(config.knowsQueue("CRIME_BUREAU")).isTrue();
            assertThat(crimeBureau.answerThreshold()).isNull();
            assertThat(crimeBureau.answeredWithinTarget()).isNull();
            assertThat(crimeBureau.abandonmentTarget()).isNull();
            assertThat(crimeBureau.meanWaitTarget()).isNull();
        }

        @Test
        void exactlyTheThreeQueuesOfTheBriefAreConfigured() {
            assertThat(config.queues()).containsOnlyKeys("999", "101", "CRIME_BUREAU");
        }

        @Test
        void anUnconfiguredQueueHasNoStandard() {
            assertThat(config.knowsQueue("QUALITY_OF_SERVICE")).isFalse();
            assertThat(config.standardFor("QUALITY_OF_SERVICE")).isSameAs(QueueStandard.NONE);
            assertThat(QueueStandard.NONE.answerThreshold()).isNull();
            assertThat(QueueStandard.NONE.denominatorLabel()).isEqualTo("ANSWERED");
        }

        @Test
        void attendanceIsFifteenMinutesUrbanTwentyRuralNinetyPercentAtRiskAtEighty() {
            AttendanceStandard attendance = config.attendance();

            assertThat(attendance.urbanLimit()).isEqualTo(Duration.ofMinutes(15));
            assertThat(attendance.ruralLimit()).isEqualTo(Duration.ofMinutes(20));
            assertThat(attendance.target()).isEqualTo(0.90);
            assertThat(attendance.atRiskShare()).isEqualTo(0.80);
            assertThat(attendance.limitFor(Area.URBAN)).isEqualTo(Duration.ofMinutes(15));
            assertThat(attendance.limitFor(Area.RURAL)).isEqualTo(Duration.ofMinutes(20));
        }

        @Test
        void forceIsNamedAndCutsPeriodsInLondonTime() {
            assertThat(config.force().name()).isEqualTo("Example County Police");
            assertThat(config.force().timeZone()).isEqualTo(ZoneId.of("Europe/London"));
        }

        @Test
        void fourteenDistrictsInThreeLpas() {
            assertThat(config.lpas()).extracting(LpaConfig::name).containsExactlyElementsOf(DEFAULT_LPAS);
            assertThat(config.lpas().stream()
                            .mapToInt(l -> l.districts().size())
                            .sum())
                    .isEqualTo(DEFAULT_DISTRICT_COUNT);
            assertThat(config.lpas().get(0).districts())
                    .extracting(DistrictConfig::name)
                    .containsExactly("Ashby", "Bramley", "Calder Vale", "Dunmoor", "Eastwick");
            assertThat(config.lpas().get(2).districts()).hasSize(4);
        }

        @Test
        void eventRulesFollowTheContract() {
            EventRules events = config.events();

            assertThat(events.outOfOrderness()).isEqualTo(Duration.ofMinutes(2));
            assertThat(events.allowedLateness()).isEqualTo(Duration.ofDays(2));
            assertThat(events.noOfferWait()).isEqualTo(Duration.ofMinutes(10));
            assertThat(events.noOutcomeAfter()).isEqualTo(Duration.ofHours(2));
            assertThat(events.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
            assertThat(events.duplicateRetention()).isEqualTo(Duration.ofDays(2).plusMinutes(2));
        }

        @Test
        void windowsSlideByAMinuteOverFifteenMinutesAnHourAndADay() {
            WindowConfig windows = config.windows();

            assertThat(windows.slide()).isEqualTo(Duration.ofMinutes(1));
            assertThat(windows.lengths())
                    .containsExactly(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24));
            assertThat(windows.longest()).isEqualTo(Duration.ofHours(24));
        }

        @Test
        void runAndGeneratorSectionsAreLoaded() {
            assertThat(config.run().parallelism()).isEqualTo(2);
            assertThat(config.run().stateBackend()).isEqualTo(StateBackendKind.ROCKSDB);
            // The generator's calibration is tuned elsewhere: only its shape is checked here.
            assertThat(config.generator().seed()).isNotNull();
            assertThat(config.generator().incidents().emergencyGradeMix()).hasSize(4);
            assertThat(config.generator().incidents().switchboardGradeMix()).hasSize(4);
        }

        @Test
        void defaultsAreTheSameEveryTimeAndEqualToAnEmptyOverlay() {
            assertThat(ConfigLoader.defaults()).isEqualTo(config);
            assertThat(ConfigLoader.loadYaml("")).isEqualTo(config);
            assertThat(ConfigLoader.loadYaml("{}")).isEqualTo(config);
        }
    }

    @Nested
    class Overlays {

        @Test
        void aMapMergesKeyByKey() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    queues:
                      "999":
                        answerThreshold: PT8S
                    """);

            QueueStandard emergency = config.standardFor("999");
            assertThat(emergency.answerThreshold()).isEqualTo(Duration.ofSeconds(8));
            assertThat(emergency.answeredWithinTarget()).isEqualTo(0.90);
            assertThat(emergency.abandonmentTarget()).isEqualTo(0.02);
            assertThat(config.queues()).containsOnlyKeys("999", "101", "CRIME_BUREAU");
            assertThat(config.standardFor("101"))
                    .isEqualTo(ConfigLoader.defaults().standardFor("101"));
        }

        @Test
        void anOverlaidScalarKeepsItsSiblings() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    force:
                      name: Other Shire Constabulary
                    attendance:
                      urbanLimit: PT10M
                    """);

            assertThat(config.force().name()).isEqualTo("Other Shire Constabulary");
            assertThat(config.force().timeZone()).isEqualTo(ZoneId.of("Europe/London"));
            assertThat(config.attendance().urbanLimit()).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.attendance().ruralLimit()).isEqualTo(Duration.ofMinutes(20));
            assertThat(config.attendance().target()).isEqualTo(0.90);
        }

        @Test
        void aNewQueueIsAddedBesideTheDefaultOnes() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    queues:
                      QUALITY_OF_SERVICE:
                        answerThreshold: PT30S
                        answeredWithinTarget: 0.8
                        denominatorRule: EXCLUDING_SHORT_ABANDONS
                        shortAbandon: PT3S
                    """);

            assertThat(config.queues()).containsOnlyKeys("999", "101", "CRIME_BUREAU", "QUALITY_OF_SERVICE");
            QueueStandard qos = config.standardFor("QUALITY_OF_SERVICE");
            assertThat(qos.answerThreshold()).isEqualTo(Duration.ofSeconds(30));
            assertThat(qos.denominatorRule()).isEqualTo(DenominatorRule.EXCLUDING_SHORT_ABANDONS);
            assertThat(qos.denominatorLabel()).isEqualTo("EXCLUDING_SHORT_ABANDONS_3S");
        }

        @Test
        void aListIsReplacedWhole() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    windows:
                      lengths: [PT5M]
                    alerts:
                      callHandling: []   # the default rules watch PT1H, which this configuration does not compute
                    """);

            assertThat(config.windows().lengths()).containsExactly(Duration.ofMinutes(5));
            assertThat(config.windows().slide()).isEqualTo(Duration.ofMinutes(1));
        }

        @Test
        void theLpasListIsReplacedWholeNotMergedByPosition() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    lpas:
                      - name: Solo
                        districts:
                          - { name: Zed, area: RURAL }
                    """);

            assertThat(config.lpas())
                    .containsExactly(new LpaConfig("Solo", List.of(new DistrictConfig("Zed", Area.RURAL))));
            ReferenceData reference = config.referenceData();
            assertThat(reference.lpaOf("Zed")).isEqualTo("Solo");
            assertThat(reference.lpaOf("Ashby")).isEqualTo(PacesetterConfig.UNKNOWN_LPA);
        }

        @Test
        void aGradeMixListIsReplacedWhole() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    generator:
                      incidents:
                        emergencyGradeMix: [1, 0, 0, 0]
                    """);

            assertThat(config.generator().incidents().emergencyGradeMix()).containsExactly(1.0, 0.0, 0.0, 0.0);
            assertThat(config.generator().incidents().switchboardGradeMix())
                    .isEqualTo(ConfigLoader.defaults().generator().incidents().switchboardGradeMix());
        }

        @Test
        void anOverlayDoesNotLeakIntoLaterLoads() {
            ConfigLoader.loadYaml("force: {name: Temporary}");

            assertThat(ConfigLoader.defaults().force().name()).isEqualTo("Example County Police");
        }

        @Test
        void durationsAndZonesAreReadInTheirIsoForms() {
            PacesetterConfig config = ConfigLoader.loadYaml("""
                    force: {timeZone: Europe/Dublin}
                    events: {allowedLateness: P1DT12H}
                    """);

            assertThat(config.force().timeZone()).isEqualTo(ZoneId.of("Europe/Dublin"));
            assertThat(config.events().allowedLateness()).isEqualTo(Duration.ofHours(36));
        }
    }

    @Nested
    class FilesAndText {

        @Test
        void loadLaysAFileOverTheDefaults(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("force.yaml");
            Files.writeString(file, """
                    force:
                      name: File Force
                    queues:
                      "999": {answeredWithinTarget: 0.85}
                    """);

            PacesetterConfig config = ConfigLoader.load(file);

            assertThat(config.force().name()).isEqualTo("File Force");
            assertThat(config.standardFor("999").answeredWithinTarget()).isEqualTo(0.85);
            assertThat(config.standardFor("999").answerThreshold()).isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void anEmptyFileGivesTheDefaults(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("empty.yaml"), "");

            assertThat(ConfigLoader.load(file)).isEqualTo(ConfigLoader.defaults());
        }

        @Test
        void aMissingFileNamesTheOptionAndThePath(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");

            assertThatThrownBy(() -> ConfigLoader.load(missing))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("--config"))
                    .hasMessageContaining("no such file")
                    .hasMessageContaining("nope.yaml")
                    .hasMessageContaining("give the path of a YAML file");
        }

        @Test
        void aDirectoryIsNotAConfigFile(@TempDir Path dir) {
            assertThatThrownBy(() -> ConfigLoader.load(dir))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("--config"))
                    .hasMessageContaining("no such file");
        }

        @Test
        void invalidYamlSyntaxInAFileSaysToFixTheSyntax(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("broken.yaml"), "force:\n  name: [unclosed\n");

            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("--config"))
                    .hasMessageContaining("broken.yaml")
                    .hasMessageContaining("as YAML")
                    .hasMessageContaining("fix the YAML syntax");
        }

        @Test
        void aFileThatIsValidYamlButBreaksARuleIsReportedByKey(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("bad.yaml"), "attendance: {target: 1.2}\n");

            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("attendance.target"));
        }

        @Test
        void invalidYamlTextIsReported() {
            assertThatThrownBy(() -> ConfigLoader.loadYaml("force: {name: [unclosed"))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("(yaml)"))
                    .hasMessageContaining("not valid YAML");
        }

        @Test
        void aRepeatedKeyIsInvalidYaml() {
            assertThatThrownBy(() -> ConfigLoader.loadYaml("force:\n  name: A\n  name: B\n"))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("(yaml)"));
        }

        @Test
        void aTopLevelListIsNotAConfiguration() {
            assertThatThrownBy(() -> ConfigLoader.loadYaml("- force\n- queues\n"))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("(root)"))
                    .hasMessageContaining("YAML mapping");
        }
    }
}
