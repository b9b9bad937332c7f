package dev.handover.core.rule;

import dev.handover.core.wording.Durations;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a rule applies to a ticket. Conditions compose with {@link #and}, {@link #or} and {@link #negate}, and each
 * says in plain language what it tests ({@link #describe()}), so a policy can explain itself.
 *
 * <pre>{@code
 * Condition c = Condition.complaint().and(Condition.priorityAtLeast(TicketPriority.HIGH));
 * }</pre>
 *
 * Conditions are immutable values; evaluation reads only the {@link RuleContext} and does no I/O.
 */
public sealed interface Condition {

    /** True when the ticket in the context meets the condition. */
    boolean test(RuleContext context);

    /** What the condition tests, in words ("the priority is high or above"). */
    String describe();

    /** Both this and the other. */
    default Condition and(Condition other) {
        return all(this, other);
    }

    /** This or the other. */
    default Condition or(Condition other) {
        return any(this, other);
    }

    /** The opposite. */
    default Condition negate() {
        return not(this);
    }

    // ------------------------------------------------------------------------------------------ factories

    /** Every ticket. */
    static Condition always() {
        return Always.INSTANCE;
    }

    /** All of these. */
    static Condition all(Condition... conditions) {
        return new All(List.of(conditions));
    }

    /** Any of these. */
    static Condition any(Condition... conditions) {
        return new Any(List.of(conditions));
    }

    /** The opposite. */
    static Condition not(Condition condition) {
        return new Not(condition);
    }

    /** The status is one of these. */
    static Condition status(TicketStatus... statuses) {
        return new StatusIn(Set.copyOf(Arrays.asList(statuses)));
    }

    /** The ticket is not solved or closed. */
    static Condition open() {
        return new StatusIn(Arrays.stream(TicketStatus.values())
                .filter(TicketStatus::isOpen)
                .collect(Collectors.toSet()));
    }

    /** The priority is this or higher. */
    static Condition priorityAtLeast(TicketPriority priority) {
        return new PriorityAtLeast(priority);
    }

    /** The ticket carries this tag. */
    static Condition tag(String tag) {
        return new HasTag(tag);
    }

    /** The ticket came in through one of these channels. */
    static Condition channel(Channel... channels) {
        return new ChannelIn(Set.copyOf(Arrays.asList(channels)));
    }

    /** A custom field compares as given with the value. */
    static Condition field(String name, Comparison comparison, String value) {
        return new CustomField(name, comparison, value);
    }

    /** The customer's tier is one of these. */
    static Condition customerTier(String... tiers) {
        return new CustomerTierIn(lowerCase(tiers));
    }

    /** The customer's organization is one of these. */
    static Condition customerOrganization(String... organizations) {
        return new CustomerOrganizationIn(lowerCase(organizations));
    }

    /** The subject or description contains one of these words or phrases (case and accents ignored). */
    static Condition keywords(String... phrases) {
        return new Keywords(Set.copyOf(Arrays.asList(phrases)), TextScope.SUBJECT_OR_DESCRIPTION);
    }

    /** The subject or description contains one of these words or phrases. */
    static Condition keywords(TextScope scope, String... phrases) {
        return new Keywords(Set.copyOf(Arrays.asList(phrases)), scope);
    }

    /** The ticket's category (a tag, or the custom field {@code category}) is this. */
    static Condition category(String category) {
        return new Category(category);
    }

    /** A complaint: category {@code complaint}, or complaint wording in English, German, French or Spanish. */
    static Condition complaint() {
        return any(category("complaint"), new Keywords(Vocabulary.COMPLAINT, TextScope.SUBJECT_OR_DESCRIPTION));
    }

    /** A compliment: category {@code compliment}, or thanks and praise in English, German, French or Spanish. */
    static Condition compliment() {
        return any(category("compliment"), new Keywords(Vocabulary.COMPLIMENT, TextScope.SUBJECT_OR_DESCRIPTION));
    }

    /** The customer's language is known and the assignee does not speak it. */
    static Condition languageNotSpokenByAssignee() {
        return LanguageNotSpokenByAssignee.INSTANCE;
    }

    /** The assignee lacks this skill. */
    static Condition assigneeLacksSkill(String skill) {
        return new AssigneeLacksSkill(skill);
    }

    /** Nothing has happened on the ticket for this much business time (the assignee's working hours). */
    static Condition idleFor(Duration businessTime) {
        return new IdleFor(businessTime);
    }

    /** The assignee is working and their shift ends within this time. */
    static Condition assigneeShiftEndsWithin(Duration within) {
        return new AssigneeShiftEndsWithin(within);
    }

    /** The assignee is outside working hours now. */
    static Condition assigneeOffShift() {
        return AssigneeOffShift.INSTANCE;
    }

    /** The assignee is on a planned absence or deactivated. */
    static Condition assigneeAbsent() {
        return AssigneeAbsent.INSTANCE;
    }

    /** The assignee holds at least this share of their capacity in open tickets (1.0 = full). */
    static Condition assigneeOverloaded(double shareOfCapacity) {
        return new AssigneeOverloaded(shareOfCapacity);
    }

    /** The ticket was reopened at least this often. */
    static Condition reopenedAtLeast(int times) {
        return new ReopenedAtLeast(times);
    }

    /** The ticket needs more authority than the assignee's role has on this limit. */
    static Condition exceedsAuthority(AuthorityLimit limit) {
        return new ExceedsAuthority(limit);
    }

    /** The ticket sits in this group or queue. */
    static Condition inGroup(GroupId group) {
        return new InGroup(group);
    }

    /** Nobody owns the ticket. */
    static Condition unassigned() {
        return Unassigned.INSTANCE;
    }

    private static Set<String> lowerCase(String... values) {
        return Arrays.stream(values).map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    // ------------------------------------------------------------------------------------------ combinators

    /** Every ticket. */
    enum Always implements Condition {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean test(RuleContext context) {
            return true;
        }

        @Override
        public String describe() {
            return "any ticket";
        }
    }

    /**
     * All of these.
     *
     * @param conditions at least one
     */
    record All(List<Condition> conditions) implements Condition {
        /** Validates. */
        public All {
            conditions = nonEmpty(conditions, "all");
        }

        @Override
        public boolean test(RuleContext context) {
            for (Condition c : conditions) {
                if (!c.test(context)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return conditions.stream().map(Condition::nested).collect(Collectors.joining(" and "));
        }
    }

    /**
     * Any of these.
     *
     * @param conditions at least one
     */
    record Any(List<Condition> conditions) implements Condition {
        /** Validates. */
        public Any {
            conditions = nonEmpty(conditions, "any");
        }

        @Override
        public boolean test(RuleContext context) {
            for (Condition c : conditions) {
                if (c.test(context)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return conditions.stream().map(Condition::nested).collect(Collectors.joining(" or "));
        }
    }

    /**
     * The opposite.
     *
     * @param condition the condition negated
     */
    record Not(Condition condition) implements Condition {
        /** Validates. */
        public Not {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public boolean test(RuleContext context) {
            return !condition.test(context);
        }

        @Override
        public String describe() {
            return "not " + nested(condition);
        }
    }

    // ------------------------------------------------------------------------------------------ ticket

    /**
     * The status is one of these.
     *
     * @param statuses at least one
     */
    record StatusIn(Set<TicketStatus> statuses) implements Condition {
        /** Validates. */
        public StatusIn {
            if (Objects.requireNonNull(statuses, "statuses").isEmpty()) {
                throw new IllegalArgumentException("a status condition needs at least one status");
            }
            statuses = Set.copyOf(EnumSet.copyOf(statuses));
        }

        @Override
        public boolean test(RuleContext context) {
            return statuses.contains(context.ticket().status());
        }

        @Override
        public String describe() {
            return "the status is "
                    + statuses.stream()
                            .sorted()
                            .map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                            .collect(Collectors.joining(" or "));
        }
    }

    /**
     * The priority is this or higher.
     *
     * @param priority the lowest priority that matches
     */
    record PriorityAtLeast(TicketPriority priority) implements Condition {
        /** Validates. */
        public PriorityAtLeast {
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public boolean test(RuleContext context) {
            return context.ticket().priority().isAtLeast(priority);
        }

        @Override
        public String describe() {
            String p = priority.name().toLowerCase(Locale.ROOT);
            return priority == TicketPriority.URGENT ? "the priority is urgent" : "the priority is " + p + " or above";
        }
    }

    /**
     * The ticket carries a tag.
     *
     * @param tag the tag, lower case
     */
    record HasTag(String tag) implements Condition {
        /** Validates and lower-cases. */
        public HasTag {
            tag = nonBlank(tag, "tag").toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean test(RuleContext context) {
            return context.ticket().tags().contains(tag);
        }

        @Override
        public String describe() {
            return "the ticket is tagged " + tag;
        }
    }

    /**
     * The ticket came in through one of these channels.
     *
     * @param channels at least one
     */
    record ChannelIn(Set<Channel> channels) implements Condition {
        /** Validates. */
        public ChannelIn {
            if (Objects.requireNonNull(channels, "channels").isEmpty()) {
                throw new IllegalArgumentException("a channel condition needs at least one channel");
            }
            channels = Set.copyOf(channels);
        }

        @Override
        public boolean test(RuleContext context) {
            return channels.contains(context.ticket().channel());
        }

        @Override
        public String describe() {
            return "it came in by "
                    + channels.stream().map(Channel::name).sorted().collect(Collectors.joining(" or "));
        }
    }

    /** How a custom field is compared. */
    enum Comparison {
        /** Equal, ignoring case. */
        EQUALS("is"),
        /** Not equal, ignoring case (a missing field is not equal). */
        NOT_EQUALS("is not"),
        /** Numerically greater. */
        ABOVE("is above"),
        /** Numerically greater or equal. */
        AT_LEAST("is at least"),
        /** Numerically smaller. */
        BELOW("is below"),
        /** Present and not blank. */
        PRESENT("is set"),
        /** Missing or blank. */
        ABSENT("is not set");

        private final String words;

        Comparison(String words) {
            this.words = words;
        }

        /** True for comparisons that need a number. */
        public boolean isNumeric() {
            return this == ABOVE || this == AT_LEAST || this == BELOW;
        }

        /** True for comparisons that need a value. */
        public boolean needsValue() {
            return this != PRESENT && this != ABSENT;
        }
    }

    /**
     * A custom field compared with a value.
     *
     * @param name the field's name as the adapter maps it
     * @param comparison how to compare
     * @param value the value (a number for numeric comparisons; ignored for present/absent)
     */
    record CustomField(String name, Comparison comparison, String value) implements Condition {
        /** Validates: numeric comparisons need a number. */
        public CustomField {
            nonBlank(name, "custom field name");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(value, "value");
            if (comparison.isNumeric()) {
                try {
                    new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "custom field " + name + " " + comparison.words + " needs a number, was '" + value + "'");
                }
            }
        }

        @Override
        public boolean test(RuleContext context) {
            String actual = context.ticket().customFields().get(name);
            boolean present = actual != null && !actual.isBlank();
            return switch (comparison) {
                case PRESENT -> present;
                case ABSENT -> !present;
                case EQUALS -> present && actual.strip().equalsIgnoreCase(value);
                case NOT_EQUALS -> !present || !actual.strip().equalsIgnoreCase(value);
                case ABOVE, AT_LEAST, BELOW -> present && compare(actual, comparison, new BigDecimal(value));
            };
        }

        private static boolean compare(String actual, Comparison c, BigDecimal limit) {
            BigDecimal n;
            try {
                n = new BigDecimal(actual.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                return false;
            }
            int cmp = n.compareTo(limit);
            return c == Comparison.ABOVE ? cmp > 0 : c == Comparison.AT_LEAST ? cmp >= 0 : cmp < 0;
        }

        @Override
        public String describe() {
            return "field " + name + " " + comparison.words + (comparison.needsValue() ? " " + value : "");
        }
    }

    /**
     * The customer's tier is one of these.
     *
     * @param tiers lower-case tiers
     */
    record CustomerTierIn(Set<String> tiers) implements Condition {
        /** Validates. */
        public CustomerTierIn {
            tiers = nonEmptySet(tiers, "tiers");
        }

        @Override
        public boolean test(RuleContext context) {
            return tiers.contains(context.ticket().requester().tier().toLowerCase(Locale.ROOT));
        }

        @Override
        public String describe() {
            return "the customer's tier is " + tiers.stream().sorted().collect(Collectors.joining(" or "));
        }
    }

    /**
     * The customer belongs to one of these organizations.
     *
     * @param organizations lower-case names
     */
    record CustomerOrganizationIn(Set<String> organizations) implements Condition {
        /** Validates. */
        public CustomerOrganizationIn {
            organizations = nonEmptySet(organizations, "organizations");
        }

        @Override
        public boolean test(RuleContext context) {
            return organizations.contains(
                    context.ticket().requester().organization().toLowerCase(Locale.ROOT));
        }

        @Override
        public String describe() {
            return "the customer belongs to " + organizations.stream().sorted().collect(Collectors.joining(" or "));
        }
    }

    /** Where keywords are looked for. */
    enum TextScope {
        /** The subject only. */
        SUBJECT,
        /** The description only. */
        DESCRIPTION,
        /** Either. */
        SUBJECT_OR_DESCRIPTION
    }

    /**
     * The subject or description contains one of these words or phrases, as whole words, ignoring case and accents.
     * A class rather than a record so that the phrases are normalized once, not per evaluation.
     */
    final class Keywords implements Condition {
        private final Set<String> phrases;
        private final TextScope scope;
        private final String[] needles;

        /**
         * Validates; phrases must contain a letter or digit.
         *
         * @param phrases the words or phrases as given
         * @param scope where to look
         */
        public Keywords(Set<String> phrases, TextScope scope) {
            this.phrases = nonEmptySet(phrases, "keywords");
            this.scope = Objects.requireNonNull(scope, "scope");
            this.needles = this.phrases.stream().map(Text::normalize).distinct().toArray(String[]::new);
            for (String p : this.phrases) {
                if (Text.normalize(p).isBlank()) {
                    throw new IllegalArgumentException("keyword '" + p + "' has no letters or digits");
                }
            }
        }

        /** The words or phrases as given. */
        public Set<String> phrases() {
            return phrases;
        }

        /** Where to look. */
        public TextScope scope() {
            return scope;
        }

        @Override
        public boolean test(RuleContext context) {
            return (scope != TextScope.DESCRIPTION && containsAny(context.subjectText()))
                    || (scope != TextScope.SUBJECT && containsAny(context.descriptionText()));
        }

        private boolean containsAny(String haystack) {
            for (String n : needles) {
                if (haystack.contains(n)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            String where = switch (scope) {
                case SUBJECT -> "the subject";
                case DESCRIPTION -> "the description";
                case SUBJECT_OR_DESCRIPTION -> "the subject or description";
            };
            if (phrases.equals(Vocabulary.COMPLAINT)) {
                return where + " reads as a complaint (" + phrases.size() + " words and phrases in en, de, fr, es)";
            }
            if (phrases.equals(Vocabulary.COMPLIMENT)) {
                return where + " reads as a compliment (" + phrases.size() + " words and phrases in en, de, fr, es)";
            }
            return where + " mentions "
                    + phrases.stream().sorted().map(p -> "\"" + p + "\"").collect(Collectors.joining(" or "));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Keywords k && k.phrases.equals(phrases) && k.scope == scope;
        }

        @Override
        public int hashCode() {
            return Objects.hash(phrases, scope);
        }

        @Override
        public String toString() {
            return "Keywords[" + phrases + ", " + scope + "]";
        }
    }

    /**
     * The ticket's category is this: a tag of that name, or the custom field {@code category} with that value.
     *
     * @param category lower case
     */
    record Category(String category) implements Condition {
        /** Validates and lower-cases. */
        public Category {
            category = nonBlank(category, "category").toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean test(RuleContext context) {
            Ticket t = context.ticket();
            return t.tags().contains(category)
                    || category.equalsIgnoreCase(t.customFields().getOrDefault("category", ""));
        }

        @Override
        public String describe() {
            return "the ticket is a " + category;
        }
    }

    // ------------------------------------------------------------------------------------------ assignee

    /** The customer's language is known and the assignee does not speak it. */
    enum LanguageNotSpokenByAssignee implements Condition {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean test(RuleContext context) {
            Optional<Locale> language = context.ticket().effectiveLanguage();
            return language.isPresent()
                    && context.assignee().isPresent()
                    && !context.assignee().get().speaks(language.get());
        }

        @Override
        public String describe() {
            return "the assignee does not speak the customer's language";
        }
    }

    /**
     * The assignee lacks a skill.
     *
     * @param skill lower case
     */
    record AssigneeLacksSkill(String skill) implements Condition {
        /** Validates and lower-cases. */
        public AssigneeLacksSkill {
            skill = nonBlank(skill, "skill").toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean test(RuleContext context) {
            return context.assignee().isPresent() && !context.assignee().get().hasSkill(skill);
        }

        @Override
        public String describe() {
            return "the assignee lacks the skill " + skill;
        }
    }

    /**
     * Nothing has happened for this much business time.
     *
     * @param businessTime positive
     */
    record IdleFor(Duration businessTime) implements Condition {
        /** Validates. */
        public IdleFor {
            positive(businessTime, "idle time");
        }

        @Override
        public boolean test(RuleContext context) {
            return context.idle().compareTo(businessTime) >= 0;
        }

        @Override
        public String describe() {
            return "nothing has happened on the ticket for " + Durations.describe(businessTime) + " of working time";
        }
    }

    /**
     * The assignee is working and their shift ends within this time.
     *
     * @param within positive
     */
    record AssigneeShiftEndsWithin(Duration within) implements Condition {
        /** Validates. */
        public AssigneeShiftEndsWithin {
            positive(within, "shift end window");
        }

        @Override
        public boolean test(RuleContext context) {
            if (context.assignee().isEmpty()) {
                return false;
            }
            Optional<Instant> end =
                    context.availability().shiftEnd(context.assignee().get(), context.now());
            return end.isPresent() && !end.get().isAfter(context.now().plus(within));
        }

        @Override
        public String describe() {
            return "the assignee's shift ends within " + Durations.describe(within);
        }
    }

    /** The assignee is outside working hours now. */
    enum AssigneeOffShift implements Condition {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean test(RuleContext context) {
            return context.assignee().isPresent()
                    && !context.availability()
                            .calendarOf(context.assignee().get())
                            .isOpen(context.now());
        }

        @Override
        public String describe() {
            return "the assignee is off shift";
        }
    }

    /** The assignee is on a planned absence or deactivated. */
    enum AssigneeAbsent implements Condition {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean test(RuleContext context) {
            if (context.ticket().assignee().isPresent() && context.assignee().isEmpty()) {
                return true; // assigned to someone the directory no longer lists: deleted or suspended
            }
            return context.assignee()
                    .map(a -> !a.active() || a.isAbsentAt(context.now()))
                    .orElse(false);
        }

        @Override
        public String describe() {
            return "the assignee is absent or no longer active";
        }
    }

    /**
     * The assignee holds at least this share of their capacity in open tickets.
     *
     * @param share positive; 1.0 means at capacity
     */
    record AssigneeOverloaded(double share) implements Condition {
        /** Validates. */
        public AssigneeOverloaded {
            if (!(share > 0)) {
                throw new IllegalArgumentException("overload share must be positive, was " + share);
            }
        }

        @Override
        public boolean test(RuleContext context) {
            if (context.assignee().isEmpty()) {
                return false;
            }
            Agent a = context.assignee().get();
            if (a.capacity() == Agent.UNLIMITED) {
                return false;
            }
            return context.workload().openTickets(a.id()) >= share * a.capacity();
        }

        @Override
        public String describe() {
            return share == 1.0
                    ? "the assignee is at capacity"
                    : "the assignee holds " + Math.round(share * 100) + "% or more of their capacity";
        }
    }

    /**
     * Reopened at least this often.
     *
     * @param times at least one
     */
    record ReopenedAtLeast(int times) implements Condition {
        /** Validates. */
        public ReopenedAtLeast {
            if (times < 1) {
                throw new IllegalArgumentException("reopen count must be at least 1, was " + times);
            }
        }

        @Override
        public boolean test(RuleContext context) {
            return context.ticket().reopens() >= times;
        }

        @Override
        public String describe() {
            return "the ticket was reopened " + (times == 1 ? "at least once" : times + " times or more");
        }
    }

    /**
     * The ticket needs more authority than the assignee's role has.
     *
     * @param limit the limit of authority
     */
    record ExceedsAuthority(AuthorityLimit limit) implements Condition {
        /** Validates. */
        public ExceedsAuthority {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public boolean test(RuleContext context) {
            if (context.assignee().isEmpty()) {
                return false;
            }
            Optional<BigDecimal> amount = limit.amountOf(context.ticket().customFields());
            return amount.isPresent()
                    && amount.get()
                                    .compareTo(limit.ceilingOf(
                                            context.assignee().get().role()))
                            > 0;
        }

        @Override
        public String describe() {
            return "the " + limit.field() + " is above what the assignee's role may approve (limit " + limit.name()
                    + ")";
        }
    }

    /**
     * The ticket sits in a group or queue.
     *
     * @param group the group
     */
    record InGroup(GroupId group) implements Condition {
        /** Validates. */
        public InGroup {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public boolean test(RuleContext context) {
            return context.ticket().group().filter(group::equals).isPresent();
        }

        @Override
        public String describe() {
            return "the ticket is in group " + group;
        }
    }

    /** Nobody owns the ticket. */
    enum Unassigned implements Condition {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean test(RuleContext context) {
            return context.ticket().assignee().isEmpty();
        }

        @Override
        public String describe() {
            return "nobody owns the ticket";
        }
    }

    // ------------------------------------------------------------------------------------------ checks

    /** A condition's description, in parentheses when it combines several. */
    private static String nested(Condition c) {
        boolean composite = (c instanceof All a && a.conditions().size() > 1)
                || (c instanceof Any o && o.conditions().size() > 1);
        return composite ? "(" + c.describe() + ")" : c.describe();
    }

    private static List<Condition> nonEmpty(List<Condition> conditions, String what) {
        Objects.requireNonNull(conditions, what);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("'" + what + "' needs at least one condition");
        }
        conditions.forEach(c -> Objects.requireNonNull(c, what + " condition"));
        return List.copyOf(conditions);
    }

    private static Set<String> nonEmptySet(Set<String> values, String what) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(nonBlank(v, what)));
        return Set.copyOf(out);
    }

    private static String nonBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.strip();
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
