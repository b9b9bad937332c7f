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
 * @param tags the tags, in stored order
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
        Set<String> tags,
        List<String> markers,
        Optional<String> contactId,
        boolean withRevision) {

    private static final Pattern TAG_SPLIT = Pattern.compile("[\\s,;]+");
    private static final Pattern MARKER_SPLIT = Pattern.compile("\\s+");

    CaseState {
        tags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
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
        return ownerId.startsWith(SalesforceIds.GROUP) ? Optional.of(ownerId) : groupField;
    }

    /**
     * Tags as stored: separated by whitespace (text) or {@code ;} (multi-select picklist). Read leniently: people edit
     * the field by hand, so commas also separate, case is folded, and a token no tag could be is dropped.
     */
    static Set<String> parseTags(String raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        for (String t : TAG_SPLIT.split(raw.strip())) {
            if (!t.isEmpty() && t.length() <= 80) {
                out.add(t.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static String formatTags(Set<String> tags, boolean multiPicklist) {
        return String.join(multiPicklist ? ";" : " ", tags);
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
        return "CaseState[" + id + ", version " + version() + ", owner " + ownerId + ", " + tags.size() + " tags, "
                + markers.size() + " markers]";
    }
}
