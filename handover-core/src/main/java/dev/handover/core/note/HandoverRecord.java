package dev.handover.core.note;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The machine-readable core of a handover, as the note's trailer carries it: enough to rebuild and continue the
 * handover from the ticket alone (a worker that starts cold reads it back). Times are kept to the second; texts are
 * at most {@value #MAX_TEXT} characters (the note itself holds them in full).
 *
 * @param id the handover
 * @param ticket the ticket
 * @param rule the rule that made it, or {@code manual}
 * @param reason the reason's code
 * @param from the sender, if an agent
 * @param to the receiving agent, if an agent
 * @param group the receiving group or queue, if any
 * @param at when it happened
 * @param acknowledgeBy when the receiver must acknowledge, if required
 * @param contactBy when the customer must next hear from us, if known
 * @param reminderPolicy the name of the reminder policy that follows it up
 * @param returnAt when the sender returns and takes the ticket back (absences), if set
 * @param actions the required actions
 * @param promises the promises made to the customer
 * @param chain earlier handovers of the ticket, oldest first (at most {@value #MAX_CHAIN})
 */
public record HandoverRecord(
        HandoverId id,
        TicketId ticket,
        String rule,
        String reason,
        Optional<AgentId> from,
        Optional<AgentId> to,
        Optional<GroupId> group,
        Instant at,
        Optional<Instant> acknowledgeBy,
        Optional<Instant> contactBy,
        String reminderPolicy,
        Optional<Instant> returnAt,
        List<Action> actions,
        List<Promise> promises,
        List<Link> chain) {

    /** The longest text a record keeps. */
    public static final int MAX_TEXT = 120;

    /** The most earlier handovers a record keeps. */
    public static final int MAX_CHAIN = 10;

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Validates and normalizes times to the second. */
    public HandoverRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticket, "ticket");
        code(rule, "rule");
        code(reason, "reason");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(group, "group");
        at = seconds(at);
        acknowledgeBy = Objects.requireNonNull(acknowledgeBy, "acknowledge by").map(HandoverRecord::seconds);
        contactBy = Objects.requireNonNull(contactBy, "contact by").map(HandoverRecord::seconds);
        code(reminderPolicy, "reminder policy");
        returnAt = Objects.requireNonNull(returnAt, "return at").map(HandoverRecord::seconds);
        actions = List.copyOf(actions);
        promises = List.copyOf(promises);
        chain = List.copyOf(chain);
        if (chain.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("a record keeps at most " + MAX_CHAIN + " earlier handovers");
        }
        if (to.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("handover " + id + " goes to nobody: needs an agent or a group");
        }
    }

    private static void code(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " must be lower-case letters, digits or hyphens, was '" + value + "'");
        }
    }

    static Instant seconds(Instant t) {
        return Objects.requireNonNull(t, "instant").truncatedTo(ChronoUnit.SECONDS);
    }

    /** A text cut to {@link #MAX_TEXT} characters (code points), ending in "…" when cut. */
    public static String clip(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= MAX_TEXT) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
    }

    /** This record as the link it becomes in the next handover's chain. */
    public Link asLink() {
        return new Link(id, from, to, at, reason);
    }

    /**
     * A required action.
     *
     * @param key its task key ({@code action-1})
     * @param owner who owns it, if an agent
     * @param due its deadline
     * @param text what must be done, at most {@value HandoverRecord#MAX_TEXT} characters
     */
    public record Action(String key, Optional<AgentId> owner, Instant due, String text) {
        /** Validates. */
        public Action {
            code(key, "action key");
            Objects.requireNonNull(owner, "owner");
            due = seconds(due);
            text = checkText(text);
        }
    }

    /**
     * A promise made to the customer.
     *
     * @param key its key ({@code promise-1})
     * @param due when it is due, if it has a date
     * @param text what was promised, at most {@value HandoverRecord#MAX_TEXT} characters
     */
    public record Promise(String key, Optional<Instant> due, String text) {
        /** Validates. */
        public Promise {
            code(key, "promise key");
            due = Objects.requireNonNull(due, "due").map(HandoverRecord::seconds);
            text = checkText(text);
        }
    }

    /**
     * An earlier handover in the ticket's chain.
     *
     * @param id the handover
     * @param from its sender, if an agent
     * @param to its receiving agent, if an agent
     * @param at when
     * @param reason its reason's code
     */
    public record Link(HandoverId id, Optional<AgentId> from, Optional<AgentId> to, Instant at, String reason) {
        /** Validates. */
        public Link {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            at = seconds(at);
            code(reason, "reason");
        }
    }

    private static String checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new IllegalArgumentException(
                    "record texts are at most " + MAX_TEXT + " characters; clip() them first: '" + text + "'");
        }
        return text;
    }
}
