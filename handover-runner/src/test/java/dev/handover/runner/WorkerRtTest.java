package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.core.HandoverResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.memory.time.MutableClock;
import dev.handover.rt.real.FaultProxy;
import dev.handover.rt.real.RealRt;
import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import dev.handover.runner.worker.Worker;
import dev.handover.runner.worker.WriteAhead;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker, as {@code handover run} starts it, against a <b>real</b> Request Tracker 5 ({@code tools/rt/rt-sandbox},
 * reset to its seed before each test): the sandbox's team (Billing: ada, chen, eve; Technical: jonas, chen, eve; eve
 * the line manager of all, chen at his capacity of two) and its tickets — #1 a complaint to ada, #5 a German customer
 * with chen, who speaks no German. RT keeps its own time; the worker's clock starts at the real time and is moved on
 * by the test, as the hours of a shift pass.
 */
class WorkerRtTest {
    private static final String COMPLAINT = "1";
    private static final String GERMAN = "5";

    @TempDir
    Path dir;

    RealRt rt;
    MutableClock clock;
    Path config;
    WriteAhead writeAhead;

    @BeforeEach
    void start() {
        rt = RealRt.get();
        rt.reset();
        clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        config = dir.resolve("handover.yaml");
        configure(rt.base());
    }

    private void configure(java.net.URI url) {
        Scenario.write(config, """
                crm:
                  type: rt
                  settings:
                    url: %s
                    auth: { type: token, token: "${RT_TOKEN}" }
                    queues: Billing, Technical
                    fields:
                      ticket: { refund_amount: Refund amount }
                policy:
                  name: RT support desk
                  reminderPolicies:
                    standard:
                      remindAfter: 10m
                      repeatEvery: 1h
                      maxReminders: 3
                      ladder:
                        - { after: 1h, to: line-manager }
                  rules:
                    - id: complaint-to-lead
                      when: { complaint: true }
                      reason: complaint
                      to: line-manager
                      actions:
                        - { do: Call the customer back and agree a resolution, owner: receiver, within: 2h }
                      acknowledgeWithin: 30m
                      notifyCustomer: true
                    - id: language
                      when: { all: [ { open: true }, { languageNotSpokenByAssignee: true } ] }
                      reason: language
                      to: { bestAvailable: { group: "4" } }
                      receiver: { language: true, capacity: true }
                      acknowledgeWithin: 30m
                worker:
                  lookback: 30d
                  journal: journal.jsonl
                  state: worker.state
                """.formatted(url));
    }

    private RunnerConfig load() {
        return ConfigLoader.with(Map.of("RT_TOKEN", rt.token())::get, clock).load(config);
    }

    private Engine engine() {
        RunnerConfig c = load();
        if (writeAhead == null) {
            writeAhead = new WriteAhead(c.worker().state());
        }
        return Engine.startWorker(c, writeAhead, clock);
    }

    private Worker worker(Engine e) {
        return new Worker(
                e.handovers, e.crm, e.journal, writeAhead, e.config.worker(), e.config.policy(), e::names, clock);
    }

