package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.followup.FollowUpTasks;
import dev.handover.core.followup.Keys;
import dev.handover.core.note.ActionItem;
import dev.handover.core.note.HandoverNote;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteItem;
import dev.handover.core.note.NoteSection;
import dev.handover.core.note.OffHours;
import dev.handover.core.note.Party;
import dev.handover.core.note.PromiseItem;
import dev.handover.core.note.Texts;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.IncompleteNotes;
import dev.handover.core.policy.OffHoursDeadlines;
import dev.handover.core.policy.RequiredAction;
import dev.handover.core.rendering.NoteRenderer;
import dev.handover.core.routing.Receiver;
import dev.handover.core.routing.ReceiverRequirements;
import dev.handover.core.routing.Selection;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.selection.ReceiverSelector;
import dev.handover.core.selection.SelectionContext;
import dev.handover.core.wording.Durations;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Page;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Works out one handover: chooses the receiver, sets deadlines in the right person's working hours, composes the note
 * from what the caller gave and what the ticket shows, checks completeness, renders the note within the CRM's limit,
 * writes the customer notice, and assembles the one {@link TicketUpdate} that carries it all. Reads (comments, workload)
 * but never writes.
 */
final class Planner {
    private final HandoverPolicy policy;
    private final CrmConnector crm;
    private final Availability availability;
    private final ReceiverSelector selector;
    private final List<TaskPlanning> tasks;

    Planner(HandoverPolicy policy, CrmConnector crm, Availability availability, List<TaskPlanning> tasks) {
        this.policy = policy;
        this.crm = crm;
        this.availability = availability;
        this.selector =
                new ReceiverSelector(availability, policy.authorityLimits().values());
        this.tasks = List.copyOf(tasks);
    }

    /** Everything one handover is planned from. */
    record Spec(
            Ticket ticket,
            Instant now,
            String ruleId,
            HandoverRule settings,
            List<Target> targets,
            Optional<Agent> sender,
            HandoverReason reason,
            String detail,
            Optional<String> summary,
            List<String> history,
            List<String> actionsTaken,
            List<HandoverRequest.Promise> promises,
            List<HandoverRequest.Action> extraActions,
            boolean notifyCustomer,
            Optional<Instant> nextContact,
            Optional<Instant> returnAt,
            List<TaskChange> taskChanges,
            Optional<String> idempotencyKey,
            Map<AgentId, String> excluded) {

        /**
         * A handover the engine starts itself from a rule's settings (a rule that applies, a shift change, an absence,
         * a hand-back, a re-target): nothing a person adds (summary, history, actions taken, promises, extra actions,
         * next contact), and the rule's id as it is.
         */
        static Spec fromRule(
                Ticket ticket,
                Instant now,
                HandoverRule settings,
                List<Target> targets,
                Optional<Agent> sender,
                HandoverReason reason,
                String detail,
                boolean notifyCustomer,
                Optional<Instant> returnAt,
                List<TaskChange> taskChanges,
                Optional<String> idempotencyKey,
                Map<AgentId, String> excluded) {
            return new Spec(
                    ticket,
                    now,
                    settings.id(),
                    settings,
                    targets,
                    sender,
                    reason,
                    detail,
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    notifyCustomer,
                    Optional.empty(),
                    returnAt,
                    taskChanges,
                    idempotencyKey,
                    excluded);
        }
    }

    /** A plan, or why there is none. */
    sealed interface Outcome {}

    /** Planned. */
    record Planned(HandoverPlan plan) implements Outcome {}

    /** Refused, with the reason in words. */
    record Refusal(String why) implements Outcome {}

    /** A handover as planned so far, for the task planners. */
    record Draft(
            HandoverId id,
            Ticket ticket,
            HandoverRule settings,
            Optional<Agent> sender,
            Receiver receiver,
            List<ActionItem> actions,
            Optional<Instant> acknowledgeBy,
            Optional<Instant> returnAt,
            Instant now,
            HandoverRecord record,
            Directory directory) {}

    Outcome plan(Spec s, Directory dir, LiveWorkload workload) {
        return plan(s, dir, workload, Map.of());
    }

    /** A ticket's first page of comments as read for a batch, and the ticket's version then. */
    record FirstPage(dev.handover.spi.model.Version version, Page<Comment> page) {}

