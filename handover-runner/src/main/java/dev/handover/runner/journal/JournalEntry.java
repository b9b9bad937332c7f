package dev.handover.runner.journal;

import dev.handover.core.event.HandoverEvent;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the journal: an event and the names the worker knew when it was written (agent and group names, the
 * receiving team), so a report read months later still shows people and teams by name.
 *
 * @param event the event
 * @param labels names by key: {@code from}, {@code to}, {@code group}, {@code team}; may be empty
 */
public record JournalEntry(HandoverEvent event, Map<String, String> labels) {
    /** Validates and copies. */
    public JournalEntry {
        Objects.requireNonNull(event, "event");
        labels = Map.copyOf(labels);
    }

    /** An entry without names. */
    public static JournalEntry of(HandoverEvent event) {
        return new JournalEntry(event, Map.of());
    }

    /** A label, or the fallback when the worker did not know it. */
    public String label(String key, String fallback) {
        return labels.getOrDefault(key, fallback);
    }
}
