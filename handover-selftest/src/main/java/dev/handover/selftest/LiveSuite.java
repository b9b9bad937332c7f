package dev.handover.selftest;

import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live-safe cases of the connector contract: what {@code CrmConnectorCompatibilityKit} checks against a seeded
 * fake, restated so that it can run against a real account — every case creates its own labelled test tickets for the
 * test requester and writes to nothing else. The kit runs these same probes against every fake; {@code handover
 * selftest} runs them against the integrator's sandbox, then the connector's vendor probes.
 *
 * <p>The cases: the directory holds the test team; a test ticket reads back as created; a handover write (internal
 * note, customer notice, reassignment, tag, two tasks) lands whole and the owner stays; tasks complete and cancel; a
 * stale version conflicts; a retry with the same key is a replay; a batch of two writes; the conversation, the
 * conversations of several tickets and a search read back.
 */
public final class LiveSuite {
    private LiveSuite() {}

    /** How long a search may take to find a ticket just written (search indexes lag): 10 tries, 3 s apart. */
    static final int SEARCH_TRIES = 10;

    static final Duration SEARCH_PAUSE = Duration.ofSeconds(3);

    /** The live-safe probes, in the order to run them. */
    public static List<Probe> probes() {
        return List.of(
                new DirectoryProbe(),
                new CreateProbe(),
                new HandoverProbe(),
                new TaskLifecycleProbe(),
                new ConflictProbe(),
                new ReplayProbe(),
                new BatchProbe(),
                new ReadBackProbe());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Ticket newTicket(ProbeContext ctx, String what) {
        return ctx.createTicket(new TestTicket(
                what,
                "A test ticket made by handover selftest to check " + what
                        + ". It is discarded at the end of the run; nobody needs to act on it.",
                Set.of()));
    }

    private static Ticket read(ProbeContext ctx, TicketId id) {
        return ctx.crm()
                .ticket(id)
                .orElseThrow(() -> new IllegalStateException("test ticket " + id + " could not be read back"));
    }

    private static Assignment toReceiver(TestTeam team) {
        return team.group()
                .map(g -> Assignment.toAgentInGroup(team.receiver(), g))
                .orElse(Assignment.toAgent(team.receiver()));
    }

    private static HandoverId handover(ProbeContext ctx, String probe) {
        return HandoverId.of("selftest-" + probe + "-" + ctx.clock().millis() % 1_000_000_000L);
    }

    private static TaskDraft task(HandoverId h, String key, TaskKind kind, AgentId owner, Instant due) {
        return TaskDraft.builder(h, key, kind)
                .owner(owner)
                .subject("handover selftest: " + key)
                .body("A task made by handover selftest; it is discarded with its test ticket.")
                .due(due)
                .build();
    }

    private static List<Comment> comments(ProbeContext ctx, TicketId id) {
        return ctx.crm()
                .comments(id, SortOrder.NEWEST_FIRST, PageRequest.first(50))
                .items();
    }

    private static List<Task> tasks(ProbeContext ctx, TicketId id) {
        return ctx.crm().allTasks(TaskQuery.builder().ticket(id).build()).toList();
    }

    private static String key(ProbeContext ctx, String probe) {
        return "selftest-" + probe + "-" + ctx.clock().millis();
    }

    // ------------------------------------------------------------------------------------------ probes

    static final class DirectoryProbe extends LiveProbe {
        DirectoryProbe() {
            super(
                    "directory",
                    "the test sender and receiver are active agents who can be given tickets, in the test group");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            Directory dir = ctx.crm().directory();
            TestTeam team = ctx.team();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, AgentId> who :
                    List.of(Map.entry("sender", team.sender()), Map.entry("receiver", team.receiver()))) {
                Optional<Agent> a = dir.agent(who.getValue());
                if (a.isEmpty()) {
                    problems.add("the test " + who.getKey() + " " + who.getValue() + " is not in the directory");
                } else if (!a.get().active()) {
                    problems.add("the test " + who.getKey() + " " + who.getValue() + " is inactive");
                } else if (!a.get().canTakeTickets()) {
                    problems.add("the test " + who.getKey() + " " + who.getValue() + " cannot take tickets ("
                            + a.get().cannotTakeTickets() + ")");
                } else if (team.group().isPresent()
                        && !a.get().groups().contains(team.group().get())) {
                    problems.add("the test " + who.getKey() + " " + who.getValue() + " is not in group "
                            + team.group().get());
                }
            }
            if (team.group().isPresent() && dir.group(team.group().get()).isEmpty()) {
                problems.add("the test group " + team.group().get() + " is not in the directory");
            }
            return expect(
                    problems.isEmpty(),
                    dir.agents().size() + " agents read; the test team is there and can take tickets",
                    String.join("; ", problems),
                    "name two active agents with full licences, members of the test group, in selftest.sender,"
                            + " selftest.receiver and selftest.group");
        }
    }

