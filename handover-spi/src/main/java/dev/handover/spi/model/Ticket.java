package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's ticket (a Zendesk ticket, a Salesforce Case) as the engine sees it. Text is never null; what the CRM
 * does not report is empty. Status and priority are normalized, and the vendor's values are kept beside them.
 *
 * <p>{@link #toString()} shows identifiers and state but no customer text, so tickets can be logged safely.
 *
 * @param id the CRM's id
 * @param subject the subject line, or empty
 * @param description the first message or description, or empty
 * @param status normalized status
 * @param rawStatus the vendor's status value
 * @param priority normalized priority
 * @param rawPriority the vendor's priority value, or empty when the ticket has none
 * @param requester the customer who raised it
 * @param assignee the agent who owns it, if any
 * @param group the group or queue it sits in, if any
 * @param tags lower-case tags, in the CRM's order
 * @param channel how it came in
 * @param language the language of the conversation, if known (otherwise see the requester's language)
 * @param customFields custom fields by the names the adapter maps them to; values rendered as text (numbers as plain
 *     decimals, multi-selects comma-separated)
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param reopens how often it was reopened, as far as the CRM counts it (0 when it does not)
 * @param link where a person can open it in the CRM, if known
 * @param version the version for optimistic concurrency; pass it back in a {@code TicketUpdate}
 */
public record Ticket(
        TicketId id,
        String subject,
        String description,
        TicketStatus status,
        String rawStatus,
        TicketPriority priority,
        String rawPriority,
        Customer requester,
        Optional<AgentId> assignee,
        Optional<GroupId> group,
        Set<String> tags,
        Channel channel,
        Optional<Locale> language,
        Map<String, String> customFields,
        Instant createdAt,
        Instant updatedAt,
        int reopens,
        Optional<URI> link,
        Version version) {

    /** Validates every component and makes the collections immutable. */
    public Ticket {
        Checks.notNull(id, "ticket id");
        String where = "ticket " + id + ": ";
        Checks.text(subject, where + "subject");
        Checks.text(description, where + "description");
        Checks.notNull(status, where + "status");
        Checks.text(rawStatus, where + "raw status");
        Checks.notNull(priority, where + "priority");
        Checks.text(rawPriority, where + "raw priority");
        Checks.notNull(requester, where + "requester");
        Checks.optional(assignee, where + "assignee");
        Checks.optional(group, where + "group");
        tags = Checks.tags(tags, where + "tags");
        Checks.notNull(channel, where + "channel");
        Checks.optional(language, where + "language");
        customFields = Checks.map(customFields, where + "custom fields");
        Checks.notNull(createdAt, where + "created at");
        Checks.notNull(updatedAt, where + "updated at");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException(
                    where + "updated at " + updatedAt + " is before created at " + createdAt);
        }
        Checks.nonNegative(reopens, where + "reopens");
        Checks.optional(link, where + "link");
        Checks.notNull(version, where + "version");
    }

    /** A builder for a ticket with this id; status {@code OPEN}, priority {@code NORMAL} until set. */
    public static Builder builder(TicketId id) {
        return new Builder(id);
    }

    /** A builder starting from this ticket. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when the ticket is not solved or closed. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** The conversation's language if known, else the requester's. */
    public Optional<Locale> effectiveLanguage() {
        return language.or(requester::language);
    }

    /** True when the ticket carries this tag (compared in lower case). */
    public boolean hasTag(String tag) {
        return tags.contains(tag.toLowerCase(Locale.ROOT));
    }

    /** Identifiers and state only; no subject, description or customer details. */
    @Override
    public String toString() {
        return "Ticket[id=" + id + ", status=" + status + ", priority=" + priority + ", assignee="
                + assignee.map(AgentId::value).orElse("-") + ", group="
                + group.map(GroupId::value).orElse("-")
                + ", tags=" + tags + ", version=" + version + "]";
    }

    /** Builds a {@link Ticket}; every setter checks its argument at once. */
    public static final class Builder {
        private final TicketId id;
        private String subject = "";
        private String description = "";
        private TicketStatus status = TicketStatus.OPEN;
        private String rawStatus;
        private TicketPriority priority = TicketPriority.NORMAL;
        private String rawPriority;
        private Customer requester = Customer.UNKNOWN;
        private AgentId assignee;
        private GroupId group;
        private final LinkedHashSet<String> tags = new LinkedHashSet<>();
        private Channel channel = Channel.OTHER;
        private Locale language;
        private final LinkedHashMap<String, String> customFields = new LinkedHashMap<>();
        private Instant createdAt;
        private Instant updatedAt;
        private int reopens;
        private URI link;
        private Version version;

        private Builder(TicketId id) {
            this.id = Checks.notNull(id, "ticket id");
        }

        private Builder(Ticket t) {
            this(t.id);
            subject = t.subject;
            description = t.description;
            status = t.status;
            rawStatus = t.rawStatus;
            priority = t.priority;
            rawPriority = t.rawPriority;
            requester = t.requester;
            assignee = t.assignee.orElse(null);
            group = t.group.orElse(null);
            tags.addAll(t.tags);
            channel = t.channel;
            language = t.language.orElse(null);
            customFields.putAll(t.customFields);
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            reopens = t.reopens;
            link = t.link.orElse(null);
            version = t.version;
        }

        /** Subject line. */
        public Builder subject(String subject) {
            this.subject = Checks.text(subject, "subject");
            return this;
        }

        /** First message or description. */
        public Builder description(String description) {
            this.description = Checks.text(description, "description");
            return this;
        }

        /** Normalized status; the raw value defaults to the enum's lower-case name. */
        public Builder status(TicketStatus status) {
            this.status = Checks.notNull(status, "status");
            return this;
        }

        /** Normalized status and the vendor's value. */
        public Builder status(TicketStatus status, String raw) {
            this.rawStatus = Checks.text(raw, "raw status");
            return status(status);
        }

        /** Normalized priority; the raw value defaults to the enum's lower-case name. */
        public Builder priority(TicketPriority priority) {
            this.priority = Checks.notNull(priority, "priority");
            return this;
        }

        /** Normalized priority and the vendor's value. */
        public Builder priority(TicketPriority priority, String raw) {
            this.rawPriority = Checks.text(raw, "raw priority");
            return priority(priority);
        }

        /** The customer. */
        public Builder requester(Customer requester) {
            this.requester = Checks.notNull(requester, "requester");
            return this;
        }

        /** The owning agent, or null for none. */
        public Builder assignee(AgentId assignee) {
            this.assignee = assignee;
            return this;
        }

        /** The group or queue, or null for none. */
        public Builder group(GroupId group) {
            this.group = group;
            return this;
        }

        /** Replaces the tags. */
        public Builder tags(Collection<String> tags) {
            Set<String> checked = Checks.tags(tags, "tags");
            this.tags.clear();
            this.tags.addAll(checked);
            return this;
        }

        /** Adds tags. */
        public Builder tag(String... tags) {
            this.tags.addAll(Checks.tags(List.of(tags), "tags"));
            return this;
        }

        /** The channel it came in through. */
        public Builder channel(Channel channel) {
            this.channel = Checks.notNull(channel, "channel");
            return this;
        }

        /** The conversation's language, or null when unknown. */
        public Builder language(Locale language) {
            this.language = language;
            return this;
        }

        /** Sets one custom field; a null value removes it. */
        public Builder customField(String name, String value) {
            Checks.nonBlank(name, "custom field name");
            if (value == null) {
                customFields.remove(name);
            } else {
                customFields.put(name, value);
            }
            return this;
        }

        /** Replaces all custom fields. */
        public Builder customFields(Map<String, String> fields) {
            Map<String, String> checked = Checks.map(fields, "custom fields");
            customFields.clear();
            customFields.putAll(checked);
            return this;
        }

        /** Creation time. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Checks.notNull(createdAt, "created at");
            return this;
        }

        /** Last change time. */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Checks.notNull(updatedAt, "updated at");
            return this;
        }

        /** Reopen count. */
        public Builder reopens(int reopens) {
            this.reopens = Checks.nonNegative(reopens, "reopens");
            return this;
        }

        /** Where a person opens it, or null. */
        public Builder link(URI link) {
            this.link = link;
            return this;
        }

        /** The version. */
        public Builder version(Version version) {
            this.version = Checks.notNull(version, "version");
            return this;
        }

        /**
         * The ticket. Creation and update times and the version are required; the update time defaults to the creation
         * time.
         */
        public Ticket build() {
            if (createdAt == null) {
                throw new IllegalStateException("ticket " + id + ": created at is required");
            }
            if (version == null) {
                throw new IllegalStateException("ticket " + id + ": version is required");
            }
            return new Ticket(
                    id,
                    subject,
                    description,
                    status,
                    rawStatus != null ? rawStatus : status.name().toLowerCase(Locale.ROOT),
                    priority,
                    rawPriority != null ? rawPriority : priority.name().toLowerCase(Locale.ROOT),
                    requester,
                    Optional.ofNullable(assignee),
                    Optional.ofNullable(group),
                    tags,
                    channel,
                    Optional.ofNullable(language),
                    customFields,
                    createdAt,
                    updatedAt != null ? updatedAt : createdAt,
                    reopens,
                    Optional.ofNullable(link),
                    version);
        }
    }
}
