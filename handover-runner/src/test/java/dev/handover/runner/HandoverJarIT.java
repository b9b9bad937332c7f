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

    /** {@code java -jar handover.jar args}, as {@code bin/handover} execs it: exit code, stdout, stderr. */
    private static String[] runJar(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new String[] {String.valueOf(code), out, new String(err.get(), StandardCharsets.UTF_8)};
    }

    @Test
    void withoutACommandTheJarListsTheCommandsOnStandardErrorAndExits2() throws Exception {
        String[] r = runJar();
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEmpty();
        assertThat(r[2])
                .startsWith("Usage: handover COMMAND [OPTIONS]\nCommands:\n  demo ")
                .contains("  report ");
    }

    @Test
    void theDemoRunsFromTheJarWithLogbackFoundThroughItsMergedServices() throws Exception {
        String[] r = runJar("demo");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("handover demo");
        // SLF4J found logback (no "No SLF4J providers" notice), logback its configuration in code (no status
        // lines), and the demo's timeline is not interleaved with the engine's lines
        assertThat(r[2]).isEmpty();
        try (JarFile jar = new JarFile(JAR.toFile());
                InputStream in =
                        jar.getInputStream(jar.getEntry("META-INF/services/ch.qos.logback.classic.spi.Configurator"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("dev.handover.runner.logging.DefaultConfigurator");
        }
    }
}
