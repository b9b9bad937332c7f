package dev.handover.core.policy;

import dev.handover.core.wording.Durations;
import dev.handover.spi.model.TicketPriority;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a handover is followed up — why, when and how the people involved are reminded: when the receiver is reminded to
 * acknowledge, when the sender follows up each action, how often reminders repeat and how many are sent, the quiet
 * hours in which nobody is reminded, how much faster urgent tickets go, and the escalation ladder past the deadline.
 * All durations are business time in the recipient's working hours.
 *
 * @param name referred to by rules ({@code standard}, {@code complaint})
 * @param acknowledgementReminderAfter how long past the acknowledgement deadline the receiver is reminded
 * @param retargetAfterReminders unacknowledged after this many reminders: re-target to the next qualified colleague
 * @param followUpLead the sender's follow-up comes this long before an action's deadline (zero: at the deadline)
 * @param repeatEvery reminders repeat this often until the item is done
 * @param maxReminders at most this many reminders per item (then only escalation remains)
 * @param quietFrom start of the daily quiet hours (recipient's local time), if any
 * @param quietUntil end of the daily quiet hours, if any
 * @param priorityScaling per priority, how many times faster everything goes (urgent 4 = a quarter of each duration)
 * @param ladder the escalation steps, by increasing time past the deadline
 * @param implicitAcknowledgement which signals count as the receiver's acknowledgement besides an explicit one
 */
public record ReminderPolicy(
        String name,
        Duration acknowledgementReminderAfter,
        int retargetAfterReminders,
        Duration followUpLead,
        Duration repeatEvery,
        int maxReminders,
        Optional<LocalTime> quietFrom,
        Optional<LocalTime> quietUntil,
        Map<TicketPriority, Double> priorityScaling,
        List<EscalationStep> ladder,
        Set<AcknowledgementSignal> implicitAcknowledgement) {

    /** What counts as the receiver acknowledging a handover, besides an explicit acknowledgement. */
    public enum AcknowledgementSignal {
        /** The receiver completes the acknowledgement task in the CRM. */
        TASK_COMPLETED,
        /** The receiver comments on the ticket after the handover. */
        RECEIVER_COMMENTED
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** The policy every handover gets unless told otherwise. */
    public static final ReminderPolicy STANDARD = builder("standard").build();

    /** Validates. */
    public ReminderPolicy {
        Objects.requireNonNull(name, "reminder policy name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "reminder policy name must be lower-case letters, digits or hyphens, was '" + name + "'");
        }
        String where = "reminder policy " + name + ": ";
        nonNegative(acknowledgementReminderAfter, where + "acknowledgement reminder after");
        if (retargetAfterReminders < 0) {
            throw new IllegalArgumentException(
                    where + "re-target after reminders must not be negative, was " + retargetAfterReminders);
        }
        nonNegative(followUpLead, where + "follow-up lead");
        Objects.requireNonNull(repeatEvery, where + "repeat every");
        if (repeatEvery.isNegative() || repeatEvery.isZero()) {
            throw new IllegalArgumentException(where + "repeat every must be positive, was " + repeatEvery);
        }
        if (maxReminders < 0) {
            throw new IllegalArgumentException(where + "max reminders must not be negative, was " + maxReminders);
        }
        Objects.requireNonNull(quietFrom, where + "quiet from");
        Objects.requireNonNull(quietUntil, where + "quiet until");
        if (quietFrom.isPresent() != quietUntil.isPresent()) {
            throw new IllegalArgumentException(where + "quiet hours need both a start and an end");
        }
        if (quietFrom.isPresent() && quietFrom.get().equals(quietUntil.get())) {
            throw new IllegalArgumentException(where + "quiet hours start and end at the same time");
        }
        EnumMap<TicketPriority, Double> scaling = new EnumMap<>(TicketPriority.class);
        Objects.requireNonNull(priorityScaling, where + "priority scaling").forEach((p, f) -> {
            if (f == null || !(f >= 1.0) || f.isInfinite()) {
                throw new IllegalArgumentException(where + "priority scaling of " + p
                        + " must be a factor of at least 1 (times faster), was " + f);
            }
            scaling.put(p, f);
        });
        priorityScaling = Collections.unmodifiableMap(scaling);
        ladder = List.copyOf(ladder);
        implicitAcknowledgement = Set.copyOf(Objects.requireNonNull(implicitAcknowledgement, where + "signals"));
        for (int i = 1; i < ladder.size(); i++) {
            if (ladder.get(i).after().compareTo(ladder.get(i - 1).after()) <= 0) {
                throw new IllegalArgumentException(where + "escalation steps must come later and later: step " + (i + 1)
                        + " (" + ladder.get(i).after() + ") is not after step " + i + " ("
                        + ladder.get(i - 1).after()
                        + ")");
            }
        }
    }

    private static void nonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }

    /** A builder with the standard defaults. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A duration scaled for a ticket's priority: urgent ×4 turns 2 h into 30 min. */
    public Duration scaled(Duration d, TicketPriority priority) {
        double f = priorityScaling.getOrDefault(priority, 1.0);
        return f == 1.0 ? d : Duration.ofSeconds(Math.max(1, Math.round(d.toSeconds() / f)));
    }

    /** True when a local time lies in the quiet hours (which may run past midnight). */
    public boolean isQuiet(LocalTime local) {
        if (quietFrom.isEmpty()) {
            return false;
        }
        LocalTime from = quietFrom.get();
        LocalTime until = quietUntil.get();
        return from.isBefore(until)
                ? !local.isBefore(from) && local.isBefore(until)
                : !local.isBefore(from) || local.isBefore(until);
    }

    /** In words, for the policy description. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("remind the receiver ")
                .append(
                        acknowledgementReminderAfter.isZero()
                                ? "at"
                                : Durations.describe(acknowledgementReminderAfter) + " after")
                .append(" the acknowledgement deadline");
        if (retargetAfterReminders > 0) {
            sb.append(", re-target after ")
                    .append(retargetAfterReminders)
                    .append(" unanswered reminder")
                    .append(retargetAfterReminders == 1 ? "" : "s");
        }
        sb.append("; the sender follows up each action ")
                .append(
                        followUpLead.isZero()
                                ? "at its deadline"
                                : Durations.describe(followUpLead) + " before its deadline")
                .append(", repeating every ")
                .append(Durations.describe(repeatEvery))
                .append(" up to ")
                .append(maxReminders)
                .append(" reminder")
                .append(maxReminders == 1 ? "" : "s");
        if (quietFrom.isPresent()) {
            sb.append("; quiet hours ").append(quietFrom.get()).append("–").append(quietUntil.get());
        }
        List<String> faster = new ArrayList<>();
        priorityScaling.forEach((p, f) -> faster.add(p.name().toLowerCase(java.util.Locale.ROOT) + " "
                + (f == Math.rint(f) ? Long.toString(Math.round(f)) : Double.toString(f)) + "× faster"));
        if (!faster.isEmpty()) {
            sb.append("; ").append(String.join(", ", faster));
        }
        sb.append("; acknowledged by ")
                .append(
                        implicitAcknowledgement.isEmpty()
                                ? "an explicit acknowledgement only"
                                : "an explicit acknowledgement"
                                        + (implicitAcknowledgement.contains(AcknowledgementSignal.TASK_COMPLETED)
                                                ? ", completing the task"
                                                : "")
                                        + (implicitAcknowledgement.contains(AcknowledgementSignal.RECEIVER_COMMENTED)
                                                ? ", or a comment by the receiver"
                                                : ""));
        if (!ladder.isEmpty()) {
            sb.append("; escalate ");
            for (int i = 0; i < ladder.size(); i++) {
                EscalationStep s = ladder.get(i);
                sb.append(i == 0 ? "" : ", then ")
                        .append(Durations.describe(s.after()))
                        .append(" past the deadline to ")
                        .append(s.describeTarget());
            }
        }
        return sb.toString();
    }

    /** Builds a {@link ReminderPolicy}; setters check their argument at once. */
    public static final class Builder {
        private final String name;
        private Duration acknowledgementReminderAfter = Duration.ZERO;
        private int retargetAfterReminders = 1;
        private Duration followUpLead = Duration.ZERO;
        private Duration repeatEvery = Duration.ofHours(1);
        private int maxReminders = 3;
        private LocalTime quietFrom;
        private LocalTime quietUntil;
        private final EnumMap<TicketPriority, Double> scaling = new EnumMap<>(TicketPriority.class);
        private final List<EscalationStep> ladder = new ArrayList<>();
        private final Set<AcknowledgementSignal> signals = EnumSet.allOf(AcknowledgementSignal.class);

        private Builder(String name) {
            this.name = name;
            ladder.add(EscalationStep.lineManager(Duration.ofHours(2)));
            ladder.add(EscalationStep.headOfTeam(Duration.ofHours(8)));
        }

        /** Remind the receiver this long after the acknowledgement deadline (default: at it). */
        public Builder acknowledgementReminderAfter(Duration d) {
            nonNegative(d, "acknowledgement reminder after");
            this.acknowledgementReminderAfter = d;
            return this;
        }

        /** Re-target an unacknowledged handover after this many reminders (default 1; 0 never). */
        public Builder retargetAfterReminders(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("re-target after reminders must not be negative, was " + n);
            }
            this.retargetAfterReminders = n;
            return this;
        }

        /** The sender's follow-up comes this long before each deadline (default 0: at it). */
        public Builder followUpLead(Duration d) {
            nonNegative(d, "follow-up lead");
            this.followUpLead = d;
            return this;
        }

        /** Repeat reminders this often (default 1 h). */
        public Builder repeatEvery(Duration d) {
            Objects.requireNonNull(d, "repeat every");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("repeat every must be positive, was " + d);
            }
            this.repeatEvery = d;
            return this;
        }

        /** At most this many reminders per item (default 3). */
        public Builder maxReminders(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("max reminders must not be negative, was " + n);
            }
            this.maxReminders = n;
            return this;
        }

        /** No reminders between these local times (may run past midnight). */
        public Builder quietHours(LocalTime from, LocalTime until) {
            this.quietFrom = Objects.requireNonNull(from, "quiet from");
            this.quietUntil = Objects.requireNonNull(until, "quiet until");
            return this;
        }

        /** Tickets of this priority go this many times faster. */
        public Builder faster(TicketPriority priority, double factor) {
            if (!(factor >= 1.0)) {
                throw new IllegalArgumentException("priority scaling must be at least 1, was " + factor);
            }
            scaling.put(Objects.requireNonNull(priority, "priority"), factor);
            return this;
        }

        /** Replaces the escalation ladder (default: line manager after 2 h, head of team after 8 h). */
        public Builder ladder(EscalationStep... steps) {
            ladder.clear();
            ladder.addAll(List.of(steps));
            return this;
        }

        /** Which signals count as acknowledgement besides an explicit one (default: both). */
        public Builder implicitAcknowledgement(AcknowledgementSignal... signals) {
            this.signals.clear();
            this.signals.addAll(List.of(signals));
            return this;
        }

        /** The policy. */
        public ReminderPolicy build() {
            return new ReminderPolicy(
                    name,
                    acknowledgementReminderAfter,
                    retargetAfterReminders,
                    followUpLead,
                    repeatEvery,
                    maxReminders,
                    Optional.ofNullable(quietFrom),
                    Optional.ofNullable(quietUntil),
                    scaling,
                    ladder,
                    signals);
        }
    }
}
