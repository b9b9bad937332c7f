package dev.handover.memory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The in-memory CRM builds on the SPI, the JDK and Jackson (for the sandbox file only): it ships in the runner, so it
 * holds no test code.
 */
final class ArchitectureTest {
    private static final JavaClasses MEMORY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.memory");

    @Test
    void dependsOnTheSpiAndTheJdkOnly() {
        classes()
                .that()
                .haveNameNotMatching(".*\\.Sandbox(File|Codec)(\\$.*)?")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.handover.spi..", "dev.handover.memory..")
                .because("the runner ships the in-memory CRM; JUnit and the compatibility kit stay out of it")
                .check(MEMORY);
    }

    @Test
    void onlyTheSandboxFileUsesJackson() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.handover.spi..", "dev.handover.memory..", "com.fasterxml.jackson..")
                .because("Jackson reads and writes the sandbox file; nothing else leaves the SPI and the JDK")
                .check(MEMORY);
    }

    @Test
    void neverUsesTheSpisInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.handover.spi.internal..")
                .check(MEMORY);
    }
}
