package dev.handover.runner;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The support desk of the fault suite on the fake Zendesk: a team, tickets that arrive during the day, and the people
 * who act on them — customers write in, receivers acknowledge some handovers by completing their acknowledgement task,
 * agents solve some tickets. People act when the fake receives a request (so nothing here sleeps): each request first
 * moves the fake's clock to the simulated time the worker process runs on, then lets everyone due act.
 *
 * <p>The desk knows what it did, for {@link CrmAudit}: which tickets should be handed over (complaints go to the line
 * manager with a customer notice, German and French customers to a colleague who speaks their language, the rest stays)
 * and which acknowledgements people gave.
 */
final class FaultDesk {
    static final Instant DAY_START = Instant.parse("2026-03-02T08:00:00Z");

    /** What a customer writes about. */
    enum Kind {
        COMPLAINT,
        GERMAN,
        FRENCH,
        ORDINARY
    }

    record Arrival(Instant at, TicketId id, Kind kind) {}

    final FakeZendesk zendesk;
    final Scenario.Ids ids = Scenario.ZENDESK;
    private final Random random;
    private final List<Arrival> arrivals = new ArrayList<>();
    private int arrived;
    private int nextArrival;
    private final Set<TicketId> expected = new LinkedHashSet<>();
    private final Set<HandoverId> acksGiven = new LinkedHashSet<>();
    private final Map<Long, Instant> tasksSeen = new HashMap<>();
    private final Map<Long, Boolean> decided = new HashMap<>();
    private final AtomicReference<Clock> time = new AtomicReference<>();
    private double ackShare = 0.6;
    private double solveShare = 0.2;
    private Duration ackAfter = Duration.ofMinutes(10);
    private Duration solveAfter = Duration.ofHours(1);
    private int nextTicket = 10_100;
    private final Map<Kind, Integer> kinds = new LinkedHashMap<>();

    FaultDesk(FakeZendesk zendesk, long seed) {
        this.zendesk = zendesk;
        this.random = new Random(seed);
        zendesk.clock().set(DAY_START);
        zendesk.addGroup(Group.team(ids.support(), "Support"));
        agents().forEach(zendesk::addAgent);
        zendesk.onEveryRequest(r -> onRequest(r.path()));
    }

    /** What people do: the share of handovers acknowledged, and of handed-over tickets solved (by default 0.6, 0.2). */
    FaultDesk people(double acknowledged, double solved) {
        this.ackShare = acknowledged;
        this.solveShare = solved;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ time

    /** From now on the fake's time follows this clock (the worker process's). */
    void follow(Clock clock) {
        time.set(clock);
        zendesk.clock().advanceTo(clock.instant());
    }

    /** The fake stands still (no worker runs); returns the time it stands at. */
    Instant pause() {
        Clock c = time.getAndSet(null);
        return c == null ? now() : zendesk.clock().advanceTo(c.instant());
    }

    Instant now() {
        return zendesk.clock().instant();
    }

    // ------------------------------------------------------------------------------------------------ tickets

    /** {@code n} tickets arriving evenly (with seeded jitter and kinds) between {@code from} and {@code until}. */
    FaultDesk arrive(int n, Instant from, Instant until) {
        long span = Duration.between(from, until).toSeconds();
        List<Arrival> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long at = n == 1 ? 0 : span * i / n + random.nextInt((int) Math.max(1, span / Math.max(1, n)));
            Kind kind = switch (random.nextInt(8)) {
                case 0, 1, 2 -> Kind.COMPLAINT;
                case 3, 4 -> Kind.GERMAN;
                case 5 -> Kind.FRENCH;
                default -> Kind.ORDINARY;
            };
            batch.add(new Arrival(from.plusSeconds(at), TicketId.of(Integer.toString(nextTicket++)), kind));
        }
        synchronized (this) {
            arrivals.addAll(batch);
            arrivals.sort(java.util.Comparator.comparing(Arrival::at));
        }
        return this;
    }

