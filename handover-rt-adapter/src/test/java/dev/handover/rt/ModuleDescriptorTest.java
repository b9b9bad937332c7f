package dev.handover.rt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.CrmProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Only the API packages are exported, and the provider is declared twice: module-info and META-INF/services. */
final class ModuleDescriptorTest {

    @Test
    void exportsOnlyTheApiAndProvidesTheProvider() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.name()).isEqualTo("dev.handover.rt");
            assertThat(d.exports().stream()
                            .map(ModuleDescriptor.Exports::source)
                            .collect(Collectors.toSet()))
                    .as("the http layer is the adapter's own")
                    .containsExactly("dev.handover.rt");
            // RtConnector.Builder.client takes a jakarta.ws.rs.client.Client: its module must come along
            assertThat(d.requires())
                    .filteredOn(r -> r.name().equals("jakarta.ws.rs"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
            assertThat(d.provides()).singleElement().satisfies(p -> {
                assertThat(p.service()).isEqualTo(CrmProvider.class.getName());
                assertThat(p.providers()).containsExactly(RtProvider.class.getName());
            });
        }
    }

    @Test
    void registersTheProviderForTheClassPath() throws IOException {
        String services = Files.readString(
                Path.of("target/classes/META-INF/services/dev.handover.spi.CrmProvider"), StandardCharsets.UTF_8);
        assertThat(services.strip()).isEqualTo(RtProvider.class.getName());
    }
}
