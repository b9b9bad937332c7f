package dev.handover.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is framework-free: the SPI, SLF4J's API, Caffeine and the JDK; never JAX-RS, Jersey, Jackson or a vendor. */
final class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.core");

    @Test
    void dependsOnTheSpiSlf4jCaffeineAndTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "dev.handover.spi..",
                        "dev.handover.core..",
                        "org.slf4j..",
                        "com.github.benmanes.caffeine..")
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void neverTouchesHttpJsonOrAVendor() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..",
                        "org.glassfish..",
                        "com.fasterxml.jackson..",
                        "dev.handover.zendesk..",
                        "dev.handover.salesforce..",
                        "dev.handover.testkit..",
                        "dev.handover.memory..",
                        "dev.handover.spi.internal..")
                .allowEmptyShould(true)
                .check(CORE);
    }
}
