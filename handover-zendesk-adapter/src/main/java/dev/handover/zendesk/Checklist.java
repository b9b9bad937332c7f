package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one task ticket of a handover (the default, {@code tasks.tickets: per-handover}): its acknowledgement, actions,
 * follow-up and escalations are items of one {@code type: "task"} ticket instead of a ticket each, because every task
 * ticket is a real ticket — it fills views, counts in reports and SLAs, may trigger satisfaction surveys, and Zendesk
 * closes it 28 days after it is solved.
 *
 * <p>Each item's state is one tag, {@code handover_item_<key>_<kind><status>_<owner>_<due>_<created>_<done>} (times as
 * base-36 epoch seconds, {@code 0} while open), so reading the ticket reads every item — no comments to fetch — and a
 * change is one {@code safe_update} write of the ticket's tags. The ticket is assigned to the owner of the open item due
 * first and its {@code due_at} is that item's due time, so Zendesk's own views and "due date" sort show what is next. It
 * is solved (or, with {@code tasks.close-by: tag}, tagged {@code handover_done}) when no item is open.
 *
 * <p>People work it from Zendesk: solving the ticket by hand completes every open item; adding the tag {@code
 * handover_done_<key>} (a macro can) completes that item alone. Its task ids are {@code <ticket id>#<key>}.
 */
final class Checklist {
    /** Every checklist ticket carries this tag beside {@link TaskTags#TASK}. */
    static final String TAG = "handover_checklist";

    static final String ITEM_PREFIX = "handover_item_";
    /** An agent's (or a macro's) way to complete one item by hand. */
    static final String DONE_PREFIX = "handover_done_";

    private static final Pattern ITEM = Pattern.compile(
            ITEM_PREFIX
                    + "([a-z0-9][a-z0-9-]{0,31})_([axfe])([odc])_([0-9]{1,19})_([0-9a-z]{1,13})_([0-9a-z]{1,13})_([0-9a-z]{1,13})");
    private static final Pattern LINE = Pattern.compile("\\[[ x]\\] ([a-z0-9][a-z0-9-]{0,31}): (.+)");
    private static final Pattern EXTERNAL_ID = Pattern.compile("handover:([a-z0-9][a-z0-9-]{0,63})");

    private Checklist() {}

    /**
     * One item as its tag holds it.
     *
     * @param done when it was completed or cancelled; empty while open
     */
    record Item(
            String key,
            TaskKind kind,
            TaskStatus status,
            long owner,
            Instant due,
            Instant created,
            Optional<Instant> done) {

        String tag() {
            return ITEM_PREFIX + key + "_" + kindCode(kind) + statusCode(status) + "_" + owner + "_" + b36(due) + "_"
                    + b36(created) + "_" + done.map(Checklist::b36).orElse("0");
        }

        boolean isOpen() {
            return status == TaskStatus.OPEN;
        }

        static Item of(TaskDraft d, Instant now) {
            return new Item(
                    d.key(),
                    d.kind(),
                    TaskStatus.OPEN,
                    Long.parseLong(d.owner().value()),
                    d.due().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    Optional.empty());
        }

        /** This item with the change applied at {@code now}. */
        Item with(TaskChange c, Instant now) {
            TaskStatus s = c.status().orElse(status);
            Optional<Instant> d = s == TaskStatus.OPEN
                    ? Optional.empty()
                    : s == status ? done : Optional.of(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            return new Item(
                    key,
                    kind,
                    s,
                    c.owner().map(o -> Long.parseLong(o.value())).orElse(owner),
                    c.due()
                            .map(x -> x.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                            .orElse(due),
                    created,
                    d);
        }
    }

    // ------------------------------------------------------------------------------------------------ ids

    static String externalId(HandoverId handover) {
        return "handover:" + handover.value();
    }

    static boolean isChecklist(List<String> tags) {
        return tags.contains(TAG);
    }

    static TaskId taskId(long ticket, String key) {
        return TaskId.of(ticket + "#" + key);
    }

    /** The task ticket a task id names: the number itself, or the part before {@code #} of a checklist item. */
    static OptionalLong ticketOf(TaskId id) {
        String v = id.value();
        int hash = v.indexOf('#');
        return Ids.parse(hash < 0 ? v : v.substring(0, hash));
    }

    /** The item key of a checklist task id. */
    static Optional<String> keyOf(TaskId id) {
        String v = id.value();
        int hash = v.indexOf('#');
        return hash < 0 ? Optional.empty() : Optional.of(v.substring(hash + 1));
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** The items a checklist ticket's tags hold, in tag order; agents' {@code handover_done_<key>} tags not yet folded. */
    static Map<String, Item> items(List<String> tags) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (String tag : tags) {
            parse(tag).ifPresent(i -> out.put(i.key(), i));
        }
        return out;
    }

    static Optional<Item> parse(String tag) {
        Matcher m = ITEM.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            String done = m.group(7);
            return Optional.of(new Item(
                    m.group(1),
                    kind(m.group(2).charAt(0)),
                    status(m.group(3).charAt(0)),
                    Long.parseLong(m.group(4)),
                    instant(m.group(5)),
                    instant(m.group(6)),
                    done.equals("0") ? Optional.empty() : Optional.of(instant(done))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The items as they stand, with what people did by hand in Zendesk: a solved (or closed) ticket completes every open
     * item; a {@code handover_done_<key>} tag completes that item. Both count from the ticket's last update.
     */
    static Map<String, Item> effective(List<String> tags, String status, Instant updated) {
        Map<String, Item> items = items(tags);
        boolean solved = "solved".equals(status) || "closed".equals(status);
        items.replaceAll((k, i) -> i.isOpen() && (solved || tags.contains(DONE_PREFIX + k))
                ? new Item(k, i.kind(), TaskStatus.COMPLETED, i.owner(), i.due(), i.created(), Optional.of(updated))
                : i);
        return items;
    }

    /** The tasks a checklist ticket stands for; empty when it is damaged (source ticket or handover tag gone). */
    static List<Task> tasks(JsonNode t, List<String> tags) {
        OptionalLong source = TaskTags.ticketOf(tags);
        Matcher ext = EXTERNAL_ID.matcher(Json.text(t, "external_id"));
        if (source.isEmpty() || !ext.matches()) {
            return List.of();
        }
        long id = t.get("id").asLong();
        String updatedRaw = Json.text(t, "updated_at");
        Instant updated = TicketMapper.instant(updatedRaw);
        Map<String, String[]> listed = listed(Json.text(t, "description"));
        List<Task> out = new ArrayList<>();
        for (Item i : effective(tags, Json.text(t, "status"), updated).values()) {
            String[] text = listed.getOrDefault(i.key(), new String[] {label(i.kind()) + " (" + i.key() + ")", ""});
            out.add(new Task(
                    taskId(id, i.key()),
                    TicketId.of(Long.toString(source.getAsLong())),
                    HandoverId.of(ext.group(1)),
                    i.key(),
                    i.kind(),
                    AgentId.of(Long.toString(i.owner())),
                    text[0],
                    text[1],
                    i.due(),
                    Optional.empty(),
                    i.status(),
                    i.created(),
                    i.done(),
                    Version.of(updatedRaw)));
        }
        return out;
    }

    /** The subject and body of each item the description lists ({@link #lines}), by key. */
    private static Map<String, String[]> listed(String description) {
        Map<String, String[]> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder body = null;
        for (String line : (description + "\nend").split("\n", -1)) {
            Matcher m = LINE.matcher(line);
            boolean indented = line.startsWith("    ");
            if (key != null && indented) {
                if (!(body.length() == 0 && line.startsWith("    due "))) {
                    body.append(line.substring(4)).append('\n');
                }
                continue;
            }
            if (key != null) {
                out.get(key)[1] = body.toString().strip();
                key = null;
            }
            if (m.matches() && !out.containsKey(m.group(1))) {
                key = m.group(1);
                body = new StringBuilder();
                out.put(key, new String[] {m.group(2).strip(), ""});
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** The subject of a new checklist ticket. */
    static String subject(long ticket, List<TaskDraft> drafts) {
        if (drafts.size() == 1) {
            return drafts.get(0).subject();
        }
        return "Handover of ticket #" + ticket + ": " + drafts.size() + " items to do";
    }

    /** The lines a comment lists new items with; {@link #subjects} reads them back. */
    static String lines(List<TaskDraft> drafts) {
        StringBuilder b = new StringBuilder();
        for (TaskDraft d : drafts) {
            b.append("[ ] ")
                    .append(d.key())
                    .append(": ")
                    .append(d.subject().replaceAll("\\s+", " ").strip())
                    .append('\n');
            b.append("    due ").append(TaskWriter.iso(d.due())).append('\n');
            if (!d.body().isBlank()) {
                d.body().strip().lines().forEach(l -> b.append("    ").append(l).append('\n'));
            }
        }
        b.append("\nTo complete an item by hand, add the tag handover_done_<key> (for example handover_done_")
                .append(drafts.get(0).key())
                .append("); solving this ticket completes every open item.");
        return b.toString();
    }

    /**
     * The fields that bring a task ticket to these items: every item tag replaced, the kind tags of the kinds present,
     * hand-made {@code handover_done_<key>} tags folded in, the assignee and {@code due_at} of the open item due first,
     * and the status — solved (with the account's solve fields) or tagged when nothing is open, open again when
     * something is.
     */
    static ObjectNode fields(
            List<String> currentTags, String currentStatus, Map<String, Item> items, Config.TaskTickets settings) {
        ObjectNode t = Json.object();
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : currentTags) {
            if (!tag.startsWith(ITEM_PREFIX)
                    && !tag.startsWith(DONE_PREFIX)
                    && !tag.startsWith(TaskTags.KIND_PREFIX)
                    && !tag.equals(TaskTags.CANCELLED)
                    && !tag.equals(TaskTags.DONE)) {
                tags.add(tag);
            }
        }
        tags.add(TaskTags.TASK);
        tags.add(TAG);
        Set<TaskKind> kinds = EnumSet.noneOf(TaskKind.class);
        items.values().forEach(i -> kinds.add(i.kind()));
        kinds.forEach(k -> tags.add(TaskTags.kind(k)));
        items.values().forEach(i -> tags.add(i.tag()));
        Optional<Item> next = items.values().stream()
                .filter(Item::isOpen)
                .min(Comparator.comparing(Item::due).thenComparing(Item::key));
        boolean closedStatus = "solved".equals(currentStatus) || "closed".equals(currentStatus);
        if (next.isPresent()) {
            t.put("assignee_id", next.get().owner());
            t.put("due_at", TaskWriter.iso(next.get().due()));
            if (closedStatus || "pending".equals(currentStatus) || "hold".equals(currentStatus)) {
                t.put("status", "open");
            }
        } else {
            boolean anyDone = items.values().stream().anyMatch(i -> i.status() == TaskStatus.COMPLETED);
            tags.add(anyDone ? TaskTags.DONE : TaskTags.CANCELLED);
            if (!settings.byTag() && !closedStatus) {
                t.put("status", "solved");
                if (!settings.solveFields().isEmpty()) {
                    ArrayNode f = t.putArray("custom_fields");
                    settings.solveFields()
                            .forEach((id, v) -> f.addObject().put("id", id).put("value", v));
                }
            }
        }
        ArrayNode a = t.putArray("tags");
        tags.forEach(a::add);
        return t;
    }

    // ------------------------------------------------------------------------------------------------ codes

    static String b36(Instant i) {
        return Long.toString(i.getEpochSecond(), 36);
    }

    private static Instant instant(String b36) {
        return Instant.ofEpochSecond(Long.parseLong(b36, 36));
    }

    private static char kindCode(TaskKind k) {
        return switch (k) {
            case ACKNOWLEDGEMENT -> 'a';
            case ACTION -> 'x';
            case FOLLOW_UP -> 'f';
            case ESCALATION -> 'e';
        };
    }

    private static TaskKind kind(char c) {
        return switch (c) {
            case 'a' -> TaskKind.ACKNOWLEDGEMENT;
            case 'x' -> TaskKind.ACTION;
            case 'f' -> TaskKind.FOLLOW_UP;
            default -> TaskKind.ESCALATION;
        };
    }

    private static char statusCode(TaskStatus s) {
        return switch (s) {
            case OPEN -> 'o';
            case COMPLETED -> 'd';
            case CANCELLED -> 'c';
        };
    }

    private static TaskStatus status(char c) {
        return switch (c) {
            case 'o' -> TaskStatus.OPEN;
            case 'd' -> TaskStatus.COMPLETED;
            default -> TaskStatus.CANCELLED;
        };
    }

    private static String label(TaskKind k) {
        String n = k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
