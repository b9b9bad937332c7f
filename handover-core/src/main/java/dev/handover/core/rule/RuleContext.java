package dev.handover.core.rule;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Condition} sees of one ticket at one instant: the ticket, its assignee from the directory, their
 * availability and workload. The engine builds one per ticket it evaluates; build one yourself to ask whether a
 * condition, or a rule, applies to a ticket without the engine — in the tests of your policy, or to pick tickets:
 *
 * <pre>{@code
 * RuleContext ctx = RuleContext.of(ticket, now, directory, handovers.availability(), Workload.NONE,
 *         policy.defaultCalendar());
 * boolean applies = rule.condition().test(ctx);
 * }</pre>
 *
 * <p>Derived values (normalized text, idle business time) are computed once and reused by all the rules evaluated
 * against the same context. Not thread-safe; one per ticket evaluation.
 */
public final class RuleContext {
    private final Ticket ticket;
    private final Instant now;
    private final Directory directory;
    private final Availability availability;
    private final Workload workload;
    private final BusinessCalendar fallbackCalendar;
    private final Optional<Agent> assignee;
    private String subjectText;
    private String descriptionText;
    private Duration idle;

    private RuleContext(
            Ticket ticket,
            Instant now,
            Directory directory,
            Availability availability,
            Workload workload,
            BusinessCalendar fallbackCalendar) {
        this.ticket = Objects.requireNonNull(ticket, "ticket");
        this.now = Objects.requireNonNull(now, "now");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.availability = Objects.requireNonNull(availability, "availability");
        this.workload = Objects.requireNonNull(workload, "workload");
        this.fallbackCalendar = Objects.requireNonNull(fallbackCalendar, "fallback calendar");
        this.assignee = ticket.assignee().flatMap(directory::agent);
    }

    /**
     * A context for one ticket.
     *
     * @param fallbackCalendar the working hours used for idle time when the ticket has no known assignee
     */
    public static RuleContext of(
            Ticket ticket,
            Instant now,
            Directory directory,
            Availability availability,
            Workload workload,
            BusinessCalendar fallbackCalendar) {
        return new RuleContext(ticket, now, directory, availability, workload, fallbackCalendar);
    }

    /** The ticket. */
    public Ticket ticket() {
        return ticket;
    }

    /** The instant of evaluation. */
    public Instant now() {
        return now;
    }

    /** The directory. */
    public Directory directory() {
        return directory;
    }

    /** Availability of agents. */
    public Availability availability() {
        return availability;
    }

    /** Open tickets per agent. */
    public Workload workload() {
        return workload;
    }

    /** The ticket's assignee as the directory knows them; empty when unassigned or unknown. */
    public Optional<Agent> assignee() {
        return assignee;
    }

    /** Business time since the ticket last changed, in the assignee's working hours (else the fallback's). */
    public Duration idle() {
        if (idle == null) {
            BusinessCalendar c = assignee.map(availability::calendarOf).orElse(fallbackCalendar);
            idle = c.between(ticket.updatedAt(), now);
        }
        return idle;
    }

    String subjectText() {
        if (subjectText == null) {
            subjectText = Text.normalize(ticket.subject());
        }
        return subjectText;
    }

    String descriptionText() {
        if (descriptionText == null) {
            descriptionText = Text.normalize(ticket.description());
        }
        return descriptionText;
    }
}
