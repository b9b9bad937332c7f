package dev.handover.runner;

import dev.handover.memory.time.MutableClock;
import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import dev.handover.runner.worker.Worker;
import dev.handover.runner.worker.WriteAhead;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.Ids18;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A small support team on a fake CRM, and the handover.yaml for it: Ada (English) holds a complaint and a German
 * customer's ticket, Jonas speaks German, Eve is everyone's line manager, Chen holds an ordinary ticket. The worker
 * should hand the complaint to Eve and the German ticket to Jonas, and leave Chen's alone.
 */
final class Scenario {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String TOKEN = FakeZendesk.API_TOKEN;
    static final String WEBHOOK_SECRET = "zd-webhook-secret-for-tests-88a2";

    /** The ids, in the CRM's own form. */
    record Ids(
            Function<Integer, String> agent,
            Function<Integer, String> group,
            Function<Integer, String> ticket,
            Function<Integer, String> customer) {
        AgentId ada() {
            return AgentId.of(agent.apply(1));
        }

        AgentId jonas() {
            return AgentId.of(agent.apply(2));
        }

        AgentId chen() {
            return AgentId.of(agent.apply(3));
        }

        AgentId eve() {
            return AgentId.of(agent.apply(5));
        }

        GroupId support() {
            return GroupId.of(group.apply(1));
        }

        TicketId complaint() {
            return TicketId.of(ticket.apply(1));
        }

        TicketId german() {
            return TicketId.of(ticket.apply(2));
        }

        TicketId ordinary() {
            return TicketId.of(ticket.apply(3));
        }
    }

    static final Ids ZENDESK = new Ids(
            n -> Integer.toString(20_000 + n),
            n -> Integer.toString(30_000 + n),
            n -> Integer.toString(10_000 + n),
            n -> Integer.toString(40_000 + n));
    static final Ids SALESFORCE =
            new Ids(n -> Ids18.of("005", n), n -> Ids18.of("00G", n), n -> Ids18.of("500", n), n -> Ids18.of("003", n));

    final Ids ids;
    final MutableClock clock;
    final Path dir;
    final Map<String, String> env = new HashMap<>();
    final Path config;
    private WriteAhead writeAhead;

    private Scenario(Ids ids, Path dir, String crmSection, MutableClock clock) {
        this.ids = ids;
        this.clock = clock;
        clock.set(T0);
        this.dir = dir;
        env.put("ZD_TOKEN", TOKEN);
        env.put("ZD_WEBHOOK_SECRET", WEBHOOK_SECRET);
        this.config = dir.resolve("handover.yaml");
        write(config, crmSection + policy());
    }

    /** The team on a fake Zendesk. */
    static Scenario zendesk(FakeZendesk zendesk, Path dir) {
        Scenario s = new Scenario(ZENDESK, dir, """
                crm:
                  type: zendesk
                  settings:
                    base-url: %s
                    auth: { type: api-token, email: %s, api-token: "${ZD_TOKEN}" }
                """.formatted(zendesk.url(), FakeZendesk.API_EMAIL), zendesk.clock());
        s.groups().forEach(zendesk::addGroup);
        s.agents().forEach(zendesk::addAgent);
        s.tickets().forEach(zendesk::addTicket);
        return s;
    }

    /** The team on a fake Salesforce org that runs on {@code clock}. */
    static Scenario salesforce(FakeSalesforce org, MutableClock clock, Path dir) {
        return salesforce(org, clock, dir, values -> {});
    }