    static final class CreateProbe extends LiveProbe {
        CreateProbe() {
            super(
                    "test-ticket",
                    "a labelled test ticket reads back with its subject, requester, assignee and tag as created");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            Ticket made = newTicket(ctx, "reading a ticket back");
            Ticket t = read(ctx, made.id());
            List<String> wrong = new ArrayList<>();
            if (!t.subject().startsWith(TestTicket.LABEL)) {
                wrong.add("subject '" + t.subject() + "'");
            }
            if (!t.requester().email().equalsIgnoreCase(ctx.team().requesterEmail())) {
                wrong.add("requester " + (t.requester().email().isBlank() ? "(no email)" : "not the test requester"));
            }
            if (!t.assignee().equals(Optional.of(ctx.team().sender()))) {
                wrong.add("assignee " + t.assignee().map(AgentId::value).orElse("nobody") + " instead of "
                        + ctx.team().sender());
            }
            if (!t.tags().contains(TestTicket.TAG)) {
                wrong.add("no tag " + TestTicket.TAG);
            }
            return expect(
                    wrong.isEmpty(),
                    "ticket " + t.id() + " read back as created",
                    "ticket " + t.id() + " read back with " + String.join(", ", wrong),
                    "an account automation (trigger, flow, assignment rule) changes new tickets: exclude tickets"
                            + " tagged " + TestTicket.TAG + " and handover_* from it");
        }
    }

    static final class HandoverProbe extends LiveProbe {
        HandoverProbe() {
            super(
                    "handover-write",
                    "one update writes an internal note, a customer notice, the reassignment, a tag and two tasks,"
                            + " and the account keeps the new owner");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            TestTeam team = ctx.team();
            Ticket t = newTicket(ctx, "a handover write");
            Instant due = ctx.clock().instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            HandoverId h = handover(ctx, "handover");
            String note = "handover selftest: internal note " + h.value();
            String notice = "handover selftest: notice to the test requester " + h.value();
            UpdateResult r = ctx.crm()
                    .apply(TicketUpdate.builder(t.id())
                            .note(NoteDraft.internal(note))
                            .note(NoteDraft.customerReply(notice))
                            .assign(toReceiver(team))
                            .addTag("handover_selftest_done")
                            .createTask(task(h, "ack", TaskKind.ACKNOWLEDGEMENT, team.receiver(), due))
                            .createTask(task(h, "action-1", TaskKind.ACTION, team.receiver(), due))
                            .expectedVersion(t.version())
                            .idempotencyKey(key(ctx, "handover"))
                            .build())
                    .orThrow();
            Ticket after = read(ctx, t.id());
            List<String> wrong = new ArrayList<>();
            if (!after.assignee().equals(Optional.of(team.receiver()))) {
                return ProbeResult.fail(
                        this,
                        "the write landed, but ticket " + t.id() + " is now assigned to "
                                + after.assignee().map(AgentId::value).orElse("nobody") + ", not "
                                + team.receiver(),
                        "an assignment rule, trigger or routing reassigns tickets after an update: exclude tickets"
                                + " tagged handover_* (or the handover's group) from it");
            }
            if (!after.tags().contains("handover_selftest_done")) {
                wrong.add("the tag is missing");
            }
            List<Comment> cs = comments(ctx, t.id());
            boolean noteInternal = cs.stream().anyMatch(c -> c.body().contains(note) && c.isInternal());
            boolean noticePublic = cs.stream().anyMatch(c -> c.body().contains(notice) && !c.isInternal());
            if (!noteInternal) {
                wrong.add(
                        cs.stream().anyMatch(c -> c.body().contains(note))
                                ? "the internal note is visible to the customer"
                                : "the internal note is missing");
            }
            if (!noticePublic) {
                wrong.add("the customer notice is missing or not public");
            }
            long open = tasks(ctx, t.id()).stream()
                    .filter(x -> x.handover().equals(h) && x.status() == TaskStatus.OPEN)
                    .count();
            if (open != 2) {
                wrong.add(open + " of the 2 tasks read back open");
            }
            return expect(
                    wrong.isEmpty(),
                    "ticket " + t.id() + ": note internal, notice public, owner " + team.receiver() + " kept, tag and"
                            + " 2 tasks there (" + r.status() + ")",
                    "ticket " + t.id() + ": " + String.join("; ", wrong),
                    "check the notes and tasks settings of the adapter's guide (docs/) for this account");
        }
    }