    /**
     * The first page of the conversation of every ticket whose handover note quotes it, in as few calls as the connector
     * allows ({@code recentComments}): a shift change no longer reads one conversation per call where the CRM can
     * answer many. Empty when there is nothing to read, or when the batch read fails (each plan then reads its own).
     */
    Map<TicketId, FirstPage> recentHistory(Collection<Ticket> tickets) {
        int wanted = policy.historyComments();
        Map<TicketId, Ticket> needing = new LinkedHashMap<>();
        tickets.stream().filter(t -> History.needed(t, wanted)).forEach(t -> needing.put(t.id(), t));
        if (needing.size() < 2) {
            return Map.of();
        }
        try {
            Map<TicketId, Page<Comment>> read = crm.recentComments(needing.keySet(), History.pageSize(wanted));
            Map<TicketId, FirstPage> out = new HashMap<>();
            read.forEach((id, page) -> {
                Ticket t = needing.get(id);
                if (t != null) {
                    out.put(id, new FirstPage(t.version(), page));
                }
            });
            return out;
        } catch (dev.handover.spi.error.CrmException e) {
            EngineLog.LOG.info(
                    "the recent conversation of {} tickets could not be read at once ({}); each handover reads its own",
                    needing.size(),
                    e.getMessage());
            return Map.of();
        }
    }

