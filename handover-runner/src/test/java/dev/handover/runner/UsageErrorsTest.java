package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.logging.LogSettings;
import dev.handover.runner.logging.Logging;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command line picocli cannot parse gets the runner's message convention — one {@code handover:} line with a
 * did-you-mean where one is near, one short usage line, where the help is — on standard error, nothing on standard
 * output, exit code 2.
 */
final class UsageErrorsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void defaultLogs() {
        Logging.configure(LogSettings.defaults()); // a test here may have set another level for the JVM
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(
                args,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new Context(java.time.Clock.systemUTC(), env::get));
    }

    private void assertUsageError(String expected, String... args) {
        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo(expected);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionNamesTheNearestOne() {
        assertUsageError("""
                handover: unknown option '--confg' (did you mean --config?)
                Usage: handover run [--config FILE] [--at INSTANT] [--once]
                Try 'handover run --help' for more.
                """, "run", "--confg", "handover.yaml");
    }

    @Test
    void theGlobalLogOptionsAreKnownToEveryCommand() {
        assertUsageError("""
                handover: unknown option '--log-levl' (did you mean --log-level?)
                Usage: handover run [--config FILE] [--at INSTANT] [--once]
                Try 'handover run --help' for more.
                """, "run", "--log-levl=debug");
    }

    @Test
    void anUnknownCommandNamesTheNearestOneOrNone() {
        assertUsageError("""
                handover: unknown command 'demoo' (did you mean demo?)
                Usage: handover {demo|check|selftest|run|transfer|ack|feedback|simulate|report} [OPTIONS]
                Try 'handover --help' for more.
                """, "demoo");
    }

    @Test
    void anUnknownCommandFarFromAnyHasNoSuggestion() {
        assertUsageError("""
                handover: unknown command 'frobnicate'
                Usage: handover {demo|check|selftest|run|transfer|ack|feedback|simulate|report} [OPTIONS]
                Try 'handover --help' for more.
                """, "frobnicate");
    }

    @Test
    void missingRequiredOptionsAreNamedWithTheirValues() {
        assertUsageError("""
                handover: missing required options '--handover ID', '--agent AGENT'
                Usage: handover ack [--config FILE] [--at INSTANT] --handover ID --agent AGENT
                Try 'handover ack --help' for more.
                """, "ack");
    }

    @Test
    void aBadValueSaysWhatIsExpected() {
        assertUsageError("""
                handover: invalid value for option '--since': expected an ISO date (2026-03-01), an ISO instant \
                (2026-03-01T09:00:00Z) or a look-back from now (30m, 24h, 7d, 2w), was 'yesterday'
                Usage: handover report [--journal FILE] [--config FILE] [--from-crm] …
                Try 'handover report --help' for more.
                """, "report", "--since", "yesterday");
    }

    @Test
    void aNumberIsAskedForInWordsNotJavaTypes() {
        assertUsageError("""
                handover: invalid value for option '--seed': 'many' is not a whole number
                Usage: handover demo [--seed N] [--json] [--journal FILE] [--days N] …
                Try 'handover demo --help' for more.
                """, "demo", "--seed", "many");
    }

    @Test
    void anOptionWithoutItsValue() {
        assertUsageError("""
                handover: option '--since' needs a value (WHEN)
                Usage: handover report [--journal FILE] [--config FILE] [--from-crm] …
                Try 'handover report --help' for more.
                """, "report", "--since");
    }

    @Test
    void anUnexpectedArgument() {
        assertUsageError("""
                handover: unexpected argument 'extra'
                Usage: handover run [--config FILE] [--at INSTANT] [--once]
                Try 'handover run --help' for more.
                """, "run", "--once", "extra");
    }

    @Test
    void aBadLogLevelIsAUsageErrorOfTheCommand() {
        assertUsageError("""
                handover: --log-level: 'loud' is not a log level; use debug, info, warn or error
                Usage: handover demo [--seed N] [--json] [--journal FILE] [--days N] …
                Try 'handover demo --help' for more.
                """, "demo", "--log-level", "loud");
    }

    @Test
    void aBadLogVariableNamesTheVariable() {
        assertThat(run(Map.of("HANDOVER_LOG_FORMAT", "xml"), "demo")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .isEqualTo("handover: HANDOVER_LOG_FORMAT: 'xml' is not a log format; use kv (key=value, the default)"
                        + " or json\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noCommandListsTheCommandsOnStandardErrorAndExits2() {
        assertUsageError("""
                Usage: handover COMMAND [OPTIONS]
                Commands:
                  demo      Plays a working day of the demo team on the embedded in-memory CRM…
                  check     Checks the configuration file and prints the handover procedure it…
                  selftest  Proves the configured CRM connector against a sandbox before any…
                  run       Runs the worker
                  transfer  Hands one ticket over by hand
                  ack       The receiver acknowledges a handover
                  feedback  The receiver's feedback on a handover
                  simulate  Replays exported tickets through the policy and prints which…
                  report    Writes the review report
                Try 'handover --help' or 'handover COMMAND --help' for more.
                """);
        // the global options alone are no command either
        err.getBuffer().setLength(0);
        assertThat(run("--log-level", "warn")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Usage: handover COMMAND [OPTIONS]\n");
    }

    @Test
    void theHelpIsStillTheWholeHelpOnStandardOutput() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: handover run", "--log-format=kv|json", "--log-level=LEVEL");
        assertThat(err.toString()).isEmpty();
    }
}
