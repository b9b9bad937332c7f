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
    void demoShowsTheTeamAndTicketsOfTheInMemoryCrm() {
        assertThat(run("demo", "--seed", "7")).isZero();
        assertThat(out.toString())
                .contains("in-memory CRM \"memory\", seed 7")
                .contains("Team: 15 agents in 6 groups")
                .contains("Grace Okafor", "Europe/London", "America/New_York")
                .contains("Tickets: 60");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badOptionIsAUsageError() {
        assertThat(run("demo", "--seed", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--seed", "many");
        assertThat(run("demo", "--tickets", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--tickets must be 1–100000, was 0");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument");
    }
}