    Outcome plan(Spec s, Directory dir, LiveWorkload workload, Map<TicketId, FirstPage> firstPages) {
        Ticket ticket = s.ticket();
        // a page read for the batch serves only the ticket as it was then (a re-plan after a conflict reads afresh)
        Optional<Page<Comment>> first = Optional.ofNullable(firstPages.get(ticket.id()))
                .filter(f -> f.version().equals(ticket.version()))
                .map(FirstPage::page);
        History history = History.read(crm, ticket, policy.historyComments(), first);

        Map<AgentId, String> excluded = new HashMap<>(s.excluded());
        Optional<HandoverRecord> last = history.last();
        if (!s.settings().allowHandBack() && !policy.pingPongWindow().isZero() && last.isPresent()) {
            HandoverRecord l = last.get();
            if (l.from().isPresent() && l.at().plus(policy.pingPongWindow()).isAfter(s.now())) {
                excluded.put(
                        l.from().get(),
                        "handed this ticket over at " + Availability.describe(l.at(), ZoneOffset.UTC)
                                + " (ping-pong guard, " + Durations.describe(policy.pingPongWindow()) + ")");
            }
        }
        Optional<String> placed = placedByAnotherRule(s, last);
        if (placed.isPresent()) {
            return new Refusal(placed.get());
        }
        Optional<AgentId> original = last.flatMap(HandoverRecord::from);
        workload.prefetch(candidates(s, dir, original));

        SelectionContext ctx =
                new SelectionContext(ticket, s.now(), dir, workload, s.sender(), original, excluded, requirements(s));
        Selection selection = selector.select(s.targets(), ctx);
        if (selection instanceof Selection.Refused refused) {
            return new Refusal(refused.summary());
        }
        Selection.Chosen chosen = (Selection.Chosen) selection;
        Receiver receiver = chosen.receiver();

        Optional<Group> ticketGroup = ticket.group().flatMap(dir::group);
        Party senderParty = s.sender()
                .map(a -> Party.of(a, ticketGroup.filter(g -> a.groups().contains(g.id()))))
                .orElseGet(() -> Party.system("handover rules"));
        Party receiverParty = receiver.agent()
                .map(a -> Party.of(a, receiver.group()))
                .orElseGet(() -> Party.of(receiver.group().get()));
        BusinessCalendar receiverHours =
                receiver.agent().map(policy::calendarOf).orElseGet(() -> groupHours(receiver));

        Optional<Instant> ackBy = s.settings().acknowledgeWithin().map(d -> receiverHours.plus(s.now(), d));
        List<String> warnings = new ArrayList<>();
        List<ActionItem> actions = actions(s, dir, receiver, receiverParty, senderParty, warnings);
        List<HandoverRecord.Action> carried = last.map(this::stillOpen).orElse(List.of());
        actions = carryForward(actions, carried, last, dir, receiver, receiverParty);
        List<PromiseItem> promises = promises(s, last, receiverHours, receiverParty, warnings);
        // a promise without a date is a conversation still owed: the customer hears from us soon to agree one
        boolean undated = promises.stream().anyMatch(p -> p.due().isEmpty());
        Optional<Instant> firstPromise =
                promises.stream().flatMap(p -> p.due().stream()).min(Comparator.naturalOrder());
        // a rule's contact window never outlasts a dated promise: the notice must not tell the customer "by 11:30"
        // when the note promises them a call back before 11:00 (a time a person gives explicitly is kept as given)
        Optional<Instant> nextContact = s.nextContact()
                .or(() -> s.settings()
                        .nextContactWithin()
                        .map(d -> receiverHours.plus(s.now(), d))
                        .or(() -> undated
                                ? Optional.of(receiverHours.plus(s.now(), UNDATED_PROMISE_CONTACT))
                                : Optional.empty())
                        .map(t -> firstPromise.filter(p -> p.isBefore(t)).orElse(t))
                        .or(() -> firstPromise));

        String purpose = s.idempotencyKey().orElse(s.ruleId() + "/" + s.reason().code());
        String receiverKey = receiver.agent()
                .map(a -> "agent:" + a.id())
                .orElseGet(() -> "group:" + receiver.group().get().id());
        HandoverId id = HandoverIds.derive(ticket, purpose, receiverKey);

        HandoverNote note = new HandoverNote(
                id,
                ticket.id(),
                s.now(),
                s.ruleId(),
                s.reason().code(),
                s.reason().label(),
                s.detail().isBlank() ? s.reason().why() : s.detail(),
                senderParty,
                receiverParty,
                ackBy,
                s.settings().reminderPolicy(),
                s.returnAt(),
                ticket.requester(),
                summary(s),
                historyItems(s, history, last, carried, dir),
                actionsTaken(s, history, dir),
                promises,
                actions,
                nextContact,
                authority(ticket, s.sender(), receiver),
                links(ticket),
                last.map(HandoverRecord::chainAfter).orElse(List.of()),
                Optional.of(chosen.explanation()));

        List<NoteSection> missing = note.missing(policy.requiredSections());
        if (!missing.isEmpty()) {
            String list =
                    String.join(", ", missing.stream().map(NoteSection::label).toList());
            if (policy.incompleteNotes() == IncompleteNotes.BLOCK) {
                return new Refusal("the handover note misses " + list
                        + "; give them with the handover (the policy blocks incomplete notes)");
            }
            warnings.add("the note misses " + list);
        }

        CrmCapabilities caps = crm.capabilities();
        NoteFormat format = caps.preferredNoteFormat();
        // the note is always written (no handover without its record); by task only, it is the brief form
        List<String> rendered = s.settings().exchange().writesNote()
                ? NoteRenderer.render(note, format, caps.maxNoteBytes())
                : List.of(NoteRenderer.renderBrief(note, format));
        int stage = NoteRenderer.stageNeeded(note, format, caps.maxNoteBytes());
        if (rendered.size() > 1) {
            warnings.add("the note was split into " + rendered.size() + " parts to fit the CRM's " + caps.maxNoteBytes()
                    + "-byte limit");
        } else if (stage > 0) {
            warnings.add("the note was shortened to fit the CRM's " + caps.maxNoteBytes()
                    + "-byte limit (older history and long quotes point to the ticket)");
        }

        Optional<String> notice = s.notifyCustomer()
                ? Optional.of(Notices.compose(
                        policy, s.settings(), ticket, receiver, s.sender(), s.reason(), nextContact, receiverHours))
                : Optional.empty();

        Draft draft = new Draft(
                id,
                ticket,
                s.settings(),
                s.sender(),
                receiver,
                actions,
                ackBy,
                s.returnAt(),
                s.now(),
                note.toRecord(),
                dir);
        List<TaskDraft> taskDrafts = new ArrayList<>();
        for (TaskPlanning planning : tasks) {
            taskDrafts.addAll(planning.tasks(draft, warnings));
        }

        TicketUpdate.Builder update = TicketUpdate.builder(ticket.id());
        for (String part : rendered) {
            update.note(NoteDraft.internal(part, format));
        }
        notice.ifPresent(text -> update.note(NoteDraft.customerReply(text)));
        update.assign(receiver.assignment());
        update.addTag(History.HANDOVER_TAG, "handover-" + s.reason().code());
        if (!s.ruleId().equals(HandoverRule.MANUAL)) {
            update.addTag(ruleTag(s.ruleId()));
        }
        taskDrafts.forEach(update::createTask);
        s.taskChanges().forEach(update::changeTask);
        update.expectedVersion(ticket.version());
        update.idempotencyKey(HandoverIds.writeKey(id));

        return new Planned(new HandoverPlan(
                id,
                ticket,
                s.ruleId(),
                s.reason(),
                s.sender(),
                receiver,
                chosen,
                note,
                rendered,
                notice,
                missing,
                warnings,
                update.build()));
    }

