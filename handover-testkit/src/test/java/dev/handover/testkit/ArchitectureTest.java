package dev.handover.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The testkit builds on the SPI only; JUnit is confined to the compatibility kit. */
final class ArchitectureTest {
    private static final JavaClasses TESTKIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.testkit");

    @Test
    void dependsOnTheSpiAndTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.handover.spi..", "dev.handover.testkit..", "org.junit..")
                .check(TESTKIT);
    }

    @Test
    void onlyTheKitUsesJunit() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.handover.testkit.compat..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.junit..")
                .because("InMemoryCrm ships in the runner without JUnit")
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
