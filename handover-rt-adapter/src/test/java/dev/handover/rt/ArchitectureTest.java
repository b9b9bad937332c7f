package dev.handover.rt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * An adapter depends on the SPI, never on the engine, the other adapter or the SPI's internals; and it keeps the shape
 * every adapter has: a small public API package, an http layer below it, the SPI's helpers instead of libraries'.
 */
final class ArchitectureTest {
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.rt");

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
                        "dev.handover.salesforce..",
                        "dev.handover.zendesk..")
                .allowEmptyShould(true)
                .check(ADAPTER);
    }

    @Test
    void theApiPackageMakesOnlyTheProviderAndTheConnectorPublic() {
        classes()
                .that()
                .resideInAPackage("dev.handover.rt")
                .and()
                .arePublic()
                .should()
                .haveNameMatching("dev\\.handover\\.rt\\.(RtProvider|RtConnector|RtConnector\\$Builder)")
                .because("everything else is the adapter's own business, package-private (see the adapter shape)")
                .check(ADAPTER);
    }

    @Test
    void theHttpPackageDoesNotReachBackIntoTheTopPackage() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.handover.rt.http")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.handover.rt")
                .check(ADAPTER);
    }

    @Test
    void usesTheSpisHelpersRatherThanCommonsText() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.commons.text..")
                .because("did-you-mean and settings checks come from dev.handover.spi.helpers")
                .check(ADAPTER);
    }
}
