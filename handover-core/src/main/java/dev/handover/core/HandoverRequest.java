package dev.handover.core;

import dev.handover.core.policy.HandoverReason;
import dev.handover.core.routing.Target;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A handover a person asks for (the CLI's {@code transfer}, an agent's button): the ticket, to whom, why, and what the
 * sender knows — summary, history, actions taken, promises made, actions required. The engine completes the note with
 * what it can read from the ticket (marked as such), checks the receiver, and writes it in one update.
 *
 * @param ticket the ticket
 * @param target to whom
 * @param reason why
 * @param from who hands over; empty for the current assignee
 * @param rule the rule whose settings (actions, acknowledgement, reminders, notice) apply; empty for the first rule
 *     with this reason, else the policy's defaults
 * @param detail why, in this case
 * @param summary the issue in a few words
 * @param history what has happened and been tried
 * @param actionsTaken what the sender did
 * @param promises what was promised to the customer
 * @param actions what must happen next
 * @param notifyCustomer tell the customer, or not, regardless of the rule; empty to follow the rule
 * @param nextContact when the customer must next hear from us
 * @param idempotencyKey a caller's key that makes retrying this request harmless across processes
 */
public record HandoverRequest(
        TicketId ticket,
        Target target,
        HandoverReason reason,
        Optional<AgentId> from,
        Optional<String> rule,
        String detail,
        Optional<String> summary,
        List<String> history,
        List<String> actionsTaken,
        List<Promise> promises,
        List<Action> actions,
        Optional<Boolean> notifyCustomer,
        Optional<Instant> nextContact,
        Optional<String> idempotencyKey) {

    /** Validates and copies. */
    public HandoverRequest {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(summary, "summary");
        history = List.copyOf(history);
        actionsTaken = List.copyOf(actionsTaken);
        promises = List.copyOf(promises);
        actions = List.copyOf(actions);
        Objects.requireNonNull(notifyCustomer, "notify customer");
        Objects.requireNonNull(nextContact, "next contact");
        Objects.requireNonNull(idempotencyKey, "idempotency key");
    }

    /** A builder for a handover of this ticket. */
    public static Builder builder(TicketId ticket) {
        return new Builder(ticket);
    }

    /**
     * A promise made to the customer.
     *
     * @param text what was promised
     * @param due by when, if a date was promised
     */
    public record Promise(String text, Optional<Instant> due) {
        /** Validates. */
        public Promise {
            if (Objects.requireNonNull(text, "promise").isBlank()) {
                throw new IllegalArgumentException("a promise needs a text");
            }
            Objects.requireNonNull(due, "due");
        }
    }

    /**
     * An action required after the handover.
     *
     * @param text what must be done
     * @param owner who owns it; empty for the receiver
     * @param due by when; or
     * @param within business time after the handover (in the owner's working hours)
     */
    public record Action(String text, Optional<AgentId> owner, Optional<Instant> due, Optional<Duration> within) {
        /** Validates: exactly one of due and within. */
        public Action {
            if (Objects.requireNonNull(text, "action").isBlank()) {
                throw new IllegalArgumentException("an action needs a text");
            }
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(within, "within");
            if (due.isPresent() == within.isPresent()) {
                throw new IllegalArgumentException(
                        "action '" + text + "' needs either a due time or a business time" + " within which it is due");
            }
            within.ifPresent(w -> {
                if (w.isNegative() || w.isZero()) {
                    throw new IllegalArgumentException("action '" + text + "' must be due within a positive time");
                }
            });
        }
    }

    /** Builds a {@link HandoverRequest}; target and reason are required. */
    public static final class Builder {
        private final TicketId ticket;
        private Target target;
        private HandoverReason reason;
        private AgentId from;
        private String rule;
        private String detail = "";
        private String summary;
        private final List<String> history = new ArrayList<>();
        private final List<String> actionsTaken = new ArrayList<>();
        private final List<Promise> promises = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();
        private Boolean notifyCustomer;
        private Instant nextContact;
        private String idempotencyKey;

        private Builder(TicketId ticket) {
            this.ticket = Objects.requireNonNull(ticket, "ticket");
        }

        /** To whom. */
        public Builder to(Target target) {
            if (this.target != null) {
                throw new IllegalStateException("handover of ticket " + ticket + ": target set twice");
            }
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** To a named agent. */
        public Builder toAgent(AgentId agent) {
            return to(Target.agent(agent));
        }

        /** To a group or queue. */
        public Builder toGroup(GroupId group) {
            return to(Target.group(group));
        }

        /** Why. */
        public Builder reason(HandoverReason reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** Who hands over (default: the current assignee). */
        public Builder from(AgentId sender) {
            this.from = Objects.requireNonNull(sender, "from");
            return this;
        }

        /** Take actions, acknowledgement, reminders and notice from this rule. */
        public Builder rule(String ruleId) {
            this.rule = Objects.requireNonNull(ruleId, "rule");
            return this;
        }

        /** Why, in this case. */
        public Builder detail(String detail) {
            this.detail = Objects.requireNonNull(detail, "detail").strip();
            return this;
        }

        /** The issue in a few words. */
        public Builder summary(String summary) {
            if (Objects.requireNonNull(summary, "summary").isBlank()) {
                throw new IllegalArgumentException("summary must not be blank");
            }
            this.summary = summary.strip();
            return this;
        }

        /** Something that happened or was tried. */
        public Builder history(String entry) {
            history.add(nonBlank(entry, "history entry"));
            return this;
        }

        /** Something the sender did. */
        public Builder actionTaken(String entry) {
            actionsTaken.add(nonBlank(entry, "action taken"));
            return this;
        }

        /** A promise made to the customer, due by a time. */
        public Builder promise(String text, Instant due) {
            promises.add(new Promise(text, Optional.of(Objects.requireNonNull(due, "due"))));
            return this;
        }

        /** A promise made to the customer, without a date. */
        public Builder promise(String text) {
            promises.add(new Promise(text, Optional.empty()));
            return this;
        }

        /** An action for the receiver, due within this business time. */
        public Builder action(String text, Duration within) {
            actions.add(new Action(text, Optional.empty(), Optional.empty(), Optional.of(within)));
            return this;
        }

        /** An action for the receiver, due at a time. */
        public Builder action(String text, Instant due) {
            actions.add(new Action(text, Optional.empty(), Optional.of(due), Optional.empty()));
            return this;
        }

        /** An action for an agent, due at a time. */
        public Builder action(String text, AgentId owner, Instant due) {
            actions.add(new Action(text, Optional.of(owner), Optional.of(due), Optional.empty()));
            return this;
        }

        /** Tell the customer, or not, whatever the rule says. */
        public Builder notifyCustomer(boolean notify) {
            this.notifyCustomer = notify;
            return this;
        }

        /** When the customer must next hear from us. */
        public Builder nextContact(Instant at) {
            this.nextContact = Objects.requireNonNull(at, "next contact");
            return this;
        }

        /** A key that makes retrying this request harmless (letters, digits, '.', '_', ':', '-'; at most 100). */
        public Builder idempotencyKey(String key) {
            Objects.requireNonNull(key, "idempotency key");
            if (!key.matches("[A-Za-z0-9._:-]{1,100}")) {
                throw new IllegalArgumentException(
                        "idempotency key must be 1–100 letters, digits, '.', '_', ':' or '-', was '" + key + "'");
            }
            this.idempotencyKey = key;
            return this;
        }

        private static String nonBlank(String s, String what) {
            if (Objects.requireNonNull(s, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s.strip();
        }

        /** The request. */
        public HandoverRequest build() {
            if (target == null) {
                throw new IllegalStateException("handover of ticket " + ticket + " needs a target (to)");
            }
            if (reason == null) {
                throw new IllegalStateException("handover of ticket " + ticket + " needs a reason");
            }
            return new HandoverRequest(
                    ticket,
                    target,
                    reason,
                    Optional.ofNullable(from),
                    Optional.ofNullable(rule),
                    detail,
                    Optional.ofNullable(summary),
                    history,
                    actionsTaken,
                    promises,
                    actions,
                    Optional.ofNullable(notifyCustomer),
                    Optional.ofNullable(nextContact),
                    Optional.ofNullable(idempotencyKey));
        }
    }
}
