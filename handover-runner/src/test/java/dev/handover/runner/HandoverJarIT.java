package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code bin/handover} runs, as the package phase built it: it ships the in-memory CRM and every adapter, found
 * through {@code ServiceLoader}, and no test code — neither the compatibility kit nor JUnit.
 */
final class HandoverJarIT {
    private static final Path JAR = Path.of("target/handover.jar");

    @Test
    void theRunnersJarHoldsNoTestCode() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(JarEntry::getName).forEach(names::add);
        }
        assertThat(names).contains("dev/handover/runner/Main.class", "dev/handover/memory/InMemoryCrm.class");
        assertThat(names)
                .as("the compatibility kit and JUnit are test code")
                .noneMatch(n -> n.startsWith("dev/handover/testkit/"))
                .noneMatch(n -> n.startsWith("org/junit/"))
                .noneMatch(n -> n.startsWith("org/assertj/"))
                .noneMatch(n -> n.contains("/fake/"));
    }

    @Test
    void theRunnersJarFindsEveryAdapterThroughServiceLoader() throws IOException {
        assertThat(Files.exists(JAR)).isTrue();
        try (JarFile jar = new JarFile(JAR.toFile());
                InputStream in = jar.getInputStream(jar.getEntry("META-INF/services/dev.handover.spi.CrmProvider"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .map(String::strip))
                    .contains(
                            "dev.handover.memory.InMemoryCrmProvider",
                            "dev.handover.zendesk.ZendeskProvider",
                            "dev.handover.salesforce.SalesforceProvider");
        }
    }
}
