package dev.handover.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** An adapter depends on the SPI, never on the engine, the other adapter or the SPI's internals. */
final class ArchitectureTest {
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.salesforce");

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
                        "dev.handover.zendesk..")
                .allowEmptyShould(true)
                .check(ADAPTER);
    }

    @Test
    void keepsItsPublicSurfaceSmall() {
        Set<String> exposed = ADAPTER.stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> c.getEnclosingClass()
                        .map(e -> e.getModifiers().contains(JavaModifier.PUBLIC))
                        .orElse(true))
                .map(c -> c.getName().substring("dev.handover.salesforce.".length()))
                .collect(Collectors.toSet());
        Assertions.assertThat(exposed)
                .containsExactlyInAnyOrder(
                        "SalesforceConnector",
                        "SalesforceConnector$Builder",
                        "SalesforceConnector$Sleeper",
                        "SalesforceProvider",
                        "ApiUsage");
    }
}
