package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.NoteFormat;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a connector can do, so the engine plans around it instead of discovering it by failure. The compatibility kit
 * checks that what is declared holds.
 *
 * @param maxReadBatchSize the most tickets one underlying read call returns ({@link CrmConnector#tickets}) — larger
 *     requests are split by the connector
 * @param maxWriteBatchSize the most updates one underlying batch write carries ({@link CrmConnector#applyAll}) — larger
 *     batches are split by the connector
 * @param atomicUpdate true when one {@link TicketUpdate}'s notes, assignment and tags land all together or not at all
 * @param tasksInSameWrite true when an update's tasks are created in the same atomic write as its note; false when
 *     they follow in a second call (the engine then reconciles handovers whose tasks are missing)
 * @param nativeReminders true when the CRM itself reminds a task's owner at {@code remindAt}
 * @param agentPresence true when {@code Agent#presence()} reflects the CRM's live status
 * @param noteFormats the note formats stored faithfully; never empty, always includes plain text
 * @param preferredNoteFormat the format the CRM displays best
 * @param maxNoteBytes the longest note body (UTF-8 bytes) stored as a single comment
 */
public record CrmCapabilities(
        int maxReadBatchSize,
        int maxWriteBatchSize,
        boolean atomicUpdate,
        boolean tasksInSameWrite,
        boolean nativeReminders,
        boolean agentPresence,
        Set<NoteFormat> noteFormats,
        NoteFormat preferredNoteFormat,
        int maxNoteBytes) {

    /** The smallest note limit a connector may declare: a handover note must fit its essentials. */
    public static final int MIN_NOTE_BYTES = 1000;

    /** Validates the declaration. */
    public CrmCapabilities {
        Checks.positive(maxReadBatchSize, "max read batch size");
        Checks.positive(maxWriteBatchSize, "max write batch size");
        noteFormats = Set.copyOf(Checks.set(noteFormats, "note formats"));
        if (!noteFormats.contains(NoteFormat.PLAIN_TEXT)) {
            throw new IllegalArgumentException("note formats must include PLAIN_TEXT, were " + noteFormats);
        }
        Checks.notNull(preferredNoteFormat, "preferred note format");
        if (!noteFormats.contains(preferredNoteFormat)) {
            throw new IllegalArgumentException(
                    "preferred note format " + preferredNoteFormat + " is not among " + noteFormats);
        }
        if (maxNoteBytes < MIN_NOTE_BYTES) {
            throw new IllegalArgumentException(
                    "max note bytes must be at least " + MIN_NOTE_BYTES + ", was " + maxNoteBytes);
        }
    }

    /** A builder with conservative defaults: batches of 1, nothing atomic, plain text, 4,000-byte notes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CrmCapabilities}. */
    public static final class Builder {
        private int maxReadBatchSize = 1;
        private int maxWriteBatchSize = 1;
        private boolean atomicUpdate;
        private boolean tasksInSameWrite;
        private boolean nativeReminders;
        private boolean agentPresence;
        private final EnumSet<NoteFormat> noteFormats = EnumSet.of(NoteFormat.PLAIN_TEXT);
        private NoteFormat preferredNoteFormat = NoteFormat.PLAIN_TEXT;
        private int maxNoteBytes = 4000;

        private Builder() {}

        /** Tickets per read call. */
        public Builder maxReadBatchSize(int size) {
            this.maxReadBatchSize = Checks.positive(size, "max read batch size");
            return this;
        }

        /** Updates per batch call. */
        public Builder maxWriteBatchSize(int size) {
            this.maxWriteBatchSize = Checks.positive(size, "max write batch size");
            return this;
        }

        /** One update lands whole or not at all. */
        public Builder atomicUpdate(boolean atomic) {
            this.atomicUpdate = atomic;
            return this;
        }

        /** Tasks are created in the same atomic write as the note. */
        public Builder tasksInSameWrite(boolean same) {
            this.tasksInSameWrite = same;
            return this;
        }

        /** The CRM reminds task owners itself. */
        public Builder nativeReminders(boolean nativeReminders) {
            this.nativeReminders = nativeReminders;
            return this;
        }

        /** Agent presence is live. */
        public Builder agentPresence(boolean presence) {
            this.agentPresence = presence;
            return this;
        }

        /** Adds a faithfully stored note format. */
        public Builder noteFormat(NoteFormat format) {
            noteFormats.add(Checks.notNull(format, "note format"));
            return this;
        }

        /** The best-displayed note format (added to the stored formats). */
        public Builder preferredNoteFormat(NoteFormat format) {
            noteFormat(format);
            this.preferredNoteFormat = format;
            return this;
        }

        /** Longest single note in UTF-8 bytes. */
        public Builder maxNoteBytes(int bytes) {
            this.maxNoteBytes = bytes;
            return this;
        }

        /** The capabilities. */
        public CrmCapabilities build() {
            return new CrmCapabilities(
                    maxReadBatchSize,
                    maxWriteBatchSize,
                    atomicUpdate,
                    tasksInSameWrite,
                    nativeReminders,
                    agentPresence,
                    noteFormats,
                    preferredNoteFormat,
                    maxNoteBytes);
        }
    }
}
