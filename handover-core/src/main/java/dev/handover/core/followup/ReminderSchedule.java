package dev.handover.core.followup;

import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.TicketPriority;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * When a handover is followed up: the steps of its reminder policy for the receiver's acknowledgement, each required
 * action and the next customer contact — check-ins, reminders, re-targeting, escalation — each moved into the working
 * hours of the person it goes to and out of their quiet hours, and scaled by the ticket's priority.
 *
 * <p>A pure function of the handover's record, the policy, the priority and the working hours: a worker that starts
 * cold computes the same schedule from the ticket alone, which is what makes the follow-up stateless.
 */
final class ReminderSchedule {
    private static final int MAX_ADJUSTMENTS = 16;
    /** How far before a close or the start of quiet hours a step moved back lands. */
    private static final Duration LAST_MOMENT = Duration.ofMinutes(1);

    private final ReminderPolicy policy;
    private final TicketPriority priority;
    private final Function<AgentId, Optional<Agent>> directory;
    private final Function<Agent, BusinessCalendar> calendars;
    private final BusinessCalendar fallback;

    /**
     * @param policy the reminder policy
     * @param priority the ticket's priority, for scaling
     * @param directory finds agents (and their managers, for escalation steps' working hours)
     * @param calendars an agent's working hours
     * @param fallback the working hours of people the directory does not know
     */
    ReminderSchedule(
            ReminderPolicy policy,
            TicketPriority priority,
            Function<AgentId, Optional<Agent>> directory,
            Function<Agent, BusinessCalendar> calendars,
            BusinessCalendar fallback) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.priority = Objects.requireNonNull(priority, "priority");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** Every step of the handover's follow-up, in time order. */
    List<FollowUpStep> steps(HandoverRecord r) {
        List<FollowUpStep> out = new ArrayList<>();
        if (r.acknowledgeBy().isPresent() && r.to().isPresent()) {
            acknowledgement(r.to().get(), r.acknowledgeBy().get(), out);
        }
        for (HandoverRecord.Action a : r.actions()) {
            if (a.owner().isPresent()) {
                deadline(Item.action(a.key()), a.owner().get(), a.due(), r.at(), StepKind.OVERDUE_REMINDER, true, out);
            }
        }
        if (r.contactBy().isPresent() && r.to().isPresent()) {
            // a promise due at the same moment gets the check-in, in its own words
            boolean promiseThen = r.promises().stream().anyMatch(p -> p.due().equals(r.contactBy()));
            deadline(
                    Item.CONTACT,
                    r.to().get(),
                    r.contactBy().get(),
                    r.at(),
                    StepKind.CONTACT_REMINDER,
                    !promiseThen,
                    out);
        }
        if (r.to().isPresent() && !policy.followUpLead().isZero()) {
            for (HandoverRecord.Promise p : r.promises()) {
                if (p.due().isPresent()) {
                    AgentId receiver = r.to().get();
                    checkIn(receiver, p.due().get(), r.at())
                            .ifPresent(at -> out.add(new FollowUpStep(
                                    Item.promise(p.key()), StepKind.CHECK_IN, 0, at, receiver, Optional.empty())));
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** The first step after {@code after} among those not yet done, if any: when the follow-up is next due. */
    static Optional<Instant> next(List<FollowUpStep> steps, Set<String> done, Instant after) {
        return steps.stream()
                .filter(s -> !done.contains(s.key()) && s.at().isAfter(after))
                .map(FollowUpStep::at)
                .min(Instant::compareTo);
    }

    private void acknowledgement(AgentId receiver, Instant deadline, List<FollowUpStep> out) {
        int reminders = policy.retargetAfterReminders() > 0 ? policy.retargetAfterReminders() : policy.maxReminders();
        BusinessCalendar hours = hoursOf(receiver);
        Instant t = adjust(hours.plus(deadline, scaled(policy.acknowledgementReminderAfter())), receiver);
        for (int k = 1; k <= reminders; k++) {
            out.add(new FollowUpStep(
                    Item.ACKNOWLEDGEMENT, StepKind.ACKNOWLEDGEMENT_REMINDER, k, t, receiver, Optional.empty()));
            t = adjust(hours.plus(t, scaled(policy.repeatEvery())), receiver);
        }
        if (policy.retargetAfterReminders() > 0) {
            out.add(new FollowUpStep(Item.ACKNOWLEDGEMENT, StepKind.RETARGET, 0, t, receiver, Optional.empty()));
        } else {
            escalations(Item.ACKNOWLEDGEMENT, receiver, deadline, out);
        }
    }

    private void deadline(
            Item item,
            AgentId owner,
            Instant due,
            Instant handedOverAt,
            StepKind reminder,
            boolean checkIn,
            List<FollowUpStep> out) {
        BusinessCalendar hours = hoursOf(owner);
        if (checkIn && !policy.followUpLead().isZero()) {
            checkIn(owner, due, handedOverAt)
                    .ifPresent(
                            at -> out.add(new FollowUpStep(item, StepKind.CHECK_IN, 0, at, owner, Optional.empty())));
        }
        Instant t = adjust(due, owner);
        for (int k = 1; k <= policy.maxReminders(); k++) {
            out.add(new FollowUpStep(item, reminder, k, t, owner, Optional.empty()));
            t = adjust(hours.plus(t, scaled(policy.repeatEvery())), owner);
        }
        escalations(item, owner, due, out);
    }

    /**
     * When the check-in before a deadline comes: {@code followUpLead} of the owner's working time before it, counted
     * back through closed time and moved back out of their quiet hours — so a lead that falls in the night or on a
     * weekend lands in the owner's last working period before the deadline, never after it. When that moment lies
     * before the handover itself, the check-in comes halfway through the working time left; with no working time
     * left before the deadline there is none (the reminder at the deadline is the first word).
     */
    private Optional<Instant> checkIn(AgentId owner, Instant due, Instant handedOverAt) {
        BusinessCalendar hours = hoursOf(owner);
        Instant at;
        try {
            at = adjustBack(hours.minus(due, scaled(policy.followUpLead())), owner);
        } catch (IllegalStateException noWorkingTime) {
            return Optional.empty();
        }
        if (!at.isAfter(handedOverAt)) {
            Duration left = hours.between(handedOverAt, due);
            if (left.isZero()) {
                return Optional.empty();
            }
            at = adjustBack(hours.plus(handedOverAt, left.dividedBy(2)), owner);
        }
        return at.isAfter(handedOverAt) && at.isBefore(due) ? Optional.of(at) : Optional.empty();
    }

    /**
     * The ladder's rungs, each moved into its recipient's working hours — unless the recipient does not work within
     * the escalation's window at all (a part-time manager, a night without cover): then the rung comes in the owner's
     * hours and is passed on to whoever can act when it is taken. A rung never comes before the one below it, so the
     * line manager always hears first.
     */
    private void escalations(Item item, AgentId owner, Instant due, List<FollowUpStep> out) {
        BusinessCalendar hours = hoursOf(owner);
        int level = 0;
        Instant previous = Instant.MIN;
        for (EscalationStep rung : policy.ladder()) {
            level++;
            Instant nominal = hours.plus(due, scaled(rung.after()));
            Instant inOwnersHours = adjust(nominal, owner);
            AgentId recipient = recipientOf(rung, owner).orElse(owner);
            Instant at = adjust(nominal, recipient);
            Instant actBy = hours.plus(inOwnersHours, scaled(policy.repeatEvery()));
            if (at.isAfter(actBy)) {
                at = inOwnersHours;
            }
            if (at.isBefore(previous)) {
                at = previous;
            }
            previous = at;
            out.add(new FollowUpStep(item, StepKind.ESCALATION, level, at, owner, Optional.of(rung)));
        }
    }

    /** Who an escalation rung reaches for this owner, as far as the directory tells. */
    private Optional<AgentId> recipientOf(EscalationStep rung, AgentId owner) {
        return Ladder.target(rung, owner, directory);
    }

    private Duration scaled(Duration d) {
        return policy.scaled(d, priority);
    }

    private BusinessCalendar hoursOf(AgentId id) {
        return directory.apply(id).map(calendars).orElse(fallback);
    }

    /**
     * The last instant at or before {@code t} in the recipient's working hours and outside their quiet hours: a minute
     * before the close of their last working period, or before their quiet hours begin, when {@code t} is in neither.
     */
    Instant adjustBack(Instant t, AgentId recipient) {
        Optional<Agent> agent = directory.apply(recipient);
        BusinessCalendar hours = agent.map(calendars).orElse(fallback);
        ZoneId zone = zoneOf(agent, hours);
        Instant at = t;
        for (int i = 0; i < MAX_ADJUSTMENTS; i++) {
            if (!hours.isOpen(at)) {
                at = hours.minus(at, LAST_MOMENT);
            }
            LocalTime local = at.atZone(zone).toLocalTime();
            if (!policy.isQuiet(local)) {
                return at;
            }
            ZonedDateTime z = at.atZone(zone);
            LocalTime from = policy.quietFrom().get();
            LocalDate day = local.isBefore(from) ? z.toLocalDate().minusDays(1) : z.toLocalDate();
            at = ZonedDateTime.of(day, from, zone).toInstant().minus(LAST_MOMENT);
        }
        return at;
    }

    /** The zone a recipient's quiet hours are read in: their own, else their calendar's, else UTC. */
    private static ZoneId zoneOf(Optional<Agent> agent, BusinessCalendar hours) {
        return agent.map(Agent::timeZone).orElse(hours.isAlwaysOpen() ? ZoneOffset.UTC : hours.zone());
    }

    /** The first instant at or after {@code t} in the recipient's working hours and outside their quiet hours. */
    Instant adjust(Instant t, AgentId recipient) {
        Optional<Agent> agent = directory.apply(recipient);
        BusinessCalendar hours = agent.map(calendars).orElse(fallback);
        ZoneId zone = zoneOf(agent, hours);
        Instant at = t;
        for (int i = 0; i < MAX_ADJUSTMENTS; i++) {
            Optional<Instant> open = hours.nextOpen(at);
            if (open.isEmpty()) {
                return at; // nobody's hours: leave the time as it is rather than never remind
            }
            at = open.get();
            LocalTime local = at.atZone(zone).toLocalTime();
            if (!policy.isQuiet(local)) {
                return at;
            }
            ZonedDateTime z = at.atZone(zone);
            LocalTime until = policy.quietUntil().get();
            LocalDate day =
                    local.isBefore(until) ? z.toLocalDate() : z.toLocalDate().plusDays(1);
            at = ZonedDateTime.of(day, until, zone).toInstant();
        }
        return at;
    }
}
