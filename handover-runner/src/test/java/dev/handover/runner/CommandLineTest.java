package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheSubcommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: handover", "demo", "Exit codes:", "2   usage or configuration error");
    }

    @Test
    void badOptionIsAUsageError() {
        assertThat(run("demo", "--seed", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--seed", "many");
    }

    @Test
    void outputIsUtf8WhateverTheLocalesCharset() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dfile.encoding=US-ASCII", // as under LANG=C on Java 17
                        "-cp",
                        classpath,
                        Main.class.getName(),
                        "demo",
                        "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        String text = new String(bytes, StandardCharsets.UTF_8);
        // the demo's people and arrows: non-ASCII that a locale-charset writer would turn into '?'
        assertThat(text).contains("→", "Ramírez").doesNotContain("\uFFFD");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("handover: unknown command 'frobnicate'\n");
    }
}