    @Test
    void theComplaintGoesToTheLineManagerAndTheGermanCustomerToTheGermanSpeaker() {
        try (Engine engine = engine()) {
            Worker.Pass pass = worker(engine).pass();

            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
            assertThat(pass.count(HandoverResult.Status.HANDED_OVER)).isEqualTo(2);
        }
        assertThat(owner(COMPLAINT)).isEqualTo("eve");
        assertThat(owner(GERMAN)).isEqualTo("jonas");
        assertThat(owner("2")).as("a ticket no rule matches keeps its owner").isEqualTo("ada");

        // the note is a comment, the notice a correspondence; the requester is mailed the notice, never the note
        List<JsonNode> complaint = transactions(COMPLAINT);
        assertThat(texts(complaint, "Comment"))
                .anySatisfy(t -> assertThat(t).contains("Call the customer back and agree a resolution"));
        assertThat(texts(complaint, "Correspond")).hasSize(1);
        String mail = rt.mailSent();
        List<String> toMia = List.of(mail.split("(?m)^From rt@")).stream()
                .filter(m -> header(m).contains("mia@customer.test"))
                .toList();
        assertThat(toMia)
                .anySatisfy(m -> assertThat(m)
                        .contains(texts(complaint, "Correspond")
                                .get(0)
                                .lines()
                                .findFirst()
                                .orElseThrow()));
        assertThat(toMia).noneSatisfy(m -> assertThat(m).contains("Call the customer back and agree"));

        // the acknowledgement and the handed-over action are reminders owned by the receiver; the sender's check-in
        // that the action was done is ada's
        assertThat(reminders(COMPLAINT))
                .extracting(r -> r.path("Owner").path("id").asText())
                .containsExactlyInAnyOrder("eve", "eve", "ada");
        assertThat(reminders(GERMAN))
                .extracting(r -> r.path("Owner").path("id").asText())
                .containsExactlyInAnyOrder("jonas", "chen");

        List<JournalEntry> journal = journal();
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .hasSize(2);
    }