    /** The tag that marks a ticket as handed over by a rule, so a rule that is not repeatable fires once. */
    static String ruleTag(String ruleId) {
        return "handover-rule-" + ruleId;
    }

    private BusinessCalendar groupHours(Receiver r) {
        return r.group()
                .map(g -> policy.teamCalendars().get(g.id()))
                .filter(Objects::nonNull)
                .orElse(policy.defaultCalendar());
    }

    /**
     * Why a rule may not move this ticket now: another rule placed it within the ping-pong window and this one is not
     * marked overriding. People (manual handovers), the engine's own moves (hand-backs, re-targets) and an owner
     * leaving (a shift's end, an absence) are not held: the ticket must move then.
     */
    private Optional<String> placedByAnotherRule(Spec s, Optional<HandoverRecord> last) {
        if (last.isEmpty()
                || s.ruleId().equals(HandoverRule.MANUAL)
                || s.ruleId().equals(HandoverRule.HAND_BACK)
                || s.reason().equals(HandoverReason.SHIFT_CHANGE)
                || s.reason().equals(HandoverReason.ABSENCE)
                || s.settings().overriding()
                || policy.pingPongWindow().isZero()) {
            return Optional.empty();
        }
        HandoverRecord l = last.get();
        boolean byAnotherRule = !l.rule().equals(s.ruleId())
                && !l.rule().equals(HandoverRule.MANUAL)
                && !l.rule().equals(HandoverRule.HAND_BACK);
        if (!byAnotherRule || !l.at().plus(policy.pingPongWindow()).isAfter(s.now())) {
            return Optional.empty();
        }
        return Optional.of("rule " + l.rule() + " placed this ticket at "
                + Availability.describe(l.at(), ZoneOffset.UTC)
                + " (handover " + l.id() + "); rule " + s.ruleId() + " may not move it within the ping-pong window of "
                + Durations.describe(policy.pingPongWindow()) + " unless it is marked overriding");
    }

    /**
     * The rule's requirements, with the receiver staying at work until the acknowledgement deadline and the policy's
     * margin — an agent leaving in fifteen minutes is not chosen while the next shift is there.
     */
    private ReceiverRequirements requirements(Spec s) {
        ReceiverRequirements req = s.settings().requirements();
        return policy.receiverStayMargin()
                .map(m -> req.withStay(
                        s.settings().acknowledgeWithin().orElse(Duration.ZERO).plus(m)))
                .orElse(req);
    }

    /** Everyone the selection may look at, so their workload is read in one call. */
    private static Set<AgentId> candidates(Spec s, Directory dir, Optional<AgentId> original) {
        Set<AgentId> ids = new LinkedHashSet<>();
        for (Target t : s.targets()) {
            if (t instanceof Target.NamedAgent n) {
                ids.add(n.agent());
            } else if (t instanceof Target.LineManager) {
                s.sender().flatMap(Agent::manager).ifPresent(ids::add);
            } else if (t instanceof Target.OriginalOwner) {
                original.ifPresent(ids::add);
            } else if (t instanceof Target.BestAvailable b) {
                dir.members(b.group()).forEach(a -> ids.add(a.id()));
            } else if (t instanceof Target.NextShift n) {
                Optional<GroupId> team = n.team()
                        .or(() -> s.sender().flatMap(a -> a.groups().stream().findFirst()))
                        .or(s.ticket()::group);
                team.ifPresent(g -> dir.members(g).forEach(a -> ids.add(a.id())));
            } else if (t instanceof Target.Approver ap) {
                Optional<Agent> at = s.sender();
                for (int i = 0; i < 6 && at.isPresent(); i++) {
                    at = at.get().manager().flatMap(dir::agent);
                    at.ifPresent(m -> ids.add(m.id()));
                }
                ap.group()
                        .or(() -> s.sender().flatMap(a -> a.groups().stream().findFirst()))
                        .or(s.ticket()::group)
                        .ifPresent(g -> dir.members(g).forEach(a -> ids.add(a.id())));
            }
        }
        return ids;
    }

