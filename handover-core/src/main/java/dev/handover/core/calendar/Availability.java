package dev.handover.core.calendar;

import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Presence;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * When an agent can take work: active, not absent, not signed out (where the CRM reports presence live), and in
 * working time by their calendar (their own shifts in their own time zone, else their team's hours).
 */
public final class Availability {
    private static final int MAX_STEPS = 64;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final Function<Agent, BusinessCalendar> calendars;
    private final boolean livePresence;

    /**
     * @param calendars the working-hours calendar of each agent
     * @param livePresence true when {@link Agent#presence()} is live (the connector declares it), so an agent signed
     *     out or away is not available right now
     */
    public Availability(Function<Agent, BusinessCalendar> calendars, boolean livePresence) {
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.livePresence = livePresence;
    }

    /** The agent's working-hours calendar. */
    public BusinessCalendar calendarOf(Agent agent) {
        return calendars.apply(agent);
    }

    /** Why an agent cannot take work at a given time. */
    public enum Blocker {
        /** Deactivated in the CRM. */
        INACTIVE,
        /** Active, but the CRM does not let them be given tickets (a light agent, a contributor). */
        CANNOT_TAKE_TICKETS,
        /** Signed out or away right now. */
        PRESENCE,
        /** On a planned absence. */
        ABSENT,
        /** Outside working hours. */
        OFF_SHIFT,
        /** The calendar has no working time at all. */
        NO_WORKING_HOURS
    }

    /**
     * Whether the agent can take work at some instant from {@code now} up to {@code deadline}.
     *
     * @param available true when the agent is available within the window
     * @param from the first instant the agent is available (within the window or after it); empty when never
     * @param blocker what stops the agent at {@code now}, if anything
     * @param explanation in words, for notes and refusals ("off shift until Mon 14:00 Europe/London")
     */
    public record Verdict(boolean available, Optional<Instant> from, Optional<Blocker> blocker, String explanation) {
        /** Validates the components. */
        public Verdict {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(blocker, "blocker");
            Objects.requireNonNull(explanation, "explanation");
        }

        /** True when available at the start of the window. */
        public boolean availableNow() {
            return available && blocker.isEmpty();
        }
    }

    /** True when the agent can take work at this very instant. */
    public boolean isAvailable(Agent agent, Instant at) {
        return check(agent, at, at).availableNow();
    }

    /** The agent's availability between {@code now} and {@code deadline} (inclusive). */
    public Verdict check(Agent agent, Instant now, Instant deadline) {
        if (!agent.active()) {
            return new Verdict(false, Optional.empty(), Optional.of(Blocker.INACTIVE), "inactive in the CRM");
        }
        if (!agent.canTakeTickets()) {
            return new Verdict(
                    false, Optional.empty(), Optional.of(Blocker.CANNOT_TAKE_TICKETS), agent.cannotTakeTickets());
        }
        BusinessCalendar calendar = calendars.apply(agent);
        Instant t = now;
        Blocker first = null;
        String why = null;
        boolean presenceBlocksNow =
                livePresence && (agent.presence() == Presence.OFFLINE || agent.presence() == Presence.AWAY);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Absence> absence = agent.absenceAt(t);
            if (absence.isPresent()) {
                if (first == null) {
                    first = Blocker.ABSENT;
                    why = "absent"
                            + (absence.get().reason().isBlank()
                                    ? ""
                                    : " (" + absence.get().reason() + ")") + " until "
                            + describe(absence.get().until(), agent.timeZone());
                }
                t = absence.get().until();
                continue;
            }
            Optional<Instant> open = calendar.nextOpen(t);
            if (open.isEmpty()) {
                return new Verdict(
                        false,
                        Optional.empty(),
                        Optional.of(first == null ? Blocker.NO_WORKING_HOURS : first),
                        why == null ? "has no working hours" : why);
            }
            if (!open.get().equals(t)) {
                if (first == null) {
                    first = Blocker.OFF_SHIFT;
                    why = "off shift until " + describe(open.get(), calendar.zone());
                }
                t = open.get();
                continue;
            }
            if (presenceBlocksNow && t.equals(now)) {
                first = Blocker.PRESENCE;
                why = agent.presence().name().toLowerCase(Locale.ROOT) + " in the CRM right now";
                Instant close = calendar.nextClose(t);
                if (close.equals(Instant.MAX)) {
                    return new Verdict(false, Optional.empty(), Optional.of(first), why);
                }
                t = close;
                continue;
            }
            boolean within = !t.isAfter(deadline);
            String explanation = first == null
                    ? "available now"
                    // "absent until …" already says when; an off-shift reader needs the deadline to compare
                    : why
                            + (within || first == Blocker.ABSENT
                                    ? ""
                                    : ", after the deadline " + describe(deadline, ZoneOffset.UTC));
            return new Verdict(within, Optional.of(t), Optional.ofNullable(first), explanation);
        }
        return new Verdict(false, Optional.empty(), Optional.ofNullable(first), why == null ? "not available" : why);
    }

    /**
     * When the agent's current working period ends, if the agent is working at {@code at}; used for "the assignee's
     * shift ends within 30 minutes".
     */
    public Optional<Instant> shiftEnd(Agent agent, Instant at) {
        BusinessCalendar c = calendars.apply(agent);
        if (c.isAlwaysOpen()) {
            return Optional.empty();
        }
        return c.periodAt(at).map(BusinessCalendar.Period::end);
    }

    /** An instant in a zone for people: {@code Mon 2 Mar 14:00 Europe/London}; UTC as {@code Mon 2 Mar 13:00 UTC}. */
    public static String describe(Instant at, ZoneId zone) {
        if (at.equals(Instant.MAX)) {
            return "never";
        }
        String z = zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        return LOCAL.format(at.atZone(zone)) + " " + z;
    }
}
