package dev.handover.core.followup;

import static dev.handover.core.followup.Wording.name;

import dev.handover.core.calendar.Availability;
import dev.handover.core.policy.EscalationStep;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who an escalation reaches when people are missing: the rung's person if they can act before the escalation is due,
 * else the deputy named on their absence, else the next rung that can — and in words, who was passed over and why.
 * Nobody absent, inactive or away for the whole window is chosen while someone further up can act.
 */
final class Ladder {
    private final Availability availability;

    Ladder(Availability availability) {
        this.availability = availability;
    }

    /**
     * Where one escalation goes.
     *
     * @param agent the person, or empty for a group rung (or nobody at all)
     * @param rung the rung actually taken (a later one when earlier people were passed over)
     * @param passedOver one sentence per person passed over ("line manager Oliver Brown is absent … until …")
     * @param deputy true when the person stands in for the rung's absent person
     */
    record Reach(Optional<Agent> agent, FollowUpStep rung, List<String> passedOver, boolean deputy) {}

    /**
     * Resolves the escalation of {@code due}, trying it and then each later rung of {@code ladder} in order.
     *
     * @param due the rung that is due
     * @param ladder every escalation step of the item, in level order
     * @param skip rungs already taken in this sweep, never taken twice
     * @param actBy until when the recipient must be able to act
     */
    Reach resolve(
            FollowUpStep due, List<FollowUpStep> ladder, Set<String> skip, Directory dir, Instant now, Instant actBy) {
        List<String> passed = new ArrayList<>();
        List<Agent> nobodyFree = new ArrayList<>();
        FollowUpStep first = null;
        for (FollowUpStep s : ladder) {
            if (s.index() < due.index() || (s != due && skip.contains(s.key()))) {
                continue;
            }
            EscalationStep rung = s.escalation().orElseThrow();
            if (rung.level() == EscalationStep.Level.GROUP) {
                return new Reach(Optional.empty(), s, passed, false);
            }
            if (first == null) {
                first = s;
            }
            Optional<AgentId> who = target(rung, s.owner(), dir);
            if (who.isEmpty()) {
                passed.add(role(rung) + " of " + name(s.owner(), dir) + " is not set");
                continue;
            }
            Optional<Agent> agent = dir.agent(who.get());
            if (agent.isEmpty()) {
                passed.add(role(rung) + " " + who.get() + " is not in the directory");
                continue;
            }
            Agent a = agent.get();
            Availability.Verdict v = availability.check(a, now, actBy);
            if (v.available()) {
                return new Reach(agent, s, passed, false);
            }
            // the window's own deadline is the escalation's business, not news about the person
            String sentence =
                    role(rung) + " " + a.name() + " is " + v.explanation().replaceFirst(", after the deadline .*$", "");
            Optional<Agent> deputy = a.absenceAt(now)
                    .flatMap(Absence::deputy)
                    .flatMap(dir::agent)
                    .filter(d -> availability.check(d, now, actBy).available());
            if (deputy.isPresent()) {
                passed.add(sentence);
                return new Reach(deputy, s, passed, true);
            }
            passed.add(sentence);
            if (a.active() && a.canTakeTickets()) {
                nobodyFree.add(a);
            }
        }
        if (first == null) {
            return new Reach(Optional.empty(), due, passed, false);
        }
        // nobody on the ladder can act in time: the one back soonest gets it rather than nobody
        Optional<Agent> soonest = nobodyFree.stream()
                .min(Comparator.comparing(
                        a -> availability.check(a, now, Instant.MAX).from().orElse(Instant.MAX)));
        return new Reach(soonest, soonest.isPresent() ? stepOf(soonest.get(), ladder, due, dir) : due, passed, false);
    }

    private static FollowUpStep stepOf(Agent a, List<FollowUpStep> ladder, FollowUpStep due, Directory dir) {
        return ladder.stream()
                .filter(s -> s.index() >= due.index())
                .filter(s -> target(s.escalation().orElseThrow(), s.owner(), dir)
                        .map(a.id()::equals)
                        .orElse(false))
                .findFirst()
                .orElse(due);
    }

    /** "Line manager", "Head of team", "Escalation contact". */
    static String role(EscalationStep rung) {
        return switch (rung.level()) {
            case LINE_MANAGER -> "line manager";
            case HEAD_OF_TEAM -> "head of team";
            case AGENT -> "escalation contact";
            case GROUP -> "group";
        };
    }

    /** Whom a rung names for this owner, as the directory tells; empty for a group. */
    static Optional<AgentId> target(EscalationStep rung, AgentId owner, Directory dir) {
        return target(rung, owner, dir::agent);
    }

    /** Whom a rung names for this owner, looking agents up with {@code agents}; empty for a group. */
    static Optional<AgentId> target(
            EscalationStep rung, AgentId owner, java.util.function.Function<AgentId, Optional<Agent>> agents) {
        return switch (rung.level()) {
            case LINE_MANAGER -> agents.apply(owner).flatMap(Agent::manager);
            case HEAD_OF_TEAM ->
                agents.apply(owner).flatMap(Agent::manager).flatMap(agents).flatMap(Agent::manager);
            case AGENT -> rung.agent();
            case GROUP -> Optional.empty();
        };
    }
}
