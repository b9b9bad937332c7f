package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    void unknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument");
    }
}
