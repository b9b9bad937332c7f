package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.TestTicket;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Zendesk probes of {@code handover selftest}: each checks one thing the adapter assumes about Zendesk or about this
 * account, writing only to the test tickets it creates through {@link ProbeContext#createTicket} (and the one task
 * ticket {@code task-closing} creates and deletes, as {@code check --probe-tasks} does). A refusal the probe did not
 * expect becomes a failure with the probe's own fix, so one probe never hides the others.
 */
final class SelfTestProbes {
    private static final HandoverId HANDOVER = HandoverId.of("ho-selftest");

    private SelfTestProbes() {}

    /** A probe from its name, assumption and body; a refusal the body does not catch fails it with {@code fix}. */
    private record Named(String name, String assumption, String fix, BiFunction<Probe, ProbeContext, ProbeResult> body)
            implements Probe {
        @Override
        public ProbeResult run(ProbeContext context) {
            try {
                return body.apply(this, context);
            } catch (CrmException e) {
                return ProbeResult.fail(this, "Zendesk refused the probe: " + SelfTest.describe(e), fix);
            }
        }
    }

    static List<Probe> all(SelfTest support) {
        Config config = support.config();
        Transport http = support.http();
        boolean perItem = config.taskTickets().perItem();
        List<Probe> out = new ArrayList<>();
        out.add(new Named(
                "configured-fields",
                "Every ticket field id and user field key in the settings exists in this account"
                        + " (GET /api/v2/ticket_fields, /api/v2/user_fields).",
                "correct the settings the answer names; each problem gives the closest field of the account",
                (p, ctx) -> configuredFields(p, http, config)));
        out.add(new Named(
                "task-closing",
                "A task ticket can be created (tasks.form-id, tasks.requester-id) and closed as the settings say ("
                        + (config.taskTickets().byTag() ? "tasks.close-by: tag" : "solved, with tasks.solve-fields")
                        + "): no field required to solve refuses it.",
                "set tasks.solve-fields to <field-id>=<value> for every field required to solve, or tasks.close-by:"
                        + " tag",
                (p, ctx) -> taskClosing(p, http, config)));
        out.add(new Named(
                "task-due-time",
                "A task ticket keeps the time of day of its due_at"
                        + (perItem
                                ? " (tasks.tickets: per-item reads every task's due time from it)."
                                : " (tasks.tickets: per-handover keeps each item's due time in its tags as well)."),
                "set tasks.tickets: per-handover, which keeps every item's due time in the checklist's tags",
                (p, ctx) -> taskDueTime(p, ctx, support, http, perItem)));
        out.add(new Named(
                "assignment-kept",
                "The assignee a handover writes is kept: no trigger or omnichannel routing assigns the ticket to"
                        + " someone else afterwards.",
                "add the condition 'Current user is not <the API user>' to the triggers that set the assignee, and"
                        + " turn off omnichannel auto-assignment for the groups handover assigns to",
                (p, ctx) -> assignmentKept(p, ctx, http)));
        out.add(new Named(
                "internal-note-silent",
                "An internal note (comment with public: false) emails nobody outside the team: every trigger that"
                        + " notifies the requester has the condition 'Comment is Public'.",
                "add the condition 'Comment is Public' to every trigger that emails the requester",
                (p, ctx) -> internalNoteSilent(p, ctx, http)));
        out.add(new Named(
                "rate-limit-headers",
                "Answers carry X-Rate-Limit and X-Rate-Limit-Remaining (or ratelimit-limit / ratelimit-remaining),"
                        + " which pace the adapter below the account's limit besides rate-limit.requests-per-minute ("
                        + config.http().requestsPerMinute() + ").",
                "check that no proxy between the worker and Zendesk strips the X-Rate-Limit headers, and set"
                        + " rate-limit.requests-per-minute to the plan's limit",
                (p, ctx) -> rateLimitHeaders(p, http, config)));
        return List.copyOf(out);
    }

    private static String fix(Probe p) {
        return ((Named) p).fix();
    }