    /** {@code n} tickets of one kind, in the CRM now (a backlog). */
    FaultDesk backlog(int n, Kind kind) {
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                add(new Arrival(now(), TicketId.of(Integer.toString(nextTicket++)), kind));
            }
        }
        return this;
    }

    /** The tickets that should have been handed over: every complaint and every German or French customer's. */
    synchronized Set<TicketId> expected() {
        return Set.copyOf(expected);
    }

    /** How many tickets arrived so far. */
    synchronized int arrived() {
        return arrived;
    }

    /** The handovers a receiver acknowledged (by completing the acknowledgement task). */
    synchronized Set<HandoverId> acksGiven() {
        return Set.copyOf(acksGiven);
    }

    /** Every ticket still to arrive arrives now (the end of the day, before the audit). */
    synchronized void arriveAll() {
        while (nextArrival < arrivals.size()) {
            add(arrivals.get(nextArrival++));
        }
    }

    private synchronized void onRequest(String path) {
        Clock c = time.get();
        Instant now = c == null ? now() : zendesk.clock().advanceTo(c.instant());
        while (nextArrival < arrivals.size() && !arrivals.get(nextArrival).at().isAfter(now)) {
            add(arrivals.get(nextArrival++));
        }
        if (path.startsWith("/api/v2/search")) {
            act(now);
        }
    }

    /** Receivers acknowledge, agents solve: once each, for a seeded share, some time after the handover's tasks appeared. */
    private void act(Instant now) {
        for (FakeZendesk.TicketView task : zendesk.taskTickets()) {
            tasksSeen.putIfAbsent(task.id(), now);
            String ext = task.externalId() == null ? "" : task.externalId();
            String[] parts = ext.split(":");
            if ("solved".equals(task.status()) || "closed".equals(task.status())) {
                continue;
            }
            Instant seen = tasksSeen.get(task.id());
            if (parts.length == 2 && task.tags().contains("handover_checklist")) {
                // one task ticket per handover: the receiver ticks the acknowledgement by its tag (a macro), the
                // customer's ticket is solved once the follow-up is on the checklist
                boolean ackOpen = task.tags().stream().anyMatch(t -> t.startsWith("handover_item_ack_ao_"));
                if (ackOpen
                        && !task.tags().contains("handover_done_ack")
                        && !now.isBefore(seen.plus(ackAfter))
                        && decide(task.id(), ackShare)) {
                    zendesk.personTags(task.id(), "handover_done_ack");
                    acksGiven.add(HandoverId.of(parts[1]));
                }
                boolean followUp = task.tags().stream().anyMatch(t -> t.startsWith("handover_item_follow-up_"));
                if (followUp && !now.isBefore(seen.plus(solveAfter)) && decide(-task.id(), solveShare)) {
                    source(task).ifPresent(zendesk::personSolves);
                }
                continue;
            }
            if (parts.length != 3) {
                continue;
            }
            if (parts[2].equals("ack") && !now.isBefore(seen.plus(ackAfter)) && decide(task.id(), ackShare)) {
                zendesk.personSolves(task.id());
                acksGiven.add(HandoverId.of(parts[1]));
            }
            if (parts[2].equals("follow-up")
                    && !now.isBefore(seen.plus(solveAfter))
                    && decide(-task.id(), solveShare)) {
                source(task).ifPresent(zendesk::personSolves);
            }
        }
    }

    private boolean decide(long key, double share) {
        return decided.computeIfAbsent(key, k -> random.nextDouble() < share);
    }

    private java.util.Optional<Long> source(FakeZendesk.TicketView task) {
        return task.tags().stream()
                .filter(t -> t.startsWith("handover_ticket_"))
                .map(t -> Long.parseLong(t.substring("handover_ticket_".length())))
                .filter(id -> zendesk.ticket(id)
                        .map(t -> !"solved".equals(t.status()))
                        .orElse(false))
                .findFirst();
    }

    private void add(Arrival a) {
        int n = Integer.parseInt(a.id().value()) - 10_000;
        AgentId holder = n % 2 == 0 ? ids.ada() : ids.chen();
        String language = switch (a.kind()) {
            case GERMAN -> "de";
            case FRENCH -> "fr";
            default -> "en";
        };
        String subject = switch (a.kind()) {
            case COMPLAINT -> "I want to complain about order " + n;
            case GERMAN -> "Rechnung " + n + " doppelt bezahlt";
            case FRENCH -> "Facture " + n + " payée deux fois";
            case ORDINARY -> "How do I export invoice " + n + "?";
        };
        String description = a.kind() == Kind.COMPLAINT ? "This is unacceptable." : subject + " Please help.";
        Instant at = now();
        zendesk.addTicket(Ticket.builder(a.id())
                .subject(subject)
                .description(description)
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id(Integer.toString(41_000 + n))
                        .name("Customer " + n)
                        .email("customer" + n + "@example.org")
                        .language(Locale.forLanguageTag(language))
                        .build())
                .assignee(holder)
                .group(ids.support())
                .createdAt(at)
                .updatedAt(at)
                .version(Version.of("1"))
                .build());
        if (a.kind() != Kind.ORDINARY) {
            expected.add(a.id());
        }
        kinds.merge(a.kind(), 1, Integer::sum);
        arrived++;
    }

    // ------------------------------------------------------------------------------------------------ team, config

    private List<Agent> agents() {
        return List.of(
                agent(ids.ada(), "Ada Lovelace", "en").manager(ids.eve()).build(),
                agent(ids.jonas(), "Jonas Weber", "de", "en").manager(ids.eve()).build(),
                agent(ids.chen(), "Chen Wei", "en").manager(ids.eve()).build(),
                agent(AgentId.of(ids.agent().apply(4)), "Marie Curie", "fr", "en")
                        .manager(ids.eve())
                        .build(),
                agent(ids.eve(), "Eve Moneypenny", "en").role("lead").build());
    }

    private Agent.Builder agent(AgentId id, String name, String... languages) {
        return Agent.builder(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .speaks(languages)
                .group(ids.support())
                .timeZone(ZoneOffset.UTC);
    }

    /** The environment a worker process needs (the API token). */
    static Map<String, String> env() {
        return Map.of("ZD_TOKEN", FakeZendesk.API_TOKEN);
    }

    /**
     * Writes {@code handover.yaml} into {@code dir} for a worker on {@code crm} (the fake, or a server in front of it).
     *
     * @param partition the worker's share ({@code 0/1} for all)
     * @param extraSettings further adapter settings, YAML lines indented by four spaces
     */
    Path config(Path dir, URI crm, String partition, String extraSettings) {
        String yaml = ("""
                crm:
                  type: zendesk
                  settings:
                    base-url: %s
                    auth: { type: api-token, email: %s, api-token: "${ZD_TOKEN}" }
                    rate-limit.requests-per-minute: 2500
                    retry.max-attempts: 4
                    retry.base-delay: 50ms
                    retry.max-delay: 400ms
                    jobs.poll-interval: 100ms
                    jobs.poll-max: 400ms
                %s
                """ + Scenario.policy(ids.support()) + """
                worker:
                  pollInterval: 1s
                  lookback: 1d
                  sweepEvery: 5m
                  reconcileEvery: 1h
                  partition: %s
                  journal: journal.jsonl
                  state: worker.state
                """)
                .formatted(crm, FakeZendesk.API_EMAIL, extraSettings, partition);
        Path file = dir.resolve("handover.yaml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path config(Path dir) {
        return config(dir, zendesk.url(), "0/1", "");
    }

    /** For a log line: what arrived and what people did. */
    synchronized String summary() {
        return "arrived=" + arrived + " " + kinds + " expected=" + expected.size() + " acks-given=" + acksGiven.size();
    }
}
