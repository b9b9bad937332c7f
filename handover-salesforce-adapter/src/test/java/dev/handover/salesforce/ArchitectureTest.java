package dev.handover.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.handover.spi.CrmProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The adapter's shape, as every adapter has it: it depends on the SPI, never on the engine, another adapter, the SPI's
 * internals or Commons Text; it exports only its top package, which shows only the provider, the connector with its
 * builder and the values the connector returns; the transport in {@code http} needs nothing of the top package, so the
 * two form no cycle; every package has a {@code package-info.java}.
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
        assertThat(exposed)
                .containsExactlyInAnyOrder(
                        "SalesforceProvider", "SalesforceConnector", "SalesforceConnector$Builder", "ApiUsage");
    }

    @Test
    void exportsOnlyTheTopPackageAndProvidesTheProvider() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertThat(module.name()).isEqualTo(TOP);
        assertThat(module.exports().stream()
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()))
                .isEqualTo(Set.of(TOP));
        assertThat(module.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo(CrmProvider.class.getName());
            assertThat(p.providers()).containsExactly(SalesforceProvider.class.getName());
        });
        assertThat(Files.readString(Path.of("target/classes/META-INF/services/dev.handover.spi.CrmProvider"))
                        .strip())
                .isEqualTo(SalesforceProvider.class.getName());
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                Set<Path> packages = files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                        .map(Path::getParent)
                        .collect(Collectors.toSet());
                for (Path dir : packages) {
                    // the test package of the top package and of http share their main package's description
                    boolean described = Files.exists(dir.resolve("package-info.java"))
                            || Files.exists(Path.of("src/main/java")
                                    .resolve(Path.of(root).relativize(dir))
                                    .resolve("package-info.java"));
                    assertThat(described).as("package-info.java for " + dir).isTrue();
                }
            }
        }
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