    private List<ActionItem> actions(
            Spec s, Directory dir, Receiver receiver, Party receiverParty, Party senderParty, List<String> warnings) {
        List<ActionItem> out = new ArrayList<>();
        int n = 0;
        for (RequiredAction a : s.settings().actions()) {
            Party owner;
            BusinessCalendar hours;
            switch (a.owner()) {
                case SENDER -> {
                    owner = senderParty;
                    hours = s.sender().map(policy::calendarOf).orElse(policy.defaultCalendar());
                }
                case RECEIVERS_MANAGER -> {
                    Optional<Agent> manager =
                            receiver.agent().flatMap(Agent::manager).flatMap(dir::agent);
                    if (manager.isPresent()) {
                        owner = Party.of(manager.get(), Optional.empty());
                        hours = policy.calendarOf(manager.get());
                    } else {
                        warnings.add("action '" + a.description() + "' is for the receiver's manager, but "
                                + receiverParty.name() + " has none in the directory; it goes to the receiver");
                        owner = receiverParty;
                        hours = receiver.agent().map(policy::calendarOf).orElseGet(() -> groupHours(receiver));
                    }
                }
                default -> {
                    owner = receiverParty;
                    hours = receiver.agent().map(policy::calendarOf).orElseGet(() -> groupHours(receiver));
                }
            }
            out.add(new ActionItem(actionKey(++n), a.description(), owner, hours.plus(s.now(), a.deadline())));
        }
        for (HandoverRequest.Action a : s.extraActions()) {
            Party owner = receiverParty;
            BusinessCalendar hours = receiver.agent().map(policy::calendarOf).orElseGet(() -> groupHours(receiver));
            if (a.owner().isPresent()) {
                Optional<Agent> agent = dir.agent(a.owner().get());
                if (agent.isPresent()) {
                    owner = Party.of(agent.get(), Optional.empty());
                    hours = policy.calendarOf(agent.get());
                } else {
                    warnings.add("action '" + a.text() + "' names owner "
                            + a.owner().get() + ", who is not in the directory; it goes to the receiver");
                }
            }
            if (a.due().isEmpty()) {
                out.add(new ActionItem(
                        actionKey(++n),
                        a.text(),
                        owner,
                        hours.plus(s.now(), a.within().get())));
                continue;
            }
            Instant given = a.due().get();
            Optional<OffHours> off = offHours(hours, given, policy.offHoursDeadlines() == OffHoursDeadlines.MOVE);
            Instant due =
                    off.filter(OffHours::moved).map(OffHours::lastWorkingMoment).orElse(given);
            String key = actionKey(++n);
            if (off.isPresent()) {
                String at = Availability.describe(off.get().lastWorkingMoment(), hours.zone());
                warnings.add("action '" + a.text() + "' is due " + Availability.describe(given, hours.zone())
                        + ", outside " + owner.name() + "'s working hours; "
                        + (off.get().moved()
                                ? "moved to their last working moment before it, " + at
                                : "their last working moment before it is " + at));
            }
            out.add(new ActionItem(key, a.text(), owner, due, off));
        }
        return withoutRepeats(out, s.settings().actions().size());
    }

    /**
     * The actions with an action a person gave that repeats one of the rule's (the same words, ignoring case and
     * spaces around) in the rule's place: one task, with the person's owner and deadline — the note must not ask for
     * "Call the customer back" twice. Keys are numbered again in order.
     */
    private static List<ActionItem> withoutRepeats(List<ActionItem> all, int fromRule) {
        List<ActionItem> kept = new ArrayList<>(all.subList(0, Math.min(fromRule, all.size())));
        for (ActionItem extra : all.subList(kept.size(), all.size())) {
            String words = extra.text().strip().toLowerCase(java.util.Locale.ROOT);
            int same = -1;
            for (int i = 0; i < kept.size() && same < 0; i++) {
                if (kept.get(i)
                        .text()
                        .strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .equals(words)) {
                    same = i;
                }
            }
            if (same < 0) {
                kept.add(extra);
            } else {
                kept.set(same, extra);
            }
        }
        if (kept.size() == all.size()) {
            return all;
        }
        List<ActionItem> out = new ArrayList<>();
        for (ActionItem a : kept) {
            out.add(new ActionItem(actionKey(out.size() + 1), a.text(), a.owner(), a.due(), a.offHours()));
        }
        return out;
    }

