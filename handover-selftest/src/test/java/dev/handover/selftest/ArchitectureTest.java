package dev.handover.selftest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The self-test builds on the SPI, Jackson (for recordings) and the JDK: the runner ships it, so no test code. */
final class ArchitectureTest {
    private static final JavaClasses SELFTEST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.selftest");

    @Test
    void dependsOnTheSpiJacksonAndTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "dev.handover.spi..", "dev.handover.selftest..", "com.fasterxml.jackson..")
                .because("the runner ships the self-test; JUnit, the kit and the vendors stay out of it")
                .check(SELFTEST);
    }

    @Test
    void theProbesKnowNoRecordingAndNoSpiInternals() {
        noClasses()
                .that()
                .resideInAPackage("dev.handover.selftest")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.handover.selftest.record..", "dev.handover.spi.internal..")
                .check(SELFTEST);
    }
}
