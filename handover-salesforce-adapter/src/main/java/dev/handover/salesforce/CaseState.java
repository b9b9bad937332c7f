package dev.handover.salesforce;

import dev.handover.spi.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a write needs to know about a Case as last read: its version (SystemModstamp and the adapter's revision
 * counter), owner, the adapter's group field, tags, the idempotency markers and the contact.
 *
 * <p>Salesforce keeps whole seconds in SystemModstamp, so two writes within one second could leave it unchanged; the
 * revision field, incremented by every write of this adapter, keeps versions distinct. The version text is {@code
 * <SystemModstamp>/<revision>} (or just the modstamp when the revision field is switched off).
 *
 * @param id the Case id (18 characters)
 * @param modstamp SystemModstamp
 * @param revision the revision field's value, 0 when empty
 * @param ownerId OwnerId: a User (005) or a Queue (00G)
 * @param groupField the adapter's group field, if set
 * @param tagValues the tags field's values as stored (spelling kept, so a rewrite changes only what it must)
 * @param markers the idempotency markers, oldest first
 * @param contactId the Case's contact, if any
 * @param withRevision whether the revision field is in use
 */
record CaseState(
        String id,
        Instant modstamp,
        long revision,
        String ownerId,
        Optional<String> groupField,
        List<String> tagValues,
        List<String> markers,
        Optional<String> contactId,
        boolean withRevision) {

    /** Text: tags are separated by whitespace (a comma, which no tag may contain, also separates). */
    private static final Pattern TEXT_TAG_SPLIT = Pattern.compile("[\\s,]+");
    /** Multi-select picklist: values are separated by ';'. */
    private static final Pattern PICKLIST_TAG_SPLIT = Pattern.compile(";");

    private static final Pattern MARKER_SPLIT = Pattern.compile("\\s+");

    CaseState {
        tagValues = List.copyOf(tagValues);
        markers = List.copyOf(markers);
    }

    /** The SPI version of this state. */
    Version version() {
        return Version.of(versionText(modstamp, revision, withRevision));
    }

    static String versionText(Instant modstamp, long revision, boolean withRevision) {
        return withRevision ? modstamp + "/" + revision : modstamp.toString();
    }

    /** The group the Case is in: its queue when a queue owns it, else the adapter's group field. */
    Optional<String> group() {
        return ownerId.startsWith(Ids.GROUP) ? Optional.of(ownerId) : groupField;
    }

    /** The tags: the stored values that can be tags, in lower case and stored order. */
    Set<String> tags() {
        Set<String> out = new LinkedHashSet<>();
        for (String v : tagValues) {
            if (!v.isEmpty() && v.length() <= 80 && v.chars().noneMatch(c -> Character.isWhitespace(c) || c == ',')) {
                out.add(v.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * The values of the tags field: separated by whitespace (text; a comma, which no tag may contain, also
     * separates) or by {@code ;} (multi-select picklist, whose values may hold spaces). People edit the field by hand,
     * so reading is lenient; values that cannot be tags are kept for writing back but not reported as tags.
     */
    static List<String> parseTagValues(String raw, boolean multiPicklist) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String t : (multiPicklist ? PICKLIST_TAG_SPLIT : TEXT_TAG_SPLIT).split(raw.strip())) {
            String v = t.strip();
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The values after adding and removing tags: existing values keep their spelling and order, removed ones go
     * (compared ignoring case), new ones are appended.
     */
    static List<String> withTags(List<String> values, Set<String> add, Set<String> remove) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String v : values) {
            String lower = v.toLowerCase(Locale.ROOT);
            if (!remove.contains(lower) && seen.add(lower)) {
                out.add(v);
            }
        }
        for (String tag : add) {
            if (seen.add(tag)) {
                out.add(tag);
            }
        }
        return out;
    }

    static String formatTags(List<String> values, boolean multiPicklist) {
        return String.join(multiPicklist ? ";" : " ", values);
    }

    /** Markers are stored one per line, oldest first. */
    static List<String> parseMarkers(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String m : MARKER_SPLIT.split(raw.strip())) {
            if (!m.isEmpty()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The markers after adding these, keeping the newest {@code keep}. */
    static List<String> withMarkers(List<String> markers, List<String> added, int keep) {
        List<String> all = new ArrayList<>(markers);
        all.removeAll(added);
        all.addAll(added);
        return all.size() <= keep ? all : all.subList(all.size() - keep, all.size());
    }

    static String formatMarkers(List<String> markers) {
        return String.join("\n", markers);
    }

    @Override
    public String toString() {
        return "CaseState[" + id + ", version " + version() + ", owner " + ownerId + ", " + tagValues.size() + " tags, "
                + markers.size() + " markers]";
    }
}