    /** The team on a fake Salesforce org, with the adapter's settings adjusted ({@code notes.read: both}). */
    static Scenario salesforce(
            FakeSalesforce org,
            MutableClock clock,
            Path dir,
            java.util.function.Consumer<java.util.Map<String, String>> adjust) {
        CrmSettings settings = org.settings(adjust);
        StringBuilder yaml = new StringBuilder("crm:\n  type: salesforce\n  settings:\n");
        for (String key : settings.keys()) {
            String value = settings.get(key)
                    .orElseGet(() -> "${SF_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "_") + "}");
            yaml.append("    ").append(key).append(": \"").append(value).append("\"\n");
        }
        Scenario s = new Scenario(SALESFORCE, dir, yaml.toString(), clock);
        for (String key : settings.keys()) {
            settings.secret(key)
                    .ifPresent(
                            v -> s.env.put("SF_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "_"), v.reveal()));
        }
        s.groups().forEach(org::putGroup);
        s.agents().forEach(org::putUser);
        s.tickets().forEach(org::putCase);
        return s;
    }

    private String policy() {
        return policy(ids.support()) + """
                worker:
                  lookback: 36500d
                  journal: journal.jsonl
                  state: worker.state
                  webhook: { listen: "127.0.0.1:0", secret: "${ZD_WEBHOOK_SECRET}", maxAge: 5m }
                """;
    }

    /**
     * The scenario's policy (a complaint goes to the line manager with a call-back and a notice; a customer whose
     * language the assignee does not speak goes to the best available in {@code supportGroup}), as a top-level YAML
     * section; the fault suite's desk uses it too.
     */
    static String policy(GroupId supportGroup) {
        return """
                policy:
                  name: Support desk
                  rules:
                    - id: complaint-to-lead
                      when: { complaint: true }
                      reason: complaint
                      to: line-manager
                      actions:
                        - { do: Call the customer back, within: 2h }
                      acknowledgeWithin: 30m
                      notifyCustomer: true
                    - id: language
                      when: { open: true, languageNotSpokenByAssignee: true }
                      reason: language
                      to: { bestAvailable: "%s" }
                      acknowledgeWithin: 30m
                """.formatted(supportGroup);
    }

    RunnerConfig load() {
        return ConfigLoader.with(env::get, clock).load(config);
    }

    /** One for the scenario, shared by its engines and workers as {@code handover run} shares one. */
    WriteAhead writeAhead() {
        if (writeAhead == null) {
            writeAhead = new WriteAhead(load().worker().state());
        }
        return writeAhead;
    }

    /** The engine as {@code handover run} starts it: the configured CRM found by ServiceLoader, writes recorded ahead. */
    Engine engine() {
        return Engine.startWorker(load(), writeAhead(), clock);
    }

    /** The worker as {@code handover run} makes it. */
    Worker worker(Engine e) {
        return new Worker(
                e.handovers, e.crm, e.journal, writeAhead(), e.config.worker(), e.config.policy(), e::names, clock);
    }

    /** The entries of the journal the worker section names ({@code journal.jsonl} next to the configuration). */
    List<JournalEntry> journal() {
        return JournalReader.read(dir.resolve("journal.jsonl")).entries();
    }

    Context context() {
        return new Context(clock, env::get);
    }

    /** Runs the command line in this scenario's context. */
    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), context());
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {}

    List<Group> groups() {
        return List.of(Group.team(ids.support(), "Support"));
    }

    List<Agent> agents() {
        return List.of(
                agent(ids.ada(), "Ada Lovelace", "ada@example.com")
                        .speaks("en")
                        .manager(ids.eve())
                        .build(),
                agent(ids.jonas(), "Jonas Weber", "jonas@example.com")
                        .speaks("de", "en")
                        .manager(ids.eve())
                        .build(),
                agent(ids.chen(), "Chen Wei", "chen@example.com")
                        .speaks("en")
                        .manager(ids.eve())
                        .build(),
                agent(ids.eve(), "Eve Moneypenny", "eve@example.com")
                        .speaks("en")
                        .role("lead")
                        .build());
    }

    private Agent.Builder agent(AgentId id, String name, String email) {
        return Agent.builder(id).name(name).email(email).group(ids.support()).timeZone(java.time.ZoneOffset.UTC);
    }

    List<Ticket> tickets() {
        return List.of(
                ticket(ids.complaint(), ids.ada(), "Complaint: still no refund, this is unacceptable", "en", 1),
                ticket(ids.german(), ids.ada(), "Rechnung doppelt bezahlt", "de", 2),
                ticket(ids.ordinary(), ids.chen(), "How do I export my invoices?", "en", 3));
    }

    private Ticket ticket(TicketId id, AgentId assignee, String subject, String language, int n) {
        Instant created = T0.minus(Duration.ofHours(2));
        return Ticket.builder(id)
                .subject(subject)
                .description(subject + ". Please help.")
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id(ids.customer().apply(n))
                        .name("Customer " + n)
                        .email("customer" + n + "@example.org")
                        .language(Locale.forLanguageTag(language))
                        .build())
                .assignee(assignee)
                .group(ids.support())
                .createdAt(created)
                .updatedAt(created.plus(Duration.ofMinutes(30)))
                .version(Version.of("1"))
                .build();
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