    private static Ticket testTicket(ProbeContext ctx, String probe, String why) {
        return ctx.createTicket(new TestTicket(probe, "Created by handover selftest to check: " + why, Set.of()));
    }

    /** Writes only to the self-test's own tickets: the one rule no probe may break. */
    private static long own(ProbeContext ctx, Ticket t) {
        if (!ctx.isOwn(t.id())) {
            throw new IllegalStateException("probe would write to ticket " + t.id() + ", which it did not create");
        }
        return Long.parseLong(t.id().value());
    }

    private static JsonNode raw(Transport http, long id) {
        return http.execute(HttpCall.get("/api/v2/tickets/" + id, "re-read of self-test ticket " + id))
                .path("ticket");
    }

    private static Optional<ProbeResult> refused(Probe p, UpdateResult r, String what, String fix) {
        return r.error()
                .map(e -> ProbeResult.fail(p, "Zendesk refused " + what + " (" + SelfTest.describe(e) + ")", fix));
    }

    // ------------------------------------------------------------------ configured-fields

    private static ProbeResult configuredFields(Probe p, Transport http, Config config) {
        List<String> problems = new SettingsCheck(http, config).problems();
        if (problems.isEmpty()) {
            int fields = config.ticketFields().size() + (config.languageField().isPresent() ? 1 : 0);
            return ProbeResult.pass(
                    p,
                    (fields == 0
                                    ? "no ticket fields are configured"
                                    : "the account has all " + fields + " configured ticket field(s)")
                            + "; every configured user field exists");
        }
        return ProbeResult.fail(p, String.join("; ", problems), fix(p));
    }

    // ------------------------------------------------------------------ task-closing

    private static ProbeResult taskClosing(Probe p, Transport http, Config config) {
        List<String> problems = new TaskProbe(http, config).problems();
        if (problems.isEmpty()) {
            return ProbeResult.pass(
                    p,
                    "a task ticket was created, closed "
                            + (config.taskTickets().byTag() ? "by tag" : "by solving it")
                            + " and deleted");
        }
        return ProbeResult.fail(p, String.join("; ", problems), fix(p));
    }

    // ------------------------------------------------------------------ task-due-time

