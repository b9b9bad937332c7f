package dev.handover.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The kit states the SPI's contract: it builds on the SPI, the framework-free self-test runner (whose live-safe cases
 * it runs against every backend), JUnit and the JDK's HTTP server only, never on a connector it tests.
 */
final class ArchitectureTest {
    private static final JavaClasses TESTKIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.testkit");

    @Test
    void dependsOnTheSpiAndJunitOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "com.sun.net.httpserver..",
                        "dev.handover.spi..",
                        "dev.handover.selftest..",
                        "dev.handover.testkit..",
                        "org.junit..")
                .check(TESTKIT);
    }

    @Test
    void theHostileServerIsJdkOnly() {
        classes()
                .that()
                .resideInAPackage("dev.handover.testkit.hostile..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.handover.testkit.hostile..")
                .because("adapters' tests use it with any test framework")
                .check(TESTKIT);
    }

    @Test
    void neverUsesTheSpisInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.handover.spi.internal..")
                .check(TESTKIT);
    }
}
