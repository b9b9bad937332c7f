package dev.handover.runner.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads a journal and its rotated files, oldest first. */
public final class JournalReader {
    private JournalReader() {}

    /**
     * What a journal holds.
     *
     * @param entries the events, oldest first
     * @param warnings lines skipped, each naming file and line: a torn last line after a crash, or a line that is not
     *     a journal entry
     */
    public record Contents(List<JournalEntry> entries, List<String> warnings) {
        /** Copies. */
        public Contents {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads every entry of the journal and its rotated files; a missing journal is empty. */
    public static Contents read(Path journal) {
        return read(journal, Instant.MIN);
    }

    /** Reads the entries at or after {@code since}. */
    public static Contents read(Path journal, Instant since) {
        Objects.requireNonNull(journal, "journal");
        List<JournalEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Path> files = new ArrayList<>(rotated(journal, 1000));
        java.util.Collections.reverse(files);
        files.add(journal);
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                readFile(f, since, entries, warnings);
            }
        }
        return new Contents(entries, warnings);
    }

    private static void readFile(Path f, Instant since, List<JournalEntry> entries, List<String> warnings) {
        // lenient decoding: a writer stopped inside a multi-byte character leaves half of it at the end, and that torn
        // line must be skipped like any other, not fail the whole read (and with it the worker's start)
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(f), utf8))) {
            boolean endsWithNewline = endsWithNewline(f);
            String line = in.readLine();
            int n = 0;
            while (line != null) {
                n++;
                String next = in.readLine();
                if (!line.isBlank()) {
                    try {
                        JournalEntry e = EventCodec.read(line);
                        if (!e.event().at().isBefore(since)) {
                            entries.add(e);
                        }
                    } catch (JsonProcessingException | IllegalArgumentException ex) {
                        if (next == null && !endsWithNewline) {
                            warnings.add(f + ":" + n + ": skipped a torn last line (" + line.length()
                                    + " characters): the writer stopped while writing it");
                        } else {
                            warnings.add(f + ":" + n + ": skipped a line that is not a journal entry: "
                                    + firstLine(ex.getMessage()));
                        }
                    }
                }
                line = next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the journal " + f + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return ch.size() == 0 || completeLength(ch) == ch.size();
        }
    }

    /** The length up to and including the last line break. */
    static long completeLength(FileChannel ch) throws IOException {
        long end = ch.size();
        ByteBuffer one = ByteBuffer.allocate(4096);
        long pos = end;
        while (pos > 0) {
            int len = (int) Math.min(one.capacity(), pos);
            pos -= len;
            one.clear().limit(len);
            ch.read(one, pos);
            for (int i = len - 1; i >= 0; i--) {
                if (one.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
        }
        return 0;
    }

    /** {@code journal.1} … {@code journal.n}. */
    static List<Path> rotated(Path journal, int n) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(journal.resolveSibling(journal.getFileName() + "." + i));
        }
        return out;
    }
}
