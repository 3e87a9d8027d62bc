package io.pacesetter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every configuration that cannot run is refused with a {@link ConfigException} whose key is the
 * dotted path of the offending entry and whose message says what is allowed.
 */
class ConfigValidatorTest {

    /** Loads {@code yaml} over the defaults and returns the refusal it must cause. */
    private static ConfigException refusal(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadYaml(yaml));
        assertThat(e).as("a ConfigException for:%n%s", yaml).isNotNull();
        assertThat(e.getMessage()).as("the message starts with the key").startsWith(e.key() + ": ");
        return e;
    }

    private static final String TWO_LPAS_SHARING_ASHBY = """
            lpas:
              - name: North
                districts:
                  - { name: Ashby, area: URBAN }
              - name: South
                districts:
                  - { name: Ashby, area: RURAL }
            """;

    @Nested
    class Schema {

        @Test
        void anUnknownKeyInAQueueIsNamedByItsDottedPathWithTheAllowedKeys() {
            ConfigException e = refusal("queues: {\"999\": {treshold: PT10S}}");

            assertThat(e.key()).isEqualTo("queues.999.treshold");
            assertThat(e.getMessage())
                    .contains("unknown key")
                    .contains("answerThreshold")
                    .contains("answeredWithinTarget")
                    .contains("denominatorRule");
        }

        @Test
        void anUnknownTopLevelSectionIsNamed() {
            ConfigException e = refusal("wallDisplay: {port: 8080}");

            assertThat(e.key()).isEqualTo("wallDisplay");
            assertThat(e.getMessage())
                    .contains("unknown key")
                    .contains("queues")
                    .contains("lpas");
        }

        @Test
        void anUnknownKeyInsideAListIsNamedWithItsIndex() {
            ConfigException e = refusal("""
                    lpas:
                      - name: North
                        districts:
                          - { name: Ashby, area: URBAN, population: 12000 }
                    """);

            assertThat(e.key()).isEqualTo("lpas[0].districts[0].population");
            assertThat(e.getMessage()).contains("allowed here: area, name");
        }

        @Test
        void aBadIsoDurationSaysWhatADurationLooksLike() {
            ConfigException e = refusal("attendance: {urbanLimit: 15 minutes}");

            assertThat(e.key()).isEqualTo("attendance.urbanLimit");
            assertThat(e.getMessage())
                    .contains("15 minutes")
                    .contains("ISO-8601 duration")
                    .contains("PT15M");
        }

        @Test
        void anUnknownDenominatorRuleListsTheRules() {
            ConfigException e = refusal("queues: {\"999\": {denominatorRule: ALL_CALLS}}");

            assertThat(e.key()).isEqualTo("queues.999.denominatorRule");
            assertThat(e.getMessage())
                    .contains("ALL_CALLS")
                    .contains("ANSWERED, ANSWERED_AND_ABANDONED, EXCLUDING_SHORT_ABANDONS");
        }

        @Test
        void anUnknownAreaListsTheAreas() {
            ConfigException e = refusal("""
                    lpas:
                      - name: North
                        districts:
                          - { name: Ashby, area: SUBURBAN }
                    """);

            assertThat(e.key()).isEqualTo("lpas[0].districts[0].area");
            assertThat(e.getMessage()).contains("URBAN, RURAL");
        }

        @Test
        void anUnknownStateBackendListsTheBackends() {
            ConfigException e = refusal("run: {stateBackend: MEMORY}");

            assertThat(e.key()).isEqualTo("run.stateBackend");
            assertThat(e.getMessage()).contains("ROCKSDB, HASHMAP");
        }

        @Test
        void anEnumGivenAsANumberIsRefused() {
            ConfigException e = refusal("queues: {\"999\": {denominatorRule: 1}}");

            assertThat(e.key()).isEqualTo("queues.999.denominatorRule");
        }

        @Test
        void anUnknownTimeZoneSaysWhatAZoneLooksLike() {
            ConfigException e = refusal("force: {timeZone: Mars/Olympus_Mons}");

            assertThat(e.key()).isEqualTo("force.timeZone");
            assertThat(e.getMessage()).contains("Europe/London");
        }

        @Test
        void wordsWhereANumberBelongsSayANumber() {
            ConfigException e = refusal("attendance: {target: ninety percent}");

            assertThat(e.key()).isEqualTo("attendance.target");
            assertThat(e.getMessage()).contains("use a number");
        }

        @Test
        void wordsWhereAWholeNumberBelongsSayAWholeNumber() {
            ConfigException e = refusal("run: {parallelism: many}");

            assertThat(e.key()).isEqualTo("run.parallelism");
            assertThat(e.getMessage()).contains("whole number");
        }

        @Test
        void aScalarWhereAListBelongsSaysAList() {
            ConfigException e = refusal("lpas: North");

            assertThat(e.key()).isEqualTo("lpas");
            assertThat(e.getMessage()).contains("YAML list");
        }
    }

    @Nested
    class Faults {
        @Test
        void aLateBacklogBeyondTheAllowedLatenessIsRefusedNamingTheKey() {
            ConfigException e = refusal("generator: {faults: {lateDelay: P3D}}");

            assertThat(e.key()).isEqualTo("generator.faults.lateDelay");
            assertThat(e.getMessage()).contains("events.allowedLateness").contains("PT48H");
        }

        @Test
        void anOutageBeyondTheAllowedLatenessIsRefusedNamingTheKey() {
            ConfigException e = refusal("generator: {faults: {gapLength: P2DT1H}}");

            assertThat(e.key()).isEqualTo("generator.faults.gapLength");
        }

        @Test
        void aClockAheadThatLiveParsingWouldAcceptIsRefused() {
            ConfigException e = refusal("generator: {faults: {clockAhead: PT1M}}");

            assertThat(e.key()).isEqualTo("generator.faults.clockAhead");
            assertThat(e.getMessage()).contains("events.futureTolerance");
        }

        @Test
        void aShareAboveOneIsRefusedNamingTheKey() {
            assertThat(refusal("generator: {faults: {garbageShare: 1.2}}").key())
                    .isEqualTo("generator.faults.garbageShare");
        }

        @Test
        void theFaultsAreOffForRunByDefaultWithEveryKindGivenAShare() {
            GeneratorConfig.FaultModel f = ConfigLoader.defaults().generator().faults();

            assertThat(f.enabled()).isFalse();
            assertThat(List.of(
                            f.lateCallShare(),
                            f.lateIncidentShare(),
                            f.resentShare(),
                            f.garbageShare(),
                            f.clockAheadShare()))
                    .allMatch(share -> share > 0);
            assertThat(f.gapLength()).isPositive();
        }
    }

    @Nested
    class Shares {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "attendance: {target: 1.5}",
                    "attendance: {atRiskShare: 1.01}",
                    "queues: {\"999\": {answeredWithinTarget: 90}}",
                    "queues: {\"999\": {abandonmentTarget: 2}}",
                    "generator: {districtMissingShare: 1.5}"
                })
        void aShareAboveOneIsRefused(String yaml) {
            ConfigException e = refusal(yaml);

            assertThat(e.getMessage()).contains("is not allowed").contains("between 0 and 1");
        }

        @Test
        void aShareAboveOneIsNamedByItsKey() {
            assertThat(refusal("attendance: {target: 1.5}").key()).isEqualTo("attendance.target");
            assertThat(refusal("queues: {\"999\": {abandonmentTarget: 2}}").key())
                    .isEqualTo("queues.999.abandonmentTarget");
        }

        @Test
        void aNegativeShareIsRefused() {
            ConfigException e = refusal("attendance: {atRiskShare: -0.1}");

            assertThat(e.key()).isEqualTo("attendance.atRiskShare");
            assertThat(e.getMessage()).contains("-0.1").contains("between 0 and 1");
        }

        @Test
        void aRequiredShareThatIsRemovedIsMissing() {
            ConfigException e = refusal("attendance: {target: null}");

            assertThat(e.key()).isEqualTo("attendance.target");
            assertThat(e.getMessage()).contains("missing");
        }

        @Test
        void theBoundsZeroAndOneAreShares() {
            assertThatCode(() -> ConfigLoader.loadYaml("attendance: {target: 1.0, atRiskShare: 0}"))
                    .doesNotThrowAnyException();
        }

        @Test
        void anIvrShareOfOneWouldLeaveNoSwitchboardCallers() {
            ConfigException e = refusal("generator: {ivrCrimeBureauShare: 1}");

            assertThat(e.key()).isEqualTo("generator.ivrCrimeBureauShare");
            assertThat(e.getMessage()).contains("below 1");
        }
    }

    @Nested
    class Durations {

        @Test
        void aNegativeDurationIsRefusedWhereZeroIsAllowed() {
            ConfigException e = refusal("events: {outOfOrderness: -PT1M}");

            assertThat(e.key()).isEqualTo("events.outOfOrderness");
            assertThat(e.getMessage()).contains("PT-1M").contains("of zero or more");
        }

        @Test
        void zeroOutOfOrdernessIsAllowed() {
            PacesetterConfig config = ConfigLoader.loadYaml("events: {outOfOrderness: PT0S}");

            assertThat(config.events().outOfOrderness()).isZero();
        }

        @Test
        void aZeroLimitIsRefusedWhereItMustBeAboveZero() {
            ConfigException e = refusal("attendance: {urbanLimit: PT0S}");

            assertThat(e.key()).isEqualTo("attendance.urbanLimit");
            assertThat(e.getMessage()).contains("above zero");
        }

        @Test
        void aNegativeAnswerThresholdIsRefused() {
            ConfigException e = refusal("queues: {\"999\": {answerThreshold: -PT10S}}");

            assertThat(e.key()).isEqualTo("queues.999.answerThreshold");
            assertThat(e.getMessage()).contains("above zero");
        }

        @Test
        void aZeroMeanWaitTargetIsRefused() {
            ConfigException e = refusal("queues: {\"101\": {meanWaitTarget: PT0S}}");

            assertThat(e.key()).isEqualTo("queues.101.meanWaitTarget");
            assertThat(e.getMessage()).contains("above zero");
        }

        @Test
        void aRemovedRequiredDurationIsMissing() {
            ConfigException e = refusal("events: {noOutcomeAfter: null}");

            assertThat(e.key()).isEqualTo("events.noOutcomeAfter");
            assertThat(e.getMessage()).contains("missing").contains("ISO-8601 duration");
        }
    }

    @Nested
    class Windows {

        @Test
        void aLengthThatIsNotAMultipleOfTheSlideIsRefused() {
            ConfigException e = refusal("windows: {lengths: [PT15M, PT90S]}");

            assertThat(e.key()).isEqualTo("windows.lengths[1]");
            assertThat(e.getMessage()).contains("PT1M30S").contains("multiple of the slide");
        }

        @Test
        void aLengthShorterThanTheSlideIsRefused() {
            ConfigException e = refusal("windows: {slide: PT5M, lengths: [PT1H, PT2M]}");

            assertThat(e.key()).isEqualTo("windows.lengths[1]");
            assertThat(e.getMessage()).contains("multiple of the slide");
        }

        @Test
        void aSlideOfWholeMinutesThatDividesADayIsAccepted() {
            PacesetterConfig config = ConfigLoader.loadYaml("windows: {slide: PT5M, lengths: [PT15M, PT1H]}");

            assertThat(config.windows().slide()).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void aSlideOfSecondsIsRefused() {
            ConfigException e = refusal("windows: {slide: PT30S, lengths: [PT15M]}");

            assertThat(e.key()).isEqualTo("windows.slide");
            assertThat(e.getMessage()).contains("whole minutes that divide a day");
        }

        @Test
        void aSlideThatDoesNotDivideADayIsRefused() {
            ConfigException e = refusal("windows: {slide: PT7M, lengths: [PT14M]}");

            assertThat(e.key()).isEqualTo("windows.slide");
        }

        @Test
        void aZeroSlideIsRefused() {
            ConfigException e = refusal("windows: {slide: PT0S}");

            assertThat(e.key()).isEqualTo("windows.slide");
            assertThat(e.getMessage()).contains("above zero");
        }

        @Test
        void noLengthsIsRefused() {
            ConfigException e = refusal("windows: {lengths: []}");

            assertThat(e.key()).isEqualTo("windows.lengths");
            assertThat(e.getMessage()).contains("at least one length");
        }

        @Test
        void aLengthListedTwiceIsRefused() {
            ConfigException e = refusal("windows: {lengths: [PT1H, PT60M]}");

            assertThat(e.key()).isEqualTo("windows.lengths[1]");
            assertThat(e.getMessage()).contains("listed twice");
        }

        @Test
        void aLengthOverThirtyOneDaysIsRefused() {
            ConfigException e = refusal("windows: {lengths: [P32D]}");

            assertThat(e.key()).isEqualTo("windows.lengths[0]");
            assertThat(e.getMessage()).contains("31 days").contains("MONTH");
        }
    }

    @Nested
    class Queues {

        @Test
        void aTargetWithoutAnAnswerThresholdIsRefused() {
            ConfigException e = refusal("queues: {\"101\": {answeredWithinTarget: 0.9}}");

            assertThat(e.key()).isEqualTo("queues.101.answeredWithinTarget");
            assertThat(e.getMessage()).contains("needs an answerThreshold");
        }

        @Test
        void removingTheThresholdOfAQueueWithATargetIsRefused() {
            ConfigException e = refusal("queues: {\"999\": {answerThreshold: null}}");

            assertThat(e.key()).isEqualTo("queues.999.answeredWithinTarget");
        }

        @Test
        void aThresholdWithoutATargetIsAccepted() {
            PacesetterConfig config = ConfigLoader.loadYaml("queues: {\"101\": {answerThreshold: PT20S}}");

            assertThat(config.standardFor("101").answerThreshold()).isEqualTo(Duration.ofSeconds(20));
            assertThat(config.standardFor("101").answeredWithinTarget()).isNull();
        }

        @Test
        void aQueueWithNoStandardAtAllIsRefusedWithAHint() {
            ConfigException e = refusal("queues: {FCR: null}");

            assertThat(e.key()).isEqualTo("queues.FCR");
            assertThat(e.getMessage()).contains("missing");
        }

        @Test
        void aNegativeShortAbandonIsRefused() {
            ConfigException e = refusal("queues: {\"999\": {shortAbandon: -PT1S}}");

            assertThat(e.key()).isEqualTo("queues.999.shortAbandon");
        }

        @Test
        void noQueuesIsRefused() {
            // An overlay merges into the default queues, so only a config built directly has none.
            ConfigException e = catchThrowableOfType(
                    ConfigException.class,
                    () -> ConfigValidator.validate(withQueues(ConfigLoader.defaults(), Map.of())));

            assertThat(e.key()).isEqualTo("queues");
            assertThat(e.getMessage()).contains("at least one queue");
        }
    }

    @Nested
    class Lpas {

        @Test
        void aDistrictInTwoLpasIsRefused() {
            ConfigException e = refusal(TWO_LPAS_SHARING_ASHBY);

            assertThat(e.key()).isEqualTo("lpas[1].districts[0].name");
            assertThat(e.getMessage())
                    .contains("Ashby")
                    .contains("configured twice")
                    .contains("one LPA");
        }

        @Test
        void anLpaNamedUnknownIsRefused() {
            ConfigException e = refusal("""
                    lpas:
                      - name: UNKNOWN
                        districts:
                          - { name: Ashby, area: URBAN }
                    """);

            assertThat(e.key()).isEqualTo("lpas[0].name");
            assertThat(e.getMessage()).contains("reserved").contains("choose another name");
        }

        @Test
        void anLpaListedTwiceIsRefused() {
            ConfigException e = refusal("""
                    lpas:
                      - name: North
                        districts: [{ name: Ashby, area: URBAN }]
                      - name: North
                        districts: [{ name: Bramley, area: RURAL }]
                    """);

            assertThat(e.key()).isEqualTo("lpas[1].name");
            assertThat(e.getMessage()).contains("configured twice");
        }

        @Test
        void anLpaWithoutDistrictsIsRefused() {
            ConfigException e = refusal("lpas: [{name: North, districts: []}]");

            assertThat(e.key()).isEqualTo("lpas[0].districts");
            assertThat(e.getMessage()).contains("at least one");
        }

        @Test
        void aDistrictWithoutAnAreaIsRefused() {
            ConfigException e = refusal("lpas: [{name: North, districts: [{name: Ashby}]}]");

            assertThat(e.key()).isEqualTo("lpas[0].districts[0].area");
            assertThat(e.getMessage()).contains("URBAN or RURAL");
        }

        @Test
        void aBlankLpaNameIsRefused() {
            ConfigException e = refusal("lpas: [{name: \" \", districts: [{name: Ashby, area: URBAN}]}]");

            assertThat(e.key()).isEqualTo("lpas[0].name");
            assertThat(e.getMessage()).contains("blank");
        }

        @Test
        void noLpasIsRefused() {
            ConfigException e = refusal("lpas: []");

            assertThat(e.key()).isEqualTo("lpas");
            assertThat(e.getMessage()).contains("at least one LPA");
        }
    }

    @Nested
    class Force {

        @Test
        void aMissingForceNameIsRefused() {
            ConfigException e = refusal("force: {name: null}");

            assertThat(e.key()).isEqualTo("force.name");
            assertThat(e.getMessage()).contains("missing").contains("force's name");
        }

        @Test
        void aBlankForceNameIsRefused() {
            ConfigException e = refusal("force: {name: \"  \"}");

            assertThat(e.key()).isEqualTo("force.name");
            assertThat(e.getMessage()).contains("blank");
        }

        @Test
        void aMissingTimeZoneIsRefused() {
            ConfigException e = refusal("force: {timeZone: null}");

            assertThat(e.key()).isEqualTo("force.timeZone");
            assertThat(e.getMessage()).contains("Europe/London");
        }
    }

    @Nested
    class Run {

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 513})
        void parallelismOutsideOneTo512IsRefused(int parallelism) {
            ConfigException e = refusal("run: {parallelism: " + parallelism + "}");

            assertThat(e.key()).isEqualTo("run.parallelism");
            assertThat(e.getMessage()).contains("from 1 to 512");
        }

        @Test
        void aBlankOutputDirIsRefused() {
            ConfigException e = refusal("run: {outputDir: \"\"}");

            assertThat(e.key()).isEqualTo("run.outputDir");
        }

        @ParameterizedTest
        @CsvSource({
            "bufferTimeout, -PT0.01S",
            "bufferTimeout, PT2S",
            "alignedCheckpointTimeout, -PT0.5S",
            "alignedCheckpointTimeout, PT2S"
        })
        void aWaitForAlertsBelowZeroOrAboveASecondIsRefused(String key, String timeout) {
            ConfigException e = refusal("run: {" + key + ": " + timeout + "}");

            assertThat(e.key()).isEqualTo("run." + key);
            assertThat(e.getMessage()).contains(timeout.equals("PT2S") ? "at most PT1S" : "zero or more");
        }

        @Test
        void aBufferTimeoutOfZeroSendsEveryRecordAtOnceAndIsAllowed() {
            assertThat(ConfigLoader.loadYaml("run: {bufferTimeout: PT0S}").run().bufferTimeout())
                    .isZero();
            assertThat(ConfigLoader.loadYaml("run: {bufferTimeout: PT0.01S}")
                            .run()
                            .bufferTimeout())
                    .isEqualTo(java.time.Duration.ofMillis(10));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 65})
        void checkpointTransferThreadsOutsideOneTo64AreRefused(int threads) {
            ConfigException e = refusal("run: {rocksdb: {checkpointTransferThreads: " + threads + "}}");

            assertThat(e.key()).isEqualTo("run.rocksdb.checkpointTransferThreads");
            assertThat(e.getMessage()).contains("from 1 to 64");
        }

        @Test
        void rocksDbTimersMustBeHeapOrRocksDb() {
            ConfigException e = refusal("run: {rocksdb: {timers: DISK}}");

            assertThat(e.key()).isEqualTo("run.rocksdb.timers");
            assertThat(e.getMessage()).contains("HEAP").contains("ROCKSDB");
        }

        @Test
        void heapTimersWithTheChangelogAreRefused() {
            ConfigException e = refusal("run: {rocksdb: {timers: HEAP}, changelog: {enabled: true}}");

            assertThat(e.key()).isEqualTo("run.rocksdb.timers");
            assertThat(e.getMessage()).contains("run.changelog.enabled").contains("use ROCKSDB");
        }

        @Test
        void heapTimersWithoutTheChangelogAreAllowed() {
            RunConfig run = ConfigLoader.loadYaml("run: {rocksdb: {timers: HEAP}, changelog: {enabled: false}}")
                    .run();

            assertThat(run.rocksdb().timers()).isEqualTo(RocksDbConfig.RocksDbTimers.HEAP);
        }

        @Test
        void bloomFiltersNeitherOnNorOffAreRefused() {
            ConfigException e = refusal("run: {rocksdb: {bloomFilter: null}}");

            assertThat(e.key()).isEqualTo("run.rocksdb.bloomFilter");
            assertThat(e.getMessage()).contains("true or false");
        }

        @Test
        void theDefaultsKeepTimersInRocksDbAndCheckpointUnalignedWithAChangelog() {
            RunConfig run = ConfigLoader.loadYaml("").run();

            assertThat(run.rocksdb().timers()).isEqualTo(RocksDbConfig.RocksDbTimers.ROCKSDB);
            assertThat(run.rocksdb().bloomFilter()).isTrue();
            assertThat(run.alignedCheckpointTimeout()).isZero();
            assertThat(run.bufferTimeout()).isZero();
            assertThat(run.changelog().enabled()).isTrue();
            assertThat(run.changelog().materializeEvery()).isEqualTo(java.time.Duration.ofMinutes(2));
        }

        @Test
        void aChangelogMaterializedNeverIsRefused() {
            ConfigException e = refusal("run: {changelog: {materializeEvery: PT0S}}");

            assertThat(e.key()).isEqualTo("run.changelog.materializeEvery");
            assertThat(e.getMessage()).contains("above zero");
        }

        @Test
        void aChangelogNeitherOnNorOffIsRefused() {
            ConfigException e = refusal("run: {changelog: {enabled: null}}");

            assertThat(e.key()).isEqualTo("run.changelog.enabled");
            assertThat(e.getMessage()).contains("true or false");
        }
    }

    @Nested
    class Generator {

        @Test
        void aGradeMixOfThreeSharesIsRefused() {
            ConfigException e = refusal("generator: {incidents: {emergencyGradeMix: [0.5, 0.3, 0.2]}}");

            assertThat(e.key()).isEqualTo("generator.incidents.emergencyGradeMix");
            assertThat(e.getMessage()).contains("four shares");
        }

        @Test
        void downgradePlusCancelAboveOneIsRefused() {
            ConfigException e = refusal("generator: {incidents: {downgradeShare: 0.6, cancelShare: 0.5}}");

            assertThat(e.key()).isEqualTo("generator.incidents.cancelShare");
        }

        @Test
        void noCallsADayIsRefused() {
            ConfigException e = refusal("generator: {emergencyCallsPerDay: 0}");

            assertThat(e.key()).isEqualTo("generator.emergencyCallsPerDay");
            assertThat(e.getMessage()).contains("above zero");
        }

        @Test
        void noHandlersIsRefused() {
            ConfigException e = refusal("generator: {switchboard: {minHandlers: 0}}");

            assertThat(e.key()).isEqualTo("generator.switchboard.minHandlers");
        }
    }

    @Test
    void theDefaultsAreValid() {
        assertThatCode(() -> ConfigValidator.validate(ConfigLoader.defaults())).doesNotThrowAnyException();
    }

    @Test
    void aConfigWithoutAForceSectionIsRefused() {
        PacesetterConfig d = ConfigLoader.defaults();
        PacesetterConfig noForce = new PacesetterConfig(
                null,
                d.events(),
                d.windows(),
                d.queues(),
                d.attendance(),
                d.lpas(),
                d.run(),
                d.generator(),
                d.kafka(),
                d.alerts(),
                d.snapshot(),
                d.display());

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigValidator.validate(noForce));

        assertThat(e.key()).isEqualTo("force");
    }

    @Test
    void aForceWithoutANameIsRefusedByTheValidator() {
        PacesetterConfig d = ConfigLoader.defaults();
        PacesetterConfig unnamed = new PacesetterConfig(
                new ForceConfig(null, ZoneId.of("Europe/London")),
                d.events(),
                d.windows(),
                d.queues(),
                d.attendance(),
                d.lpas(),
                d.run(),
                d.generator(),
                d.kafka(),
                d.alerts(),
                d.snapshot(),
                d.display());

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigValidator.validate(unnamed));

        assertThat(e.key()).isEqualTo("force.name");
    }

    @Test
    void aNullLpaListIsRefusedByTheValidator() {
        PacesetterConfig d = ConfigLoader.defaults();
        PacesetterConfig noLpas = new PacesetterConfig(
                d.force(),
                d.events(),
                d.windows(),
                d.queues(),
                d.attendance(),
                null,
                d.run(),
                d.generator(),
                d.kafka(),
                d.alerts(),
                d.snapshot(),
                d.display());

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigValidator.validate(noLpas));

        assertThat(e.key()).isEqualTo("lpas");
    }

    @Test
    void theExceptionKeepsItsKeyAndCause() {
        IllegalStateException cause = new IllegalStateException("x");
        ConfigException e = new ConfigException("a.b", "not allowed", cause);

        assertThat(e.key()).isEqualTo("a.b");
        assertThat(e).hasMessage("a.b: not allowed").hasCause(cause);
    }

    private static PacesetterConfig withQueues(PacesetterConfig d, Map<String, QueueStandard> queues) {
        return new PacesetterConfig(
                d.force(),
                d.events(),
                d.windows(),
                queues,
                d.attendance(),
                d.lpas(),
                d.run(),
                d.generator(),
                d.kafka(),
                d.alerts(),
                d.snapshot(),
                d.display());
    }
}
