package dev.handover.zendesk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short machine-readable trailers the adapter writes and strips again when reading.
 *
 * <ul>
 *   <li>The <b>write marker</b> {@code [handover write: <key>]} ends the internal note of every handover write. Zendesk
 *       keeps no idempotency key for ticket updates, so after a {@code 409} from {@code safe_update} (or a retry whose
 *       first answer was lost) the adapter looks for its marker among the ticket's latest comments to tell "it already
 *       landed" from "someone else changed the ticket". The key is the update's idempotency key, or a random one.
 *   <li>The same key goes into the update's <b>audit metadata</b> ({@link #AUDIT_KEY}), which does not depend on how
 *       Zendesk renders comment text; the replay check reads it first and the comment marker is the fall-back.
 *   <li>The <b>task trailer</b> {@code [handover task: ticket #<id>, handover <id>, key <key>]} ends a task ticket's
 *       description, so agents can follow the link to the source ticket ({@code #<id>} is linked by Zendesk).
 * </ul>
 */
final class Markers {
    /**
     * The key of the write marker in the update's audit metadata ({@code "metadata": {"handover_write": <key>}} on the
     * ticket write; Zendesk stores it in the audit's {@code metadata.custom}).
     */
    static final String AUDIT_KEY = "handover_write";

    private static final Pattern WRITE = Pattern.compile("\\[handover write: ([A-Za-z0-9._:-]{1,128})\\]\\s*\\z");
    private static final Pattern TASK = Pattern.compile("\\[handover task: [^\\]\\n]{1,200}\\]\\s*\\z");

    private Markers() {}

    /** The marker line for this key. */
    static String writeMarker(String key) {
        return "[handover write: " + key + "]";
    }

    /** A plain-text body with the marker appended on its own line. */
    static String withWriteMarker(String body, String key) {
        return body.stripTrailing() + "\n\n" + writeMarker(key);
    }

    /** An HTML body with the marker appended as its own paragraph. */
    static String withWriteMarkerHtml(String html, String key) {
        return html.stripTrailing() + "<p>" + writeMarker(key) + "</p>";
    }

    /** The key of the marker ending this body, if any. */
    static Optional<String> writeKey(String body) {
        Matcher m = WRITE.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The body without a trailing write marker or task trailer. */
    static String strip(String body) {
        String out = body;
        Matcher w = WRITE.matcher(out);
        if (w.find()) {
            out = out.substring(0, w.start()).stripTrailing();
        }
        Matcher t = TASK.matcher(out);
        if (t.find()) {
            out = out.substring(0, t.start()).stripTrailing();
        }
        return out;
    }

    /** The trailer of a task ticket's description. */
    static String taskTrailer(long ticketId, String handover, String key) {
        return "[handover task: ticket #" + ticketId + ", handover " + handover + ", key " + key + "]";
    }
}
