package dev.handover.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.runner.files.OwnerOnly;
import dev.handover.runner.journal.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook deliveries accepted lately, kept in a file beside the worker's state ({@code <state>.deliveries}, one
 * JSON object per line, owner-only) so a delivery replayed after a restart is still known. A delivery is forgotten
 * after {@code window} (twice the verifier's maximum age: older signed timestamps are refused anyway); the file is
 * rewritten without the forgotten ones when it has grown well past what it holds. The worker's lock covers it.
 */
final class SeenDeliveries {
    static final int MAX = 100_000;
    private static final ObjectMapper JSON = EventCodec.mapper();

    private final Path file;
    private final Duration window;
    private final Clock clock;
    /** Oldest first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    private int lines;

    private SeenDeliveries(Path file, Duration window, Clock clock) {
        this.file = file;
        this.window = window;
        this.clock = clock;
    }

    /** The file beside the worker's state file. */
    static Path fileFor(Path stateFile) {
        return stateFile.resolveSibling(stateFile.getFileName() + ".deliveries");
    }

    /** Reads what the file remembers within the window; a line torn by a crash is skipped. */
    static SeenDeliveries open(Path file, Duration window, Clock clock) {
        SeenDeliveries s = new SeenDeliveries(file, window, clock);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                s.lines++;
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n != null && n.path("id").isTextual() && n.path("at").isTextual()) {
                        s.seen.remove(n.get("id").asText());
                        s.seen.put(
                                n.get("id").asText(), Instant.parse(n.get("at").asText()));
                    }
                } catch (IOException | RuntimeException e) {
                    // a torn last line: that delivery was not answered, so it may come again
                }
            }
            OwnerOnly.tighten(file);
        } catch (NoSuchFileException e) {
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the seen webhook deliveries " + file + " cannot be read: " + e.getMessage(), e);
        }
        s.prune(clock.instant());
        s.compact();
        return s;
    }

    /**
     * Records a delivery; false when it was seen within the window. On disk before this returns.
     *
     * @throws UncheckedIOException when it cannot be recorded (the delivery should then be refused, to come again)
     */
    synchronized boolean first(String deliveryId) {
        Instant now = clock.instant();
        prune(now);
        if (seen.containsKey(deliveryId)) {
            return false;
        }
        append(deliveryId, now);
        seen.put(deliveryId, now);
        if (seen.size() > MAX) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (lines > 1000 && lines > 2 * seen.size()) {
            compact();
        }
        return true;
    }

    private void prune(Instant now) {
        Instant limit = now.minus(window);
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().isBefore(limit)) {
            it.remove();
        }
    }

    private void append(String id, Instant at) {
        byte[] line = (line(id, at) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch =
                OwnerOnly.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the seen webhook deliveries " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    private void compact() {
        StringBuilder sb = new StringBuilder();
        seen.forEach((id, at) -> sb.append(line(id, at)).append('\n'));
        try {
            OwnerOnly.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            lines = seen.size();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the seen webhook deliveries " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static String line(String id, Instant at) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("at", at.toString());
        return n.toString();
    }
}
