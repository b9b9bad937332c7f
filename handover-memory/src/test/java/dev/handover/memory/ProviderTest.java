package dev.handover.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ProviderTest {
    @Test
    void serviceLoaderFindsTheMemoryProviderOnTheClassPath() {
        CrmConnectors.Discovery found = CrmConnectors.discover();
        assertThat(found.provider("memory")).isPresent();
        assertThat(found.failures()).isEmpty();
        try (CrmConnector crm = CrmConnectors.builder()
                .settings(CrmSettings.builder("memory")
                        .put("seed", "3")
                        .put("tickets", "55")
                        .put("start", "2026-03-02T08:00:00Z")
                        .build())
                .build()) {
            assertThat(crm).isInstanceOf(InMemoryCrm.class);
            assertThat(((InMemoryCrm) crm).ticketsSnapshot()).hasSize(55);
        }
    }

    @Test
    void emptyDataAndUnknownSettingsAreHandled() {
        CrmProvider provider = new InMemoryCrmProvider();
        assertThat(((InMemoryCrm) provider.create(CrmSettings.builder("memory")
                                .put("data", "empty")
                                .build()))
                        .ticketsSnapshot())
                .isEmpty();
        assertThatThrownBy(() -> provider.create(
                        CrmSettings.builder("memory").put("sead", "3").build()))
                .hasMessageContaining("memory setting 'sead' is unknown (did you mean 'seed'?)");
        assertThatThrownBy(() -> provider.create(
                        CrmSettings.builder("memory").put("data", "lots").build()))
                .hasMessageContaining("memory setting 'data' must be demo or empty, was 'lots'");
        assertThatThrownBy(() -> provider.create(
                        CrmSettings.builder("memory").put("start", "monday").build()))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void moduleDescriptorProvidesTheProviderAndExportsTheApi() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.provides()).anySatisfy(p -> {
                assertThat(p.service()).isEqualTo(CrmProvider.class.getName());
                assertThat(p.providers()).containsExactly(InMemoryCrmProvider.class.getName());
            });
            assertThat(d.exports().stream()
                            .map(ModuleDescriptor.Exports::source)
                            .collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            "dev.handover.memory", "dev.handover.memory.demo", "dev.handover.memory.time");
            assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                    .as("the in-memory CRM ships in the runner: no JUnit, no kit")
                    .doesNotContain("org.junit.jupiter.api", "dev.handover.testkit");
        }
        String services = Files.readString(Path.of("target/classes/META-INF/services/" + CrmProvider.class.getName()));
        assertThat(services.strip()).isEqualTo(InMemoryCrmProvider.class.getName());
    }
}
