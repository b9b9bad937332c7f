package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.memory.InMemoryCrmProvider;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Try the people commands in a sandbox" runs as written: each command of its block goes through {@code
 * Main.run} in a context of its own — separate processes that share only the directory and its files — on a context
 * clock months away from the tour's, so every time the commands act at comes from {@code --at}. After each, what it
 * should have left is there: the note in the sandbox file, the acknowledgement and the feedback in the journal, the
 * worker's pass, and a report that counts them.
 */
final class ReadmeSandboxTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE = Path.of("..", "examples", "sandbox.yaml");
    private static final String SETUP =
            "mkdir -p sandbox && cp examples/sandbox.yaml sandbox/handover.yaml && cd sandbox";
    private static final String HANDOVER = "ho-7767c9c3305fa46f";

    @TempDir
    Path dir;

    /** The wall clock of the "processes": far from the tour's Monday, so only --at can put them there. */
    private final MutableClock wall = MutableClock.at(Instant.parse("2026-11-20T18:00:00Z"));

    @Test
    void theTourRunsEndToEndOneProcessAfterAnother() throws IOException {
        List<String> lines = block();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(SETUP);
        String example = Files.readString(EXAMPLE);
        assertThat(example).contains("    file: sandbox.json ");
        // the setup line, here: the example as handover.yaml in an empty directory; the working directory of the JVM
        // is not that directory, so the sandbox file is named absolutely (the worker's files are next to the config)
        Path config = dir.resolve("handover.yaml");
        Files.writeString(
                config, example.replace("    file: sandbox.json ", "    file: " + dir.resolve("sandbox.json") + " "));

        Run transfer = run(lines.get(1));
        assertThat(transfer.code).as(transfer.err).isZero();
        assertThat(transfer.out)
                .startsWith("Handed over ticket 1044 to Oliver Bennett (EMEA Support) — Complaint; handover " + HANDOVER
                        + ".");
        assertThat(transfer.out).contains("Acknowledge by: Mon 2 Mar 2026 09:45 UTC");
        assertThat(dir.resolve("sandbox.json")).exists();
        try (CrmConnector crm = sandbox()) {
            assertThat(crm.ticket(TicketId.of("1044")).orElseThrow().assignee()).contains(AgentId.of("oliver"));
            List<Comment> latest = crm.comments(TicketId.of("1044"), SortOrder.NEWEST_FIRST, PageRequest.first(5))
                    .items();
            Comment note = latest.stream()
                    .filter(c -> c.visibility() == Visibility.INTERNAL)
                    .findFirst()
                    .orElseThrow();
            assertThat(note.body()).contains("Handover " + HANDOVER).contains("Confirm the repair date");
            // stamped by the CRM at the --at time, not the wall clock's
            assertThat(note.createdAt()).isBetween(at("09:30:00"), at("09:31:00"));
            assertThat(latest.get(0).visibility()).as("the customer notice").isEqualTo(Visibility.PUBLIC);
        }

        Run ack = run(lines.get(2));
        assertThat(ack.code).as(ack.err).isZero();
        assertThat(ack.out)
                .startsWith("Acknowledged: handover " + HANDOVER + " of ticket 1044 by oliver at 2026-03-02T09:37");
        assertThat(journal()).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("acknowledged");
            assertThat(e.path("handover").asText()).isEqualTo(HANDOVER);
        });

        Run feedback = run(lines.get(3));
        assertThat(feedback.code).as(feedback.err).isZero();
        assertThat(feedback.out)
                .contains("Feedback on handover " + HANDOVER + " recorded: missing or unclear — history.");
        assertThat(journal()).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("feedback");
            assertThat(e.path("handover").asText()).isEqualTo(HANDOVER);
            assertThat(e.path("at").asText()).startsWith("2026-03-02T09:40");
        });

        Run once = run(lines.get(4));
        assertThat(once.code).as(once.err).isZero();
        assertThat(once.out).contains("sweep at 2026-03-02T10:00").contains("0 failed");

        Run report = run(lines.get(5));
        assertThat(report.code).as(report.err).isZero();
        assertThat(Files.readString(dir.resolve("review.html"))).contains("<html");
        // the same journal as figures: one handover, acknowledged, one piece of feedback
        Run json = run("../bin/handover report --config handover.yaml --format json");
        assertThat(json.code).as(json.err).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.out);
        assertThat(figures.path("handovers").path("count").asInt()).isEqualTo(1);
        assertThat(figures.path("acknowledgement").path("acknowledged").asInt()).isEqualTo(1);
        assertThat(figures.path("feedback").path("count").asInt()).isEqualTo(1);
        assertThat(figures.path("period").path("from").asText()).startsWith("2026-03-02T09:30");
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + "Z");
    }

    private CrmConnector sandbox() {
        return new InMemoryCrmProvider()
                .create(CrmSettings.builder("memory")
                        .put("file", dir.resolve("sandbox.json").toString())
                        .build());
    }

    private List<JsonNode> journal() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("sandbox-journal.jsonl"), StandardCharsets.UTF_8)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    /** The lines of the README's sandbox block. */
    private static List<String> block() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("<!-- README-SANDBOX-START -->");
        int end = readme.indexOf("<!-- README-SANDBOX-END -->");
        assertThat(start).as("the README's sandbox block").isPositive();
        assertThat(end).isGreaterThan(start);
        String block = readme.substring(start, end);
        int open = block.indexOf("```sh\n");
        int close = block.indexOf("```", open + 6);
        assertThat(open).isPositive();
        return block.substring(open + 6, close)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    /** One README line, as a process of its own run in the sandbox directory (the config named absolutely). */
    private Run run(String line) {
        String prefix = "../bin/handover ";
        assertThat(line).startsWith(prefix);
        List<String> args = new ArrayList<>(words(line.substring(prefix.length())));
        int c = args.indexOf("--config");
        if (c >= 0) {
            args.set(c + 1, dir.resolve(args.get(c + 1)).toString());
        } else {
            args.add("--config");
            args.add(dir.resolve("handover.yaml").toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(wall, Map.<String, String>of()::get, dir);
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), context);
        return new Run(code, out.toString(), err.toString());
    }

    /** The words of a command line as a POSIX shell splits them, for the quoting the README uses. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) {
                    out.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(ch);
                any = true;
            }
        }
        assertThat(quoted).as("balanced quotes in: %s", line).isFalse();
        if (any) {
            out.add(word.toString());
        }
        return out;
    }

    private record Run(int code, String out, String err) {}
}
