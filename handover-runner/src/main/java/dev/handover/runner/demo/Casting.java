package dev.handover.runner.demo;

import dev.handover.core.Handovers;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.rule.RuleContext;
import dev.handover.core.rule.Workload;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.demo.DemoData;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Picks each scenario's tickets from the demo data set at 08:00, each ticket for one scenario only. The absent
 * agent's and the departing agent's own tickets are left to the absence and the shift change. When no ticket fits a
 * scenario as it is, the first that would fit with another holder is given to the scenario's agent, and the timeline
 * says so: the data is random per seed, the scenarios are not.
 */
final class Casting {
    private final InMemoryCrm crm;
    private final Directory directory;
    private final Handovers engine;
    private final HandoverPolicy policy;
    private final Recorder recorder;
    private final long seed;
    private final Set<TicketId> reserved = new HashSet<>();

    Casting(
            InMemoryCrm crm,
            Directory directory,
            Handovers engine,
            HandoverPolicy policy,
            Recorder recorder,
            long seed) {
        this.crm = crm;
        this.directory = directory;
        this.engine = engine;
        this.policy = policy;
        this.recorder = recorder;
        this.seed = seed;
    }

    /**
     * The first new or open ticket that fits as it is; else the first that fits once given to the agent {@code stageTo}
     * names for it, given to them.
     */
    Optional<Ticket> tryCast(Scenario s, String what, Predicate<Ticket> fits, Function<Ticket, AgentId> stageTo) {
        // new or open: a ticket waiting on the customer is reminded about, never escalated
        List<Ticket> free = crm.ticketsSnapshot().stream()
                .filter(t -> t.status() == TicketStatus.NEW || t.status() == TicketStatus.OPEN)
                .filter(t -> !reserved.contains(t.id()))
                .filter(t -> t.assignee()
                                .filter(a -> a.equals(DemoDay.SOPHIE) || a.equals(DemoDay.AMELIA))
                                .isEmpty()
                        || t.assignee().get().equals(stageTo.apply(t)))
                .toList();
        for (Ticket t : free) {
            if (fits.test(t)) {
                reserved.add(t.id());
                return Optional.of(t);
            }
        }
        for (Ticket t : free) {
            AgentId to = stageTo.apply(t);
            if (t.assignee().filter(to::equals).isEmpty()
                    && fits.test(t.toBuilder().assignee(to).group(teamOf(to)).build())) {
                return Optional.of(stage(t, to, s, what));
            }
        }
        return Optional.empty();
    }

    Ticket cast(Scenario s, String what, Predicate<Ticket> fits, Function<Ticket, AgentId> stageTo) {
        return tryCast(s, what, fits, stageTo)
                .orElseThrow(() -> new IllegalStateException(
                        "the demo data of seed " + seed + " has no ticket for \"" + s.title() + "\": " + what));
    }

    /** Gives a ticket to an agent so the scene has what it needs, and says so. */
    private Ticket stage(Ticket t, AgentId to, Scenario s, String what) {
        reserved.add(t.id());
        String before = holder(t).map(Agent::name).orElse("nobody (Triage)");
        Ticket moved = crm.editTicket(t.id(), b -> b.assignee(to).group(teamOf(to)));
        recorder.add(new Entry(
                crm.clock().instant(),
                Scenario.SCENE,
                "scene",
                t.id().value(),
                "",
                before,
                name(to),
                "ticket " + t.id() + " goes from " + before + " to " + name(to) + ", to set the scene for \""
                        + s.title() + "\": " + what,
                List.of(),
                List.of()));
        return moved;
    }

    /** The absence and the shift change need their agent to hold a few open tickets of their own. */
    void stageAtLeast(AgentId agent, int count, Scenario s) {
        List<Ticket> open =
                crm.ticketsSnapshot().stream().filter(Ticket::isOpen).toList();
        long held = open.stream()
                .filter(t -> t.assignee().filter(agent::equals).isPresent() && !reserved.contains(t.id()))
                .count();
        List<Ticket> spare = open.stream()
                .filter(t -> !reserved.contains(t.id()) && language(t).equals("en"))
                .filter(t -> t.assignee()
                        .filter(a -> a.equals(DemoDay.SOPHIE) || a.equals(DemoDay.AMELIA))
                        .isEmpty())
                .toList();
        for (int i = 0; i < count - held && i < spare.size(); i++) {
            stage(spare.get(i), agent, s, "an English ticket for " + name(agent) + " to hand over");
        }
    }

    /** A billing question the billing rule hands to Billing L2 at that time. */
    Predicate<Ticket> billingQuestion(Instant when) {
        return t -> holder(t).filter(a -> !a.id().equals(DemoDay.AMELIA)).isPresent()
                && firstRule(t, when).equals(DemoPolicy.BILLING);
    }

    /** A refund above an agent's limit, held by Amelia or Lukas, for a refund specialist at work then who speaks the language. */
    Predicate<Ticket> refundAboveLimit(Instant when) {
        return t -> amount(t).compareTo(DemoPolicy.REFUND_LIMIT.ceilingOf("agent")) > 0
                && holder(t)
                        .filter(a -> a.id().equals(DemoDay.AMELIA) || a.id().equals(DemoDay.LUKAS))
                        .isPresent()
                && directory.members(DemoData.BILLING_L2).stream()
                        .anyMatch(a -> a.hasSkill("refunds")
                                && t.effectiveLanguage().filter(a::speaks).isPresent()
                                && engine.availability().isAvailable(a, when));
    }

    /** The first rule that applies to this ticket at that time, or "" for none. */
    String firstRule(Ticket t, Instant when) {
        RuleContext ctx =
                RuleContext.of(t, when, directory, engine.availability(), Workload.NONE, policy.defaultCalendar());
        return policy.rules().stream()
                .filter(r -> r.condition().test(ctx))
                .map(HandoverRule::id)
                .findFirst()
                .orElse("");
    }

    Optional<Agent> holder(Ticket t) {
        return t.assignee().flatMap(directory::agent);
    }

    String holderName(Ticket t) {
        return holder(t).map(Agent::name).orElse("nobody");
    }

    /** Held by a front-line EMEA agent at work then. */
    boolean inEmea(Ticket t, Instant when) {
        return holder(t)
                .filter(a -> a.groups().contains(DemoData.EMEA) && a.manager().isPresent())
                .filter(a -> a.role().equals("agent") || a.role().equals("senior"))
                .filter(a -> engine.availability().isAvailable(a, when))
                .isPresent();
    }

    static String language(Ticket t) {
        return t.effectiveLanguage().map(Locale::getLanguage).orElse("");
    }

    static String category(Ticket t) {
        return t.customFields().getOrDefault("category", "");
    }

    static BigDecimal amount(Ticket t) {
        return DemoPolicy.REFUND_LIMIT.amountOf(t.customFields()).orElse(BigDecimal.ZERO);
    }

    private GroupId teamOf(AgentId agent) {
        return directory.agent(agent).map(Recorder::teamOf).orElse(DemoData.EMEA);
    }

    private String name(AgentId id) {
        return directory.agent(id).map(Agent::name).orElse(id.value());
    }
}
