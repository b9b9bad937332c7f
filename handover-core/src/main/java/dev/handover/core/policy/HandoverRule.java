package dev.handover.core.policy;

import dev.handover.core.notice.CustomerNotices;
import dev.handover.core.routing.ReceiverRequirements;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.core.wording.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One agreement of the team about when a ticket changes hands and how: condition → reason → target (and fallbacks) →
 * receiver requirements → required actions with owners and deadlines → acknowledgement deadline → reminder policy →
 * customer notice → method of information exchange.
 *
 * @param id a lower-case id, also used as a tag on the tickets it hands over ({@code complaint-to-lead})
 * @param description one sentence for people
 * @param order rules are checked by ascending order (then as declared); the first that applies decides
 * @param condition when it applies
 * @param reason why
 * @param target to whom
 * @param fallbacks where to go, in order, when the target cannot take the ticket; empty to refuse
 * @param requirements what the receiver must offer
 * @param actions actions required after the handover
 * @param acknowledgeWithin business time the receiver has to acknowledge; empty when no acknowledgement is asked
 * @param reminderPolicy the name of the reminder policy that follows the handover up
 * @param notifyCustomer whether the customer is told who takes over and why
 * @param notices the customer notice wording for this rule, when it differs from the policy's
 * @param exchange how the information is passed on
 * @param nextContactWithin business time by which the customer must next hear from us, if the rule sets one
 * @param repeatable whether the rule may hand over the same ticket again (otherwise once per ticket)
 * @param allowHandBack whether the rule may hand a ticket back to whoever just handed it over (ping-pong guard off)
 * @param overriding whether the rule may move a ticket another rule placed within the ping-pong window
 */
