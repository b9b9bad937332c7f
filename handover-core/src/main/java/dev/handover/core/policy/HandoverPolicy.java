package dev.handover.core.policy;

import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.calendar.Holiday;
import dev.handover.core.note.NoteSection;
import dev.handover.core.notice.CustomerNotices;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.core.wording.Durations;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.GroupId;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The organisation's handover procedure as data: rules, reasons, reminder policies, working hours, limits of
 * authority, customer notices, what a note must contain, and the guards. Immutable; built with {@link #builder()},
 * which checks every cross-reference and fails with a message naming the rule and the item. {@link #describe()}
 * explains the procedure in plain language, the document a team agrees on before switching it on.
 */
public final class HandoverPolicy {
    /** The sections a note must have unless the policy says otherwise. */
    public static final Set<NoteSection> DEFAULT_REQUIRED = Set.copyOf(EnumSet.of(
            NoteSection.CUSTOMER, NoteSection.SUMMARY, NoteSection.REASON, NoteSection.SENDER, NoteSection.RECEIVER));

    private final String name;
    private final List<HandoverRule> rules;
    private final Map<String, HandoverReason> reasons;
    private final Map<String, ReminderPolicy> reminderPolicies;
    private final Map<String, AuthorityLimit> authorityLimits;
    private final BusinessCalendar defaultCalendar;
    private final Map<GroupId, BusinessCalendar> teamCalendars;
    private final List<Holiday> holidays;
    private final CustomerNotices notices;
    private final NoticeNaming noticeNaming;
    private final Set<NoteSection> requiredSections;
    private final IncompleteNotes incompleteNotes;
    private final Duration pingPongWindow;
    private final OffHoursDeadlines offHoursDeadlines;
    private final Optional<Duration> receiverStayMargin;
    private final int historyComments;
    private final FollowUpMessages followUpMessages;

    private HandoverPolicy(Builder b) {
        this.name = b.name;
        this.rules = b.rules.stream()
                .sorted(Comparator.comparingInt(HandoverRule::order))
                .toList();
        this.reasons = Map.copyOf(b.reasons);
        this.reminderPolicies = Map.copyOf(b.reminderPolicies);
        this.authorityLimits = Map.copyOf(b.authorityLimits);
        this.holidays = List.copyOf(b.holidays.values());
        TreeSet<LocalDate> days = new TreeSet<>(b.holidays.keySet());
        this.defaultCalendar = b.defaultCalendar.withHolidays(days);
        Map<GroupId, BusinessCalendar> teams = new LinkedHashMap<>();
        b.teamCalendars.forEach((g, c) -> teams.put(g, c.withHolidays(days)));
        this.teamCalendars = Map.copyOf(teams);
        this.notices = b.notices;
        this.noticeNaming = b.noticeNaming;
        this.requiredSections = Set.copyOf(b.requiredSections);
        this.incompleteNotes = b.incompleteNotes;
        this.pingPongWindow = b.pingPongWindow;
        this.offHoursDeadlines = b.offHoursDeadlines;
        this.receiverStayMargin = b.receiverStayMargin;
        this.historyComments = b.historyComments;
        this.followUpMessages = b.followUpMessages;
    }

    /** A builder with the defaults: no rules, the standard reminder policy, always-open hours, built-in notices. */
    public static Builder builder() {
        return new Builder();
    }

    /** The procedure's name. */
    public String name() {
        return name;
    }

    /** The rules, in the order they are checked. */
    public List<HandoverRule> rules() {
        return rules;
    }

    /** The rule with this id. */
    public Optional<HandoverRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The first rule for this reason, used for bulk and manual handovers of that reason. */
    public Optional<HandoverRule> ruleFor(HandoverReason reason) {
        return rules.stream().filter(r -> r.reason().equals(reason)).findFirst();
    }

    /** Every reason the policy knows: the built-in ones and its own. */
    public Map<String, HandoverReason> reasons() {
        return reasons;
    }

    /** The reason with this code. */
    public Optional<HandoverReason> reason(String code) {
        return Optional.ofNullable(reasons.get(code));
    }

    /** The reminder policies by name. */
    public Map<String, ReminderPolicy> reminderPolicies() {
        return reminderPolicies;
    }

    /** The reminder policy with this name; the standard one for an unknown name. */
    public ReminderPolicy reminderPolicy(String name) {
        return reminderPolicies.getOrDefault(name, reminderPolicies.get(ReminderPolicy.STANDARD.name()));
    }

    /** The limits of authority by name. */
    public Map<String, AuthorityLimit> authorityLimits() {
        return authorityLimits;
    }

    /** The working hours of teams without their own. */
    public BusinessCalendar defaultCalendar() {
        return defaultCalendar;
    }

    /** Working hours per team. */
    public Map<GroupId, BusinessCalendar> teamCalendars() {
        return teamCalendars;
    }

    /** The holidays every calendar observes. */
    public List<Holiday> holidays() {
        return holidays;
    }

    /**
     * An agent's working hours: their own shifts in their own time zone (with the policy's holidays) when the
     * directory has them, else their first team's hours, else the default hours.
     */
    public BusinessCalendar calendarOf(Agent agent) {
        if (!agent.shifts().isEmpty()) {
            return BusinessCalendar.of(
                    agent.timeZone(),
                    agent.shifts(),
                    holidays.stream().map(Holiday::date).toList());
        }
        for (GroupId g : agent.groups()) {
            BusinessCalendar c = teamCalendars.get(g);
            if (c != null) {
                return c;
            }
        }
        return defaultCalendar;
    }

    /** The customer notice wording. */
    public CustomerNotices notices() {
        return notices;
    }

    /** How notices name the receiver. */
    public NoticeNaming noticeNaming() {
        return noticeNaming;
    }

    /** The note sections that must not be empty. */
    public Set<NoteSection> requiredSections() {
        return requiredSections;
    }

    /** What happens to a handover whose note misses a required section. */
    public IncompleteNotes incompleteNotes() {
        return incompleteNotes;
    }

    /** A ticket is not handed back to whoever handed it over within this window (unless a rule allows it). */
    public Duration pingPongWindow() {
        return pingPongWindow;
    }

    /** What happens to a deadline given as a moment outside its owner's working hours (default {@code WARN}). */
    public OffHoursDeadlines offHoursDeadlines() {
        return offHoursDeadlines;
    }

    /**
     * How long beyond the acknowledgement deadline a receiver must stay at work (before their shift ends or an absence
     * begins) to be chosen; empty when leaving soon does not count against anyone. Default 15 minutes.
     */
    public Optional<Duration> receiverStayMargin() {
        return receiverStayMargin;
    }

    /** How many of the ticket's latest comments a note quotes in its history. */
    public int historyComments() {
        return historyComments;
    }

    /** The wording of check-ins, reminders and escalations. */
    public FollowUpMessages followUpMessages() {
        return followUpMessages;
    }

    /** The procedure in plain language: what a note holds, each rule, reminders, limits, hours and guards. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Handover procedure: ").append(name).append("\n\n");
        sb.append("Every handover is written down in the CRM: one atomic write puts a structured internal note on the"
                + " ticket and reassigns it. The note holds the customer and contact details, a summary, the history,"
                + " actions taken, promises made, actions required with owners and deadlines, the reason, sender and"
                + " receiver, the next customer contact due, the limits of authority that matter, and links.\n");
        sb.append("It must not miss: ")
                .append(requiredSections.stream()
                        .sorted()
                        .map(NoteSection::label)
                        .collect(Collectors.joining(", ")))
                .append(". ")
                .append(
                        incompleteNotes == IncompleteNotes.BLOCK
                                ? "A handover whose note misses one of these is refused until the information is given."
                                : "A handover whose note misses one of these goes through, and a warning names what is missing.")
                .append('\n');
        sb.append("The receiver is checked before anything moves: active, not absent, on shift in time, skilled,"
                + " speaking the customer's language where the rule asks, and under capacity. When nobody qualifies"
                + " the rule's fallback is tried, or the handover is refused with the reason.\n\n");
        if (rules.isEmpty()) {
            sb.append("No rules: handovers are made by hand only.\n");
        } else {
            sb.append("Rules, checked in this order; the first that applies to a ticket decides:\n");
            for (int i = 0; i < rules.size(); i++) {
                sb.append(String.format("%2d. ", i + 1)).append(rules.get(i).describe());
            }
        }
        sb.append("\nReminders (all times are working time of the person reminded):\n");
        reminderPolicies.values().stream()
                .sorted(Comparator.comparing(ReminderPolicy::name))
                .forEach(p -> sb.append("  ")
                        .append(p.name())
                        .append(": ")
                        .append(p.describe())
                        .append('\n'));
        if (!authorityLimits.isEmpty()) {
            sb.append("\nLimits of authority:\n");
            authorityLimits.values().stream()
                    .sorted(Comparator.comparing(AuthorityLimit::name))
                    .forEach(l -> sb.append("  ").append(l.describe()).append('\n'));
        }
        sb.append("\nWorking hours: agents' own shifts where the CRM or team file has them; otherwise ");
        if (teamCalendars.isEmpty()) {
            sb.append(defaultCalendar.describe()).append(".\n");
        } else {
            teamCalendars.forEach((g, c) -> sb.append("team ")
                    .append(g)
                    .append(": ")
                    .append(c.describe())
                    .append("; "));
            sb.append("everyone else: ").append(defaultCalendar.describe()).append(".\n");
        }
        if (!holidays.isEmpty()) {
            sb.append("Holidays: ")
                    .append(holidays.stream()
                            .map(h -> h.date() + (h.name().isBlank() ? "" : " " + h.name()))
                            .collect(Collectors.joining(", ")))
                    .append(".\n");
        }
        sb.append("Customer notices: ")
                .append(String.join(", ", new TreeSet<>(notices.languages())))
                .append(" (default ")
                .append(notices.defaultLanguage())
                .append("), naming the receiver by ")
                .append(
                        switch (noticeNaming) {
                            case FULL_NAME -> "full name";
                            case FIRST_NAME -> "first name";
                            case TEAM_ONLY -> "team only";
                        })
                .append(".\n");
        sb.append("Guards: a rule hands a ticket over once unless it is marked repeatable; a ticket is not handed"
                        + " back to whoever handed it over in the last ")
                .append(Durations.describe(pingPongWindow))
                .append(" unless the rule allows it (the ping-pong guard).\n");
        sb.append(
                offHoursDeadlines == OffHoursDeadlines.MOVE
                        ? "A deadline set outside its owner's working hours moves to their last working moment"
                                + " before it, and the note says so.\n"
                        : "A deadline set outside its owner's working hours stays, and the note warns of it.\n");
        receiverStayMargin.ifPresent(
                m -> sb.append("A receiver must stay at work until the acknowledgement" + " deadline and ")
                        .append(Durations.describe(m))
                        .append(" more.\n"));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "HandoverPolicy[" + name + ", " + rules.size() + " rules]";
    }

    /** Builds a {@link HandoverPolicy}; {@link #build()} checks every cross-reference. */
    public static final class Builder {
        private String name = "handover procedure";
        private final List<HandoverRule> rules = new ArrayList<>();
        private final Map<String, HandoverReason> reasons = new LinkedHashMap<>();
        private final Map<String, ReminderPolicy> reminderPolicies = new LinkedHashMap<>();
        private final Map<String, AuthorityLimit> authorityLimits = new LinkedHashMap<>();
        private BusinessCalendar defaultCalendar = BusinessCalendar.always();
        private final Map<GroupId, BusinessCalendar> teamCalendars = new LinkedHashMap<>();
        private final Map<LocalDate, Holiday> holidays = new java.util.TreeMap<>();
        private CustomerNotices notices = CustomerNotices.builtIn();
        private NoticeNaming noticeNaming = NoticeNaming.FIRST_NAME;
        private Set<NoteSection> requiredSections = DEFAULT_REQUIRED;
        private IncompleteNotes incompleteNotes = IncompleteNotes.WARN;
        private Duration pingPongWindow = Duration.ofHours(4);
        private OffHoursDeadlines offHoursDeadlines = OffHoursDeadlines.WARN;
        private Optional<Duration> receiverStayMargin = Optional.of(Duration.ofMinutes(15));
        private int historyComments = 3;
        private FollowUpMessages followUpMessages = FollowUpMessages.DEFAULT;

        private Builder() {
            HandoverReason.BUILT_IN.forEach(r -> reasons.put(r.code(), r));
            reminderPolicies.put(ReminderPolicy.STANDARD.name(), ReminderPolicy.STANDARD);
        }

        /** The procedure's name. */
        public Builder name(String name) {
            if (Objects.requireNonNull(name, "policy name").isBlank()) {
                throw new IllegalArgumentException("policy name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Adds a rule; ids must be unique. */
        public Builder rule(HandoverRule rule) {
            Objects.requireNonNull(rule, "rule");
            for (HandoverRule r : rules) {
                if (r.id().equals(rule.id())) {
                    throw new IllegalArgumentException("rule id '" + rule.id() + "' is used twice");
                }
            }
            rules.add(rule);
            return this;
        }

        /** Adds a custom reason. */
        public Builder reason(HandoverReason reason) {
            Objects.requireNonNull(reason, "reason");
            HandoverReason old = reasons.putIfAbsent(reason.code(), reason);
            if (old != null && !old.equals(reason)) {
                throw new IllegalArgumentException("reason '" + reason.code() + "' is defined twice");
            }
            return this;
        }

        /** Adds or replaces a reminder policy (replacing {@code standard} is allowed). */
        public Builder reminderPolicy(ReminderPolicy policy) {
            Objects.requireNonNull(policy, "reminder policy");
            if (!policy.name().equals(ReminderPolicy.STANDARD.name()) && reminderPolicies.containsKey(policy.name())) {
                throw new IllegalArgumentException("reminder policy '" + policy.name() + "' is defined twice");
            }
            reminderPolicies.put(policy.name(), policy);
            return this;
        }

        /** Adds a limit of authority. */
        public Builder authorityLimit(AuthorityLimit limit) {
            Objects.requireNonNull(limit, "authority limit");
            if (authorityLimits.putIfAbsent(limit.name(), limit) != null) {
                throw new IllegalArgumentException("authority limit '" + limit.name() + "' is defined twice");
            }
            return this;
        }

        /** Working hours of agents and teams without their own (default: around the clock). */
        public Builder defaultCalendar(BusinessCalendar calendar) {
            this.defaultCalendar = Objects.requireNonNull(calendar, "default calendar");
            return this;
        }

        /** Working hours of a team, for its agents without their own shifts. */
        public Builder teamCalendar(GroupId team, BusinessCalendar calendar) {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(calendar, "calendar of team " + team);
            if (teamCalendars.putIfAbsent(team, calendar) != null) {
                throw new IllegalArgumentException("team " + team + " has two calendars");
            }
            return this;
        }

        /** Holidays every calendar observes. */
        public Builder holidays(Collection<Holiday> days) {
            for (Holiday h : days) {
                holidays.putIfAbsent(Objects.requireNonNull(h, "holiday").date(), h);
            }
            return this;
        }

        /** The customer notice wording (default: built-in en, de, fr, es). */
        public Builder notices(CustomerNotices notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        /** How notices name the receiver (default first name). */
        public Builder noticeNaming(NoticeNaming naming) {
            this.noticeNaming = Objects.requireNonNull(naming, "notice naming");
            return this;
        }

        /** The note sections that must not be empty (default customer, summary, reason, sender, receiver). */
        public Builder requiredSections(Set<NoteSection> sections) {
            this.requiredSections = Set.copyOf(Objects.requireNonNull(sections, "required sections"));
            return this;
        }

        /** Block or warn on incomplete notes (default warn). */
        public Builder incompleteNotes(IncompleteNotes what) {
            this.incompleteNotes = Objects.requireNonNull(what, "incomplete notes");
            return this;
        }

        /**
         * What happens to an action deadline or a promise date given as a moment that lies outside its owner's working
         * hours: {@code WARN} (default) keeps it and warns, {@code MOVE} moves an action's deadline to the owner's last
         * working moment before it.
         */
        public Builder offHoursDeadlines(OffHoursDeadlines what) {
            this.offHoursDeadlines = Objects.requireNonNull(what, "off-hours deadlines");
            return this;
        }

        /**
         * A receiver must be at work until the acknowledgement deadline and this much more (default 15 min): someone
         * whose shift ends or whose absence begins sooner is passed over ("leaves at 13:45, before 14:15").
         */
        public Builder receiverStayMargin(Duration margin) {
            Objects.requireNonNull(margin, "receiver stay margin");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("receiver stay margin must not be negative, was " + margin);
            }
            this.receiverStayMargin = Optional.of(margin);
            return this;
        }

        /** No receiver is passed over for leaving soon. */
        public Builder noReceiverStayCheck() {
            this.receiverStayMargin = Optional.empty();
            return this;
        }

        /** The ping-pong guard's window (default 4 h; zero turns it off). */
        public Builder pingPongWindow(Duration window) {
            Objects.requireNonNull(window, "ping-pong window");
            if (window.isNegative()) {
                throw new IllegalArgumentException("ping-pong window must not be negative, was " + window);
            }
            this.pingPongWindow = window;
            return this;
        }

        /** How many of the latest comments a note quotes (0–50, default 3); 0 saves a read per handover. */
        public Builder historyComments(int n) {
            if (n < 0 || n > 50) {
                throw new IllegalArgumentException("history comments must be 0–50, was " + n);
            }
            this.historyComments = n;
            return this;
        }

        /** The wording of check-ins, reminders and escalations (default: tactful English). */
        public Builder followUpMessages(FollowUpMessages messages) {
            this.followUpMessages = Objects.requireNonNull(messages, "follow-up messages");
            return this;
        }

        /** The policy, after checking every reference. */
        public HandoverPolicy build() {
            for (HandoverRule r : rules) {
                String where = "rule " + r.id() + ": ";
                HandoverReason known = reasons.get(r.reason().code());
                if (known == null) {
                    throw new IllegalArgumentException(
                            where + "uses reason '" + r.reason().code()
                                    + "', which the policy does not define; add it with reason(HandoverReason.custom(...))");
                }
                if (!known.equals(r.reason())) {
                    throw new IllegalArgumentException(
                            where + "reason '" + r.reason().code() + "' differs from the policy's definition");
                }
                if (!reminderPolicies.containsKey(r.reminderPolicy())) {
                    throw new IllegalArgumentException(where + "uses reminder policy '" + r.reminderPolicy()
                            + "', which is not defined; defined: " + String.join(", ", reminderPolicies.keySet()));
                }
                for (AuthorityLimit used : limitsIn(r.condition())) {
                    AuthorityLimit defined = authorityLimits.get(used.name());
                    if (defined == null || !defined.equals(used)) {
                        throw new IllegalArgumentException(where + "uses authority limit '" + used.name()
                                + "', which the policy does not define"
                                + (defined == null ? "" : " that way"));
                    }
                }
                if (r.notifyCustomer()) {
                    CustomerNotices n = r.notices().orElse(notices);
                    if (n.phrase(r.reason(), n.defaultLanguage()).isEmpty()) {
                        throw new IllegalArgumentException(where + "tells the customer about reason '"
                                + r.reason().code() + "', but the customer notices have no phrase for it in "
                                + n.defaultLanguage() + "; add one with CustomerNotices.builder().phrase(...)");
                    }
                }
            }
            return new HandoverPolicy(this);
        }

        private static List<AuthorityLimit> limitsIn(Condition c) {
            List<AuthorityLimit> out = new ArrayList<>();
            collect(c, out);
            return out;
        }

        private static void collect(Condition c, List<AuthorityLimit> out) {
            if (c instanceof Condition.ExceedsAuthority e) {
                out.add(e.limit());
            } else if (c instanceof Condition.All a) {
                a.conditions().forEach(x -> collect(x, out));
            } else if (c instanceof Condition.Any a) {
                a.conditions().forEach(x -> collect(x, out));
            } else if (c instanceof Condition.Not n) {
                collect(n.condition(), out);
            }
        }
    }
}
