package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The receiver is fit, and the note says why them (seed 1.4; the common mistakes): on a payments desk made for the
 * test — London hours, which are UTC in March; the handovers happen on Monday 9 March at 13:45.
 *
 * <ul>
 *   <li>Mara (agent, 09–17), the sender of most tickets; line manager Rosa (lead, 09–17), whose manager is Hugo (head)
 *   <li>Ole (senior, 06–14: leaves at 14:00), Nora (senior, 14–22: the next shift), Ivy (senior, on leave), Kai (agent,
 *       at capacity), Lea (senior, English only), Finn (a light agent: may not take tickets)
 * </ul>
 */
final class ReceiverFitTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final GroupId PAY = GroupId.of("payments");
    private static final GroupId LEADS = GroupId.of("payments-leads");
    private static final AgentId MARA = AgentId.of("mara");
    private static final AgentId ROSA = AgentId.of("rosa");
    private static final AgentId HUGO = AgentId.of("hugo");
    private static final AgentId OLE = AgentId.of("ole");
    private static final AgentId NORA = AgentId.of("nora");
    private static final AgentId IVY = AgentId.of("ivy");
    private static final AgentId KAI = AgentId.of("kai");
    private static final AgentId LEA = AgentId.of("lea");
    private static final AgentId FINN = AgentId.of("finn");
    private static final AuthorityLimit REFUND = new AuthorityLimit(
            "refund",
            "refund_amount",
            "EUR",
            Map.of(
                    "agent", new BigDecimal("100"),
                    "senior", new BigDecimal("500"),
                    "lead", new BigDecimal("2000"),
                    "head", new BigDecimal("10000")));

    private final World world = new World();

    private ReceiverFitTest() {
        world.crm.putGroup(Group.team(PAY, "Payments"));
        world.crm.putGroup(Group.team(LEADS, "Payments leads"));
        put(HUGO, "Hugo Brandt", "head", null, 9, 17, b -> b.groups(java.util.List.of(LEADS)));
        put(ROSA, "Rosa Klein", "lead", HUGO, 9, 17, b -> b.groups(java.util.List.of(LEADS)));
        put(MARA, "Mara Vos", "agent", ROSA, 9, 17, b -> b);
        put(OLE, "Ole Berg", "senior", ROSA, 6, 14, b -> b);
        put(NORA, "Nora Fink", "senior", ROSA, 14, 22, b -> b);
        put(
                IVY,
                "Ivy Roth",
                "senior",
                ROSA,
                9,
                17,
                b -> b.absence(new Absence(
                        Instant.parse("2026-03-09T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z"), "annual leave")));
        put(KAI, "Kai Lund", "agent", ROSA, 9, 17, b -> b.capacity(1));
        put(LEA, "Lea Moor", "senior", ROSA, 9, 17, b -> b.languages(java.util.List.of(java.util.Locale.ENGLISH)));
        // Finn would be the best placed of all — at work, no tickets — but the CRM does not let him take tickets
        put(
                FINN,
                "Finn Ahl",
                "senior",
                ROSA,
                9,
                17,
                b -> b.cannotTakeTickets("a light agent in Zendesk: cannot be" + " assigned tickets"));
        // Kai already holds a ticket
        world.ticket(b -> b.assignee(KAI).group(PAY).status(TicketStatus.OPEN));
    }

    private void put(
            AgentId id, String name, String role, AgentId manager, int from, int to, UnaryOperator<Agent.Builder> b) {
        world.crm.putAgent(b.apply(Agent.builder(id)
                        .name(name)
                        .email(id.value() + "@pay.example.com")
                        .role(role)
                        .timeZone(LONDON)
                        .manager(manager)
                        .group(PAY)
                        .speaks("de", "en")
                        .skill("payments")
                        .shift(Shift.weekdays(LocalTime.of(from, 0), LocalTime.of(to, 0))))
                .build());
    }

    private Handovers engine(UnaryOperator<HandoverPolicy.Builder> policy, Target target, Target... fallbacks) {
        HandoverRule.Builder rule = HandoverRule.builder("move")
                .when(Condition.open())
                .reason(HandoverReason.EXPERTISE)
                .to(target);
        for (Target f : fallbacks) {
            rule.orElse(f);
        }
        return world.engine(policy.apply(HandoverPolicy.builder().authorityLimit(REFUND))
                .rule(rule.build())
                .build());
    }

    /** A German customer's payments ticket of Mara's asking for this refund. */
    private Ticket ticket(String refund) {
        return world.germanTicket(
                b -> b.assignee(MARA).group(PAY).priority(TicketPriority.NORMAL).customField("refund_amount", refund));
    }

    /** The rule hands Mara's ticket over as the worker's pass would. */
    private HandoverResult handOver(Handovers e, Ticket t) {
        HandoverResult r = e.evaluate(java.util.List.of(t)).get(0);
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        return r;
    }

    private String note(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .collect(Collectors.joining("\n"));
    }

    private HandoverEvent.ReceiverChosen chosen() {
        return world.events(HandoverEvent.ReceiverChosen.class).get(0);
    }

    @Test
    void theNoteSaysWhyThisReceiverAndWhoWasPassedOverAndWhy() {
        Ticket t = ticket("50");
        HandoverResult r = handOver(engine(p -> p, Target.nextShift(PAY)), t);

        assertThat(r.plan().orElseThrow().receiver().agent().map(Agent::id)).contains(NORA);
        String note = note(t);
        assertThat(note)
                .contains("Why them: Nora Fink: off shift until Mon 9 Mar 14:00 Europe/London")
                .contains("colleagues considered could take it")
                .contains("Ivy Roth (absent (annual leave) until Mon 16 Mar 00:00 Europe/London)")
                .contains("Kai Lund (at capacity (1/1 open tickets))")
                .contains("Lea Moor (does not speak de)")
                .contains("Finn Ahl (a light agent in Zendesk: cannot be assigned tickets)")
                .contains("Ole Berg (leaves at Mon 9 Mar 14:00 Europe/London, before");
        HandoverEvent.ReceiverChosen e = chosen();
        assertThat(e.receiver()).isEqualTo("agent " + NORA);
        assertThat(e.passedOver())
                .anySatisfy(p -> assertThat(p).startsWith("Ivy Roth (absent"))
                .anySatisfy(p -> assertThat(p).startsWith("Kai Lund (at capacity"))
                .noneSatisfy(p -> assertThat(p).startsWith("Mara Vos")); // the sender is no candidate
        assertThat(e.qualified()).isPositive().isLessThan(e.considered());
        assertThat(note).contains(e.explanation());
    }

    @Test
    void anAgentLeavingInFifteenMinutesIsNotChosenWhileTheNextShiftIsThere() {
        // Ole is at work now and Nora only from 14:00; Ole, with fewer tickets and available at once, would win
        Ticket t = ticket("50");
        HandoverResult stays = handOver(engine(p -> p, Target.agent(OLE), Target.nextShift(PAY)), t);

        assertThat(stays.plan().orElseThrow().receiver().agent().map(Agent::id)).contains(NORA);
        assertThat(note(t))
                .contains("A fallback was used: Ole Berg cannot take the ticket: leaves at Mon 9 Mar 14:00"
                        + " Europe/London, before Mon 9 Mar 14:30 Europe/London (the acknowledgement deadline and"
                        + " margin)");

        // the setting decides: without the stay check Ole is chosen
        Ticket u = ticket("50");
        HandoverResult leaves = handOver(engine(HandoverPolicy.Builder::noReceiverStayCheck, Target.agent(OLE)), u);
        assertThat(leaves.plan().orElseThrow().receiver().agent().map(Agent::id))
                .contains(OLE);
    }

    @Test
    void aTicketAboveACandidatesCeilingIsNotHandedToThem() {
        Ticket t = ticket("400"); // agents may approve up to 100 EUR, seniors up to 500
        HandoverResult r = handOver(engine(p -> p, Target.nextShift(PAY)), t);

        Agent receiver = r.plan().orElseThrow().receiver().agent().orElseThrow();
        assertThat(REFUND.ceilingOf(receiver.role())).isGreaterThanOrEqualTo(new BigDecimal("400"));
        assertThat(chosen().passedOver())
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("Kai Lund (not allowed to approve 400 EUR (refund_amount): role agent may approve up"
                                + " to 100 EUR)"));
        assertThat(note(t)).contains("the receiver's role senior may approve up to 500 EUR (enough)");
    }

    @Test
    void anApproverTargetPicksTheNearestManagerAllowedToApproveAndNeverOneWhoseCeilingIsTooLow() {
        Ticket t = ticket("1500"); // Mara (agent) may not; Rosa (lead) may approve up to 2000
        HandoverResult r = handOver(engine(p -> p, Target.approver()), t);

        assertThat(r.plan().orElseThrow().receiver().agent().map(Agent::id)).contains(ROSA);
        assertThat(note(t))
                .contains("Rosa Klein: available now")
                .contains("the receiver's role lead may approve up to 2000 EUR (enough)")
                .doesNotContain("(not enough: escalate)");

        // 5000 is beyond Rosa: the next manager up, Hugo, is the nearest who may approve it
        Ticket big = ticket("5000");
        HandoverResult h = handOver(engine(p -> p, Target.approver()), big);
        assertThat(h.plan().orElseThrow().receiver().agent().map(Agent::id)).contains(HUGO);
        assertThat(note(big))
                .contains("Rosa Klein (not allowed to approve 5000 EUR (refund_amount): role lead may approve up to"
                        + " 2000 EUR)");
    }

    @Test
    void anApproverOnLeaveIsPassedOverForTheNextManagerUp() {
        world.crm.editAgent(
                ROSA,
                b -> b.absence(new Absence(
                        Instant.parse("2026-03-09T12:00:00Z"), Instant.parse("2026-03-10T12:00:00Z"), "training")));
        Ticket t = ticket("1500");
        HandoverResult r = handOver(engine(p -> p, Target.approver()), t);

        assertThat(r.plan().orElseThrow().receiver().agent().map(Agent::id)).contains(HUGO);
        assertThat(note(t)).contains("Rosa Klein (absent (training) until Tue 10 Mar 12:00 Europe/London)");
    }
}