public record HandoverRule(
        String id,
        String description,
        int order,
        Condition condition,
        HandoverReason reason,
        Target target,
        List<Target> fallbacks,
        ReceiverRequirements requirements,
        List<RequiredAction> actions,
        Optional<Duration> acknowledgeWithin,
        String reminderPolicy,
        boolean notifyCustomer,
        Optional<CustomerNotices> notices,
        ExchangeMethod exchange,
        Optional<Duration> nextContactWithin,
        boolean repeatable,
        boolean allowHandBack,
        boolean overriding) {

    /**
     * The rule id that handovers a person asks for carry in plans, notes and events ({@value}): no rule made them,
     * though they may take a rule's settings.
     */
    public static final String MANUAL = "manual";

    /** The id of the engine's built-in rule that hands tickets back to their owner after an absence ({@value}). */
    public static final String HAND_BACK = "hand-back";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** Validates. */
    public HandoverRule {
        Objects.requireNonNull(id, "rule id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "rule id must be 1–40 lower-case letters, digits or hyphens, was '" + id + "'");
        }
        String where = "rule " + id + ": ";
        Objects.requireNonNull(description, where + "description");
        Objects.requireNonNull(condition, where + "condition");
        Objects.requireNonNull(reason, where + "reason");
        Objects.requireNonNull(target, where + "target");
        fallbacks = List.copyOf(fallbacks);
        Objects.requireNonNull(requirements, where + "requirements");
        actions = List.copyOf(actions);
        Objects.requireNonNull(acknowledgeWithin, where + "acknowledge within");
        acknowledgeWithin.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(where + "acknowledgement deadline must be positive, was " + d);
            }
        });
        Objects.requireNonNull(reminderPolicy, where + "reminder policy");
        Objects.requireNonNull(notices, where + "notices");
        Objects.requireNonNull(exchange, where + "exchange");
        Objects.requireNonNull(nextContactWithin, where + "next contact within");
        nextContactWithin.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(where + "next contact must be positive, was " + d);
            }
        });
        if (exchange == ExchangeMethod.TASK && actions.isEmpty()) {
            throw new IllegalArgumentException(where + "exchanges information by tasks only but requires no action:"
                    + " the receiver would get nothing; add an action or use NOTE");
        }
        Set<Target> seen = new LinkedHashSet<>();
        seen.add(target);
        for (Target f : fallbacks) {
            if (!seen.add(f)) {
                throw new IllegalArgumentException(where + "target " + f.describe() + " is listed twice");
            }
        }
    }

    /** A builder for a rule with this id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The target followed by the fallbacks. */
    public List<Target> targets() {
        List<Target> all = new ArrayList<>();
        all.add(target);
        all.addAll(fallbacks);
        return all;
    }

    /** This rule with other receiver requirements. */
    public HandoverRule withRequirements(ReceiverRequirements other) {
        return new HandoverRule(
                id,
                description,
                order,
                condition,
                reason,
                target,
                fallbacks,
                Objects.requireNonNull(other, "requirements"),
                actions,
                acknowledgeWithin,
                reminderPolicy,
                notifyCustomer,
                notices,
                exchange,
                nextContactWithin,
                repeatable,
                allowHandBack,
                overriding);
    }

    /** The rule in plain language, several lines. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(id).append(" — ").append(description).append('\n');
        sb.append("   When: ").append(condition.describe()).append('\n');
        sb.append("   Why: ")
                .append(reason.label())
                .append(" — ")
                .append(reason.why())
                .append('\n');
        sb.append("   To: ").append(target.describe());
        for (Target f : fallbacks) {
            sb.append("; if they cannot take it: ").append(f.describe());
        }
        if (fallbacks.isEmpty()) {
            sb.append("; if they cannot take it, the handover is refused and reported");
        }
        sb.append('\n');
        List<String> needs = new ArrayList<>();
        if (requirements.language()) {
            needs.add("speak the customer's language");
        }
        if (!requirements.skills().isEmpty()) {
            needs.add("have the skills "
                    + String.join(", ", requirements.skills().stream().sorted().toList()));
        }
        needs.add("be on shift within " + Durations.describe(requirements.availableWithin()));
        if (requirements.capacity()) {
            needs.add("have capacity left");
        }
        if (requirements.authority()) {
            needs.add("be allowed to approve the ticket's amounts");
        }
        sb.append("   The receiver must: ").append(String.join(", ", needs)).append('\n');
        if (!actions.isEmpty()) {
            sb.append("   Then:");
            for (int i = 0; i < actions.size(); i++) {
                RequiredAction a = actions.get(i);
                sb.append(i == 0 ? " " : "; ")
                        .append(i + 1)
                        .append(". ")
                        .append(a.description())
                        .append(" — ")
                        .append(a.owner().describe())
                        .append(", within ")
                        .append(Durations.describe(a.deadline()))
                        .append(" of working time");
            }
            sb.append('\n');
        }
        sb.append("   Acknowledgement: ")
                .append(acknowledgeWithin
                        .map(d -> "within " + Durations.describe(d) + " of working time")
                        .orElse("not asked"))
                .append("; follow-up by reminder policy \"")
                .append(reminderPolicy)
                .append("\"\n");
        sb.append("   Information: ").append(exchange.describe());
        sb.append(notifyCustomer ? "; the customer is told who takes over and why" : "; the customer is not notified");
        nextContactWithin.ifPresent(d -> sb.append("; the customer hears from us within ")
                .append(Durations.describe(d))
                .append(" of working time"));
        sb.append('\n');
        if (repeatable || allowHandBack || overriding) {
            sb.append("   Also: ");
            List<String> also = new ArrayList<>();
            if (repeatable) {
                also.add("may hand over the same ticket again");
            }
            if (allowHandBack) {
                also.add("may hand a ticket back to whoever just handed it over");
            }
            if (overriding) {
                also.add("may move a ticket another rule has just placed");
            }
            sb.append(String.join("; ", also)).append('\n');
        }
        return sb.toString();
    }

    /** Builds a {@link HandoverRule}; setters check their argument at once and refuse being set twice. */
    public static final class Builder {
        private final String id;
        private String description;
        private int order;
        private Condition condition;
        private HandoverReason reason;
        private Target target;
        private final List<Target> fallbacks = new ArrayList<>();
        private boolean language = true;
        private final Set<String> skills = new LinkedHashSet<>();
        private boolean capacity = true;
        private boolean authority = true;
        private Duration availableWithin;
        private final List<RequiredAction> actions = new ArrayList<>();
        private Duration acknowledgeWithin = Duration.ofMinutes(30);
        private boolean noAcknowledgement;
        private String reminderPolicy = ReminderPolicy.STANDARD.name();
        private boolean notifyCustomer;
        private CustomerNotices notices;
        private ExchangeMethod exchange = ExchangeMethod.NOTE_AND_TASK;
        private Duration nextContactWithin;
        private boolean repeatable;
        private boolean allowHandBack;
        private boolean overriding;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "rule id");
        }

        private String where() {
            return "rule " + id + ": ";
        }

        /** One sentence for people. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, where() + "description");
            return this;
        }

        /** Position among the rules (ascending). */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /** When the rule applies. */
        public Builder when(Condition condition) {
            if (this.condition != null) {
                throw new IllegalStateException(where() + "condition set twice; combine with Condition.all/any");
            }
            this.condition = Objects.requireNonNull(condition, where() + "condition");
            return this;
        }

        /** Why. */
        public Builder reason(HandoverReason reason) {
            this.reason = Objects.requireNonNull(reason, where() + "reason");
            return this;
        }

        /** To whom. */
        public Builder to(Target target) {
            if (this.target != null) {
                throw new IllegalStateException(where() + "target set twice; add alternatives with orElse()");
            }
            this.target = Objects.requireNonNull(target, where() + "target");
            return this;
        }

        /** Where to go when the previous target cannot take the ticket. */
        public Builder orElse(Target fallback) {
            fallbacks.add(Objects.requireNonNull(fallback, where() + "fallback"));
            return this;
        }

        /** Whether the receiver must speak the customer's language (default true). */
        public Builder requireLanguage(boolean required) {
            this.language = required;
            return this;
        }

        /** Skills the receiver must have. */
        public Builder requireSkills(String... skills) {
            for (String s : skills) {
                if (Objects.requireNonNull(s, where() + "skill").isBlank()) {
                    throw new IllegalArgumentException(where() + "skill must not be blank");
                }
                this.skills.add(s);
            }
            return this;
        }

        /** Whether the receiver must be under capacity (default true). */
        public Builder requireCapacity(boolean required) {
            this.capacity = required;
            return this;
        }

        /**
         * Whether the receiver's role must be allowed to approve the amounts the ticket asks for, by the policy's
         * limits of authority (default true).
         */
        public Builder requireAuthority(boolean required) {
            this.authority = required;
            return this;
        }

        /** The receiver must be on shift within this time (default: the acknowledgement deadline, else 30 min). */
        public Builder availableWithin(Duration within) {
            Objects.requireNonNull(within, where() + "available within");
            if (within.isNegative()) {
                throw new IllegalArgumentException(where() + "available within must not be negative, was " + within);
            }
            this.availableWithin = within;
            return this;
        }

        /** An action required after the handover. */
        public Builder action(String description, ActionOwner owner, Duration deadline) {
            try {
                actions.add(new RequiredAction(description, owner, deadline));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where() + e.getMessage(), e);
            }
            return this;
        }

        /** The receiver must acknowledge within this business time (default 30 min). */
        public Builder acknowledgeWithin(Duration within) {
            Objects.requireNonNull(within, where() + "acknowledge within");
            if (within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException(
                        where() + "acknowledgement deadline must be positive, was " + within);
            }
            this.acknowledgeWithin = within;
            this.noAcknowledgement = false;
            return this;
        }

        /** No acknowledgement is asked (for hand-backs and queues). */
        public Builder noAcknowledgement() {
            this.noAcknowledgement = true;
            return this;
        }

        /** The reminder policy that follows the handover up (default {@code standard}). */
        public Builder reminders(String policyName) {
            this.reminderPolicy = Objects.requireNonNull(policyName, where() + "reminder policy");
            return this;
        }

        /** Tell the customer who takes over and why. */
        public Builder notifyCustomer(boolean notify) {
            this.notifyCustomer = notify;
            return this;
        }

        /** Tell the customer with this rule's own wording. */
        public Builder notifyCustomer(CustomerNotices notices) {
            this.notifyCustomer = true;
            this.notices = Objects.requireNonNull(notices, where() + "notices");
            return this;
        }

        /** How the information is passed on (default note and task). */
        public Builder exchange(ExchangeMethod method) {
            this.exchange = Objects.requireNonNull(method, where() + "exchange method");
            return this;
        }

        /** The customer must next hear from us within this business time. */
        public Builder nextContactWithin(Duration within) {
            Objects.requireNonNull(within, where() + "next contact within");
            if (within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException(where() + "next contact must be positive, was " + within);
            }
            this.nextContactWithin = within;
            return this;
        }

        /** The rule may hand over the same ticket again (default: once per ticket). */
        public Builder repeatable() {
            this.repeatable = true;
            return this;
        }

        /** The rule may hand a ticket back to whoever just handed it over. */
        public Builder allowHandBack() {
            this.allowHandBack = true;
            return this;
        }

        /**
         * The rule may move a ticket that another rule placed within the policy's ping-pong window (an escalation that
         * must win over a routing rule); without it such a move is refused and the refusal recorded.
         */
        public Builder overriding() {
            this.overriding = true;
            return this;
        }

        /** The rule; condition, reason and target are required. */
        public HandoverRule build() {
            if (condition == null) {
                throw new IllegalStateException(where() + "needs a condition (when)");
            }
            if (reason == null) {
                throw new IllegalStateException(where() + "needs a reason");
            }
            if (target == null) {
                throw new IllegalStateException(where() + "needs a target (to)");
            }
            Optional<Duration> ack = noAcknowledgement ? Optional.empty() : Optional.of(acknowledgeWithin);
            Duration within = availableWithin != null ? availableWithin : ack.orElse(Duration.ofMinutes(30));
            return new HandoverRule(
                    id,
                    description != null ? description : reason.label() + ": " + target.describe(),
                    order,
                    condition,
                    reason,
                    target,
                    fallbacks,
                    new ReceiverRequirements(language, skills, capacity, within, authority, Duration.ZERO),
                    actions,
                    ack,
                    reminderPolicy,
                    notifyCustomer,
                    Optional.ofNullable(notices),
                    exchange,
                    Optional.ofNullable(nextContactWithin),
                    repeatable,
                    allowHandBack,
                    overriding);
        }
    }
}
