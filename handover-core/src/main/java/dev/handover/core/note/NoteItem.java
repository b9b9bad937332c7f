package dev.handover.core.note;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a note section. Entries the engine took from the ticket rather than from a person are marked derived,
 * and shown as such, so nobody mistakes a quote for a conclusion.
 *
 * @param text the entry
 * @param derived true when taken from the ticket (subject, description, comments, fields), not given by a person
 * @param at when it happened, if known
 */
public record NoteItem(String text, boolean derived, Optional<Instant> at) {
    /** Validates. */
    public NoteItem {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a note entry must not be blank");
        }
        Objects.requireNonNull(at, "at");
    }

    /** An entry a person gave. */
    public static NoteItem given(String text) {
        return new NoteItem(text, false, Optional.empty());
    }

    /** An entry taken from the ticket. */
    public static NoteItem derived(String text, Instant at) {
        return new NoteItem(text, true, Optional.ofNullable(at));
    }
}
