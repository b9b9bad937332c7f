package dev.handover.runner.journal;

import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.files.OwnerOnly;
import dev.handover.spi.model.HandoverId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends handover events to a JSON-lines file: one event per line, written and fsync'd before {@link #append}
 * returns, so a crash loses at most the line being written. When the file would grow past its size limit it is
 * renamed {@code <name>.1} (older ones shift to {@code .2} … and the oldest beyond {@code keep} is deleted) and a new
 * file begins.
 *
 * <p>A handover is journaled once: when a worker restarts after writing to the CRM but before journaling, the engine
 * replays the write and reports it again; the journal records that replay as the handover's only entry, and a replay of
 * a handover already journaled is not written twice.
 *
 * <p>Safe for use by several threads; one journal file belongs to one process.
 */
public final class Journal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final Set<HandoverId> executed = new HashSet<>();
    private FileChannel channel;
    private long size;
    private long failedAppends;

    private Journal(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /**
     * Opens (or creates) a journal. A torn last line left by a crash is cut off, with a warning.
     *
     * @param file the journal file; its directory is created when missing
     * @param maxBytes the size at which the file is rotated
     * @param keep how many rotated files to keep
     * @throws UncheckedIOException when the file cannot be opened or written
     */
    public static Journal open(Path file, long maxBytes, int keep) {
        Objects.requireNonNull(file, "journal file");
        if (maxBytes < 256) {
            throw new IllegalArgumentException("journal size limit must be at least 256 bytes, was " + maxBytes);
        }
        if (keep < 0) {
            throw new IllegalArgumentException("journal files to keep must not be negative, was " + keep);
        }
        Journal j = new Journal(file.toAbsolutePath(), maxBytes, keep);
        JournalReader.Contents existing = JournalReader.read(file);
        existing.warnings().forEach(w -> LOG.warn("{}", w));
        for (JournalEntry e : existing.entries()) {
            if (e.event() instanceof HandoverEvent.Executed x) {
                j.executed.add(x.handover());
            }
        }
        try {
            // owner-only: the journal holds customer names, ticket ids and feedback
            j.channel = OwnerOnly.open(
                    j.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            for (Path old : JournalReader.rotated(j.file, keep)) {
                if (Files.exists(old)) {
                    OwnerOnly.tighten(old);
                }
            }
            j.size = JournalReader.completeLength(j.channel);
            if (j.size < j.channel.size()) {
                LOG.warn(
                        "journal {}: cut off a torn last line of {} bytes left by a crash",
                        j.file,
                        j.channel.size() - j.size);
                j.channel.truncate(j.size);
                j.channel.force(true);
            }
            j.channel.position(j.size);
        } catch (IOException e) {
            throw new UncheckedIOException("the journal " + j.file + " cannot be opened: " + e.getMessage(), e);
        }
        return j;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /**
     * How many appends have failed since the journal was opened: the engine logs a listener's failure and goes on, so
     * the worker compares this before and after a pass and, when it grew, leaves the pass marked as cut off for the
     * next one to recover from the CRM.
     */
    public synchronized long failedAppends() {
        return failedAppends;
    }

    /** True when the handover is journaled. */
    public synchronized boolean contains(HandoverId handover) {
        return executed.contains(handover);
    }

    /** Appends an event without names. */
    public void append(HandoverEvent event) {
        append(JournalEntry.of(event));
    }

    /** Appends an entry; returns when it is on disk. */
    public synchronized void append(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (channel == null) {
            throw new IllegalStateException("the journal " + file + " is closed");
        }
        if (entry.event() instanceof HandoverEvent.Executed x && executed.contains(x.handover())) {
            return; // a replay of a handover already journaled
        }
        byte[] line = (EventCodec.write(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
            size += line.length;
            if (entry.event() instanceof HandoverEvent.Executed x) {
                executed.add(x.handover()); // only once on disk: a failed line is recovered, not taken as journaled
            }
        } catch (IOException e) {
            failedAppends++;
            throw new UncheckedIOException("the journal " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** A listener that journals every event with the names the function gives for it. */
    public dev.handover.core.event.HandoverListener listener(Function<HandoverEvent, Map<String, String>> labels) {
        return event -> append(new JournalEntry(event, labels.apply(event)));
    }

    private void rotate() throws IOException {
        channel.close();
        List<Path> rotated = JournalReader.rotated(file, keep + 1);
        if (keep == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(rotated.get(keep - 1));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated.get(i - 1))) {
                    Files.move(rotated.get(i - 1), rotated.get(i), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(file, rotated.get(0), StandardCopyOption.ATOMIC_MOVE);
        }
        channel = OwnerOnly.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        size = 0;
        LOG.info("journal {} rotated", file);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("journal {} did not close cleanly: {}", file, e.getMessage());
            }
            channel = null;
        }
    }
}