    /*
     * due_at: "If this is a ticket of type "task" it has a due date. Due date format uses ISO 8601 format"
     * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/); the documentation does not say whether
     * an account keeps the time of day (the agent interface sets a date only), so the probe writes one and reads it.
     */
    private static ProbeResult taskDueTime(
            Probe p, ProbeContext ctx, SelfTest support, Transport http, boolean perItem) {
        Ticket t = testTicket(ctx, p.name(), p.assumption());
        own(ctx, t);
        Instant due = ctx.clock()
                .instant()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1).plusHours(14).plusMinutes(37));
        UpdateResult r = ctx.crm()
                .apply(TicketUpdate.builder(t.id())
                        .createTask(TaskDraft.builder(HANDOVER, "selftest-due", TaskKind.ACTION)
                                .owner(ctx.team().sender())
                                .subject(TestTicket.LABEL + "due at 14:37 UTC")
                                .body("Created by handover selftest; deleted with its ticket.")
                                .due(due)
                                .build())
                        .build());
        Optional<ProbeResult> refusal = refused(
                p,
                r,
                "the task ticket",
                "run the task-closing probe's fix first; the account refuses task tickets as configured");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Set<Long> taskTickets = support.taskTickets(t.id());
        if (taskTickets.isEmpty()) {
            return ProbeResult.fail(
                    p,
                    "the task was written, but no task ticket of the test ticket can be found again",
                    "check that the API user may read tickets of type task (a view or role restriction)");
        }
        long task = taskTickets.iterator().next();
        String kept = Json.text(raw(http, task), "due_at");
        Instant read;
        try {
            read = Instant.parse(kept);
        } catch (DateTimeParseException e) {
            return ProbeResult.fail(
                    p,
                    "the task ticket's due_at reads '" + kept + "', not an ISO 8601 time",
                    "check that task ticket " + task + " is of type task and the API user may set its due date");
        }
        if (read.equals(due)) {
            return ProbeResult.pass(p, "the task ticket kept due_at " + due + " to the second");
        }
        boolean sameDay = read.truncatedTo(ChronoUnit.DAYS).equals(due.truncatedTo(ChronoUnit.DAYS));
        String answer = "the task ticket's due_at was written as " + due + " and reads " + read
                + (sameDay ? ": the account keeps the date, not the time of day" : "");
        if (perItem) {
            return ProbeResult.fail(
                    p,
                    answer + "; with tasks.tickets: per-item reminders and overdue checks would use " + read,
                    fix(p));
        }
        return ProbeResult.warn(
                p,
                answer + "; the adapter reads each item's due time from the checklist's tags, only Zendesk's own"
                        + " due-date views show " + read,
                "none needed with tasks.tickets: per-handover; keep it, do not switch to per-item");
    }

    // ------------------------------------------------------------------ assignment-kept

    private static ProbeResult assignmentKept(Probe p, ProbeContext ctx, Transport http) {
        Ticket t = testTicket(ctx, p.name(), p.assumption());
        long id = own(ctx, t);
        String receiver = ctx.team().receiver().value();
        Assignment to = ctx.team()
                .group()
                .map(g -> Assignment.toAgentInGroup(ctx.team().receiver(), g))
                .orElse(Assignment.toAgent(ctx.team().receiver()));
        UpdateResult r = ctx.crm()
                .apply(TicketUpdate.builder(t.id())
                        .assign(to)
                        .note(NoteDraft.internal(TestTicket.LABEL + "handed over to the test receiver"))
                        .build());
        Optional<ProbeResult> refusal = refused(
                p,
                r,
                "the reassignment",
                "with omnichannel routing, let the API user assign tickets to agents of the group (Admin Center >"
                        + " Objects and rules > Omnichannel routing), or make the test receiver a member of the group");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        String assignee = Json.text(raw(http, id), "assignee_id");
        if (assignee.equals(receiver)) {
            return ProbeResult.pass(p, "the test ticket kept the assignee the handover wrote, the test receiver");
        }
        Optional<String> trigger = Optional.empty();
        for (JsonNode a : audits(http, id)) {
            for (JsonNode e : a.path("events")) {
                if ("Change".equals(Json.text(e, "type")) && "assignee_id".equals(Json.text(e, "field_name"))) {
                    String title = Json.text(e.path("via").path("source").path("from"), "title");
                    if (!title.isEmpty()) {
                        trigger = Optional.of(title);
                    }
                }
            }
        }
        return ProbeResult.fail(
                p,
                "the handover wrote the test receiver " + receiver + " as assignee, but the ticket is now assigned to "
                        + (assignee.isEmpty() ? "nobody" : assignee)
                        + trigger.map(x -> " by the trigger '" + x + "'").orElse(" (by a trigger or routing)"),
                trigger.map(x -> "add the condition 'Current user is not <the API user>' to the trigger '" + x + "'")
                        .orElse(fix(p)));
    }

    // ------------------------------------------------------------------ internal-note-silent

    /*
     * A trigger's email shows in the ticket's audits as a Notification event with its recipients' user ids and the
     * trigger in via.source.from (Ticket Audit events reference,
     * https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference). The audits
     * need the global "read" OAuth scope (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/).
     */
    private static ProbeResult internalNoteSilent(Probe p, ProbeContext ctx, Transport http) {
        Ticket t = testTicket(ctx, p.name(), p.assumption());
        long id = own(ctx, t);
        UpdateResult r = ctx.crm()
                .apply(TicketUpdate.builder(t.id())
                        .note(NoteDraft.internal(
                                TestTicket.LABEL + "an internal note: nobody outside the team sees it"))
                        .build());
        Optional<ProbeResult> refusal =
                refused(p, r, "the internal note", "grant the API user the permission to add private comments");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        long requester = raw(http, id).path("requester_id").asLong(0);
        List<JsonNode> audits;
        try {
            audits = audits(http, id);
        } catch (CrmException e) {
            if (e.httpStatus().orElse(0) == 403) {
                return ProbeResult.warn(
                        p,
                        "the ticket's audits cannot be read (" + SelfTest.describe(e) + "), so whether a trigger"
                                + " emailed the requester is not known",
                        "grant the OAuth client the global read scope, or check by hand that every trigger that"
                                + " emails the requester has the condition 'Comment is Public'");
            }
            throw e;
        }
        Set<String> triggers = new LinkedHashSet<>();
        // the first audit is the ticket's creation; the note's update comes after it
        for (JsonNode a : audits.subList(Math.min(1, audits.size()), audits.size())) {
            for (JsonNode e : a.path("events")) {
                if (!"Notification".equals(Json.text(e, "type"))) {
                    continue;
                }
                boolean toRequester = false;
                for (JsonNode who : e.path("recipients")) {
                    toRequester |= who.asLong() == requester;
                }
                if (toRequester) {
                    String title = Json.text(e.path("via").path("source").path("from"), "title");
                    triggers.add(title.isEmpty() ? "(a trigger without a title)" : title);
                }
            }
        }
        if (triggers.isEmpty()) {
            return ProbeResult.pass(
                    p,
                    "the internal note's update notified nobody outside the team (" + audits.size() + " audits read)");
        }
        return ProbeResult.fail(
                p,
                "the internal note emailed the test requester through the trigger(s) '" + String.join("', '", triggers)
                        + "': every handover note would reach the customer",
                "add the condition 'Comment is Public' to the trigger(s) '" + String.join("', '", triggers) + "'");
    }

    private static List<JsonNode> audits(Transport http, long id) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 5; page++) {
            HttpCall call = HttpCall.get("/api/v2/tickets/" + id + "/audits", "read of the audits of ticket " + id)
                    .query("page[size]", 100);
            if (after != null) {
                call = call.query("page[after]", after);
            }
            JsonNode body = http.execute(call);
            body.path("audits").forEach(out::add);
            JsonNode meta = body.path("meta");
            after = Json.text(meta, "after_cursor");
            if (!meta.path("has_more").asBoolean(false) || after.isEmpty()) {
                break;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ rate-limit-headers

    /*
     * "X-Rate-Limit: 700" and "X-Rate-Limit-Remaining: 699" on every answer, and the newer ratelimit-limit,
     * ratelimit-remaining and ratelimit-reset (https://developer.zendesk.com/api-reference/introduction/rate-limits/).
     */
    private static ProbeResult rateLimitHeaders(Probe p, Transport http, Config config) {
        HttpResult r = http.exchange(HttpCall.get("/api/v2/users/me", "read of the authenticated user"));
        r.orThrow();
        Map<String, List<String>> h = r.headers();
        Optional<String> limit = first(h, "x-rate-limit").or(() -> first(h, "ratelimit-limit"));
        Optional<String> remaining = first(h, "x-rate-limit-remaining").or(() -> first(h, "ratelimit-remaining"));
        if (limit.isPresent() && remaining.isPresent()) {
            int configured = config.http().requestsPerMinute();
            String answer = "the answer carried a limit of " + limit.get() + " requests per minute, " + remaining.get()
                    + " remaining";
            try {
                if (Integer.parseInt(limit.get().trim()) < configured) {
                    return ProbeResult.warn(
                            p,
                            answer + ": below rate-limit.requests-per-minute (" + configured
                                    + "), so the adapter will meet 429 answers",
                            "set rate-limit.requests-per-minute to "
                                    + limit.get().trim() + " or less");
                }
            } catch (NumberFormatException e) {
                return ProbeResult.warn(p, answer + ", not a number", fix(p));
            }
            return ProbeResult.pass(p, answer);
        }
        return ProbeResult.warn(
                p,
                "the answer carried no X-Rate-Limit / ratelimit-* headers: the adapter paces itself by"
                        + " rate-limit.requests-per-minute alone and waits out the 429 answers' Retry-After",
                fix(p));
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        return headers.getOrDefault(name, List.of()).stream().findFirst();
    }
}
