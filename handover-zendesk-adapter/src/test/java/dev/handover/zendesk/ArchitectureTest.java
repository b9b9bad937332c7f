package dev.handover.zendesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** An adapter depends on the SPI, never on the engine, the other adapter or the SPI's internals. */
final class ArchitectureTest {
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.zendesk");

    @Test
    void neverDependsOnTheEngineOrAnotherAdapter() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.handover.core..",
                        "dev.handover.runner..",
                        "dev.handover.testkit..",
                        "dev.handover.memory..",
                        "dev.handover.spi.internal..",
                        "dev.handover.salesforce..")
                .allowEmptyShould(true)
                .check(ADAPTER);
    }
}
