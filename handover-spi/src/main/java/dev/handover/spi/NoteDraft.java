package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Visibility;

/**
 * A comment to add to a ticket: the handover note (internal) or the customer notice (public).
 *
 * <p>A body longer than {@link CrmCapabilities#maxNoteBytes()} (UTF-8) is either stored losslessly as consecutive
 * comments in the same write or refused with {@code CrmInvalidRequestException}; a connector never truncates it.
 *
 * @param body the text, marked up as {@code format} says
 * @param visibility internal note or public reply
 * @param format how the body is marked up; should be one the connector declares
 */
public record NoteDraft(String body, Visibility visibility, NoteFormat format) {

    /** Validates the note. */
    public NoteDraft {
        Checks.nonBlank(body, "note body");
        Checks.notNull(visibility, "note visibility");
        Checks.notNull(format, "note format");
    }

    /** An internal note in plain text. */
    public static NoteDraft internal(String body) {
        return new NoteDraft(body, Visibility.INTERNAL, NoteFormat.PLAIN_TEXT);
    }

    /** An internal note in the given format. */
    public static NoteDraft internal(String body, NoteFormat format) {
        return new NoteDraft(body, Visibility.INTERNAL, format);
    }

    /** A public reply the customer sees, in plain text. */
    public static NoteDraft customerReply(String body) {
        return new NoteDraft(body, Visibility.PUBLIC, NoteFormat.PLAIN_TEXT);
    }

    /** A public reply the customer sees, in the given format. */
    public static NoteDraft customerReply(String body, NoteFormat format) {
        return new NoteDraft(body, Visibility.PUBLIC, format);
    }

    /** The length limit check: the body's size in UTF-8 bytes. */
    public int utf8Length() {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return "NoteDraft[" + visibility + ", " + format + ", " + body.length() + " chars]";
    }
}
