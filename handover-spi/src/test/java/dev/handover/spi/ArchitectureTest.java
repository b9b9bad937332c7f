package dev.handover.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The SPI is the JDK-only contract: no third-party dependency, only the API exported. */
final class ArchitectureTest {
    private static final JavaClasses SPI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.spi");

    @Test
    void spiDependsOnTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.handover.spi..")
                .because("the SPI is the contract every adapter compiles against and must not drag dependencies")
                .check(SPI);
    }

    @Test
    void moduleExportsOnlyTheApi() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            Assertions.assertThat(d.name()).isEqualTo("dev.handover.spi");
            Assertions.assertThat(d.exports().stream()
                            .map(ModuleDescriptor.Exports::source)
                            .collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            "dev.handover.spi",
                            "dev.handover.spi.model",
                            "dev.handover.spi.error",
                            "dev.handover.spi.helpers",
                            "dev.handover.spi.inbound",
                            "dev.handover.spi.selftest");
            Assertions.assertThat(d.uses()).containsExactly(CrmProvider.class.getName());
            Assertions.assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                    .containsExactly("java.base");
        }
    }
}
