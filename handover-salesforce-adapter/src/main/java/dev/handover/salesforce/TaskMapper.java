package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.salesforce.http.Json;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handover tasks as Salesforce Tasks. {@code WhatId} is the Case and {@code OwnerId} the owner, so the task sits on
 * the Case and in the owner's list; {@code ActivityDate} (a date only) is the due day in the owner's time zone, the
 * exact due instant lives in the configured due field, and a reminder sets {@code IsReminderSet} and {@code
 * ReminderDateTime} so Salesforce pops it natively. The handover id, task key and kind live in configured custom
 * fields, which is how tasks are found again.
 *
 * <p>Status: the configured cancelled value reads as CANCELLED, the completed value or any closed status as COMPLETED,
 * everything else as OPEN; the SOQL conditions below are the exact inverse.
 */
final class TaskMapper {
    private final Config config;

    TaskMapper(Config config) {
        this.config = config;
    }

    List<String> fields() {
        Config.TaskFields f = config.taskFields();
        return List.of(
                "Id",
                "WhatId",
                "OwnerId",
                "Subject",
                "Description",
                "Status",
                "IsClosed",
                "ActivityDate",
                "IsReminderSet",
                "ReminderDateTime",
                "CreatedDate",
                "CompletedDateTime",
                "LastModifiedDate",
                "SystemModstamp",
                f.handover(),
                f.key(),
                f.kind(),
                f.due());
    }

