package dev.handover.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.core.event.HandoverEvent.AcknowledgementMethod;
import dev.handover.core.note.NoteSection;
import dev.handover.runner.Cli;
import dev.handover.runner.Main;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.JournalEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handover report} through {@code Main.run}: every option, the exit codes and the messages. */
class ReportCommandTest {
    /** The morning after the fixture's week. */
    static final Instant NOW = Instant.parse("2026-03-09T07:30:00Z");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private Path journal;

    @BeforeEach
    void journalAndClock() {
        journal = dir.resolve("handover-journal.jsonl");
        try (Journal j = Journal.open(journal, 1 << 24, 3)) {
            ReviewFixture.journal().forEach(j::append);
        }
    }

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(all, new PrintWriter(out, true), new PrintWriter(err, true), clock, dir);
    }

    /** The report as JSON on stdout, which must succeed; stdout is emptied first so that it holds this report only. */
    private JsonNode jsonReport(String... args) throws IOException {
        out.getBuffer().setLength(0);
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--format";
        all[args.length + 1] = "json";
        assertThat(run(all)).isZero();
        return EventCodec.mapper().readTree(out.toString());
    }

    @Test
    void byDefaultReadsTheJournalHereAndWritesTheHtmlReportHere() throws IOException {
        assertThat(run()).isZero();
        Path html = dir.resolve("handover-report.html");
        assertThat(html).exists();
        Document doc = Jsoup.parse(Files.readString(html));
        // the whole journal: from H0 (Sun 1 Mar 23:00) to now; H0 and H12 count too
        assertThat(doc.selectFirst("[data-figure=period]").text()).isEqualTo("Sun 1 Mar 2026 – Mon 9 Mar 2026 (UTC)");
        assertThat(doc.selectFirst("[data-figure=handovers]").text())
                .isEqualTo(Integer.toString(ReviewFixture.HANDOVERS + 2));
        assertThat(doc.selectFirst("[data-figure=generated]").text()).isEqualTo("9 Mar 2026 07:30 UTC");
        assertThat(out.toString()).startsWith("handover report: wrote " + html + " (html, 12 handovers,");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPastJournalWithoutSinceOrUntilIsReviewedOverItsOwnSpanNotUpToToday() throws IOException {
        // months later (the demo's journal is of March 2026): the period is the journal's, so the chart fits it
        clock = Clock.fixed(NOW.plus(java.time.Duration.ofDays(270)), ZoneOffset.UTC);
        JsonNode json = jsonReport();
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-01T23:00:00Z");
        assertThat(Instant.parse(json.at("/period/until").asText()))
                .as("just after the newest entry, H12 on 9 Mar 01:00")
                .isBetween(Instant.parse("2026-03-09T01:00:00Z"), Instant.parse("2026-03-09T01:00:01Z"));
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS + 2);
        // with --since only, the period still runs to now
        JsonNode since = jsonReport("--since", "2026-03-02");
        assertThat(Instant.parse(since.at("/period/until").asText()))
                .isEqualTo(NOW.plus(java.time.Duration.ofDays(270)));
    }

    @Test
    void isoDatesSelectWholeDaysAndTheContextBeforeIsStillRead() throws IOException {
        JsonNode json = jsonReport("--since", "2026-03-02", "--until", "2026-03-08");
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(json.at("/period/until").asText()).as("the end of 8 Mar").isEqualTo("2026-03-09T00:00:00Z");
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS);
        // H9 bounces H0, which is before --since: it was read as context
        assertThat(json.at("/bounces/count").asLong()).isEqualTo(ReviewFixture.BOUNCES);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void isoInstantsWithOrWithoutAnOffset() throws IOException {
        JsonNode json = jsonReport("--since", "2026-03-02T01:00:00+01:00", "--until", "2026-03-09T00:00:00Z");
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS);

        // minutes without seconds, as people write them
        assertThat(jsonReport("--since", "2026-03-02T00:00Z", "--until", "2026-03-09T00:00Z")
                        .at("/period/from")
                        .asText())
                .isEqualTo("2026-03-02T00:00:00Z");
    }

    @Test
    void lookBacksCountFromTheClock() throws IOException {
        JsonNode json = jsonReport("--since", "7d", "--until", "90m");
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-02T07:30:00Z");
        assertThat(json.at("/period/until").asText()).isEqualTo("2026-03-09T06:00:00Z");
        // from Mon 07:30 to Mon 9 Mar 06:00: H9 (Mon 01:00) drops out, H12 (9 Mar 01:00) comes in
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS);
        JsonNode weeks = jsonReport("--since", "2w", "--until", "24h");
        assertThat(weeks.at("/period/from").asText()).isEqualTo("2026-02-23T07:30:00Z");
        assertThat(weeks.at("/period/until").asText()).isEqualTo("2026-03-08T07:30:00Z");
    }

    @Test
    void csvToStdoutByDefault() {
        assertThat(run("--since", "2026-03-02", "--until", "2026-03-08", "--format", "csv"))
                .isZero();
        List<List<String>> rows = ReviewCsvTest.parse(out.toString());
        assertThat(rows.get(0)).containsExactly("section", "dimension", "key", "label", "value");
        assertThat(rows).contains(List.of("handovers", "count", "", "", "" + ReviewFixture.HANDOVERS));
    }

    @Test
    void htmlToStdoutAndTheFormatIgnoresCase() {
        assertThat(run("--format", "HTML", "--out", "-")).isZero();
        assertThat(out.toString()).startsWith("<!DOCTYPE html>");
        assertThat(dir.resolve("handover-report.html")).doesNotExist();
    }

    @Test
    void outNamesTheFileRelativeOrAbsolute() throws IOException {
        assertThat(run("--format", "json", "--out", "week.json")).isZero();
        assertThat(EventCodec.mapper()
                        .readTree(dir.resolve("week.json").toFile())
                        .at("/report")
                        .asText())
                .isEqualTo("handover-review");
        Path absolute = dir.resolve("sub").resolve("week.csv");
        Files.createDirectories(absolute.getParent());
        assertThat(run("--format", "csv", "--out", absolute.toString())).isZero();
        assertThat(Files.readString(absolute)).startsWith("section,dimension,key,label,value");
        assertThat(out.toString()).contains("wrote " + absolute + " (csv, 12 handovers,");
    }

    @Test
    void journalNamesAnotherJournal() throws IOException {
        Path other = dir.resolve("elsewhere").resolve("j.jsonl");
        Files.createDirectories(other.getParent());
        Files.move(journal, other);
        assertThat(jsonReport("--journal", other.toString())
                        .at("/handovers/count")
                        .asLong())
                .isEqualTo(ReviewFixture.HANDOVERS + 2);
    }

    @Test
    void aTornLastLineIsAWarningAndTheReportIsStillWritten() throws IOException {
        Files.writeString(journal, "{\"type\":\"executed\",\"at\":\"2026-03", StandardOpenOption.APPEND);
        JsonNode json = jsonReport("--since", "2026-03-02", "--until", "2026-03-08");
        assertThat(err.toString())
                .startsWith("handover report: warning: ")
                .contains("handover-journal.jsonl:")
                .contains("torn last line");
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOptionAndWhatWasExpected() {
        assertThat(run("--since", "yesterday")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--since")
                .contains("expected an ISO date (2026-03-01), an ISO instant (2026-03-01T09:00:00Z) or a look-back")
                .contains("'yesterday'");
        assertThat(run("--until", "2026-13-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--until").contains("'2026-13-01'");
        assertThat(run("--format", "pdf")).isEqualTo(2);
        assertThat(err.toString()).contains("--format").contains("expected html, json or csv, was 'pdf'");
        assertThat(run("--since", "2026-03-09", "--until", "2026-03-02")).isEqualTo(2);
        assertThat(err.toString()).contains("--since must be before --until");
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("handover: unknown option '--frobnicate'");
        assertThat(dir.resolve("handover-report.html")).doesNotExist();
    }

    @Test
    void aMissingJournalOrADirectoryIsAUsageError() {
        assertThat(run("--journal", "nope.jsonl")).isEqualTo(2);
        assertThat(err.toString())
                .contains("handover: --journal: there is no journal at " + dir.resolve("nope.jsonl"))
                .contains("--journal FILE");
        assertThat(run("--journal", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is a directory; expected the journal file");
    }

    @Test
    void aQuietPeriodIsAReportOfZerosNotAFailure() throws IOException {
        // the fixture's journal ends on 8 Mar: a weekly job run a month later still writes its report
        clock = Clock.fixed(Instant.parse("2026-04-09T07:30:00Z"), ZoneOffset.UTC);
        JsonNode json = jsonReport("--since", "7d");
        assertThat(json.at("/handovers/count").asLong()).isZero();
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-04-02T07:30:00Z");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void onlyRotatedFilesAreStillAJournal() throws IOException {
        Files.move(journal, dir.resolve("handover-journal.jsonl.1"));
        assertThat(jsonReport().at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS + 2);
    }

    @Test
    void anUntilBeforeTheOldestEntryNamesTheOldestEntry() {
        assertThat(run("--until", "2026-02-01", "--format", "json")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--until 2026-02-02T00:00:00Z is not after the journal's oldest entry (2026-03-01T23:00:00Z)")
                .doesNotContain("--since 20");
    }

    @Test
    void anEmptyOrUnreadableJournalFailsWithAClearMessage() throws IOException {
        Files.writeString(journal, "");
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains("handover: the journal " + journal + " holds no events: nothing to review");

        Files.writeString(journal, "not json\n");
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString())
                .contains("warning: ")
                .contains("not a journal entry")
                .contains("holds no events (1 unreadable lines skipped)");

        // bytes that are not UTF-8: a line like any other that is not a journal entry
        err.getBuffer().setLength(0);
        Files.write(journal, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString())
                .contains(journal + ":1: skipped a line that is not a journal entry")
                .contains("holds no events (1 unreadable lines skipped)");
    }

    @Test
    void aReportThatCannotBeWrittenIsAFailure() {
        assertThat(run("--out", "no-such-dir/report.html")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot be written to").contains("its directory does not exist");
    }

    @Test
    void helpNamesEveryOptionAndTheTopLevelListsTheCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: handover report")
                .contains("--journal=FILE", "--since=WHEN", "--until=WHEN", "--format=FORMAT", "--out=FILE")
                .contains("handover-report.html", "7d");
        // picocli may wrap a long file name at its dot, as it does beside the global log options
        assertThat(out.toString().replaceAll("\\.\n\\s+", ".")).contains("handover-journal.jsonl");
        out.getBuffer().setLength(0);
        assertThat(Main.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(err, true)))
                .isZero();
        assertThat(out.toString()).contains("report");
    }

    @Test
    void theDefaultEndReachesAJournalWrittenByASimulatedClock() throws IOException {
        // a demo journal stamped later than the real clock: without --until the period still reaches its end
        clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        JsonNode json = jsonReport();
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS + 2);
        assertThat(json.at("/period/until").asText()).isEqualTo("2026-03-09T01:00:00.000000001Z");
    }

    // ------------------------------------------------------------------------------ zone, configuration, journals

    @Test
    void aZoneMakesDatesDaysOfThatZone() throws IOException {
        JsonNode json = jsonReport("--since", "2026-03-02", "--until", "2026-03-08", "--zone", "Europe/Berlin");
        assertThat(json.at("/period/from").asText()).as("midnight in Berlin").isEqualTo("2026-03-01T23:00:00Z");
        assertThat(json.at("/period/until").asText()).isEqualTo("2026-03-08T23:00:00Z");
        // instants and look-backs do not move with the zone
        JsonNode at = jsonReport("--since", "2026-03-02T00:00:00Z", "--until", "24h", "--zone", "Asia/Tokyo");
        assertThat(at.at("/period/from").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(at.at("/period/until").asText()).isEqualTo("2026-03-08T07:30:00Z");
    }

    @Test
    void aBadZoneIsAUsageErrorNamingTheOptionAndAnExample() {
        assertThat(run("--zone", "Mars/Olympus_Mons")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--zone")
                .contains("expected an IANA time zone such as Europe/Berlin")
                .contains("'Mars/Olympus_Mons'");
        assertThat(dir.resolve("handover-report.html")).doesNotExist();
    }

    /** A Zendesk configuration whose secrets are references to variables the test never sets. */
    private Path configWithUnsetSecrets(String journalPath) throws IOException {
        Path config = dir.resolve("handover.yaml");
        Files.writeString(config, """
                crm:
                  type: zendesk
                  settings:
                    subdomain: ${ZENDESK_SUBDOMAIN_NOT_SET}
                    auth: { type: token, email: ops@acme.example, token: "${ZENDESK_TOKEN_NOT_SET}" }
                policy:
                  calendar: { zone: America/New_York, hours: ["Mon-Fri 08:00-18:00"] }
                  pingPongWindow: 2h
                  rules:
                    - id: language
                      when: { languageNotSpokenByAssignee: true }
                      reason: language
                      to: { bestAvailable: "360000000001" }
                worker:
                  journal: %s
                  webhook: { listen: 127.0.0.1:8085, secret: "${WEBHOOK_SECRET_NOT_SET}" }
                """.formatted(journalPath));
        return config;
    }

    private int runWithoutSecrets(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        // no variable is set: the report must not need the CRM's secrets
        return Cli.run(all, new PrintWriter(out, true), new PrintWriter(err, true), clock, dir, name -> null);
    }

    @Test
    void theConfigurationGivesZoneWindowAndJournalWithoutTheCrmSecrets() throws IOException {
        Path elsewhere = dir.resolve("var").resolve("journal.jsonl");
        Files.createDirectories(elsewhere.getParent());
        Files.move(journal, elsewhere);
        Path config = configWithUnsetSecrets("var/journal.jsonl");

        out.getBuffer().setLength(0);
        assertThat(runWithoutSecrets(
                        "--config",
                        "handover.yaml",
                        "--since",
                        "2026-03-02",
                        "--until",
                        "2026-03-08",
                        "--format",
                        "json"))
                .as(err.toString())
                .isZero();
        JsonNode json = EventCodec.mapper().readTree(out.toString());
        // the policy's calendar zone: 2 March begins at 05:00 UTC in New York
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-02T05:00:00Z");
        assertThat(json.at("/period/until").asText()).isEqualTo("2026-03-09T04:00:00Z");
        // the worker section's journal (relative to the file) was read
        assertThat(json.at("/handovers/count").asLong()).isPositive();
        assertThat(err.toString()).isEmpty();

        ReportPolicy policy = ReportPolicy.of(dev.handover.runner.config.ConfigLoader.with(n -> null, clock)
                .withoutSecrets()
                .load(config));
        assertThat(policy.zone()).isEqualTo(java.time.ZoneId.of("America/New_York"));
        assertThat(policy.bounceWindow()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(policy.journal()).contains(elsewhere.toAbsolutePath());

        // --zone wins over the calendar, --journal over the worker section
        out.getBuffer().setLength(0);
        assertThat(runWithoutSecrets(
                        "--config",
                        config.toString(),
                        "--journal",
                        elsewhere.toString(),
                        "--zone",
                        "UTC",
                        "--since",
                        "2026-03-02",
                        "--format",
                        "json"))
                .isZero();
        assertThat(EventCodec.mapper()
                        .readTree(out.toString())
                        .at("/period/from")
                        .asText())
                .isEqualTo("2026-03-02T00:00:00Z");
    }

    @Test
    void aBadConfigurationKeepsTheLoadersFileLineColumnMessage() throws IOException {
        Path config = configWithUnsetSecrets("j.jsonl");
        Files.writeString(config, Files.readString(config).replace("pingPongWindow: 2h", "pingPongWindow: soon"));
        assertThat(runWithoutSecrets("--config", "handover.yaml")).isEqualTo(2);
        assertThat(err.toString())
                .contains(config + ":")
                .containsPattern("handover\\.yaml:\\d+:\\d+: policy\\.pingPongWindow")
                .doesNotContain("ZENDESK_TOKEN_NOT_SET is not set");
        // the worker section's journal not there: the message says where the path came from
        Files.writeString(config, Files.readString(config).replace("pingPongWindow: soon", "pingPongWindow: 2h"));
        assertThat(runWithoutSecrets("--config", "handover.yaml")).isEqualTo(2);
        assertThat(err.toString())
                .contains("worker.journal of " + config + ": there is no journal at " + dir.resolve("j.jsonl"));
        assertThat(runWithoutSecrets("--config", "missing.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("missing.yaml:1:1").contains("does not exist");
    }

    @Test
    void journalsOfSeveralWorkersMergeAndAnEventInTwoCountsOnce() throws IOException {
        Instant t = Instant.parse("2026-03-03T10:00:00Z");
        ReviewFixture.Builder h1 =
                ReviewFixture.handover("ho-1", "101", t).from("anna").to("ben").ackWithin(30);
        ReviewFixture.Builder h2 = ReviewFixture.handover("ho-2", "102", t.plusSeconds(600))
                .from("anna")
                .to("cara");
        JournalEntry ack = ReviewFixture.ack("ho-1", "ben", t, 7, AcknowledgementMethod.EXPLICIT);
        JournalEntry feedback = ReviewFixture.feedback(
                "ho-1", "101", "ben", t.plusSeconds(3600), List.of(NoteSection.HISTORY), "what was tried?");
        Path a = dir.resolve("worker-a.jsonl");
        Path b = dir.resolve("worker-b.jsonl");
        Path cli = dir.resolve("laptop.jsonl");
        try (Journal j = Journal.open(a, 1 << 20, 3)) {
            j.append(h1.entry());
            j.append(ack);
        }
        // worker B completed ho-1 after A (its write replayed A's) and rotated once
        try (Journal j = Journal.open(b, 1 << 20, 3)) {
            j.append(ReviewFixture.handover("ho-1", "101", t)
                    .from("anna")
                    .to("ben")
                    .ackWithin(30)
                    .replayed()
                    .entry());
        }
        Files.move(b, dir.resolve("worker-b.jsonl.1"));
        try (Journal j = Journal.open(b, 1 << 20, 3)) {
            j.append(h2.entry());
        }
        Files.writeString(b, "{\"type\":\"executed\",\"at\":\"2026-03", StandardOpenOption.APPEND);
        // ack and feedback given on another machine, journaled there: the ack also in A's journal
        try (Journal j = Journal.open(cli, 1 << 20, 3)) {
            j.append(ack);
            j.append(feedback);
        }

        JsonNode json = jsonReport(
                "--journal",
                a.toString(),
                "--journal",
                "worker-b.jsonl",
                "--journal",
                "laptop.jsonl",
                "--since",
                "2026-03-02",
                "--until",
                "2026-03-08");
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(2);
        assertThat(json.at("/acknowledgement/needed").asLong()).isEqualTo(1);
        assertThat(json.at("/acknowledgement/acknowledged").asLong()).isEqualTo(1);
        assertThat(json.at("/feedback/count").asLong()).isEqualTo(1);
        assertThat(err.toString()).contains("handover report: warning: " + b + ":2: skipped a torn last line");

        // the same journal named twice is the same review
        JsonNode twice = jsonReport("--journal", a.toString(), "--journal", a.toString(), "--since", "2026-03-02");
        assertThat(twice.at("/handovers/count").asLong()).isEqualTo(1);
        assertThat(twice.at("/acknowledgement/acknowledged").asLong()).isEqualTo(1);
    }

    @Test
    void oneMissingJournalAmongSeveralIsAUsageErrorNamingIt() {
        assertThat(run("--journal", journal.toString(), "--journal", "gone.jsonl"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--journal: there is no journal at " + dir.resolve("gone.jsonl"));
    }

    @Test
    void entriesFromTheComparisonPeriodOnAreRead() throws IOException {
        // a week's review compares with the week before: a line of that week is read, one before it is not
        Instant from = Instant.parse("2026-03-02T00:00:00Z");
        Instant until = Instant.parse("2026-03-09T00:00:00Z");
        Instant earliest = Review.earliestNeeded(from, until, ReviewOptions.defaults());
        assertThat(earliest).isEqualTo(Instant.parse("2026-02-22T20:00:00Z"));
        Path j = dir.resolve("old.jsonl");
        try (Journal w = Journal.open(j, 1 << 20, 3)) {
            w.append(ReviewFixture.handover("ho-old", "1", earliest.minusSeconds(1))
                    .from("anna")
                    .to("ben")
                    .entry());
            w.append(ReviewFixture.handover("ho-prev", "2", earliest)
                    .from("anna")
                    .to("ben")
                    .entry());
            w.append(ReviewFixture.handover("ho-in", "3", from.plusSeconds(60))
                    .from("anna")
                    .to("ben")
                    .entry());
        }
        List<JournalEntry> read = Journals.read(List.of(j), earliest).entries();
        assertThat(read).extracting(e -> e.event().at()).doesNotContain(earliest.minusSeconds(1));
        assertThat(read).hasSize(2);
        assertThat(jsonReport("--journal", "old.jsonl", "--since", "2026-03-02", "--until", "2026-03-08")
                        .at("/handovers/count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void fromCrmNeedsTheConfigurationItsSecretsAndASinceAndNoJournal() throws IOException {
        assertThat(runWithoutSecrets("--from-crm", "--since", "7d")).isEqualTo(2);
        assertThat(err.toString()).contains("--from-crm needs --config FILE");
        configWithUnsetSecrets("j.jsonl");
        assertThat(runWithoutSecrets("--from-crm", "--config", "handover.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--from-crm needs --since WHEN");
        assertThat(runWithoutSecrets(
                        "--from-crm", "--config", "handover.yaml", "--since", "7d", "--journal", journal.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--from-crm and --journal cannot be used together");
        // connecting needs the secrets: the loader says which variable, where
        err.getBuffer().setLength(0);
        assertThat(runWithoutSecrets("--from-crm", "--config", "handover.yaml", "--since", "7d"))
                .isEqualTo(2);
        assertThat(err.toString())
                .containsPattern("handover\\.yaml:\\d+:\\d+: crm\\.settings\\.auth\\.token")
                .contains("the environment variable ZENDESK_TOKEN_NOT_SET is not set");
        assertThat(dir.resolve("handover-report.html")).doesNotExist();
    }

    @Test
    void helpNamesTheNewOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("--zone=ZONE", "--config=FILE", "--from-crm")
                .contains("Europe/Berlin")
                .contains("Repeat it");
    }

    @Test
    void aPeriodReachingPastNowIntoASimulatedJournalStillCountsItsHandovers() throws IOException {
        // now is inside the fixture's week: the default end is the newest entry, after now
        clock = Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC);
        JsonNode json = jsonReport("--since", "2026-03-02");
        assertThat(json.at("/period/until").asText()).isEqualTo("2026-03-09T01:00:00.000000001Z");
        // the week's handovers and H12 (9 Mar 01:00), the newest entry
        assertThat(json.at("/handovers/count").asLong()).isEqualTo(ReviewFixture.HANDOVERS + 1);
        assertThat(json.at("/bounces/count").asLong()).isEqualTo(ReviewFixture.BOUNCES);
    }
}