    static final class TaskLifecycleProbe extends LiveProbe {
        TaskLifecycleProbe() {
            super("task-lifecycle", "a task can be completed and another cancelled, and both read back so");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            TestTeam team = ctx.team();
            Ticket t = newTicket(ctx, "completing and cancelling tasks");
            Instant due = ctx.clock().instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
            HandoverId h = handover(ctx, "tasks");
            List<Task> made = ctx.crm()
                    .apply(TicketUpdate.builder(t.id())
                            .createTask(task(h, "done", TaskKind.ACTION, team.sender(), due))
                            .createTask(task(h, "dropped", TaskKind.ACTION, team.sender(), due))
                            .idempotencyKey(key(ctx, "tasks"))
                            .build())
                    .orThrow()
                    .createdTasks();
            List<Task> mine = made.isEmpty()
                    ? tasks(ctx, t.id()).stream()
                            .filter(x -> x.handover().equals(h))
                            .toList()
                    : made;
            Optional<Task> done =
                    mine.stream().filter(x -> x.key().equals("done")).findFirst();
            Optional<Task> dropped =
                    mine.stream().filter(x -> x.key().equals("dropped")).findFirst();
            if (done.isEmpty() || dropped.isEmpty()) {
                return ProbeResult.fail(
                        this,
                        "ticket " + t.id() + ": " + mine.size() + " of the 2 tasks read back",
                        "check the tasks settings of the adapter's guide (docs/) for this account");
            }
            ctx.crm()
                    .apply(TicketUpdate.builder(t.id())
                            .changeTask(TaskChange.complete(done.get().id()))
                            .changeTask(TaskChange.cancel(dropped.get().id()))
                            .build())
                    .orThrow();
            Map<String, TaskStatus> now = new java.util.HashMap<>();
            tasks(ctx, t.id()).stream().filter(x -> x.handover().equals(h)).forEach(x -> now.put(x.key(), x.status()));
            return expect(
                    now.get("done") == TaskStatus.COMPLETED && now.get("dropped") == TaskStatus.CANCELLED,
                    "ticket " + t.id() + ": one task completed, one cancelled",
                    "ticket " + t.id() + ": the tasks read back as " + now,
                    "the account changes task status on its own (a trigger or flow on tasks): exclude handover"
                            + " tasks from it");
        }
    }

    static final class ConflictProbe extends LiveProbe {
        ConflictProbe() {
            super("version-conflict", "a write based on a stale read is refused as a conflict and writes nothing");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            Ticket t = newTicket(ctx, "a version conflict");
            Version stale = t.version();
            ctx.crm()
                    .apply(TicketUpdate.builder(t.id())
                            .addTag("handover_selftest_first")
                            .expectedVersion(stale)
                            .build())
                    .orThrow();
            try {
                ctx.crm()
                        .apply(TicketUpdate.builder(t.id())
                                .addTag("handover_selftest_second")
                                .expectedVersion(stale)
                                .build())
                        .orThrow();
            } catch (CrmConflictException e) {
                boolean clean = !read(ctx, t.id()).tags().contains("handover_selftest_second");
                return expect(
                        clean,
                        "ticket " + t.id() + ": the stale write was refused as a conflict",
                        "ticket " + t.id() + ": refused as a conflict, but its tag was written anyway",
                        "the account's API does not honour the version check; report this with --record");
            }
            return ProbeResult.fail(
                    this,
                    "ticket " + t.id() + ": a write based on a stale read was accepted",
                    "concurrent edits would be overwritten: report this with --record; until it is fixed, run one"
                            + " worker and keep people from editing tickets during a shift change");
        }
    }

