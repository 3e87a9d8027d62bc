package io.pacesetter.job;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers and rules of docs/architecture.md: config ← connectors ← wall ← job; no package cycles;
 * the attendance rules and the board report are plain Java; the commands only choose inputs and sinks.
 */
@AnalyzeClasses(packages = "io.pacesetter", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule configKnowsNothingAbove = noClasses()
            .that()
            .resideInAPackage("io.pacesetter.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.pacesetter.connectors..", "io.pacesetter.wall..", "io.pacesetter.job..")
            .because("the configuration is read and validated before anything else exists");

    @ArchTest
    static final ArchRule configKnowsNoFlink = noClasses()
            .that()
            .resideInAPackage("io.pacesetter.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule connectorsKnowNothingAbove = noClasses()
            .that()
            .resideInAPackage("io.pacesetter.connectors..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.pacesetter.wall..", "io.pacesetter.job..")
            .because("where events come from and records go knows nothing of the measures' rules");

    @ArchTest
    static final ArchRule wallKnowsNoJob = noClasses()
            .that()
            .resideInAPackage("io.pacesetter.wall..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.pacesetter.job..");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.pacesetter.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule attendanceRulesArePlainJava = noClasses()
            .that()
            .haveSimpleNameStartingWith("AttendanceRules")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.flink..")
            .because("the event-time clock and the live provisional path play the same rules");

    @ArchTest
    static final ArchRule reportIsPlainJava = noClasses()
            .that()
            .resideInAPackage("io.pacesetter.job.report..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.flink..")
            .because("the board report is made from the store files, with no Flink cluster");

    @ArchTest
    static final ArchRule commandsOnlyChooseInputsAndSinks = noClasses()
            .that()
            .resideInAPackage("io.pacesetter.job.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.flink.streaming.api.datastream..",
                    "org.apache.flink.api.common.functions..",
                    "org.apache.flink.api.connector..")
            .because("what is computed and published is decided in PacesetterJob, the same for every entry point");

    @ArchTest
    static final ArchRule noShadedFlink =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("..shaded..");
}
