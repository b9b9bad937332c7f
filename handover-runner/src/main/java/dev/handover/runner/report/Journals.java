package dev.handover.runner.report;

import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Several journals read as one: each with its rotated files, oldest first, then the next. Nothing is de-duplicated
 * here — the review counts an event found in two journals once (by handover id and event identity), so two workers
 * that both journaled a handover, a {@code replayed} copy, or an {@code ack} journaled on another machine count once.
 */
final class Journals {
    private Journals() {}

    /**
     * What the journals hold.
     *
     * @param entries every entry of every journal at or after the instant read from
     * @param warnings the lines skipped, each naming FILE:LINE
     */
    record Read(List<JournalEntry> entries, List<String> warnings) {
        Read {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }
    }

    static Read read(List<Path> journals, Instant since) {
        List<JournalEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // the same file named twice (a path and a link to it) is read twice; duplicates count once all the same
        for (Path j : journals) {
            JournalReader.Contents c = JournalReader.read(j, since);
            entries.addAll(c.entries());
            warnings.addAll(c.warnings());
        }
        return new Read(entries, warnings);
    }
}