    static final class ReplayProbe extends LiveProbe {
        ReplayProbe() {
            super("idempotent-replay", "a retry with the same idempotency key writes nothing a second time");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            Ticket t = newTicket(ctx, "an idempotent retry");
            String body = "handover selftest: exactly once " + ctx.clock().millis();
            TicketUpdate u = TicketUpdate.builder(t.id())
                    .note(NoteDraft.internal(body))
                    .idempotencyKey(key(ctx, "replay"))
                    .build();
            UpdateResult first = ctx.crm().apply(u).orThrow();
            UpdateResult second = ctx.crm().apply(u).orThrow();
            long notes = comments(ctx, t.id()).stream()
                    .filter(c -> c.body().contains(body))
                    .count();
            return expect(
                    notes == 1 && second.status() == UpdateResult.Status.REPLAYED,
                    "ticket " + t.id() + ": " + first.status() + ", then " + second.status() + "; one note",
                    "ticket " + t.id() + ": " + first.status() + ", then " + second.status() + "; " + notes + " notes",
                    "the adapter cannot see its own earlier write in this account (audits or comments hidden from"
                            + " the API user): give it read access to the ticket's audits and comments");
        }
    }

    static final class BatchProbe extends LiveProbe {
        BatchProbe() {
            super("batch-write", "a batch of updates to several tickets lands whole, each one once");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            List<Ticket> ts = List.of(newTicket(ctx, "a batch write (1)"), newTicket(ctx, "a batch write (2)"));
            List<TicketUpdate> updates = new ArrayList<>();
            for (Ticket t : ts) {
                updates.add(TicketUpdate.builder(t.id())
                        .note(NoteDraft.internal("handover selftest: batch note for " + t.id()))
                        .addTag("handover_selftest_batch")
                        .idempotencyKey(key(ctx, "batch-" + t.id().value().replaceAll("[^A-Za-z0-9]", "")))
                        .build());
            }
            List<UpdateResult> rs = ctx.crm().applyAll(updates);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                UpdateResult r = rs.get(i);
                if (!r.isSuccess()) {
                    wrong.add(ts.get(i).id() + " failed: "
                            + r.error().map(Throwable::getMessage).orElse("?"));
                } else if (!read(ctx, ts.get(i).id()).tags().contains("handover_selftest_batch")) {
                    wrong.add(ts.get(i).id() + " has no tag");
                }
            }
            return expect(
                    wrong.isEmpty() && rs.size() == ts.size(),
                    "tickets " + ts.get(0).id() + " and " + ts.get(1).id() + " written in one batch",
                    String.join("; ", wrong),
                    "see the message; lower the adapter's batch size setting if the account refuses the batch");
        }
    }

    static final class ReadBackProbe extends LiveProbe {
        ReadBackProbe() {
            super(
                    "read-back",
                    "the conversation of one ticket and of several at once reads back, and a search finds a"
                            + " ticket just reassigned");
        }

        @Override
        ProbeResult check(ProbeContext ctx) {
            TestTeam team = ctx.team();
            Ticket a = newTicket(ctx, "reading conversations back (1)");
            Ticket b = newTicket(ctx, "reading conversations back (2)");
            String body = "handover selftest: read me back " + ctx.clock().millis();
            ctx.crm()
                    .apply(TicketUpdate.builder(a.id())
                            .note(NoteDraft.internal(body))
                            .assign(toReceiver(team))
                            .build())
                    .orThrow();
            if (comments(ctx, a.id()).stream().noneMatch(c -> c.body().contains(body))) {
                return ProbeResult.fail(
                        this,
                        "ticket " + a.id() + ": the note just written is not in its conversation",
                        "the API user cannot read internal notes: give it an agent role that sees them");
            }
            var many = ctx.crm().recentComments(List.of(a.id(), b.id()), 5);
            if (!many.containsKey(a.id()) || !many.containsKey(b.id())) {
                return ProbeResult.fail(
                        this,
                        "the conversations of " + a.id() + " and " + b.id() + " read at once came back for "
                                + many.keySet(),
                        "report this with --record");
            }
            TicketQuery q =
                    TicketQuery.builder().assignee(team.receiver()).open().build();
            for (int i = 1; i <= SEARCH_TRIES; i++) {
                boolean found = ctx.crm().searchAll(q).anyMatch(t -> t.id().equals(a.id()));
                if (found) {
                    return ProbeResult.pass(
                            this,
                            "conversations read; the search found ticket " + a.id() + " after " + i
                                    + (i == 1 ? " try" : " tries"));
                }
                if (i < SEARCH_TRIES) {
                    try {
                        ctx.sleeper().sleep(SEARCH_PAUSE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            return ProbeResult.warn(
                    this,
                    "the search did not find ticket " + a.id() + " within "
                            + SEARCH_PAUSE.multipliedBy(SEARCH_TRIES - 1).toSeconds() + " s",
                    "the account's search index lags: shift changes and sweeps find such tickets on a later pass;"
                            + " nothing to change unless the lag is minutes");
        }
    }
}
