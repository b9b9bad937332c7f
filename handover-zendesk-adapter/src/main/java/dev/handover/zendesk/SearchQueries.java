package dev.handover.zendesk;

import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Zendesk search queries the adapter sends. Only documented keywords are used ({@code type}, {@code ticket_type},
 * {@code tags}, {@code assignee}, {@code group}, {@code status} with {@code :}, {@code <} and {@code >}, {@code
 * updated}/{@code created} with ISO-8601 times); a query is always at least as broad as the SPI query and every result is
 * filtered again client-side, so search's coarser semantics (repeated {@code tags:} terms are ORed, times are compared to
 * the second) never let a wrong record through.
 */
final class SearchQueries {
    private SearchQueries() {}

    /**
     * The search for tickets matching the query and updated at or after {@code from} (when given), handover task tickets
     * excluded; empty when the query names ids that cannot exist in Zendesk.
     */
    static Optional<String> tickets(TicketQuery q, Instant from) {
        List<String> terms = new ArrayList<>(List.of("type:ticket", "-tags:" + TaskTags.TASK));
        if (q.assignee().isPresent()) {
            OptionalLong a = Ids.parse(q.assignee().get().value());
            if (a.isEmpty()) {
                return Optional.empty();
            }
            terms.add("assignee:" + a.getAsLong());
        }
        if (q.group().isPresent()) {
            OptionalLong g = Ids.parse(q.group().get().value());
            if (g.isEmpty()) {
                return Optional.empty();
            }
            terms.add("group:" + g.getAsLong());
        }
        terms.addAll(statusRange(q.statuses()));
        if (from != null) {
            // search compares to the second: ask from the second before, the client-side filter is exact
            terms.add("updated>" + second(from.minusSeconds(1)));
        }
        return Optional.of(String.join(" ", terms));
    }

    /** Open tickets of one agent, task tickets excluded. */
    static String openAssigned(long agent) {
        return "type:ticket assignee:" + agent + " status<solved -tags:" + TaskTags.TASK;
    }

    /** The open tickets of a group, whoever holds them (for counting a team's load in one search). */
    static String openInGroup(long group) {
        return "type:ticket group:" + group + " status<solved -tags:" + TaskTags.TASK;
    }

    /**
     * The search for handover task tickets that may match the query. One {@code tags:} term only — the most selective —
     * because Zendesk ORs repeated tag terms. With {@code dueDateKeyword} (a setting; the keyword is unconfirmed) open
     * tasks are narrowed by {@code due_date} to the day. The owner narrows by assignee only where a task ticket has one
     * owner ({@code ownerIsAssignee}: one ticket per item), and closed tasks by status only where closing solves the
     * ticket ({@code closedIsSolved}): a checklist ticket stays open while one item is, and a task closed by tag keeps
     * its status. An open checklist's {@code due_at} is its earliest open item's, so the due-date narrowing holds.
     */
    static Optional<String> tasks(
            TaskQuery q, boolean dueDateKeyword, boolean ownerIsAssignee, boolean closedIsSolved) {
        List<String> terms = new ArrayList<>(List.of("type:ticket", "ticket_type:task"));
        if (q.ticket().isPresent()) {
            OptionalLong t = Ids.parse(q.ticket().get().value());
            if (t.isEmpty()) {
                return Optional.empty();
            }
            terms.add("tags:" + TaskTags.ticket(t.getAsLong()));
        } else if (q.handover().isPresent()) {
            terms.add("tags:" + TaskTags.handover(q.handover().get()));
        } else if (q.kinds().size() == 1) {
            terms.add("tags:" + TaskTags.kind(q.kinds().iterator().next()));
        } else {
            terms.add("tags:" + TaskTags.TASK);
        }
        if (q.owner().isPresent() && ownerIsAssignee) {
            OptionalLong o = Ids.parse(q.owner().get().value());
            if (o.isEmpty()) {
                return Optional.empty();
            }
            terms.add("assignee:" + o.getAsLong());
        }
        Set<TaskStatus> s = q.statuses();
        if (s.equals(Set.of(TaskStatus.OPEN))) {
            terms.add("status<solved");
        } else if (!s.isEmpty() && !s.contains(TaskStatus.OPEN) && closedIsSolved) {
            terms.add("status>hold");
        }
        if (dueDateKeyword && q.dueAtOrBefore().isPresent()) {
            terms.add("due_date<"
                    + q.dueAtOrBefore()
                            .get()
                            .atOffset(ZoneOffset.UTC)
                            .toLocalDate()
                            .plusDays(1));
        }
        return Optional.of(String.join(" ", terms));
    }

    /**
     * Zendesk orders statuses new &lt; open &lt; pending &lt; hold &lt; solved &lt; closed; the smallest range covering the set
     * is expressed with {@code >}/{@code <} (statuses inside the range but not in the set are filtered client-side).
     */
    static List<String> statusRange(Set<TicketStatus> statuses) {
        if (statuses.isEmpty() || statuses.containsAll(EnumSet.allOf(TicketStatus.class))) {
            return List.of();
        }
        TicketStatus[] order = TicketStatus.values();
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (TicketStatus s : statuses) {
            min = Math.min(min, s.ordinal());
            max = Math.max(max, s.ordinal());
        }
        if (min == max) {
            return List.of("status:" + TicketMapper.zendeskStatus(order[min]));
        }
        List<String> out = new ArrayList<>();
        if (min > 0) {
            out.add("status>" + TicketMapper.zendeskStatus(order[min - 1]));
        }
        if (max < order.length - 1) {
            out.add("status<" + TicketMapper.zendeskStatus(order[max + 1]));
        }
        return out;
    }

    /** An instant as search writes it: ISO-8601 to the second, UTC. */
    static String second(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