    /**
     * The off-hours remark of a deadline given as a moment, when it lies outside these hours (at a period's close is
     * inside: the deadline is the end of the working day).
     */
    private static Optional<OffHours> offHours(BusinessCalendar hours, Instant given, boolean move) {
        if (hours.isAlwaysOpen()) {
            return Optional.empty();
        }
        Instant last;
        try {
            last = hours.lastWorkingMoment(given);
        } catch (IllegalStateException noWorkingTime) {
            return Optional.empty();
        }
        return last.equals(given) ? Optional.empty() : Optional.of(new OffHours(given, last, move));
    }

    /** The key of the n-th required action, which its task and the follow-up's markers carry: {@code action-1}. */
    private static String actionKey(int n) {
        return HandoverEvent.ItemKind.ACTION.code() + "-" + n;
    }

    /**
     * Promises still owed from the last handover (the chain keeps them, each with its date and the handover it was
     * first carried from, never cut in a word or an id), then the new ones.
     */
    private static List<PromiseItem> promises(
            Spec s, Optional<HandoverRecord> last, BusinessCalendar hours, Party receiver, List<String> warnings) {
        List<PromiseItem> out = new ArrayList<>();
        int n = 0;
        if (last.isPresent()) {
            for (HandoverRecord.Promise p : last.get().promises()) {
                String text = p.text();
                if (!CARRIED.matcher(text).find()) {
                    String from = " (made before handover " + last.get().id() + ")";
                    text = Texts.clip(text, HandoverRecord.MAX_TEXT - from.length()) + from;
                }
                out.add(new PromiseItem("promise-" + ++n, text, p.due(), true));
            }
        }
        for (HandoverRequest.Promise p : s.promises()) {
            // a promise keeps its date (it was made); the receiver is warned that it falls outside their hours
            Optional<OffHours> off = p.due().flatMap(d -> offHours(hours, d, false));
            off.ifPresent(o -> warnings.add("the promise '" + p.text() + "' is due "
                    + Availability.describe(o.given(), hours.zone()) + ", outside " + receiver.name()
                    + "'s working hours; their last working moment before it is "
                    + Availability.describe(o.lastWorkingMoment(), hours.zone())));
            if (p.due().isEmpty()) {
                warnings.add("the promise '" + p.text() + "' has no date: agree a date with the customer");
            }
            out.add(new PromiseItem("promise-" + ++n, p.text(), p.due(), false, off));
        }
        return out;
    }

