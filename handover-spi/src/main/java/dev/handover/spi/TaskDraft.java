package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A task to create with a ticket update; it belongs to the updated ticket. See {@link Task} for the fields.
 *
 * @param handover the handover it serves
 * @param key its name within the handover, matching {@link Task#KEY}
 * @param kind what it asks for
 * @param owner who must do it
 * @param subject one line
 * @param body details, may be empty
 * @param due when it is due
 * @param remindAt when the CRM should remind the owner natively, where it can; ignored otherwise
 */
public record TaskDraft(
        HandoverId handover,
        String key,
        TaskKind kind,
        AgentId owner,
        String subject,
        String body,
        Instant due,
        Optional<Instant> remindAt) {

    /** Validates every component. */
    public TaskDraft {
        Checks.notNull(handover, "task handover");
        Checks.matches(key, Task.KEY, "task key", "1–32 lower-case letters, digits or hyphens");
        String where = "task " + handover + "/" + key + ": ";
        Checks.notNull(kind, where + "kind");
        Checks.notNull(owner, where + "owner");
        Checks.nonBlank(subject, where + "subject");
        if (subject.length() > 255) {
            throw new IllegalArgumentException(
                    where + "subject must be at most 255 characters, was " + subject.length());
        }
        Checks.text(body, where + "body");
        Checks.notNull(due, where + "due");
        Checks.optional(remindAt, where + "remind at");
    }

    /** A builder for a task of this handover, key and kind. */
    public static Builder builder(HandoverId handover, String key, TaskKind kind) {
        return new Builder(handover, key, kind);
    }

    /** Builds a {@link TaskDraft}. */
    public static final class Builder {
        private final HandoverId handover;
        private final String key;
        private final TaskKind kind;
        private AgentId owner;
        private String subject;
        private String body = "";
        private Instant due;
        private Instant remindAt;

        private Builder(HandoverId handover, String key, TaskKind kind) {
            this.handover = Checks.notNull(handover, "task handover");
            this.key = Checks.matches(key, Task.KEY, "task key", "1–32 lower-case letters, digits or hyphens");
            this.kind = Checks.notNull(kind, "task kind");
        }

        /** Who must do it. */
        public Builder owner(AgentId owner) {
            this.owner = Checks.notNull(owner, "task owner");
            return this;
        }

        /** One line. */
        public Builder subject(String subject) {
            this.subject = Checks.nonBlank(subject, "task subject");
            return this;
        }

        /** Details. */
        public Builder body(String body) {
            this.body = Checks.text(body, "task body");
            return this;
        }

        /** When it is due. */
        public Builder due(Instant due) {
            this.due = Checks.notNull(due, "task due");
            return this;
        }

        /** When the CRM should remind the owner. */
        public Builder remindAt(Instant remindAt) {
            this.remindAt = Checks.notNull(remindAt, "task remind at");
            return this;
        }

        /** The draft; owner, subject and due are required. */
        public TaskDraft build() {
            String where = "task " + handover + "/" + key + ": ";
            if (owner == null) {
                throw new IllegalStateException(where + "owner is required");
            }
            if (subject == null) {
                throw new IllegalStateException(where + "subject is required");
            }
            if (due == null) {
                throw new IllegalStateException(where + "due is required");
            }
            return new TaskDraft(handover, key, kind, owner, subject, body, due, Optional.ofNullable(remindAt));
        }
    }
}
