package dev.handover.core.followup;

import static dev.handover.core.followup.Wording.when;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.rule.Workload;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an item is not done and what that means for the customer, as far as the CRM shows: the words every reminder
 * and escalation carries, so that the person reading it knows what to do.
 */
final class Diagnosis {
    private final HandoverPolicy policy;

    Diagnosis(HandoverPolicy policy) {
        this.policy = policy;
    }

    /** Why an item is not done: blocked, absent, off shift, overloaded, or simply overdue. */
    String why(AgentId owner, Ticket ticket, HandoverRecord r, Directory dir, Workload workload, Instant now) {
        if (ticket.status() == TicketStatus.PENDING) {
            return "blocked: the ticket is waiting on the customer";
        }
        if (ticket.status() == TicketStatus.ON_HOLD) {
            return "blocked: the ticket is on hold, waiting on a third party";
        }
        Optional<Agent> agent = dir.agent(owner);
        if (agent.isEmpty()) {
            return owner + " is no longer in the directory";
        }
        Agent a = agent.get();
        if (!a.active()) {
            return a.name() + " has been deactivated";
        }
        Optional<Absence> absent = a.absenceAt(now);
        if (absent.isPresent()) {
            return a.name() + " is absent"
                    + (absent.get().reason().isBlank()
                            ? ""
                            : " (" + absent.get().reason() + ")") + " until "
                    + Availability.describe(absent.get().until(), a.timeZone());
        }
        BusinessCalendar hours = policy.calendarOf(a);
        if (!hours.isOpen(now)) {
            return a.name() + " is off shift until "
                    + hours.nextOpen(now)
                            .map(t -> Availability.describe(t, a.timeZone()))
                            .orElse("further notice");
        }
        if (hours.between(r.at(), now).compareTo(Duration.ofMinutes(30)) < 0) {
            return a.name() + " has had less than 30 minutes of working time since the handover";
        }
        int load = workload.openTickets(a.id());
        if (a.capacity() != Agent.UNLIMITED && load >= a.capacity()) {
            return a.name() + " holds " + load + " open tickets, at or over their capacity of " + a.capacity();
        }
        return "overdue: nothing on the ticket shows it done";
    }

    /** What an unfinished item means for the customer: promises passed or at risk, the next contact due. */
    static String impact(HandoverRecord r, Ticket ticket, Instant now, ZoneId readerZone) {
        List<String> parts = new ArrayList<>();
        for (HandoverRecord.Promise p : r.promises()) {
            if (p.due().isEmpty()) {
                continue;
            }
            Instant due = p.due().get();
            if (!due.isAfter(now)) {
                parts.add("the promise \"" + p.text() + "\" was due " + when(due, readerZone) + " and has passed");
            } else if (Duration.between(now, due).compareTo(Duration.ofHours(24)) <= 0) {
                parts.add("the promise \"" + p.text() + "\" is due " + when(due, readerZone) + " and at risk");
            }
        }
        r.contactBy()
                .ifPresent(c -> parts.add(
                        !c.isAfter(now)
                                ? "the customer expected to hear from us by " + when(c, readerZone)
                                : "the customer expects to hear from us by " + when(c, readerZone)));
        String who = "";
        String tier = ticket.requester().tier();
        if (tier.equalsIgnoreCase("gold")
                || tier.equalsIgnoreCase("platinum")
                || ticket.priority().isAtLeast(TicketPriority.HIGH)) {
            who = (tier.isBlank() ? "a" : "a " + tier) + " customer with a "
                    + ticket.priority().name().toLowerCase(Locale.ROOT) + "-priority ticket: ";
        }
        if (parts.isEmpty()) {
            return who + "no promise to the customer depends on it yet";
        }
        return who + String.join("; ", parts);
    }
}
