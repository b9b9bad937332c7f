package dev.handover.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts {@link ModulePathSmoke} in a JVM of its own with everything on the module path and nothing on the class
 * path, without {@code --add-modules}, as an embedder's modular application starts: the engine evaluates a policy on
 * the memory provider and each adapter, found by {@code ServiceLoader}, makes a real HTTP call to a loopback server.
 */
final class ModulePathIT {
    private static final String MAIN = "dev.handover.modulepath/dev.handover.modulepath.ModulePathSmoke";

    @Test
    void coreMemoryAndTheAdaptersWorkOnTheModulePath() throws Exception {
        String modulePath = System.getProperty("smoke.jar")
                + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("modulepath.file")))
                        .strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                modulePath,
                "--module",
                MAIN));
        Path out = Path.of("target/modulepath-smoke.out");
        Path err = Path.of("target/modulepath-smoke.err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);

        assertThat(exited).as("the smoke JVM ended within 3 minutes").isTrue();
        assertThat(process.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
        assertThat(stdout.lines())
                .as("stderr:%n%s", stderr)
                .hasSize(6)
                .satisfiesExactly(
                        l -> assertThat(l).isEqualTo("smoke module dev.handover.modulepath, named true"),
                        l -> assertThat(l)
                                .matches("memory: connector InMemoryCrm in module dev\\.handover\\.memory,"
                                        + " evaluated [1-9]\\d* tickets, handed over [1-9]\\d*"),
                        l -> assertThat(l)
                                .isEqualTo("zendesk: connector ZendeskConnector in module dev.handover.zendesk,"
                                        + " ticket found false, GET /api/v2/tickets/1001 answered 404"),
                        l -> assertThat(l)
                                .matches("salesforce: connector SalesforceConnector in module dev\\.handover"
                                        + "\\.salesforce, ticket found false, GET /services/data/v\\d+\\.0/query"
                                        + " answered 200"),
                        l -> assertThat(l)
                                .isEqualTo("rt: connector RtConnector in module dev.handover.rt,"
                                        + " ticket found false, GET /REST/2.0/ticket/1001 answered 404"),
                        l -> assertThat(l).isEqualTo("done"));
        // Jersey on a module path missing a module says so in a warning and carries on: none may appear
        assertThat(stderr).doesNotContain("NoClassDefFoundError", "not available", "WARNING", "Exception");
        assertThat(command).doesNotContain("--add-modules", "-cp", "--class-path", "-classpath");
    }
}
