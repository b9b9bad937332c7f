package dev.handover.zendesk.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Zendesk ticket event (an event-subscribed webhook such as {@code zen:event-type:ticket.agent_assignment_changed}) in
 * the SPI's terms: which ticket, what happened, and the ticket's state as the event reports it. The runner uses it to
 * evaluate that ticket at once instead of waiting for the next poll.
 *
 * <p>{@link #toString()} shows ids and state, never the ticket's subject or description.
 *
 * @param id the event's id (use it to drop duplicate deliveries)
 * @param type the full event type, e.g. {@code zen:event-type:ticket.status_changed}
 * @param ticket the ticket the event is about
 * @param time when the event happened
 * @param actor who caused it, when the event says
 * @param assignee the ticket's assignee after the event, when reported
 * @param group the ticket's group after the event, when reported
 * @param status the ticket's normalized status after the event, when reported
 * @param tags the ticket's tags after the event, lower-case
 * @param updatedAt the ticket's update time, when reported
 * @param previous the event's previous value, as text, when it has one
 * @param current the event's current value, as text, when it has one
 * @param handoverTask true when the ticket is one of the adapter's own task tickets
 */
record TicketEvent(
        String id,
        String type,
        TicketId ticket,
        Instant time,
        Optional<AgentId> actor,
        Optional<AgentId> assignee,
        Optional<GroupId> group,
        Optional<TicketStatus> status,
        Set<String> tags,
        Optional<Instant> updatedAt,
        Optional<String> previous,
        Optional<String> current,
        boolean handoverTask) {

    private static final String TYPE_PREFIX = "zen:event-type:ticket.";
    private static final String SUBJECT_PREFIX = "zen:ticket:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Validates and copies. */
    public TicketEvent {
        Objects.requireNonNull(id, "event id");
        Objects.requireNonNull(type, "event type");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        tags = Set.copyOf(tags);
        Objects.requireNonNull(updatedAt, "updated at");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
    }

    /** The short name of the event: {@code agent_assignment_changed}, {@code comment_added}, {@code status_changed}. */
    public String kind() {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    /**
     * Reads a ticket event from a webhook body (verify the signature first).
     *
     * @throws IllegalArgumentException when the body is not JSON or not a Zendesk ticket event
     */
    public static TicketEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(Objects.requireNonNull(body, "body"), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("webhook body is not a JSON object");
        }
        String type = text(root.get("type")).orElse("");
        if (!type.startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("webhook is not a ticket event: type '" + type + "'");
        }
        JsonNode detail = root.path("detail");
        String ticket = text(detail.get("id"))
                .or(() -> text(root.get("subject"))
                        .filter(s -> s.startsWith(SUBJECT_PREFIX))
                        .map(s -> s.substring(SUBJECT_PREFIX.length())))
                .filter(TicketEvent::isNumber)
                .orElseThrow(() -> new IllegalArgumentException("ticket event names no ticket"));
        Instant time = text(root.get("time"))
                .flatMap(TicketEvent::instant)
                .orElseThrow(() -> new IllegalArgumentException("ticket event has no valid time"));
        Set<String> tags = new LinkedHashSet<>();
        detail.path("tags").forEach(t -> tags.add(t.asText().toLowerCase(Locale.ROOT)));
        JsonNode event = root.path("event");
        return new TicketEvent(
                text(root.get("id")).orElse(""),
                type,
                TicketId.of(ticket),
                time,
                text(detail.get("actor_id")).filter(TicketEvent::isNumber).map(AgentId::of),
                text(detail.get("assignee_id")).filter(TicketEvent::isNumber).map(AgentId::of),
                text(detail.get("group_id")).filter(TicketEvent::isNumber).map(GroupId::of),
                text(detail.get("status")).flatMap(TicketEvent::status),
                tags,
                text(detail.get("updated_at")).flatMap(TicketEvent::instant),
                value(event.get("previous")),
                value(event.get("current")),
                tags.contains("handover_task"));
    }

    private static Optional<TicketStatus> status(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "new" -> Optional.of(TicketStatus.NEW);
            case "open" -> Optional.of(TicketStatus.OPEN);
            case "pending" -> Optional.of(TicketStatus.PENDING);
            case "hold", "on_hold" -> Optional.of(TicketStatus.ON_HOLD);
            case "solved" -> Optional.of(TicketStatus.SOLVED);
            case "closed" -> Optional.of(TicketStatus.CLOSED);
            default -> Optional.empty();
        };
    }

    private static Optional<String> text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return Optional.empty();
        }
        String s = n.asText().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<String> value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(n.isContainerNode() ? n.toString() : n.asText());
    }

    private static Optional<Instant> instant(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 19 && s.chars().allMatch(Character::isDigit);
    }

    /** Ids, kind and state only. */
    @Override
    public String toString() {
        return "TicketEvent[" + kind() + ", ticket=" + ticket + ", id=" + id + ", time=" + time + ", status="
                + status.map(Enum::name).orElse("-") + ", assignee="
                + assignee.map(AgentId::value).orElse("-")
                + ", group=" + group.map(GroupId::value).orElse("-") + (handoverTask ? ", handover task" : "") + "]";
    }
}
