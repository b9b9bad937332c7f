package dev.handover.runner.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.files.OwnerOnly;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.HandoverId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the demo's events to a journal file in one go, line for line as the worker's {@link Journal} writes them (the
 * event's fields and {@code type}, then its {@code labels}; a replay of a handover already written is left out) and
 * owner-only like it. The worker syncs the file after every line so that a crash loses nothing; the demo has all its
 * events at hand, and a sync per line would make two weeks take minutes on a busy disk, so it syncs once.
 */
final class DemoJournal {
    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private DemoJournal() {}

    /** Writes these entries to the file, which is new or empty. */
    static void write(Path file, List<JournalEntry> entries) {
        StringBuilder text = new StringBuilder();
        Set<HandoverId> written = new HashSet<>();
        for (JournalEntry e : entries) {
            if (e.event() instanceof HandoverEvent.Executed x && !written.add(x.handover())) {
                continue; // as the worker's journal: a replay of a handover already journaled
            }
            text.append(line(e)).append('\n');
        }
        try (FileChannel channel = OwnerOnly.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("the journal " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** One line: the event, then its names sorted by key, as the worker's codec writes them. */
    private static String line(JournalEntry entry) {
        ObjectNode node = MAPPER.valueToTree(entry.event());
        if (!entry.labels().isEmpty()) {
            node.set("labels", MAPPER.valueToTree(new TreeMap<>(entry.labels())));
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + entry.event().type() + " event cannot be written as JSON", e);
        }
    }
}
