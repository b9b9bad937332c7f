package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything one handover writes to one ticket: notes, the reassignment, tag changes, and the tasks to create or
 * change. A connector applies it in as few calls as the vendor allows, and atomically where it declares {@link
 * CrmCapabilities#atomicUpdate()}.
 *
 * <p><b>Concurrency.</b> With an expected version the write is refused with {@code CrmConflictException}, writing
 * nothing, when the ticket changed since it was read.
 *
 * <p><b>Idempotency.</b> With an idempotency key, applying the same update again (a retry after a timeout, a second
 * worker) writes nothing and returns a result flagged {@link UpdateResult.Status#REPLAYED}. The key is checked before
 * the version, so a retry of a write that did land is not mistaken for a conflict.
 *
 * @param ticket the ticket to change
 * @param notes comments to add, in order
 * @param assignment the new owner, if it changes
 * @param addTags tags to add (other tags stay)
 * @param removeTags tags to remove (other tags stay)
 * @param newTasks tasks to create on this ticket
 * @param taskChanges changes to existing tasks of this ticket
 * @param expectedVersion the version the caller read, if the write must not overwrite a newer change
 * @param idempotencyKey the key that makes repeating this update harmless
 */
public record TicketUpdate(
        TicketId ticket,
        List<NoteDraft> notes,
        Optional<Assignment> assignment,
        Set<String> addTags,
        Set<String> removeTags,
        List<TaskDraft> newTasks,
        List<TaskChange> taskChanges,
        Optional<Version> expectedVersion,
        Optional<String> idempotencyKey) {

    /** The form of an idempotency key. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Validates the update; an update must change something. */
    public TicketUpdate {
        Checks.notNull(ticket, "ticket");
        String where = "update of ticket " + ticket + ": ";
        notes = Checks.list(notes, where + "notes");
        Checks.optional(assignment, where + "assignment");
        addTags = Checks.tags(addTags, where + "tags to add");
        removeTags = Checks.tags(removeTags, where + "tags to remove");
        for (String tag : addTags) {
            if (removeTags.contains(tag)) {
                throw new IllegalArgumentException(where + "tag '" + tag + "' is both added and removed");
            }
        }
        newTasks = Checks.list(newTasks, where + "new tasks");
        Set<Map.Entry<HandoverId, String>> keys = new HashSet<>();
        for (TaskDraft t : newTasks) {
            if (!keys.add(Map.entry(t.handover(), t.key()))) {
                throw new IllegalArgumentException(
                        where + "task " + t.handover() + "/" + t.key() + " is created twice");
            }
        }
        taskChanges = Checks.list(taskChanges, where + "task changes");
        Set<TaskId> changed = new HashSet<>();
        for (TaskChange c : taskChanges) {
            if (!changed.add(c.task())) {
                throw new IllegalArgumentException(where + "task " + c.task() + " is changed twice");
            }
        }
        Checks.optional(expectedVersion, where + "expected version");
        Checks.optional(idempotencyKey, where + "idempotency key");
        idempotencyKey.ifPresent(k -> Checks.matches(
                k, IDEMPOTENCY_KEY, where + "idempotency key", "1–128 letters, digits, '.', '_', ':' or '-'"));
        if (notes.isEmpty()
                && assignment.isEmpty()
                && addTags.isEmpty()
                && removeTags.isEmpty()
                && newTasks.isEmpty()
                && taskChanges.isEmpty()) {
            throw new IllegalArgumentException(where + "changes nothing");
        }
    }

    /** A builder for an update of this ticket. */
    public static Builder builder(TicketId ticket) {
        return new Builder(ticket);
    }

    @Override
    public String toString() {
        return "TicketUpdate[ticket=" + ticket + ", notes=" + notes.size() + ", assignment="
                + assignment.map(Assignment::toString).orElse("-") + ", +tags=" + addTags + ", -tags=" + removeTags
                + ", newTasks=" + newTasks.size() + ", taskChanges=" + taskChanges.size() + ", expectedVersion="
                + expectedVersion.map(Version::value).orElse("-") + ", key=" + idempotencyKey.orElse("-") + "]";
    }

    /** Builds a {@link TicketUpdate}; {@link #build()} fails when nothing changes. */
    public static final class Builder {
        private final TicketId ticket;
        private final List<NoteDraft> notes = new ArrayList<>();
        private Assignment assignment;
        private final LinkedHashSet<String> addTags = new LinkedHashSet<>();
        private final LinkedHashSet<String> removeTags = new LinkedHashSet<>();
        private final List<TaskDraft> newTasks = new ArrayList<>();
        private final List<TaskChange> taskChanges = new ArrayList<>();
        private Version expectedVersion;
        private String idempotencyKey;

        private Builder(TicketId ticket) {
            this.ticket = Checks.notNull(ticket, "ticket");
        }

        /** Adds a comment. */
        public Builder note(NoteDraft note) {
            notes.add(Checks.notNull(note, "note"));
            return this;
        }

        /** Reassigns the ticket; may be called once. */
        public Builder assign(Assignment assignment) {
            Checks.notNull(assignment, "assignment");
            if (this.assignment != null) {
                throw new IllegalStateException(
                        "update of ticket " + ticket + ": assignment already set to " + this.assignment);
            }
            this.assignment = assignment;
            return this;
        }

        /** Adds tags. */
        public Builder addTag(String... tags) {
            addTags.addAll(Checks.tags(List.of(tags), "tags to add"));
            return this;
        }

        /** Removes tags. */
        public Builder removeTag(String... tags) {
            removeTags.addAll(Checks.tags(List.of(tags), "tags to remove"));
            return this;
        }

        /** Creates a task on the ticket. */
        public Builder createTask(TaskDraft task) {
            newTasks.add(Checks.notNull(task, "task"));
            return this;
        }

        /** Changes an existing task of the ticket. */
        public Builder changeTask(TaskChange change) {
            taskChanges.add(Checks.notNull(change, "task change"));
            return this;
        }

        /** Refuses the write if the ticket's version is no longer this one; may be called once. */
        public Builder expectedVersion(Version version) {
            Checks.notNull(version, "expected version");
            if (expectedVersion != null) {
                throw new IllegalStateException("update of ticket " + ticket + ": expected version already set");
            }
            this.expectedVersion = version;
            return this;
        }

        /** Makes repeating the update harmless; may be called once. */
        public Builder idempotencyKey(String key) {
            Checks.matches(key, IDEMPOTENCY_KEY, "idempotency key", "1–128 letters, digits, '.', '_', ':' or '-'");
            if (idempotencyKey != null) {
                throw new IllegalStateException("update of ticket " + ticket + ": idempotency key already set");
            }
            this.idempotencyKey = key;
            return this;
        }

        /** The update. */
        public TicketUpdate build() {
            return new TicketUpdate(
                    ticket,
                    notes,
                    Optional.ofNullable(assignment),
                    addTags,
                    removeTags,
                    newTasks,
                    taskChanges,
                    Optional.ofNullable(expectedVersion),
                    Optional.ofNullable(idempotencyKey));
        }
    }
}
