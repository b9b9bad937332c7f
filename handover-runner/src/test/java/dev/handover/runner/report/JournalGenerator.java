package dev.handover.runner.report;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.AcknowledgementMethod;
import dev.handover.core.note.NoteSection;
import dev.handover.memory.demo.DemoData;
import dev.handover.memory.demo.DemoDataSet;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A realistic synthetic journal, deterministic for a seed: the demo team of 15 (DemoData's names and groups) handing
 * tickets over for some days — shift changes clustered at shift ends, fewer at weekends, chains and the odd bounce,
 * acknowledgements with a long tail, actions done on time or late with reminders and escalations, incomplete notes,
 * receivers' feedback, refusals and failed writes. The events come out in time order, as a worker writes them.
 */
final class JournalGenerator {
    private static final List<String> REASONS = List.of(
            "shift-change",
            "workload",
            "expertise",
            "language",
            "escalation",
            "complaint",
            "absence",
            "authority-limit",
            "customer-request",
            "compliment",
            "vip-routing");
    private static final double[] REASON_WEIGHTS = {45, 12, 10, 8, 7, 6, 4, 4, 2, 1, 1};

    private static final List<NoteSection> OFTEN_MISSING =
            List.of(NoteSection.PROMISES, NoteSection.HISTORY, NoteSection.NEXT_CONTACT, NoteSection.ACTIONS_TAKEN);
    private static final double[] MISSING_WEIGHTS = {55, 20, 15, 10};

    private static final List<String> COMMENTS = List.of(
            "What did we promise the customer about the refund date?",
            "No idea what was already tried — had to read the whole thread.",
            "The next contact was due an hour after I got it; please flag that.",
            "Clear note, thanks!",
            "Which order is this about? Two are open.",
            "The customer was told someone would call back, but not when.",
            "Good summary, but the promised discount is not in the note.");

    private static final List<String> REFUSALS = List.of(
            "no agent in Billing L2 has the skill refunds and speaks de and is on shift before Mon 9 Mar 13:50 UTC",
            "no agent in Technical L2 is on shift before Tue 10 Mar 07:00 UTC and has capacity left",
            "Grace Okafor (line manager) cannot take the ticket: at capacity (20/20 open tickets)",
            "the handover note misses customer and contact details, summary of the issue");

    private static final List<String> ERRORS =
            List.of("the CRM answered 503 Service Unavailable", "rate limited by the CRM", "ticket version conflict");

    private final Random random;
    private final List<Agent> agents;
    private final Map<GroupId, String> groupNames = new HashMap<>();
    private final List<Pending> events = new ArrayList<>();
    private final Map<TicketId, Holding> tickets = new HashMap<>();
    private final List<TicketId> open = new ArrayList<>();
    private int nextTicket = 4000;
    private long sequence;

    /** Who holds a ticket and since when. */
    private record Holding(Optional<AgentId> from, AgentId holder, Instant since, int chain) {}

    /** An event and its labels, with a sequence number to keep the order of equal times. */
    private record Pending(long seq, HandoverEvent event, Map<String, String> labels) {}

    JournalGenerator(long seed) {
        this.random = new Random(seed);
        DemoDataSet demo = DemoData.standard();
        this.agents = demo.agents().stream().filter(Agent::active).toList();
        for (Group g : demo.groups()) {
            groupNames.put(g.id(), g.name());
        }
    }

    /** Two weeks of the demo team, from Monday 2 March 2026. */
    static List<JournalEntry> twoWeeks(long seed) {
        return new JournalGenerator(seed).generate(Instant.parse("2026-03-02T00:00:00Z"), 14, 60);
    }

    /**
     * Generates the journal.
     *
     * @param start the first day (UTC midnight)
     * @param days how many days
     * @param perWeekday about how many handovers a weekday has (a weekend day a quarter of it)
     */
    List<JournalEntry> generate(Instant start, int days, int perWeekday) {
        for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            DayOfWeek dow = day.atZone(ZoneOffset.UTC).getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            int n = Math.max(
                    0, (int) Math.round((weekend ? perWeekday / 4.0 : perWeekday) * (0.8 + 0.4 * random.nextDouble())));
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                times.add(day.plus(timeOfDay()));
            }
            times.sort(Comparator.naturalOrder());
            times.forEach(this::handover);
            int refusals = random.nextInt(weekend ? 2 : 5);
            for (int i = 0; i < refusals; i++) {
                refusal(day.plus(timeOfDay()));
            }
            if (random.nextInt(3) == 0) {
                emit(new HandoverEvent.Failed(
                        day.plus(timeOfDay()),
                        TicketId.of(Integer.toString(nextTicket++)),
                        Optional.empty(),
                        "shift-change",
                        pick(ERRORS),
                        random.nextInt(4) > 0));
            }
        }
        events.sort(Comparator.comparing((Pending p) -> p.event().at()).thenComparingLong(Pending::seq));
        return events.stream().map(p -> new JournalEntry(p.event(), p.labels())).toList();
    }

    /** Most handovers at the shift ends (14:00, 17:00, 22:00 UTC), the rest through the working day. */
    private Duration timeOfDay() {
        double r = random.nextDouble();
        int minute;
        if (r < 0.45) {
            int[] ends = {14 * 60, 17 * 60, 22 * 60};
            minute = ends[random.nextInt(ends.length)] - 20 + random.nextInt(40);
        } else {
            minute = 7 * 60 + random.nextInt(14 * 60);
        }
        return Duration.ofMinutes(minute).plusSeconds(random.nextInt(60));
    }

    private void handover(Instant at) {
        TicketId ticket;
        Holding held = null;
        if (!open.isEmpty() && random.nextDouble() < 0.35) {
            ticket = open.get(random.nextInt(open.size()));
            held = tickets.get(ticket);
        } else {
            ticket = TicketId.of(Integer.toString(nextTicket++));
            open.add(ticket);
            if (open.size() > 400) {
                open.remove(0);
            }
        }
        Optional<AgentId> from = held != null
                ? Optional.of(held.holder())
                : random.nextInt(20) == 0
                        ? Optional.empty()
                        : Optional.of(pick(agents).id());
        String reason = weighted(REASONS, REASON_WEIGHTS);
        Agent to = receiver(from);
        int chain = held == null ? 1 + (random.nextInt(10) == 0 ? 1 : 0) : held.chain() + 1;
        executed(at, ticket, from, to, reason, chain);
        // now and then the receiver hands it straight back
        if (from.isPresent() && random.nextInt(40) == 0) {
            Instant back = at.plus(Duration.ofMinutes(30 + random.nextInt(150)));
            executed(back, ticket, Optional.of(to.id()), agent(from.get()), "workload", chain + 1);
        }
    }

    private Agent receiver(Optional<AgentId> from) {
        Agent to;
        do {
            to = pick(agents);
        } while (from.isPresent() && to.id().equals(from.get()));
        return to;
    }

    private Agent agent(AgentId id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private void executed(Instant at, TicketId ticket, Optional<AgentId> from, Agent to, String reason, int chain) {
        HandoverId id = HandoverId.of("ho-" + ticket.value() + "-" + chain);
        GroupId group = to.groups().iterator().next(); // insertion order: the main team first
        boolean asks = random.nextDouble() < 0.85;
        Duration within = Duration.ofMinutes(reason.equals("complaint") ? 30 : 60);
        Optional<Instant> ackBy = asks ? Optional.of(at.plus(within)) : Optional.empty();
        List<NoteSection> missing = new ArrayList<>();
        if (random.nextDouble() < 0.24) {
            missing.add(weighted(OFTEN_MISSING, MISSING_WEIGHTS));
            if (random.nextInt(4) == 0) {
                NoteSection other = weighted(OFTEN_MISSING, MISSING_WEIGHTS);
                if (!missing.contains(other)) {
                    missing.add(other);
                }
            }
        }
        boolean notify = List.of("complaint", "customer-request", "language").contains(reason)
                ? random.nextDouble() < 0.9
                : random.nextDouble() < 0.4;
        int tasks = random.nextInt(3);
        Map<String, String> labels = new HashMap<>();
        from.ifPresent(f -> labels.put("from", agent(f).name()));
        labels.put("to", to.name());
        labels.put("group", groupNames.get(group));
        if (random.nextInt(20) > 0) {
            labels.put("team", groupNames.get(group));
        }
        emit(
                new HandoverEvent.Executed(
                        at,
                        ticket,
                        id,
                        "rule-" + reason,
                        reason,
                        from,
                        Optional.of(to.id()),
                        Optional.of(group),
                        random.nextInt(200) == 0,
                        notify,
                        tasks,
                        missing,
                        chain,
                        ackBy),
                labels);
        tickets.put(ticket, new Holding(from, to.id(), at, chain));
        ackBy.ifPresent(by -> acknowledgement(at, by, ticket, id, to));
        for (int i = 1; i <= tasks; i++) {
            action(at, ticket, id, to, "action-" + i);
        }
        feedback(at, ticket, id, to, missing);
    }

    private void acknowledgement(Instant at, Instant by, TicketId ticket, HandoverId id, Agent to) {
        if (random.nextDouble() < 0.07) {
            emit(new HandoverEvent.Reminded(
                    by,
                    ticket,
                    id,
                    "ack",
                    to.id(),
                    "acknowledgement",
                    1,
                    to.name() + " is off shift until Tue 10 Mar 08:00 Europe/London",
                    "no promise to the customer depends on it yet"));
            if (random.nextBoolean()) {
                Agent next = receiver(Optional.of(to.id()));
                emit(new HandoverEvent.Retargeted(
                        by.plus(Duration.ofMinutes(30)),
                        ticket,
                        id,
                        HandoverId.of(id.value() + "-r"),
                        to.id(),
                        "agent " + next.id()));
                emit(new HandoverEvent.FollowUpClosed(by.plus(Duration.ofMinutes(30)), ticket, id, "retargeted"));
            }
            return;
        }
        // log-normal: median about 12 minutes, a long tail past the deadline
        Duration latency = Duration.ofSeconds(Math.max(20, (long) (720 * Math.exp(0.9 * random.nextGaussian()))));
        double m = random.nextDouble();
        AcknowledgementMethod method = m < 0.55
                ? AcknowledgementMethod.TASK
                : m < 0.85 ? AcknowledgementMethod.EXPLICIT : AcknowledgementMethod.COMMENT;
        Instant when = at.plus(latency);
        emit(new HandoverEvent.Acknowledged(when.plusSeconds(5), ticket, id, to.id(), method, when, latency));
    }

    private void action(Instant at, TicketId ticket, HandoverId id, Agent owner, String item) {
        Duration deadline = Duration.ofHours(2 + random.nextInt(6));
        Instant due = at.plus(deadline);
        double r = random.nextDouble();
        if (random.nextBoolean()) {
            emit(new HandoverEvent.Reminded(
                    due.minus(Duration.ofMinutes(30)),
                    ticket,
                    id,
                    item,
                    owner.id(),
                    "check-in",
                    0,
                    "overdue: nothing on the ticket shows it done",
                    "the customer expects to hear from us by Fri 13 Mar 17:00"));
        }
        if (r < 0.78) {
            emit(new HandoverEvent.ActionCompleted(
                    at.plus(Duration.ofMinutes((long) (deadline.toMinutes() * random.nextDouble()))),
                    ticket,
                    id,
                    item,
                    true,
                    random.nextInt(5) == 0 ? "ticket-solved" : "task"));
            emit(new HandoverEvent.FollowUpClosed(
                    due, ticket, id, random.nextInt(6) == 0 ? "superseded" : "completed"));
            return;
        }
        String why = whyNotDone(owner);
        String impact = random.nextBoolean()
                ? "the promise \"refund within 3 days\" was due Wed 11 Mar 17:00 and has passed"
                : "a gold customer with a high-priority ticket: the customer expected to hear from us by Thu 12 Mar"
                        + " 10:00";
        emit(new HandoverEvent.Reminded(due, ticket, id, item, owner.id(), "overdue", 1, why, impact));
        if (r < 0.93) {
            emit(new HandoverEvent.ActionCompleted(
                    due.plus(Duration.ofMinutes(20 + random.nextInt(300))), ticket, id, item, false, "task"));
            emit(new HandoverEvent.FollowUpClosed(due.plus(Duration.ofHours(6)), ticket, id, "completed"));
            return;
        }
        emit(new HandoverEvent.Escalated(
                due.plus(Duration.ofHours(2)), ticket, id, item, 1, "agent " + manager(owner), why, impact));
        if (random.nextBoolean()) {
            emit(new HandoverEvent.Escalated(
                    due.plus(Duration.ofHours(6)), ticket, id, item, 2, "agent grace", why, impact));
            emit(new HandoverEvent.FollowUpClosed(due.plus(Duration.ofHours(7)), ticket, id, "exhausted"));
        }
    }

    private String whyNotDone(Agent owner) {
        return switch (random.nextInt(7)) {
            case 0, 1 -> owner.name() + " is off shift until Tue 10 Mar 08:00 Europe/London";
            case 2 -> owner.name() + " holds 12 open tickets, at or over their capacity of 12";
            case 3 -> owner.name() + " is absent (annual leave) until Mon 16 Mar 09:00 America/New_York";
            case 4 -> "blocked: the ticket is on hold, waiting on a third party";
            default -> "overdue: nothing on the ticket shows it done";
        };
    }

    private static String manager(Agent a) {
        return a.manager().map(AgentId::value).orElse("grace");
    }

    private void feedback(Instant at, TicketId ticket, HandoverId id, Agent to, List<NoteSection> missing) {
        boolean gives = missing.isEmpty() ? random.nextInt(40) == 0 : random.nextInt(3) == 0;
        if (!gives) {
            return;
        }
        List<NoteSection> named = new ArrayList<>(missing);
        if (random.nextInt(4) == 0 && !named.contains(NoteSection.HISTORY)) {
            named.add(NoteSection.HISTORY);
        }
        String comment = missing.isEmpty() ? "Clear note, thanks!" : random.nextBoolean() ? pick(COMMENTS) : "";
        emit(
                new HandoverEvent.FeedbackGiven(
                        at.plus(Duration.ofMinutes(30 + random.nextInt(240))), ticket, id, to.id(), named, comment),
                Map.of("from", to.name()));
    }

    private void refusal(Instant at) {
        TicketId ticket = open.isEmpty() ? TicketId.of("3999") : open.get(random.nextInt(open.size()));
        String why;
        if (random.nextInt(3) == 0) {
            Holding h = tickets.get(ticket);
            String who = h == null ? "Jonas Weber" : agent(h.holder()).name();
            why = who + " cannot take the ticket: handed this ticket over at Mon 9 Mar 10:00 UTC (ping-pong guard,"
                    + " 4 h)";
        } else {
            why = pick(REFUSALS);
        }
        emit(new HandoverEvent.Refused(at, ticket, "rule-shift-change", "shift-change", why));
    }

    private void emit(HandoverEvent event) {
        emit(event, Map.of());
    }

    private void emit(HandoverEvent event, Map<String, String> labels) {
        events.add(new Pending(sequence++, event, labels));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private <T> T weighted(List<T> values, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            r -= weights[i];
            if (r < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}
