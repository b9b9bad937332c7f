package dev.handover.testkit.compat;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The data the compatibility kit expects in the CRM under test before each case. The implementation's factory seeds
 * its backend (an in-memory store, a fake server) with exactly this, keeping ids, texts and times; versions and comment
 * ids are the backend's own.
 *
 * <ul>
 *   <li>Groups: 1 "Kit Billing", 2 "Kit Technical" (teams), 3 "Kit Queue" (a queue).
 *   <li>Agents: 1 Ada (billing; en, de; Europe/London; groups 1), 2 Bruno (technical; fr, en; Europe/Paris; group 2),
 *       3 Chen (billing; en; America/New_York; groups 1, 2), 4 Dana (inactive; group 1), 5 Eve (lead, manager of 1–4;
 *       groups 1, 2). Agent 900 does not exist.
 *   <li>Tickets 1–{@value #TICKETS}: ticket {@code i} is assigned by {@code i % 4} — 1: Ada in group 1, 2: Bruno in
 *       group 2, 3: Chen in group 1, 0: nobody, queue 3. Status by {@code i % 5}: NEW, OPEN, OPEN, PENDING, SOLVED
 *       (for 0, 1, 2, 3, 4). Priority by {@code (i / 3) % 4}: LOW, NORMAL, HIGH, URGENT. Tags {@code kit} and {@code
 *       n<i % 3>}. Even tickets have custom field {@code refund_amount} = 10·i. Updated at {@link #BASE} minus
 *       (251 − i)·10 minutes, so later tickets were updated later; created a day before that.
 *   <li>Comments: ticket 1 has {@value #TICKET_1_COMMENTS} (customer and Ada alternating, every fifth an internal
 *       note by Ada), ticket 2 has one.
 * </ul>
 */
public final class KitFixture {
    /** Number of tickets. */
    public static final int TICKETS = 250;

    /** Number of comments on ticket 1. */
    public static final int TICKET_1_COMMENTS = 25;

    /** The instant the fixture's times are relative to. */
    public static final Instant BASE = Instant.parse("2026-03-02T09:00:00Z");

    private final KitIds ids;
    private final List<Group> groups;
    private final List<Agent> agents;
    private final List<Ticket> tickets;
    private final List<SeedComment> comments;

    /**
     * A comment to seed.
     *
     * @param ticket the ticket
     * @param authorId the author's id (an agent id or a customer id)
     * @param body the text
     * @param visibility internal or public
     * @param createdAt when it was written
     */
    public record SeedComment(TicketId ticket, String authorId, String body, Visibility visibility, Instant createdAt) {
        /** Validates the components. */
        public SeedComment {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(authorId, "author id");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(visibility, "visibility");
            Objects.requireNonNull(createdAt, "created at");
        }
    }

    /** The fixture with these ids, for seeding a backend outside the kit (a fake server in a runner test). */
    public static KitFixture of(KitIds ids) {
        return new KitFixture(ids);
    }

    KitFixture(KitIds ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
        this.groups = List.of(
                Group.team(ids.group(1), "Kit Billing"),
                Group.team(ids.group(2), "Kit Technical"),
                Group.queue(ids.group(3), "Kit Queue"));
        AgentId eve = ids.agent(5);
        Shift day = Shift.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0));
        this.agents = List.of(
                agent(1, "Ada Lovelace", "agent", ZoneId.of("Europe/London"), eve, 10)
                        .group(ids.group(1))
                        .skill("billing", "refunds")
                        .speaks("en", "de")
                        .shift(day)
                        .build(),
                agent(2, "Bruno Latour", "agent", ZoneId.of("Europe/Paris"), eve, 10)
                        .group(ids.group(2))
                        .skill("technical")
                        .speaks("fr", "en")
                        .shift(day)
                        .build(),
                agent(3, "Chen Wei", "senior", ZoneId.of("America/New_York"), eve, 12)
                        .group(ids.group(1), ids.group(2))
                        .skill("billing")
                        .speaks("en")
                        .shift(day)
                        .build(),
                agent(4, "Dana Scully", "agent", ZoneId.of("Europe/London"), eve, 10)
                        .group(ids.group(1))
                        .skill("billing")
                        .speaks("es")
                        .active(false)
                        .build(),
                agent(5, "Eve Moneypenny", "lead", ZoneId.of("Europe/London"), null, 20)
                        .group(ids.group(1), ids.group(2))
                        .skill("escalations")
                        .speaks("en")
                        .shift(day)
                        .build());
        List<Ticket> t = new ArrayList<>();
        for (int i = 1; i <= TICKETS; i++) {
            t.add(seedTicket(i));
        }
        this.tickets = List.copyOf(t);
        List<SeedComment> c = new ArrayList<>();
        Instant first = tickets.get(0).createdAt();
        for (int n = 0; n < TICKET_1_COMMENTS; n++) {
            boolean byCustomer = n % 2 == 0;
            boolean internal = n % 5 == 4;
            c.add(new SeedComment(
                    ticket(1),
                    byCustomer && !internal ? ids.customer(1) : agent(1).value(),
                    "Comment " + (n + 1) + " on kit ticket 1" + (internal ? " (internal)" : ""),
                    internal ? Visibility.INTERNAL : Visibility.PUBLIC,
                    first.plus(Duration.ofMinutes(10L * n))));
        }
        c.add(new SeedComment(
                ticket(2),
                ids.customer(2),
                "The only comment on kit ticket 2",
                Visibility.PUBLIC,
                tickets.get(1).createdAt()));
        this.comments = List.copyOf(c);
    }

    private Agent.Builder agent(int n, String name, String role, ZoneId zone, AgentId manager, int capacity) {
        return Agent.builder(ids.agent(n))
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@kit.example.com")
                .role(role)
                .timeZone(zone)
                .manager(manager)
                .capacity(capacity);
    }

    private Ticket seedTicket(int i) {
        int r = i % 4;
        AgentId assignee = r == 0 ? null : ids.agent(r);
        GroupId group = r == 0 ? ids.group(3) : r == 2 ? ids.group(2) : ids.group(1);
        Instant updated = BASE.minus(Duration.ofMinutes(10L * (TICKETS + 1 - i)));
        Ticket.Builder b = Ticket.builder(ids.ticket(i))
                .subject("Kit ticket " + i)
                .description("Description of kit ticket " + i)
                .status(statusOf(i))
                .priority(TicketPriority.values()[(i / 3) % 4])
                .requester(Customer.builder()
                        .id(ids.customer(i))
                        .name("Customer " + i)
                        .email("customer" + i + "@kit.example.org")
                        .language(Locale.forLanguageTag(i % 3 == 0 ? "de" : "en"))
                        .build())
                .assignee(assignee)
                .group(group)
                .tag("kit", "n" + (i % 3))
                .channel(i % 2 == 0 ? Channel.EMAIL : Channel.WEB)
                .createdAt(updated.minus(Duration.ofDays(1)))
                .updatedAt(updated)
                .version(Version.of("seed"));
        if (i % 2 == 0) {
            b.customField("refund_amount", Integer.toString(10 * i));
        }
        return b.build();
    }

    /** The status of fixture ticket {@code i}. */
    public static TicketStatus statusOf(int i) {
        return switch (i % 5) {
            case 0 -> TicketStatus.NEW;
            case 1, 2 -> TicketStatus.OPEN;
            case 3 -> TicketStatus.PENDING;
            default -> TicketStatus.SOLVED;
        };
    }

    /** The ids in use. */
    public KitIds ids() {
        return ids;
    }

    /** Groups and queues to seed. */
    public List<Group> groups() {
        return groups;
    }

    /** Agents to seed. */
    public List<Agent> agents() {
        return agents;
    }

    /** Tickets to seed (their versions are placeholders). */
    public List<Ticket> tickets() {
        return tickets;
    }

    /** Comments to seed, oldest first per ticket. */
    public List<SeedComment> comments() {
        return comments;
    }

    /** The id of ticket {@code n}. */
    public TicketId ticket(int n) {
        return ids.ticket(n);
    }

    /** The id of agent {@code n}. */
    public AgentId agent(int n) {
        return ids.agent(n);
    }

    /** The id of group {@code n}. */
    public GroupId group(int n) {
        return ids.group(n);
    }

    /** The seeded form of ticket {@code n} (1-based). */
    public Ticket seed(int n) {
        return tickets.get(n - 1);
    }

    /** The seeded form of agent {@code n} (1-based). */
    public Agent seedAgent(int n) {
        return agents.get(n - 1);
    }
}