    /** A Task record as a handover task, or empty when it is not one (no handover id, key or due). */
    Optional<Task> task(JsonNode r) {
        Config.TaskFields f = config.taskFields();
        Optional<String> handover = Json.optionalText(r, f.handover());
        Optional<String> key = Json.optionalText(r, f.key());
        Optional<Instant> due = Json.instant(r, f.due());
        if (handover.isEmpty()
                || key.isEmpty()
                || due.isEmpty()
                || !Task.KEY.matcher(key.get()).matches()) {
            return Optional.empty();
        }
        HandoverId handoverId;
        try {
            handoverId = HandoverId.of(handover.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        TaskStatus status = status(Json.text(r, "Status"), r.path("IsClosed").asBoolean(false));
        Instant created = Json.instant(r, "CreatedDate").orElse(due.get());
        Optional<Instant> completed = status.isOpen()
                ? Optional.empty()
                : Json.instant(r, "CompletedDateTime").or(() -> Json.instant(r, "LastModifiedDate"));
        Optional<Instant> remindAt =
                r.path("IsReminderSet").asBoolean(false) ? Json.instant(r, "ReminderDateTime") : Optional.empty();
        String subject = Json.text(r, "Subject");
        return Optional.of(new Task(
                TaskId.of(Json.text(r, "Id")),
                TicketId.of(Json.text(r, "WhatId")),
                handoverId,
                key.get(),
                kind(Json.text(r, f.kind())),
                AgentId.of(Json.text(r, "OwnerId")),
                subject.isBlank() ? "(no subject)" : subject,
                Json.text(r, "Description"),
                due.get(),
                remindAt,
                status,
                created,
                completed,
                Version.of(Json.instant(r, "SystemModstamp").orElse(created).toString())));
    }

    TaskStatus status(String raw, boolean isClosed) {
        Config.TaskPicklists p = config.taskPicklists();
        if (raw.equals(p.cancelled())) {
            return TaskStatus.CANCELLED;
        }
        if (raw.equals(p.completed()) || isClosed) {
            return TaskStatus.COMPLETED;
        }
        return TaskStatus.OPEN;
    }

    private static TaskKind kind(String raw) {
        try {
            return TaskKind.valueOf(raw.strip());
        } catch (IllegalArgumentException e) {
            return TaskKind.ACTION; // written by hand or by an older version: still a task to do
        }
    }

    /** The WHERE conditions of a task query (without paging). */
    List<Soql.Cond> conditions(TaskQuery q) {
        Config.TaskFields f = config.taskFields();
        Config.TaskPicklists p = config.taskPicklists();
        List<Soql.Cond> where = new ArrayList<>();
        where.add(Soql.notNull(f.handover()));
        where.add(Soql.notNull(f.due()));
        if (!q.statuses().isEmpty() && q.statuses().size() < TaskStatus.values().length) {
            List<Soql.Cond> any = new ArrayList<>();
            for (TaskStatus s : q.statuses()) {
                any.add(
                        switch (s) {
                            case OPEN ->
                                Soql.and(
                                        Soql.eq("IsClosed", false),
                                        Soql.notEq("Status", p.completed()),
                                        Soql.notEq("Status", p.cancelled()));
                            case COMPLETED ->
                                Soql.and(
                                        Soql.notEq("Status", p.cancelled()),
                                        Soql.or(Soql.eq("Status", p.completed()), Soql.eq("IsClosed", true)));
                            case CANCELLED -> Soql.eq("Status", p.cancelled());
                        });
            }
            where.add(Soql.or(any));
        }
        q.dueAtOrBefore().ifPresent(d -> where.add(Soql.atOrBefore(f.due(), d)));
        q.handover().ifPresent(h -> where.add(Soql.eq(f.handover(), h.value())));
        q.ticket().ifPresent(t -> where.add(Soql.eqId("WhatId", Ids.caseId(t))));
        q.owner().ifPresent(o -> where.add(Soql.eqId("OwnerId", Ids.userId(o, "task owner"))));
        if (!q.kinds().isEmpty() && q.kinds().size() < TaskKind.values().length) {
            where.add(Soql.in(
                    f.kind(), q.kinds().stream().map(TaskKind::name).sorted().toList()));
        }
        return where;
    }

    /** A new Task for a draft. */
    ObjectNode create(TaskDraft d, String caseId, Optional<String> contactId, ZoneId ownerZone) {
        Config.TaskFields f = config.taskFields();
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.putObject("attributes").put("type", "Task");
        t.put("WhatId", caseId);
        contactId.ifPresent(c -> t.put("WhoId", c));
        t.put("OwnerId", Ids.userId(d.owner(), "task owner"));
        t.put("Subject", Json.protect(d.subject()));
        t.put("Description", Json.protect(d.body()));
        t.put("Status", config.taskPicklists().open());
        t.put("Priority", config.taskPicklists().priority());
        Instant due = due(d.due());
        t.put("ActivityDate", activityDate(due, ownerZone).toString());
        t.put(f.due(), Json.dateTime(due));
        if (d.remindAt().isPresent()) {
            t.put("IsReminderSet", true);
            t.put("ReminderDateTime", Json.dateTime(d.remindAt().get()));
        } else {
            t.put("IsReminderSet", false);
        }
        t.put(f.handover(), d.handover().value());
        t.put(f.key(), d.key());
        t.put(f.kind(), d.kind().name());
        return t;
    }

    /** The update of an existing Task for a change; {@code idValue} may be a composite reference. */
    ObjectNode change(TaskChange c, String idValue, ZoneId ownerZone) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.putObject("attributes").put("type", "Task");
        t.put("id", idValue);
        c.status()
                .ifPresent(s -> t.put(
                        "Status",
                        switch (s) {
                            case OPEN -> config.taskPicklists().open();
                            case COMPLETED -> config.taskPicklists().completed();
                            case CANCELLED -> config.taskPicklists().cancelled();
                        }));
        c.due().ifPresent(d -> {
            Instant due = due(d);
            t.put(config.taskFields().due(), Json.dateTime(due));
            t.put("ActivityDate", activityDate(due, ownerZone).toString());
        });
        c.owner().ifPresent(o -> t.put("OwnerId", Ids.userId(o, "new task owner")));
        return t;
    }

    /** A task as created from its draft, before reading it back. */
    Task created(String taskId, TicketId ticket, TaskDraft d, Instant createdAt, Version version) {
        return new Task(
                TaskId.of(taskId),
                ticket,
                d.handover(),
                d.key(),
                d.kind(),
                AgentId.of(Ids.userId(d.owner(), "task owner")),
                d.subject(),
                d.body(),
                due(d.due()),
                d.remindAt().map(TaskMapper::due),
                TaskStatus.OPEN,
                createdAt,
                Optional.empty(),
                version);
    }

    /** Salesforce keeps whole seconds. */
    static Instant due(Instant due) {
        return due.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The due day as the owner sees it. */
    static LocalDate activityDate(Instant due, ZoneId ownerZone) {
        return due.atZone(ownerZone).toLocalDate();
    }
}
