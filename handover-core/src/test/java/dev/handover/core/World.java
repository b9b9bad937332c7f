package dev.handover.core;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.time.MutableClock;
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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A small support organisation on an InMemoryCrm, built by hand so scenarios are exact: Monday 9 March 2026, London
 * (GMT, UTC+0) and New York (UTC−4 after 8 March).
 */
final class World {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant MONDAY_1345 = Instant.parse("2026-03-09T13:45:00Z");

    static final GroupId EMEA = GroupId.of("emea");
    static final GroupId BILLING = GroupId.of("billing");
    static final GroupId RELATIONS = GroupId.of("relations");
    static final GroupId TRIAGE = GroupId.of("triage");

    static final AgentId GRACE = AgentId.of("grace");
    static final AgentId OLIVER = AgentId.of("oliver");
    static final AgentId AMELIA = AgentId.of("amelia");
    static final AgentId LUKAS = AgentId.of("lukas");
    static final AgentId JONAS = AgentId.of("jonas");
    static final AgentId SOPHIE = AgentId.of("sophie");
    static final AgentId TOM = AgentId.of("tom");
    static final AgentId CARLOS = AgentId.of("carlos");

    final MutableClock clock = MutableClock.at(MONDAY_1345);
    final InMemoryCrm crm;
    final List<HandoverEvent> events = new ArrayList<>();
    private int nextTicket = 1000;

    World() {
        this(c -> c);
    }

    World(UnaryOperator<dev.handover.spi.CrmCapabilities.Builder> capabilities) {
        crm = InMemoryCrm.builder()
                .clock(clock)
                .sleeper(clock::advance)
                .capabilities(b -> capabilities.apply(b.maxWriteBatchSize(50)))
                .build();
        crm.putGroup(Group.team(EMEA, "EMEA Support"));
        crm.putGroup(Group.team(BILLING, "Billing L2"));
        crm.putGroup(Group.team(RELATIONS, "Customer Relations"));
        crm.putGroup(Group.queue(TRIAGE, "Triage"));
        crm.putAgent(agent(GRACE, "Grace Okafor", "head", null, 9, 17, "en")
                .group(RELATIONS)
                .capacity(20)
                .build());
        crm.putAgent(agent(OLIVER, "Oliver Bennett", "lead", GRACE, 8, 16, "en", "de")
                .group(EMEA, RELATIONS)
                .skill("complaints", "billing")
                .capacity(15)
                .build());
        crm.putAgent(agent(AMELIA, "Amelia Clarke", "agent", OLIVER, 6, 14, "en")
                .group(EMEA)
                .skill("general", "billing")
                .capacity(10)
                .build());
        crm.putAgent(agent(LUKAS, "Lukas Becker", "agent", OLIVER, 8, 16, "de", "en")
                .group(EMEA)
                .skill("technical", "general")
                .capacity(10)
                .build());
        crm.putAgent(agent(JONAS, "Jonas Weber", "senior", OLIVER, 14, 22, "de", "en")
                .group(EMEA, BILLING)
                .skill("billing", "refunds")
                .capacity(10)
                .build());
        crm.putAgent(agent(SOPHIE, "Sophie Martin", "senior", OLIVER, 9, 17, "fr", "en")
                .group(EMEA, BILLING)
                .skill("billing", "refunds")
                .capacity(10)
                .build());
        crm.putAgent(Agent.builder(TOM)
                .name("Tom Hughes")
                .role("agent")
                .timeZone(LONDON)
                .manager(OLIVER)
                .group(EMEA)
                .speaks("en")
                .skill("general")
                .capacity(10)
                .shift(Shift.of(
                        EnumSet.of(
                                DayOfWeek.SUNDAY,
                                DayOfWeek.MONDAY,
                                DayOfWeek.TUESDAY,
                                DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY),
                        LocalTime.of(22, 0),
                        LocalTime.of(6, 0)))
                .build());
        crm.putAgent(Agent.builder(CARLOS)
                .name("Carlos Ramírez")
                .role("senior")
                .timeZone(NEW_YORK)
                .manager(OLIVER)
                .group(BILLING)
                .speaks("es", "en")
                .skill("billing", "refunds")
                .capacity(10)
                .shift(Shift.weekdays(LocalTime.of(8, 0), LocalTime.of(16, 0)))
                .build());
    }

    private static Agent.Builder agent(
            AgentId id, String name, String role, AgentId manager, int from, int to, String... languages) {
        return Agent.builder(id)
                .name(name)
                .email(id.value() + "@support.example.com")
                .role(role)
                .timeZone(LONDON)
                .manager(manager)
                .speaks(languages)
                .shift(Shift.weekdays(LocalTime.of(from, 0), LocalTime.of(to, 0)));
    }

    /** A ticket with sensible defaults, stored in the CRM. */
    Ticket ticket(UnaryOperator<Ticket.Builder> b) {
        TicketId id = TicketId.of(Integer.toString(++nextTicket));
        Ticket.Builder base = Ticket.builder(id)
                .subject("Refund not received for order ORD-" + nextTicket)
                .description("I returned the order two weeks ago and have not been refunded.")
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id("cust-" + nextTicket)
                        .name("Olivia Harris")
                        .email("olivia@example.org")
                        .phone("+44 20 7946 0001")
                        .language(Locale.ENGLISH)
                        .tier("gold")
                        .build())
                .channel(Channel.EMAIL)
                .assignee(AMELIA)
                .group(EMEA)
                .createdAt(MONDAY_1345.minus(Duration.ofHours(5)))
                .updatedAt(MONDAY_1345.minus(Duration.ofHours(1)))
                .version(Version.of("seed"));
        return crm.putTicket(b.apply(base).build());
    }

    /** A German customer's ticket. */
    Ticket germanTicket(UnaryOperator<Ticket.Builder> b) {
        return ticket(t -> b.apply(t.subject("Rückerstattung fehlt")
                .description("Ich habe die Bestellung zurückgeschickt und noch keine Erstattung erhalten.")
                .requester(Customer.builder()
                        .id("cust-de")
                        .name("Anna Müller")
                        .email("anna@example.de")
                        .language(Locale.GERMAN)
                        .build())
                .language(Locale.GERMAN)));
    }

    Handovers engine(HandoverPolicy policy) {
        return Handovers.builder()
                .connector(crm)
                .policy(policy)
                .clock(clock)
                .sleeper(clock::advance)
                .listener(events::add)
                .build();
    }

    Ticket reread(Ticket t) {
        return crm.ticketSnapshot(t.id()).orElseThrow();
    }

    <E extends HandoverEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