    private static Optional<NoteItem> summary(Spec s) {
        if (s.summary().isPresent()) {
            return Optional.of(NoteItem.given(s.summary().get()));
        }
        Ticket t = s.ticket();
        String description = t.description().strip().replaceAll("\\s+", " ");
        String text = t.subject().strip();
        if (!description.isEmpty() && !description.equalsIgnoreCase(text)) {
            text = text.isEmpty() ? description : text + ": " + description;
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(NoteItem.derived(clip(text, 400), t.createdAt()));
    }

    private static List<NoteItem> historyItems(
            Spec s,
            History history,
            Optional<HandoverRecord> last,
            List<HandoverRecord.Action> carried,
            Directory dir) {
        List<NoteItem> out = new ArrayList<>();
        s.history().forEach(h -> out.add(NoteItem.given(h)));
        if (last.isPresent()) {
            HandoverRecord l = last.get();
            // the first owner's account of the issue survives every later handover
            Optional<String> original = l.originalSummary();
            Optional<String> now = summary(s).map(NoteItem::text);
            if (original.isPresent()
                    && !now.map(t -> Texts.clip(t, HandoverRecord.MAX_CONDENSED))
                            .equals(original)) {
                HandoverRecord.Link first =
                        l.chain().isEmpty() ? l.asLink() : l.chain().get(0);
                out.add(NoteItem.derived(
                        "Original summary (handover " + first.id() + "): " + original.get(), first.at()));
            }
            for (HandoverRecord.Link link : l.chainAfter()) {
                link.did()
                        .ifPresent(d -> out.add(NoteItem.derived(
                                link.from().map(f -> nameOf(f, dir)).orElse("The sender")
                                        + " had done (before handover " + link.id() + "): " + d,
                                link.at())));
            }
            for (HandoverRecord.Action a : l.actions()) {
                boolean open = carried.contains(a);
                out.add(NoteItem.derived(
                        "Asked in handover " + l.id() + ": " + a.text() + " — "
                                + a.owner().map(o -> nameOf(o, dir)).orElse("the queue") + ", due "
                                + Availability.describe(a.due(), ZoneOffset.UTC)
                                + (open ? " — not done yet: carried forward below" : " — done"),
                        l.at()));
            }
        }
        for (Comment c : history.recent()) {
            if (!c.isInternal() && !isAgent(c.authorId(), dir)) {
                out.add(NoteItem.derived("Customer wrote: “" + clip(flat(c.body()), 300) + "”", c.createdAt()));
            }
        }
        return out;
    }

    private static List<NoteItem> actionsTaken(Spec s, History history, Directory dir) {
        List<NoteItem> out = new ArrayList<>();
        s.actionsTaken().forEach(a -> out.add(NoteItem.given(a)));
        for (Comment c : history.recent()) {
            if (c.isInternal()) {
                String who = isAgent(c.authorId(), dir) ? nameOf(AgentId.of(c.authorId()), dir) : "Internal note";
                out.add(NoteItem.derived(who + " noted: “" + clip(flat(c.body()), 300) + "”", c.createdAt()));
            } else if (isAgent(c.authorId(), dir)) {
                out.add(NoteItem.derived(
                        nameOf(AgentId.of(c.authorId()), dir) + " replied to the customer: “"
                                + clip(flat(c.body()), 200) + "”",
                        c.createdAt()));
            }
        }
        return out;
    }

    private List<String> authority(Ticket ticket, Optional<Agent> sender, Receiver receiver) {
        List<String> out = new ArrayList<>();
        for (AuthorityLimit limit : policy.authorityLimits().values()) {
            Optional<BigDecimal> amount = limit.amountOf(ticket.customFields());
            if (amount.isEmpty()) {
                continue;
            }
            String unit = limit.unit().isEmpty() ? "" : " " + limit.unit();
            StringBuilder sb = new StringBuilder();
            sb.append(limit.field())
                    .append(" is ")
                    .append(amount.get().toPlainString())
                    .append(unit)
                    .append(": ");
            List<String> parts = new ArrayList<>();
            sender.filter(a -> !a.role().isBlank())
                    .ifPresent(a -> parts.add("the sender's role " + a.role() + " may approve up to "
                            + limit.ceilingOf(a.role()).toPlainString() + unit));
            receiver.agent().filter(a -> !a.role().isBlank()).ifPresent(a -> {
                BigDecimal c = limit.ceilingOf(a.role());
                parts.add("the receiver's role " + a.role() + " may approve up to " + c.toPlainString() + unit
                        + (c.compareTo(amount.get()) >= 0 ? " (enough)" : " (not enough: escalate)"));
            });
            limit.lowestRoleCovering(amount.get()).ifPresent(r -> parts.add("role " + r + " or above may approve it"));
            sb.append(parts.isEmpty() ? "see limit " + limit.name() : String.join("; ", parts));
            out.add(sb.toString());
        }
        return out;
    }

    private static Map<String, URI> links(Ticket ticket) {
        Map<String, URI> m = new LinkedHashMap<>();
        ticket.link().ifPresent(u -> m.put("Ticket", u));
        return m;
    }

    /** The actions of a handover not done yet: their tasks still open (or missing, after a crash). */
    private List<HandoverRecord.Action> stillOpen(HandoverRecord last) {
        if (last.actions().isEmpty()) {
            return List.of();
        }
        Map<String, Task> byKey = new HashMap<>();
        crm.allTasks(TaskQuery.builder().handover(last.id()).build()).forEach(t -> byKey.put(t.key(), t));
        return last.actions().stream()
                .filter(a -> {
                    Task t = byKey.get(a.key());
                    return t == null || t.isOpen();
                })
                .toList();
    }

    /**
     * The new handover's actions: the open actions of the one it supersedes first — with their deadlines, now the new
     * receiver's unless someone else owned them — then its own, an action given again not twice.
     */
    private static List<ActionItem> carryForward(
            List<ActionItem> own,
            List<HandoverRecord.Action> carried,
            Optional<HandoverRecord> last,
            Directory dir,
            Receiver receiver,
            Party receiverParty) {
        if (carried.isEmpty()) {
            return own;
        }
        List<ActionItem> out = new ArrayList<>();
        Set<String> ownTexts = new HashSet<>();
        own.forEach(
                a -> ownTexts.add(Texts.clip(a.text(), HandoverRecord.MAX_TEXT).toLowerCase(java.util.Locale.ROOT)));
        int n = 0;
        Optional<AgentId> previousReceiver = last.flatMap(HandoverRecord::to);
        for (HandoverRecord.Action a : carried) {
            if (ownTexts.contains(a.text().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            Party owner = a.owner()
                    .filter(o -> !o.equals(previousReceiver.orElse(null)))
                    .filter(o -> receiver.agent().map(r -> !r.id().equals(o)).orElse(true))
                    .flatMap(dir::agent)
                    .map(agent -> Party.of(agent, Optional.empty()))
                    .orElse(receiverParty);
            out.add(new ActionItem(actionKey(++n), a.text(), owner, a.due()));
        }
        for (ActionItem a : own) {
            out.add(new ActionItem(actionKey(++n), a.text(), a.owner(), a.due(), a.offHours()));
        }
        return out;
    }

    private static boolean isAgent(String id, Directory dir) {
        return !id.isBlank() && dir.agent(AgentId.of(id)).isPresent();
    }

    private static String nameOf(AgentId id, Directory dir) {
        return dir.agent(id).map(Agent::name).filter(n -> !n.isBlank()).orElse(id.value());
    }

    private static String flat(String s) {
        return WHITESPACE.matcher(s.strip()).replaceAll(" ");
    }

    private static String clip(String s, int max) {
        return Texts.clip(s, max);
    }

    /** When the customer next hears from us after a promise without a date, unless a rule or a person says. */
    static final Duration UNDATED_PROMISE_CONTACT = Duration.ofHours(4);

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern CARRIED =
            java.util.regex.Pattern.compile("\\(made before handover ho-[0-9a-f]{16}\\)$");

    /** Which tasks a handover creates in the CRM; issue-specific planners add their own. */
    interface TaskPlanning {
        List<TaskDraft> tasks(Draft draft, List<String> warnings);
    }

    /** The follow-up's tasks as a task planner: the receiver's acknowledgement and the follow-up's watch point. */
    static TaskPlanning followUp(FollowUpTasks followUp) {
        return (d, warnings) -> followUp.tasks(
                new FollowUpTasks.Draft(
                        d.record(),
                        d.ticket().priority(),
                        d.sender(),
                        d.receiver(),
                        d.acknowledgeBy(),
                        d.now(),
                        d.directory()),
                warnings);
    }

    /**
     * The tasks of the handover itself: one per required action when the rule exchanges information by task, owned by
     * the action's agent; and, after an absence, a hand-back task for the returning owner due on their return.
     */
    static final class ActionTasks implements TaskPlanning {
        @Override
        public List<TaskDraft> tasks(Draft d, List<String> warnings) {
            List<TaskDraft> out = new ArrayList<>();
            if (d.settings().exchange().createsTasks()) {
                for (ActionItem a : d.actions()) {
                    if (a.owner().agent().isEmpty()) {
                        warnings.add("action '" + a.text() + "' is owned by "
                                + a.owner().describe() + ", not an agent: it is in the note but has no task");
                        continue;
                    }
                    out.add(TaskDraft.builder(d.id(), a.key(), TaskKind.ACTION)
                            .owner(a.owner().agent().get())
                            .subject(clip(a.text(), 200) + " (ticket "
                                    + d.ticket().id() + ")")
                            .body("Required by handover " + d.id() + " of ticket "
                                    + d.ticket().id() + ": " + a.text())
                            .due(a.due())
                            .remindAt(a.due())
                            .build());
                }
            }
            if (d.returnAt().isPresent() && d.sender().isPresent()) {
                out.add(TaskDraft.builder(d.id(), Keys.Task.HAND_BACK.key(), TaskKind.FOLLOW_UP)
                        .owner(d.sender().get().id())
                        .subject("Take ticket " + d.ticket().id() + " back on your return")
                        .body("Handed over during your absence by handover " + d.id() + "; it comes back to you"
                                + " when you return.")
                        .due(d.returnAt().get())
                        .build());
            }
            return out;
        }
    }
}
