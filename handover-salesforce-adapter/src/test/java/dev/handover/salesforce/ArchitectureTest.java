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

/**
 * The adapter's shape, as every adapter has it: it depends on the SPI, never on the engine, another adapter, the SPI's
 * internals or Commons Text; the top package shows only the provider, the connector with its builder and the values the
 * connector returns; the transport in {@code http} needs nothing of the top package, so the two form no cycle.
 */
final class ArchitectureTest {
    private static final String TOP = "dev.handover.salesforce";
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(TOP);

    @Test
    void neverDependsOnTheEngineAnotherAdapterOrCommonsText() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.handover.core..",
                        "dev.handover.runner..",
                        "dev.handover.testkit..",
                        "dev.handover.memory..",
                        "dev.handover.spi.internal..",
                        "dev.handover.zendesk..",
                        // did-you-mean comes from the SPI's helpers
                        "org.apache.commons.text..")
                .allowEmptyShould(true)
                .check(ADAPTER);
    }

    @Test
    void keepsItsPublicSurfaceSmall() {
        Set<String> exposed = ADAPTER.stream()
                .filter(c -> c.getPackageName().equals(TOP))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> c.getEnclosingClass()
                        .map(e -> e.getModifiers().contains(JavaModifier.PUBLIC))
                        .orElse(true))
                .map(c -> c.getName().substring(TOP.length() + 1))
                .collect(Collectors.toSet());
        Assertions.assertThat(exposed)
                .containsExactlyInAnyOrder(
                        "SalesforceProvider", "SalesforceConnector", "SalesforceConnector$Builder", "ApiUsage");
    }

    @Test
    void theTransportDoesNotDependOnTheTopPackage() {
        noClasses()
                .that()
                .resideInAPackage(TOP + ".http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(TOP)
                .check(ADAPTER);
    }
}
