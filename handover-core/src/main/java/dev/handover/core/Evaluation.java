package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.rule.RuleContext;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the policy's rules to tickets: the first applicable rule of each decides, and its handover is planned (a
 * dry run) or written. After a conflict a handover is planned again only while its rule still applies.
 */
final class Evaluation {
    private final Parts parts;

    Evaluation(Parts parts) {
        this.parts = parts;
    }

    /**
     * What the rules would do with these tickets, without writing anything. Like {@link #evaluate}, the rules are
     * matched first and the conversations of the matched tickets read in one batch, so a dry run predicts the run.
     */
    List<HandoverResult> dryRun(Collection<Ticket> tickets) {
        Instant now = parts.clock().instant();
        Directory dir = parts.directory().get();
        LiveWorkload workload = new LiveWorkload(parts.crm());
        List<Ticket> all = List.copyOf(tickets);
        List<Optional<HandoverRule>> rules = new ArrayList<>();
        List<Ticket> handedOver = new ArrayList<>();
        for (Ticket t : all) {
            Optional<HandoverRule> rule = firstApplicable(t, now, dir, workload);
            rules.add(rule);
            rule.ifPresent(r -> handedOver.add(t));
        }
        Map<TicketId, Planner.FirstPage> history = parts.planner().recentHistory(handedOver);
        List<HandoverResult> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Ticket t = all.get(i);
            if (rules.get(i).isEmpty()) {
                out.add(HandoverResult.notApplicable(t.id()));
                continue;
            }
            Planner.Outcome o = parts.planner().plan(ruleSpec(t, rules.get(i).get(), now, dir), dir, workload, history);
            if (o instanceof Planner.Planned p) {
                workload.moved(t.assignee(), p.plan().receiver().agent().map(Agent::id));
                parts.events()
                        .on(new HandoverEvent.Planned(
                                now,
                                t.id(),
                                p.plan().id(),
                                p.plan().rule(),
                                p.plan().reason().code(),
                                Execution.receiverId(p.plan())));
                out.add(HandoverResult.planned(p.plan()));
            } else {
                out.add(HandoverResult.refused(t.id(), ((Planner.Refusal) o).why()));
            }
        }
        return out;
    }

    /** Hands over the tickets a rule applies to, in batches of the connector's size. */
    List<HandoverResult> evaluate(Collection<Ticket> tickets) {
        Instant now = parts.clock().instant();
        Directory dir = parts.directory().get();
        LiveWorkload workload = new LiveWorkload(parts.crm());
        List<Execution.Pending> pending = new ArrayList<>();
        Map<TicketId, HandoverResult> skipped = new LinkedHashMap<>();
        List<TicketId> order = new ArrayList<>();
        for (Ticket t : tickets) {
            order.add(t.id());
            Optional<HandoverRule> rule = firstApplicable(t, now, dir, workload);
            if (rule.isEmpty()) {
                skipped.put(t.id(), HandoverResult.notApplicable(t.id()));
                continue;
            }
            HandoverRule r = rule.get();
            pending.add(new Execution.Pending(ruleSpec(t, r, now, dir), fresh -> {
                Instant later = parts.clock().instant();
                // after a conflict the rule must still apply to the ticket as it is now
                return applies(r, fresh, later, dir, workload)
                        ? Optional.of(ruleSpec(fresh, r, later, dir))
                        : Optional.empty();
            }));
        }
        return merge(order, skipped, parts.execution().execute(pending, dir, workload));
    }

    private Optional<HandoverRule> firstApplicable(Ticket t, Instant now, Directory dir, LiveWorkload workload) {
        RuleContext ctx = RuleContext.of(
                t, now, dir, parts.availability(), workload, parts.policy().defaultCalendar());
        for (HandoverRule r : parts.policy().rules()) {
            if ((r.repeatable() || !t.hasTag(Planner.ruleTag(r.id())))
                    && r.condition().test(ctx)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private boolean applies(HandoverRule r, Ticket t, Instant now, Directory dir, LiveWorkload workload) {
        RuleContext ctx = RuleContext.of(
                t, now, dir, parts.availability(), workload, parts.policy().defaultCalendar());
        return (r.repeatable() || !t.hasTag(Planner.ruleTag(r.id())))
                && r.condition().test(ctx);
    }

    private Planner.Spec ruleSpec(Ticket t, HandoverRule r, Instant now, Directory dir) {
        Optional<Agent> sender = t.assignee().flatMap(dir::agent);
        return Planner.Spec.fromRule(
                t,
                now,
                r,
                r.targets(),
                sender,
                r.reason(),
                ruleDetail(r, t, sender, now),
                r.notifyCustomer(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Map.of());
    }

    private String ruleDetail(HandoverRule r, Ticket t, Optional<Agent> sender, Instant now) {
        String who = sender.map(Agent::name).orElse("nobody");
        String code = r.reason().code();
        return switch (code) {
            case "language" ->
                t.effectiveLanguage()
                        .map(l -> "the customer writes in " + l.getDisplayLanguage(Locale.ENGLISH) + ", which " + who
                                + " does not speak")
                        .orElse(r.description());
            case "shift-change" ->
                sender.flatMap(a -> parts.availability().shiftEnd(a, now))
                        .map(end -> who + "'s shift ends at "
                                + Availability.describe(end, sender.get().timeZone()))
                        .orElse(r.description());
            case "absence" ->
                sender.flatMap(a -> a.absenceAt(now))
                        .map(a -> who + " is away until "
                                + Availability.describe(a.until(), sender.get().timeZone()))
                        .orElse(r.description());
            default -> r.description() + " (rule " + r.id() + ")";
        };
    }

    private static List<HandoverResult> merge(
            List<TicketId> order, Map<TicketId, HandoverResult> skipped, List<HandoverResult> executed) {
        List<HandoverResult> out = new ArrayList<>();
        int next = 0;
        for (TicketId id : order) {
            HandoverResult s = skipped.get(id);
            out.add(s != null ? s : executed.get(next++));
        }
        return out;
    }
}
