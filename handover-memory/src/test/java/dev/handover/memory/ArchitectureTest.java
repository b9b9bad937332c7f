package dev.handover.memory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The in-memory CRM builds on the SPI and the JDK only: it ships in the runner, so it holds no test code. */
final class ArchitectureTest {
    private static final JavaClasses MEMORY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.memory");

    @Test
    void dependsOnTheSpiAndTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.handover.spi..", "dev.handover.memory..")
                .because("the runner ships the in-memory CRM; JUnit and the compatibility kit stay out of it")
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
