package dev.handover.core.followup;

import dev.handover.core.calendar.Availability;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.Texts;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/** How the follow-up's notes name people, items and times, and the values its message templates are filled with. */
final class Wording {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Wording() {}

    /** The values of {@link dev.handover.core.policy.FollowUpMessages}' placeholders, but the recipient and level. */
    static Map<String, String> values(
            HandoverRecord r,
            Item item,
            AgentId owner,
            String why,
            String impact,
            int count,
            Directory dir,
            ZoneId recipientZone) {
        Map<String, String> v = new HashMap<>();
        v.put("owner", name(owner, dir));
        v.put("sender", r.from().map(a -> firstName(name(a, dir))).orElse("your team lead"));
        v.put(
                "receiver",
                r.to().map(a -> name(a, dir))
                        .or(() -> r.group().map(GroupId::value))
                        .orElse("the team"));
        v.put("item", itemText(r, item));
        v.put("due", "at " + when(dueOf(r, item), recipientZone));
        v.put("handover", r.id().value());
        v.put("ticket", r.ticket().value());
        v.put("why", why);
        v.put("impact", impact);
        v.put("count", Integer.toString(count));
        return v;
    }

    /** The item in words: "acknowledge the handover", the action's text, "contact the customer". */
    static String itemText(HandoverRecord r, Item item) {
        return switch (item.kind()) {
            case ACKNOWLEDGEMENT -> "acknowledge the handover";
            case CONTACT -> "contact the customer";
            case PROMISE ->
                r.promises().stream()
                        .filter(p -> p.key().equals(item.key()))
                        .map(p -> "keep the promise to the customer: “" + p.text() + "”")
                        .findFirst()
                        .orElse(item.key());
            case ACTION ->
                r.actions().stream()
                        .filter(a -> a.key().equals(item.key()))
                        .map(HandoverRecord.Action::text)
                        .findFirst()
                        .orElse(item.key());
        };
    }

    /** When the item is due. */
    static Instant dueOf(HandoverRecord r, Item item) {
        return switch (item.kind()) {
            case ACKNOWLEDGEMENT -> r.acknowledgeBy().orElse(r.at());
            case CONTACT -> r.contactBy().orElse(r.at());
            case PROMISE ->
                r.promises().stream()
                        .filter(p -> p.key().equals(item.key()))
                        .flatMap(p -> p.due().stream())
                        .findFirst()
                        .orElse(r.at());
            case ACTION ->
                r.actions().stream()
                        .filter(a -> a.key().equals(item.key()))
                        .map(HandoverRecord.Action::due)
                        .findFirst()
                        .orElse(r.at());
        };
    }

    static String name(AgentId id, Directory dir) {
        return dir.agent(id).map(Agent::name).filter(n -> !n.isBlank()).orElse(id.value());
    }

    static String firstName(String full) {
        int space = full.indexOf(' ');
        return space < 0 ? full : full.substring(0, space);
    }

    static String when(Instant t) {
        return Availability.describe(t, ZoneOffset.UTC);
    }

    /**
     * A time as its reader sees it: in their own zone, with the UTC time after it where the two differ — {@code Mon 9
     * Mar 09:00 America/New_York (13:00 UTC)}.
     */
    static String when(Instant t, ZoneId zone) {
        if (t.equals(Instant.MAX) || zone.getRules().getOffset(t).getTotalSeconds() == 0) {
            return Availability.describe(t, zone);
        }
        return Availability.describe(t, zone) + " (" + UTC_TIME.format(t.atOffset(ZoneOffset.UTC)) + " UTC)";
    }

    /** The zone a person reads times in: their own, else UTC. */
    static ZoneId zoneOf(AgentId id, Directory dir) {
        return dir.agent(id).map(Agent::timeZone).orElse(ZoneOffset.UTC);
    }

    static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String clip(String s, int max) {
        return Texts.clip(s, max);
    }

    /** A short digest of a write's material, for idempotency keys: the CRC-32 of its UTF-8 bytes in hex. */
    /** The sentence with its first letter in upper case. */
    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }
}
