package dev.handover.runner.demo;

import dev.handover.core.HandoverPlan;
import dev.handover.core.HandoverResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import dev.handover.memory.demo.DemoData;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.Labels;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records the day as it happens: every engine event (with the names a journal keeps), the plans the demo's own calls
 * got back, and the demo's own lines (people acting, the outage). Each ticket belongs to the scenario that last took
 * it up, so its events land in that scenario's part of the timeline.
 */
final class Recorder implements HandoverListener {
    /** An engine event as it came, in the scenario it belongs to. */
    record Happened(HandoverEvent event, Scenario scenario) {}

    private final Directory directory;
    private final List<Object> items = new ArrayList<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final Map<TicketId, Scenario> owner = new HashMap<>();
    private final Map<HandoverId, HandoverEvent.Executed> handovers = new HashMap<>();
    private final Map<HandoverId, HandoverPlan> plans = new HashMap<>();

    Recorder(Directory directory) {
        this.directory = directory;
    }

    /** From now on, this ticket's events belong to this scenario. */
    void claim(TicketId ticket, Scenario scenario) {
        owner.put(ticket, scenario);
    }

    Scenario scenarioOf(TicketId ticket) {
        return owner.getOrDefault(ticket, Scenario.SCENE);
    }

    @Override
    public void on(HandoverEvent event) {
        if (event instanceof HandoverEvent.Planned) {
            return; // the demo makes no dry runs; nothing planned is left unwritten
        }
        if (event instanceof HandoverEvent.Executed x) {
            handovers.putIfAbsent(x.handover(), x);
        }
        items.add(new Happened(event, scenarioOf(event.ticket())));
        journal.add(new JournalEntry(event, labels(event)));
    }

    /** Keeps the plans of what the demo's calls handed over: who was considered and why. */
    List<HandoverResult> results(List<HandoverResult> results) {
        for (HandoverResult r : results) {
            // a retry keeps the handover's id but plans anew (a later deadline); the plan that was written is the one
            // its note tells, so it replaces the plan of an attempt that failed
            if (r.status() == HandoverResult.Status.HANDED_OVER) {
                r.plan().ifPresent(p -> plans.put(p.id(), p));
            } else {
                r.plan().ifPresent(p -> plans.putIfAbsent(p.id(), p));
            }
        }
        return results;
    }

    Optional<HandoverPlan> plan(HandoverId handover) {
        return Optional.ofNullable(plans.get(handover));
    }

    /** A line of the demo's own. */
    void add(Entry entry) {
        items.add(entry);
    }

    /** Someone in the CRM did something. */
    void person(Instant at, TicketId ticket, String who, String to, String kind, String text, String... said) {
        List<Entry.Block> blocks = new ArrayList<>();
        for (String s : said) {
            blocks.add(new Entry.Block("message", "as written on ticket " + ticket, s));
        }
        items.add(new Entry(
                at, scenarioOf(ticket), kind, ticket.value(), "", who, to, text, List.of(), List.copyOf(blocks)));
    }

    /** Everything, in the order it happened: engine events and the demo's own lines. */
    List<Object> items() {
        return List.copyOf(items);
    }

    List<JournalEntry> journal() {
        return List.copyOf(journal);
    }

    Optional<HandoverEvent.Executed> handover(HandoverId id) {
        return Optional.ofNullable(handovers.get(id));
    }

    /**
     * The names a journal line keeps, as the worker writes them ({@link Labels}): a handover's sender, receiver, group
     * and receiving team — the team being the receiver's support team, so the review groups the demo by team — and for
     * the other events the name of the person the event is about.
     */
    private Map<String, String> labels(HandoverEvent event) {
        if (!(event instanceof HandoverEvent.Executed x)) {
            return Labels.of(event, directory);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        x.from().flatMap(directory::agent).ifPresent(a -> labels.put("from", a.name()));
        Optional<Agent> to = x.to().flatMap(directory::agent);
        Optional<Group> group = x.group().flatMap(directory::group);
        to.ifPresent(a -> labels.put("to", a.name()));
        group.ifPresent(g -> labels.put("group", g.name()));
        to.map(Recorder::teamOf).or(x::group).flatMap(directory::group).ifPresent(g -> labels.put("team", g.name()));
        return labels;
    }

    /** The agent's team: EMEA or Americas Support, else their first group. */
    static GroupId teamOf(Agent agent) {
        if (agent.groups().contains(DemoData.EMEA)) {
            return DemoData.EMEA;
        }
        if (agent.groups().contains(DemoData.AMERICAS)) {
            return DemoData.AMERICAS;
        }
        return agent.groups().stream().findFirst().orElse(DemoData.TRIAGE);
    }

    /** An agent's name, for ids in events ("agent oliver", "oliver"). */
    String name(String idOrRef) {
        String id = idOrRef.startsWith("agent ") ? idOrRef.substring(6) : idOrRef;
        if (idOrRef.startsWith("group ")) {
            return directory
                    .group(GroupId.of(idOrRef.substring(6)))
                    .map(Group::name)
                    .orElse(idOrRef);
        }
        return directory.agent(AgentId.of(id)).map(Agent::name).orElse(idOrRef);
    }
}