    @Test
    void anAcknowledgementIsAResolvedReminderAndTheUnacknowledgedOneIsChasedThenEscalated() {
        try (Engine engine = engine()) {
            Worker worker = worker(engine);
            Worker.Pass first = worker.pass();
            assertThat(first.ok()).as(first.failures().toString()).isTrue();

            // eve acknowledges on the ticket page: she resolves her acknowledgement reminder
            JsonNode ack = reminders(COMPLAINT).stream()
                    .filter(r -> r.path("Subject").asText().toLowerCase().contains("acknowledge"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no acknowledgement reminder: " + reminders(COMPLAINT)));
            put("/ticket/" + ack.path("id").asText(), "{\"Status\": \"resolved\"}");

            clock.advance(Duration.ofMinutes(45));
            Worker.Pass second = worker.pass();
            assertThat(second.ok()).as(second.failures().toString()).isTrue();

            clock.advance(Duration.ofHours(1));
            Worker.Pass third = worker.pass();
            assertThat(third.ok()).as(third.failures().toString()).isTrue();
        }
        List<JournalEntry> journal = journal();
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Acknowledged a
                        && a.ticket().value().equals(COMPLAINT))
                .hasSize(1);
        // jonas did not acknowledge: reminded once the ten minutes past the deadline passed, then escalated to eve
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Reminded r
                        && r.ticket().value().equals(GERMAN))
                .isNotEmpty();
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Reminded r
                        && r.ticket().value().equals(COMPLAINT))
                .as("an acknowledged handover is not chased for its acknowledgement")
                .allSatisfy(e -> assertThat(e.event().toString()).doesNotContainIgnoringCase("acknowledg"));
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Escalated x
                        && x.ticket().value().equals(GERMAN))
                .singleElement()
                .satisfies(e -> assertThat(e.event().toString()).contains("eve"));
        assertThat(texts(transactions(GERMAN), "Comment"))
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("acknowledge"));
    }

    @Test
    void aSecondPassOverTheSameTicketsWritesNothingAgain() {
        try (Engine engine = engine()) {
            Worker worker = worker(engine);
            assertThat(worker.pass().ok()).isTrue();
            int comments = texts(transactions(COMPLAINT), "Comment").size();
            int reminders = reminders(COMPLAINT).size();

            Worker.Pass again = worker.pass();

            assertThat(again.ok()).as(again.failures().toString()).isTrue();
            assertThat(again.count(HandoverResult.Status.HANDED_OVER)).isZero();
            assertThat(texts(transactions(COMPLAINT), "Comment")).hasSize(comments);
            assertThat(reminders(COMPLAINT)).hasSize(reminders);
        }
    }

    @Test
    void killedBetweenTheNoteAndTheNoticeAndRestartedEveryPartIsOnTheTicketOnce() throws Exception {
        try (FaultProxy proxy = new FaultProxy(rt.base())) {
            configure(proxy.url());
            AtomicReference<Process> first = new AtomicReference<>();
            // the first handover's writes: the PUT (owner, key), the note; SIGKILL once RT has the note
            proxy.afterWrite(2, () -> first.get().destroyForcibly());
            first.set(launch("first"));
            assertThat(first.get().waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(first.get().exitValue()).as("killed").isNotZero();

            Process second = launch("second");
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(log("second")).isZero();
        }
        for (String ticket : List.of(COMPLAINT, GERMAN)) {
            List<JsonNode> history = transactions(ticket);
            assertThat(texts(history, "Comment").stream()
                            .filter(t -> HandoverRecord.find(t).isPresent())
                            .count())
                    .as("handover notes on ticket " + ticket)
                    .isEqualTo(1);
        }
        assertThat(owner(COMPLAINT)).isEqualTo("eve");
        assertThat(owner(GERMAN)).isEqualTo("jonas");
        assertThat(texts(transactions(COMPLAINT), "Correspond"))
                .as("the notice")
                .hasSize(1);
        assertThat(reminders(COMPLAINT)).as("no reminder twice").hasSize(3);
        assertThat(journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .extracting(e -> e.event().ticket().value())
                .containsExactlyInAnyOrder(COMPLAINT, GERMAN);
    }

    private Process launch(String name) {
        return WorkerProcess.in(dir)
                .env(Map.of("RT_TOKEN", rt.token()))
                .name(name)
                .start("run", "--once", "--config", config.toString())
                .process();
    }

    private String log(String name) {
        try {
            return java.nio.file.Files.readString(dir.resolve(name + ".log"))
                    + java.nio.file.Files.readString(dir.resolve(name + ".out"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Test
    void atTheEndOfAShiftTheTicketsGoToTheColleagueWhoStaysNotToTheOneAtCapacity() {
        // Monday 13:45 in London (UTC in winter, an hour ahead in summer: both are in the shifts below)
        Instant monday = Instant.now()
                .atZone(java.time.ZoneId.of("Europe/London"))
                .toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .atTime(13, 45)
                .atZone(java.time.ZoneId.of("Europe/London"))
                .toInstant();
        clock.set(monday);
        Scenario.write(config, """
                crm:
                  type: rt
                  settings:
                    url: %s
                    auth: { type: token, token: "${RT_TOKEN}" }
                    queues: Billing, Technical
                policy:
                  name: RT support desk, shift change
                  rules:
                    - id: shift-end
                      when: { open: true, assigneeShiftEndsWithin: 30m }
                      reason: shift-change
                      to: next-shift
                      receiver: { capacity: true }
                      acknowledgeWithin: 30m
                team:
                  agents:
                    ada: { shifts: ["Mon-Fri 06:00-14:00"], timeZone: Europe/London }
                    chen: { shifts: ["Mon-Fri 14:00-22:00"], timeZone: Europe/London }
                    eve: { shifts: ["Mon-Fri 08:00-18:00"], timeZone: Europe/London }
                    jonas: { shifts: ["Mon-Fri 08:00-18:00"], timeZone: Europe/London }
                worker:
                  lookback: 30d
                  journal: journal.jsonl
                  state: worker.state
                """.formatted(rt.base()));
        try (Engine engine = engine()) {
            Worker.Pass pass = worker(engine).pass();
            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
        }
        // ada's open Billing tickets (1, 2, 6): chen comes on at 14:00 but holds two tickets, his capacity; eve stays
        for (String ticket : List.of("1", "2", "6")) {
            assertThat(owner(ticket)).as("ticket " + ticket).isEqualTo("eve");
            assertThat(texts(transactions(ticket), "Comment"))
                    .anySatisfy(t -> assertThat(HandoverRecord.find(t)).isPresent());
        }
        // the others' shifts do not end: their tickets stay
        assertThat(owner("3")).isEqualTo("jonas");
        assertThat(owner("4")).isEqualTo("chen");
        assertThat(owner("5")).isEqualTo("chen");
        assertThat(journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .hasSize(3);
    }

    @Test
    void feedbackAndAnAcknowledgementWrittenAsRtCommentsAreRecordedAndTheSenderIsTold() throws Exception {
        try (Engine engine = engine()) {
            Worker worker = worker(engine);
            assertThat(worker.pass().ok()).isTrue(); // the German ticket goes to jonas, the complaint to eve
            // each writes a comment on the ticket page, logged in as themselves
            comment("jonas", GERMAN, "#handover feedback missing: history\ncomment: what did the customer try?");
            comment("eve", COMPLAINT, "#handover ack");
            clock.advance(Duration.ofMinutes(1));

            Worker.Pass pass = worker.pass();

            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
            assertThat(pass.inbox().feedback()).isEqualTo(1);
            assertThat(pass.inbox().acknowledged()).isEqualTo(1);
        }
        assertThat(texts(transactions(GERMAN), "Comment"))
                .anySatisfy(t -> assertThat(t)
                        .startsWith("Feedback on handover")
                        .contains(" for Chen Wei from Jonas Weber:")
                        .contains("• what did the customer try?"));
        assertThat(texts(transactions(COMPLAINT), "Comment"))
                .anySatisfy(t -> assertThat(t).contains("acknowledged by Eve Moneypenny in the ticket"));
        assertThat(journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.FeedbackGiven f
                        && f.ticket().value().equals(GERMAN)
                        && f.from().value().equals("jonas"))
                .hasSize(1);
        assertThat(journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Acknowledged a
                        && a.ticket().value().equals(COMPLAINT)
                        && a.method() == HandoverEvent.AcknowledgementMethod.EXPLICIT)
                .hasSize(1);
    }

    /** A comment as the agent writes it in RT's web interface, with their own log-in (REST 2.0, basic auth). */
    private void comment(String agent, String ticket, String text) throws Exception {
        String auth = java.util.Base64.getEncoder()
                .encodeToString((agent + ":agent-sandbox").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(rt.base() + "/REST/2.0/ticket/" + ticket + "/comment"))
                                .header("Authorization", "Basic " + auth)
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(text))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private List<JournalEntry> journal() {
        return JournalReader.read(dir.resolve("journal.jsonl")).entries();
    }

    private static String header(String message) {
        int end = message.indexOf("\n\n");
        return end < 0 ? message : message.substring(0, end);
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = rt.call("GET", path, null, Map.of());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return rt.json(r);
    }

    private void put(String path, String json) {
        try {
            HttpResponse<String> r = rt.call("PUT", path, RealRt.JSON.readTree(json), Map.of());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String owner(String ticket) {
        return get("/ticket/" + ticket).path("Owner").path("id").asText();
    }

    private List<JsonNode> transactions(String ticket) {
        JsonNode page = get("/ticket/" + ticket + "/history?per_page=100&fields=Type,Created");
        List<JsonNode> out = new ArrayList<>();
        page.path("items").forEach(out::add);
        return out;
    }

    /** The text of each transaction of this type: its first attachment's content. */
    private List<String> texts(List<JsonNode> transactions, String type) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : transactions) {
            if (!type.equals(t.path("Type").asText())) {
                continue;
            }
            JsonNode atts = get("/transaction/" + t.path("id").asText() + "/attachments?fields=Content,ContentType");
            for (JsonNode a : atts.path("items")) {
                if (a.path("ContentType").asText().startsWith("text/")
                        && !a.path("Content").asText().isBlank()) {
                    out.add(a.path("Content").asText());
                    break;
                }
            }
        }
        return out;
    }

    private List<JsonNode> reminders(String ticket) {
        String sql = "Type = 'reminder' AND RefersTo = " + ticket;
        JsonNode page = get("/tickets?per_page=100&fields=Subject,Owner,Status,Due&query="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        page.path("items").forEach(out::add);
        return out;
    }
}
