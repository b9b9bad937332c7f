package dev.handover.selftest.record;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.selftest.SelfTestReport;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.ExchangeRecorder;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A self-test's HTTP exchanges in a directory, as the adapters' tests replay them. The format: one file, {@value
 * #FILE}, one JSON object per line and per exchange, in the order the exchanges completed, with the fields of {@link
 * Exchange} ({@code method}, {@code target}, {@code requestHeaders}, {@code requestBody}, {@code status}, {@code
 * responseHeaders}, {@code responseBody}). The account's address is written as {@value #BASE}, so that a replay
 * server can put its own in its place.
 *
 * <p>What is written is redacted first: credentials and tokens, people's names, addresses and
 * phone numbers, and the texts of tickets the self-test did not make. Ids, statuses, headers and the test tickets'
 * texts stay, because the adapters need them to replay.
 */
public final class Recording implements ExchangeRecorder, AutoCloseable {
    /** The file of exchanges in the directory. */
    public static final String FILE = "exchanges.jsonl";

    /** The file with the run's team, start and verdicts. */
    public static final String RUN = "selftest.json";

    /** What the account's address is replaced with. */
    public static final String BASE = "{{base}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final BufferedWriter out;
    private final String base;
    private final Redaction redaction = new Redaction();
    private int count;

    private Recording(Path dir, BufferedWriter out, String base) {
        this.dir = dir;
        this.out = out;
        this.base = base;
    }

    /**
     * Starts a recording in this directory (created if missing; an earlier recording there is replaced).
     *
     * @param dir the directory
     * @param account the account's address, e.g. {@code https://acme.zendesk.com}; replaced by {@value #BASE}
     */
    public static Recording to(Path dir, URI account) {
        Objects.requireNonNull(account, "account");
        try {
            Files.createDirectories(dir);
            BufferedWriter w = Files.newBufferedWriter(
                    dir.resolve(FILE),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            String origin = account.getScheme() + "://" + account.getRawAuthority();
            return new Recording(dir, w, origin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record into " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void record(Exchange e) {
        Exchange clean = redaction.apply(rebase(e));
        ObjectNode line = JSON.createObjectNode();
        line.put("method", clean.method());
        line.put("target", clean.target());
        line.set("requestHeaders", JSON.valueToTree(clean.requestHeaders()));
        line.put("requestBody", clean.requestBody());
        line.put("status", clean.status());
        line.set("responseHeaders", JSON.valueToTree(clean.responseHeaders()));
        line.put("responseBody", clean.responseBody());
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
            count++;
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write the recording: " + x.getMessage(), x);
        }
    }

    /**
     * Writes {@value #RUN}: the test team (its people redacted as in the exchanges), the run's start and each probe's
     * verdict, so that a replay can run the same self-test and expect the same verdicts.
     */
    public synchronized void finish(TestTeam team, SelfTestReport report) {
        ObjectNode run = JSON.createObjectNode();
        run.put("format", 1);
        run.put("vendor", report.vendor());
        run.put("startedAt", report.startedAt().toString());
        ObjectNode t = run.putObject("team");
        t.put("requesterEmail", redaction.person(team.requesterEmail()));
        t.put("requesterName", redaction.person(team.requesterName()));
        t.put("sender", team.sender().value());
        t.put("receiver", team.receiver().value());
        team.group().ifPresent(g -> t.put("group", g.value()));
        ObjectNode verdicts = run.putObject("verdicts");
        report.results().forEach(r -> verdicts.put(r.probe(), r.verdict().name()));
        try {
            Files.writeString(
                    dir.resolve(RUN),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(RUN) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A recorded run read back: its exchanges and, from {@value #RUN}, its team, start and verdicts.
     *
     * @throws IllegalArgumentException naming the file (and line) when it is not a recording
     */
    public static RecordedRun readRun(Path dir) {
        Path file = dir.resolve(RUN);
        try {
            JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode t = n.path("team");
            TestTeam team = new TestTeam(
                    text(t, "requesterEmail"),
                    text(t, "requesterName"),
                    AgentId.of(text(t, "sender")),
                    AgentId.of(text(t, "receiver")),
                    t.hasNonNull("group")
                            ? Optional.of(GroupId.of(t.get("group").asText()))
                            : Optional.empty());
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            n.path("verdicts")
                    .fields()
                    .forEachRemaining(f -> verdicts.put(
                            f.getKey(), Verdict.valueOf(f.getValue().asText())));
            return new RecordedRun(text(n, "vendor"), Instant.parse(text(n, "startedAt")), team, verdicts, read(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a recorded self-test run: " + e.getMessage(), e);
        }
    }

    /** How many exchanges were written. */
    public synchronized int count() {
        return count;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the recording: " + e.getMessage(), e);
        }
    }

    private Exchange rebase(Exchange e) {
        return new Exchange(
                e.method(),
                e.target().replace(base, BASE),
                rebase(e.requestHeaders()),
                e.requestBody().replace(base, BASE),
                e.status(),
                rebase(e.responseHeaders()),
                e.responseBody().replace(base, BASE));
    }

    private Map<String, List<String>> rebase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        headers.forEach((k, v) ->
                out.put(k, v.stream().map(x -> x.replace(base, BASE)).toList()));
        return out;
    }

    /**
     * The exchanges recorded in this directory, in order.
     *
     * @throws IllegalArgumentException naming the file and line when a line is not an exchange
     */
    public static List<Exchange> read(Path dir) {
        Path file = dir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + file + ": " + e.getMessage(), e);
        }
        List<Exchange> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                out.add(new Exchange(
                        text(n, "method"),
                        text(n, "target"),
                        headers(n, "requestHeaders"),
                        n.path("requestBody").asText(""),
                        n.path("status").asInt(),
                        headers(n, "responseHeaders"),
                        n.path("responseBody").asText("")));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ":1: not a recorded exchange: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static Map<String, List<String>> headers(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return Map.of();
        }
        return JSON.convertValue(v, new TypeReference<Map<String, List<String>>>() {});
    }
}
