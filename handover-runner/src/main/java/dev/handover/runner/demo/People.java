package dev.handover.runner.demo;

import dev.handover.core.Handovers;
import dev.handover.memory.InMemoryCrm;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The people in the CRM: receivers acknowledge a few minutes after a handover and do their actions well before the
 * deadline, each in a seeded way; a manager who is escalated to steps in. A scenario may make a receiver silent (never
 * acknowledges) or forgetful (acknowledges, never does the action), or script how they acknowledge.
 */
final class People {
    /** How a receiver acknowledges. */
    enum Ack {
        /** {@code handover ack}: through the engine. */
        EXPLICIT,
        /** Completes the acknowledgement task in the CRM. */
        TASK,
        /** Replies to the customer on the ticket. */
        REPLY
    }

    private final InMemoryCrm crm;
    private final Handovers engine;
    private final Recorder recorder;
    private final Random random;
    private final Map<TaskId, Instant> plannedAt = new HashMap<>();
    private final Set<TaskId> acted = new HashSet<>();
    private final Set<HandoverId> silent = new HashSet<>();
    private final Set<HandoverId> forgetful = new HashSet<>();
    private final Map<HandoverId, Ack> scripted = new HashMap<>();
    private final Set<HandoverId> replyIsTheAction = new HashSet<>();
    private final Map<TicketId, Instant> repliesDue = new LinkedHashMap<>();
    private int rotation;

    People(InMemoryCrm crm, Handovers engine, Recorder recorder, long seed) {
        this.crm = crm;
        this.engine = engine;
        this.recorder = recorder;
        this.random = new Random(seed);
    }

    /** The receiver of this handover never acknowledges and does nothing. */
    void silent(HandoverId handover) {
        silent.add(handover);
    }

    /** The receiver of this handover acknowledges but never does its actions. */
    void forgetful(HandoverId handover) {
        forgetful.add(handover);
    }

    /** The receiver of this handover acknowledges this way. */
    void acknowledges(HandoverId handover, Ack how) {
        scripted.put(handover, how);
    }

    /** The receiver of this handover acknowledges by replying to the customer, and that reply is the action. */
    void repliesAsTheAction(HandoverId handover) {
        scripted.put(handover, Ack.REPLY);
        replyIsTheAction.add(handover);
    }

    /** Everyone whose moment has come acts now; nobody can reach the CRM while it is down. */
    void act(Instant now, boolean crmDown) {
        if (crmDown) {
            return;
        }
        List<Task> open = crm.tasksSnapshot().stream().filter(Task::isOpen).toList();
        for (Task t : open) {
            if (silent.contains(t.handover())) {
                continue;
            }
            switch (t.kind()) {
                case ACKNOWLEDGEMENT -> acknowledge(t, now);
                case ACTION -> {
                    if (!forgetful.contains(t.handover()) && now.isAfter(due(t, 25, 70))) {
                        doAction(t, now);
                    }
                }
                case ESCALATION -> {
                    if (!now.isBefore(t.createdAt().plus(Duration.ofMinutes(20)))) {
                        stepIn(t, open, now);
                    }
                }
                default -> {}
            }
        }
        for (TicketId ticket : List.copyOf(repliesDue.keySet())) {
            if (!now.isBefore(repliesDue.get(ticket))) {
                repliesDue.remove(ticket);
                crm.ticketSnapshot(ticket)
                        .flatMap(x -> x.assignee().flatMap(this::agent))
                        .ifPresent(owner -> reply(ticket, owner, now, "tells", Replies::done));
            }
        }
    }

    private void acknowledge(Task t, Instant now) {
        if (now.isBefore(due(t, 4, 19)) || !acted.add(t.id())) {
            return;
        }
        Ack how = scripted.containsKey(t.handover()) ? scripted.get(t.handover()) : next();
        Agent who = agent(t.owner()).orElse(null);
        if (who == null) {
            return;
        }
        try {
            switch (how) {
                case EXPLICIT -> engine.acknowledge(t.handover(), t.owner());
                case TASK -> crm.completeTask(t.id());
                case REPLY -> {
                    reply(t.ticket(), who, now, "acknowledges the handover by replying to");
                    if (replyIsTheAction.contains(t.handover())) {
                        crm.tasksSnapshot().stream()
                                .filter(x -> x.handover().equals(t.handover()) && x.kind() == TaskKind.ACTION)
                                .filter(Task::isOpen)
                                .forEach(x -> crm.completeTask(x.id()));
                    }
                }
            }
        } catch (CrmException e) {
            acted.remove(t.id()); // they try again in a minute
        }
    }

    private Ack next() {
        Ack[] all = Ack.values();
        return all[rotation++ % all.length];
    }

    private void doAction(Task t, Instant now) {
        crm.completeTask(t.id());
        agent(t.owner()).ifPresent(who -> reply(t.ticket(), who, now, "does \"" + action(t) + "\" and replies to"));
    }

    /** A manager steps in: does what was escalated, notes it, and the owner updates the customer shortly after. */
    private void stepIn(Task escalation, List<Task> open, Instant now) {
        Agent manager = agent(escalation.owner()).orElse(null);
        if (manager == null) {
            return;
        }
        crm.completeTask(escalation.id());
        List<Task> actions = open.stream()
                .filter(x -> x.handover().equals(escalation.handover()) && x.kind() == TaskKind.ACTION && x.isOpen())
                .toList();
        for (Task a : actions) {
            crm.completeTask(a.id());
        }
        String what = actions.isEmpty()
                ? "takes it in hand"
                : "does \"" + action(actions.get(0)) + "\" and asks the owner to update the customer";
        String note = manager.name() + " stepped in after the escalation: "
                + (actions.isEmpty() ? "in hand now." : "\"" + action(actions.get(0)) + "\" is done.");
        crm.addComment(escalation.ticket(), manager.id().value(), note, Visibility.INTERNAL);
        recorder.person(now, escalation.ticket(), manager.name(), "", "step-in", manager.name() + " steps in: " + what);
        repliesDue.putIfAbsent(escalation.ticket(), now.plus(Duration.ofMinutes(10)));
    }

    /** The agent writes to the customer: "{agent} {what} {customer}". */
    private void reply(TicketId ticket, Agent who, Instant now, String what) {
        reply(ticket, who, now, what, Replies::update);
    }

    private void reply(TicketId ticket, Agent who, Instant now, String what, BiFunction<Ticket, Agent, String> words) {
        Ticket t = crm.ticketSnapshot(ticket).orElseThrow();
        String text = words.apply(t, who);
        crm.addComment(ticket, who.id().value(), text, Visibility.PUBLIC);
        recorder.person(
                now,
                ticket,
                who.name(),
                t.requester().name(),
                "reply",
                who.name() + " " + what + " " + t.requester().name(),
                text);
    }

    /** When a seeded person gets round to a task: this many to that many minutes after it was created. */
    private Instant due(Task t, int minMinutes, int maxMinutes) {
        Instant at = plannedAt.computeIfAbsent(
                t.id(),
                id -> t.createdAt().plus(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes))));
        // a person does an action before its deadline, not after
        Instant latest = t.due().minus(Duration.ofMinutes(5));
        return t.kind() == TaskKind.ACTION && at.isAfter(latest) ? latest : at;
    }

    /** The action's text: the task's subject without its " (ticket …)" suffix. */
    private static String action(Task t) {
        String s = t.subject();
        int cut = s.lastIndexOf(" (ticket ");
        return cut > 0 ? s.substring(0, cut) : s;
    }

    private java.util.Optional<Agent> agent(AgentId id) {
        return crm.directorySnapshot().agent(id);
    }
}
