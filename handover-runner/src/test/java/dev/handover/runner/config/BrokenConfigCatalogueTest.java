package dev.handover.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.handover.runner.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-configuration catalogue: every case in {@code src/test/resources/broken-config/cases.yaml} is run as
 * {@code bin/handover check --config FILE} runs ({@code Main.run}, with this test's clock and environment), and must
 * exit 2, print nothing on standard output, print exactly the message kept with the case on standard error, and never
 * print a secret. {@code docs/configuration-errors.md} is made from the same cases and outputs; it is checked here so it
 * cannot go stale. After changing a message, rewrite it with
 *
 * <pre>
 * mvn -o test -pl handover-runner -Dtest=BrokenConfigCatalogueTest -Dhandover.write-docs=true
 * </pre>
 *
 * <p>The file is named {@code handover.yaml} in the messages: the test passes the case's path as {@code --config} and
 * writes that path as {@code handover.yaml}, as a user's own file would be named.
 */
class BrokenConfigCatalogueTest {
    static final Path DIR = Path.of("src/test/resources/broken-config");
    static final Path DOC = Path.of("../docs/configuration-errors.md");

    /** The environment every case runs in; its values are secrets and must never be printed. */
    static final Map<String, String> ENV =
            Map.of("ZENDESK_CLIENT_SECRET", "s3cr3t-client-value", "WEBHOOK_SECRET", "s3cr3t-webhook-value");

    /**
     * One case.
     *
     * @param file the YAML file under broken-config, or {@code GENERATED-HUGE} / {@code MISSING}
     * @param what the mistake, in words
     * @param args more arguments after {@code check --config FILE} (such as {@code --connect})
     * @param secrets literal values in the file that must not be printed
     * @param prints the exact standard error
     */
    record Case(String file, String what, List<String> args, List<String> secrets, String prints) {
        Case {
            args = args == null ? List.of() : List.copyOf(args);
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return file + ": " + what;
        }
    }

    record Run(int exit, String out, String err) {}

    static List<Case> cases() {
        try {
            return List.of(new ObjectMapper(new YAMLFactory())
                    .readValue(DIR.resolve("cases.yaml").toFile(), Case[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Case> catalogue() {
        return cases().stream();
    }

    /** Runs {@code check} on the case's file. */
    static Run run(Case c) {
        Path file = switch (c.file()) {
            case "GENERATED-HUGE" -> huge();
            case "MISSING" -> DIR.resolve("no-such-file.yaml");
            default -> DIR.resolve(c.file());
        };
        List<String> args = new ArrayList<>(List.of("check", "--config", file.toString()));
        args.addAll(c.args());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(
                args.toArray(String[]::new),
                new PrintWriter(out),
                new PrintWriter(err),
                ExampleConfigsTest.CLOCK,
                Path.of("."),
                ENV::get);
        return new Run(
                exit,
                out.toString().replace(file.toString(), "handover.yaml"),
                err.toString().replace(file.toString(), "handover.yaml"));
    }

    /** Several megabytes: a valid start, then a long comment block, so only the size can refuse it. */
    static Path huge() {
        Path f = Path.of("target", "broken-config-huge.yaml");
        try {
            Files.createDirectories(f.getParent());
            StringBuilder sb = new StringBuilder(
                    "crm:\n  type: memory\npolicy:\n  rules:\n    - id: complaint-to-lead\n      when: { complaint: true }\n"
                            + "      reason: complaint\n      to: line-manager\n");
            String line = "# " + "x".repeat(97) + "\n";
            while (sb.length() < 6_000_000) {
                sb.append(line);
            }
            Files.writeString(f, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void eachBrokenConfigurationIsRefusedWithItsMessage(Case c) {
        Run r = run(c);

        assertThat(r.err()).isEqualTo(c.prints());
        assertThat(r.exit()).as("exit code").isEqualTo(2);
        assertThat(r.out()).as("standard output").isEmpty();
        List<String> secrets = new ArrayList<>(ENV.values());
        secrets.addAll(c.secrets());
        for (String s : secrets) {
            assertThat(r.err()).as("a secret is echoed").doesNotContain(s);
        }
    }

    @Test
    void theCatalogueHasAtLeastThirtyCasesAndEveryFileIsACase() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases).extracting(Case::file).doesNotHaveDuplicates();
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> yaml = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("cases.yaml"))
                    .toList();
            assertThat(cases).extracting(Case::file).containsAll(yaml);
        }
    }

    @Test
    void overnightWorkingHoursAreNotAnError() throws IOException {
        // Hours.parse accepts a shift past midnight ("Sun-Thu 22:00-06:00" in the docs): not in the catalogue
        String yaml = Files.readString(DIR.resolve("hours-misspelt-day.yaml"))
                .replace("Mon-Fry 08:00-18:00", "Mon-Fri 18:00-08:00");
        RunnerConfig c = ConfigLoader.with(ENV::get, ExampleConfigsTest.CLOCK)
                .load(new java.io.StringReader(yaml), "handover.yaml", Path.of("."));
        assertThat(c.policy().rules()).hasSize(1);
    }

    @Test
    void theDocumentListsEveryCaseExactlyAsItPrints() throws IOException {
        String doc = document(cases());
        if (Boolean.getBoolean("handover.write-docs")) {
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration-errors.md is stale: run this test with -Dhandover.write-docs=true")
                .isEqualTo(doc);
    }

    /** The markdown page: one row per case, with what {@code check} prints now. */
    static String document(List<Case> cases) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Configuration errors: the catalogue\n\n");
        sb.append(
                "What `bin/handover check --config handover.yaml` prints on standard error for each broken"
                        + " configuration kept as a test\n(`BrokenConfigCatalogueTest`; the files are in"
                        + " [`handover-runner/src/test/resources/broken-config/`](../handover-runner/src/test/resources/broken-config/)).\n");
        sb.append("Every case exits with code 2, prints nothing on standard output and never prints a secret."
                + " This page is generated\nfrom the same run the test checks, so it cannot go stale; after changing"
                + " a message, rewrite it with\n\n");
        sb.append(
                "```sh\nmvn -o test -pl handover-runner -Dtest=BrokenConfigCatalogueTest -Dhandover.write-docs=true\n```\n\n");
        sb.append("How errors are reported is described in [configuration.md](configuration.md#errors).\n\n");
        sb.append("| # | mistake | file | `check` prints |\n|---|---|---|---|\n");
        int i = 1;
        for (Case c : cases) {
            String file = switch (c.file()) {
                case "GENERATED-HUGE" -> "(a 6 MB file, made by the test)";
                case "MISSING" -> "(no file)";
                default -> "[`" + c.file() + "`](../handover-runner/src/test/resources/broken-config/" + c.file() + ")";
            };
            String what = c.what() + (c.args().isEmpty() ? "" : " (`check " + String.join(" ", c.args()) + "`)");
            sb.append("| ")
                    .append(i++)
                    .append(" | ")
                    .append(cell(what))
                    .append(" | ")
                    .append(file)
                    .append(" | <code>")
                    .append(html(c.prints().stripTrailing()))
                    .append("</code> |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("|", "&#124;")
                .replace("\\", "&#92;")
                .replace("`", "&#96;")
                .replace("*", "&#42;")
                .replace("\n", "<br>")
                .replace("  ", "&nbsp; ");
    }
}
