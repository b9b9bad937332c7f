package dev.handover.core.selection;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.routing.Receiver;
import dev.handover.core.routing.ReceiverRequirements;
import dev.handover.core.routing.Selection;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses who receives a ticket, and never someone who cannot take it — the most common handover mistake:
 * every agent candidate is checked for being active, not the sender, not excluded by the ping-pong guard, skilled,
 * speaking the customer's language, available (present, not absent, on shift) before the deadline, and under
 * capacity. When nobody qualifies it says exactly why, per candidate and in one sentence, and the caller follows the
 * rule's fallback or refuses.
 */
public final class ReceiverSelector {
    /** How far up a manager chain an approver is looked for. */
    private static final int MAX_CHAIN = 6;

    private final Availability availability;
    private final Collection<AuthorityLimit> limits;

    /** A selector using these working hours and absences, without limits of authority. */
    public ReceiverSelector(Availability availability) {
        this(availability, List.of());
    }

    /** A selector using these working hours and absences and these limits of authority. */
    public ReceiverSelector(Availability availability, Collection<AuthorityLimit> limits) {
        this.availability = Objects.requireNonNull(availability, "availability");
        this.limits = List.copyOf(limits);
    }

    /** Tries the targets in order (the rule's target, then its fallbacks) and returns the first receiver found. */
    public Selection select(List<Target> targets, SelectionContext ctx) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target is needed");
        }
        List<String> reasons = new ArrayList<>();
        List<Selection.Verdict> considered = new ArrayList<>();
        for (Target target : targets) {
            Selection s = select(target, ctx);
            if (s instanceof Selection.Chosen chosen) {
                return new Selection.Chosen(chosen.receiver(), target, chosen.why(), reasons, chosen.considered());
            }
            Selection.Refused refused = (Selection.Refused) s;
            reasons.add(refused.summary());
            considered.addAll(refused.considered());
        }
        return new Selection.Refused(String.join("; then ", reasons), reasons, considered);
    }

    /** Tries one target. */
    public Selection select(Target target, SelectionContext ctx) {
        if (target instanceof Target.GroupQueue q) {
            return queue(q.group(), ctx, target);
        } else if (target instanceof Target.NamedAgent n) {
            return single(ctx.directory().agent(n.agent()), "agent " + n.agent(), target, ctx, null);
        } else if (target instanceof Target.LineManager) {
            return lineManager(ctx, target);
        } else if (target instanceof Target.OriginalOwner) {
            return originalOwner(ctx, target);
        } else if (target instanceof Target.BestAvailable b) {
            return best(b.group(), ctx.requirements().withSkills(b.skills()), target, ctx);
        } else if (target instanceof Target.NextShift s) {
            return nextShift(s, ctx, target);
        } else if (target instanceof Target.Approver a) {
            return approver(a, ctx, target);
        }
        throw new IllegalArgumentException("unknown target " + target);
    }

    private Selection queue(GroupId id, SelectionContext ctx, Target target) {
        Optional<Group> group = ctx.directory().group(id);
        if (group.isEmpty()) {
            return new Selection.Refused("group " + id + " does not exist in the directory", List.of(), List.of());
        }
        return new Selection.Chosen(
                Receiver.queue(group.get()),
                target,
                "waits in " + group.get().name() + " for the next free colleague",
                List.of(),
                List.of());
    }

    private Selection lineManager(SelectionContext ctx, Target target) {
        if (ctx.sender().isEmpty()) {
            return new Selection.Refused(
                    "the ticket has no assignee, so there is no line manager to hand it to", List.of(), List.of());
        }
        Agent sender = ctx.sender().get();
        if (sender.manager().isEmpty()) {
            return new Selection.Refused(sender.name() + " has no line manager in the directory", List.of(), List.of());
        }
        return single(
                ctx.directory().agent(sender.manager().get()),
                sender.name() + "'s line manager " + sender.manager().get(),
                target,
                ctx,
                "line manager");
    }

    private Selection originalOwner(SelectionContext ctx, Target target) {
        if (ctx.originalOwner().isEmpty()) {
            return new Selection.Refused(
                    "the ticket's history names no earlier owner to hand it back to", List.of(), List.of());
        }
        // handing back is the point here, so the ping-pong guard does not apply to the original owner
        SelectionContext withoutGuard = new SelectionContext(
                ctx.ticket(),
                ctx.now(),
                ctx.directory(),
                ctx.workload(),
                ctx.sender(),
                ctx.originalOwner(),
                java.util.Map.of(),
                ctx.requirements());
        return single(
                ctx.directory().agent(ctx.originalOwner().get()),
                "original owner " + ctx.originalOwner().get(),
                target,
                withoutGuard,
                "original owner");
    }

    private Selection single(
            Optional<Agent> candidate, String label, Target target, SelectionContext ctx, String role) {
        if (candidate.isEmpty()) {
            return new Selection.Refused(label + " does not exist in the directory", List.of(), List.of());
        }
        Agent agent = candidate.get();
        Check check = check(agent, ctx, ctx.requirements());
        Selection.Verdict verdict = check.verdict();
        if (!check.qualifies()) {
            String who = role == null ? agent.name() : agent.name() + " (" + role + ")";
            return new Selection.Refused(
                    who + " cannot take the ticket: " + check.reason(), List.of(), List.of(verdict));
        }
        return new Selection.Chosen(
                Receiver.agent(agent, groupFor(agent, ctx, null)),
                target,
                agent.name() + ": " + check.reason(),
                List.of(),
                List.of(verdict));
    }

    private Selection best(GroupId groupId, ReceiverRequirements req, Target target, SelectionContext ctx) {
        Optional<Group> group = ctx.directory().group(groupId);
        if (group.isEmpty()) {
            return new Selection.Refused("group " + groupId + " does not exist in the directory", List.of(), List.of());
        }
        return rank(ctx.directory().members(groupId), group.get(), req, target, ctx);
    }

    private Selection nextShift(Target.NextShift s, SelectionContext ctx, Target target) {
        Optional<GroupId> team = s.team()
                .or(() -> ctx.sender().flatMap(a -> a.groups().stream().findFirst()))
                .or(ctx.ticket()::group);
        if (team.isEmpty()) {
            return new Selection.Refused(
                    "the sender belongs to no team whose next shift could take the ticket", List.of(), List.of());
        }
        Optional<Group> group = ctx.directory().group(team.get());
        if (group.isEmpty()) {
            return new Selection.Refused(
                    "team " + team.get() + " does not exist in the directory", List.of(), List.of());
        }
        return rank(ctx.directory().members(team.get()), group.get(), ctx.requirements(), target, ctx);
    }

    private Selection approver(Target.Approver a, SelectionContext ctx, Target target) {
        ReceiverRequirements req = ctx.requirements().withAuthority(true);
        List<Selection.Verdict> verdicts = new ArrayList<>();
        // the nearest first: each manager up the chain, then the team
        Optional<Agent> at = ctx.sender();
        for (int i = 0; i < MAX_CHAIN && at.isPresent(); i++) {
            Optional<Agent> manager = at.get().manager().flatMap(ctx.directory()::agent);
            if (manager.isEmpty()) {
                break;
            }
            Check c = check(manager.get(), ctx, req);
            verdicts.add(c.verdict());
            if (c.qualifies()) {
                Agent m = manager.get();
                return new Selection.Chosen(
                        Receiver.agent(m, groupFor(m, ctx, null)),
                        target,
                        m.name() + ": " + c.reason() + " (the nearest in the manager chain allowed to approve it)",
                        List.of(),
                        verdicts);
            }
            at = manager;
        }
        Optional<GroupId> team = a.group()
                .or(() -> ctx.sender().flatMap(s -> s.groups().stream().findFirst()))
                .or(ctx.ticket()::group);
        Optional<Group> group = team.flatMap(ctx.directory()::group);
        if (group.isEmpty()) {
            return new Selection.Refused(
                    "nobody in the manager chain may approve it, and there is no team to look in", List.of(), verdicts);
        }
        Selection inTeam = rank(ctx.directory().members(group.get().id()), group.get(), req, target, ctx);
        List<Selection.Verdict> all = new ArrayList<>(verdicts);
        inTeam.considered().stream()
                .filter(v -> verdicts.stream().noneMatch(x -> x.agentId().equals(v.agentId())))
                .forEach(all::add);
        if (inTeam instanceof Selection.Chosen c) {
            return new Selection.Chosen(c.receiver(), target, c.why(), List.of(), all);
        }
        return new Selection.Refused(
                "nobody in the manager chain or " + group.get().name() + " may approve it and can take the ticket",
                List.of(),
                all);
    }

    private Selection rank(
            List<Agent> members, Group group, ReceiverRequirements req, Target target, SelectionContext ctx) {
        List<Check> checks = new ArrayList<>();
        for (Agent a : members) {
            checks.add(check(a, ctx, req));
        }
        List<Selection.Verdict> verdicts = checks.stream().map(Check::verdict).toList();
        Optional<Check> best = checks.stream()
                .filter(Check::qualifies)
                .min(Comparator.comparing(Check::availableFrom)
                        .thenComparingInt(Check::load)
                        .thenComparing(c -> c.agent().id()));
        if (best.isPresent()) {
            Agent a = best.get().agent();
            return new Selection.Chosen(
                    Receiver.agent(a, groupFor(a, ctx, group)),
                    target,
                    a.name() + ": " + best.get().reason() + " (best of "
                            + checks.stream().filter(Check::qualifies).count() + " qualified in " + group.name() + ")",
                    List.of(),
                    verdicts);
        }
        return new Selection.Refused(summary(group, req, ctx, members.isEmpty()), List.of(), verdicts);
    }

    /** "no agent in Billing L2 speaks de and is on shift before Mon 9 Mar 17:00 UTC". */
    private static String summary(Group group, ReceiverRequirements req, SelectionContext ctx, boolean empty) {
        if (empty) {
            return group.name() + " has no members";
        }
        List<String> needs = new ArrayList<>();
        if (!req.skills().isEmpty()) {
            needs.add("has the skill" + (req.skills().size() == 1 ? " " : "s ")
                    + String.join(", ", req.skills().stream().sorted().toList()));
        }
        if (req.language() && ctx.ticket().effectiveLanguage().isPresent()) {
            needs.add("speaks " + ctx.ticket().effectiveLanguage().get().getLanguage());
        }
        needs.add("is on shift before " + Availability.describe(deadline(ctx, req), ZoneOffset.UTC));
        if (req.capacity()) {
            needs.add("has capacity left");
        }
        return "no agent in " + group.name() + " " + String.join(" and ", needs);
    }

    private static Instant deadline(SelectionContext ctx, ReceiverRequirements req) {
        return ctx.now().plus(req.availableWithin());
    }

    /** The ticket's current group when the agent belongs to it, else the preferred group, else the agent's first. */
    private static Optional<Group> groupFor(Agent agent, SelectionContext ctx, Group preferred) {
        // a rule that names a group ("go to Billing L2") puts the ticket in that group, even when the chosen agent is
        // also a member of the ticket's current group: the group is what the team's queues and reports follow
        if (preferred != null && agent.groups().contains(preferred.id())) {
            return Optional.of(preferred);
        }
        Optional<GroupId> current = ctx.ticket().group().filter(agent.groups()::contains);
        if (current.isPresent()) {
            return ctx.directory().group(current.get());
        }
        return agent.groups().stream()
                .map(ctx.directory()::group)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Check check(Agent agent, SelectionContext ctx, ReceiverRequirements req) {
        int load = ctx.workload().openTickets(agent.id());
        if (ctx.sender().map(s -> s.id().equals(agent.id())).orElse(false)) {
            return Check.no(agent, load, Selection.SENDER);
        }
        String excluded = ctx.excluded().get(agent.id());
        if (excluded != null) {
            return Check.no(agent, load, excluded);
        }
        if (!agent.active()) {
            return Check.no(agent, load, "inactive in the CRM");
        }
        if (!agent.canTakeTickets()) {
            return Check.no(agent, load, agent.cannotTakeTickets());
        }
        for (String skill : req.skills()) {
            if (!agent.hasSkill(skill)) {
                return Check.no(agent, load, "lacks the skill " + skill);
            }
        }
        Optional<Locale> language = ctx.ticket().effectiveLanguage();
        if (req.language() && language.isPresent() && !agent.speaks(language.get())) {
            return Check.no(agent, load, "does not speak " + language.get().getLanguage());
        }
        if (req.authority()) {
            Optional<String> shortfall = authorityShortfall(agent, ctx);
            if (shortfall.isPresent()) {
                return Check.no(agent, load, shortfall.get());
            }
        }
        Availability.Verdict v = availability.check(agent, ctx.now(), deadline(ctx, req));
        if (!v.available()) {
            return Check.no(agent, load, v.explanation());
        }
        if (!req.staysFor().isZero()) {
            // able to act means staying: someone leaving in fifteen minutes is not the one to take it on
            Instant from = v.from().orElse(ctx.now());
            Instant needed = from.plus(req.staysFor());
            Optional<Instant> leaves = leaves(agent, from, needed);
            if (leaves.isPresent()) {
                return Check.no(
                        agent,
                        load,
                        "leaves at " + Availability.describe(leaves.get(), agent.timeZone()) + ", before "
                                + Availability.describe(needed, agent.timeZone())
                                + " (the acknowledgement deadline and margin)");
            }
        }
        if (req.capacity() && agent.capacity() != Agent.UNLIMITED && load >= agent.capacity()) {
            return Check.no(agent, load, "at capacity (" + load + "/" + agent.capacity() + " open tickets)");
        }
        String capacity = agent.capacity() == Agent.UNLIMITED
                ? load + " open tickets"
                : load + "/" + agent.capacity() + " open tickets";
        String when = v.availableNow() ? "available now" : v.explanation();
        return new Check(agent, true, when + ", " + capacity, load, v.from().orElse(ctx.now()));
    }

    /** When the agent stops working before {@code needed}: their shift ends or an absence begins; empty if not. */
    private Optional<Instant> leaves(Agent agent, Instant from, Instant needed) {
        BusinessCalendar hours = availability.calendarOf(agent);
        Optional<Instant> end = hours.isAlwaysOpen()
                ? Optional.empty()
                : hours.periodAt(from).map(BusinessCalendar.Period::end).filter(e -> e.isBefore(needed));
        Optional<Instant> away = agent.absences().stream()
                .map(Absence::from)
                .filter(f -> f.isAfter(from) && f.isBefore(needed))
                .min(Comparator.naturalOrder());
        return end.isPresent() && away.isPresent()
                ? Optional.of(end.get().isBefore(away.get()) ? end.get() : away.get())
                : end.or(() -> away);
    }

    /**
     * What the agent's role may not approve of what the ticket asks for, by the policy's limits of authority: "may
     * approve up to 100 EUR, the ticket's refund_amount is 1200 EUR".
     */
    private Optional<String> authorityShortfall(Agent agent, SelectionContext ctx) {
        for (AuthorityLimit limit : limits) {
            Optional<BigDecimal> amount = limit.amountOf(ctx.ticket().customFields());
            if (amount.isEmpty()) {
                continue;
            }
            BigDecimal ceiling = limit.ceilingOf(agent.role());
            if (ceiling.compareTo(amount.get()) < 0) {
                String unit = limit.unit().isEmpty() ? "" : " " + limit.unit();
                return Optional.of("not allowed to approve " + amount.get().toPlainString() + unit + " ("
                        + limit.field() + "): role " + (agent.role().isBlank() ? "(none)" : agent.role())
                        + " may approve up to " + ceiling.toPlainString() + unit);
            }
        }
        return Optional.empty();
    }

    /** One agent checked: whether they qualify and why, and what ranks the qualified (availability, then load). */
    private record Check(Agent agent, boolean qualifies, String reason, int load, Instant availableFrom) {
        static Check no(Agent agent, int load, String reason) {
            return new Check(agent, false, reason, load, Instant.MAX);
        }

        Selection.Verdict verdict() {
            return new Selection.Verdict(agent.id().value(), agent.name(), qualifies, reason);
        }
    }
}
