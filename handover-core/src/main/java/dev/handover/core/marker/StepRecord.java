package dev.handover.core.marker;

import dev.handover.spi.model.HandoverId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one follow-up note recorded on a ticket: which steps of a handover's follow-up it took or settled ({@code
 * ack:reminder-1}, {@code action-1:done}, {@code follow-up:completed}; the follow-up's keys spell them). The
 * follow-up reads these back to know what has been done, so the CRM holds its state and nothing is sent twice.
 * Written as the note's last line:
 *
 * <pre>[handover-step v1 id=ho-… steps=ack:reminder-1,action-1:done at=20260309T143000Z crc=…]</pre>
 *
 * @param handover the handover followed up
 * @param steps the step keys taken or settled
 * @param at when
 */
public record StepRecord(HandoverId handover, Set<String> steps, Instant at) {
    /** How every step marker starts. */
    public static final String PREFIX = "[handover-step v1 ";

    private static final Pattern STEP = Pattern.compile("[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*");

    /** Validates. */
    public StepRecord {
        Objects.requireNonNull(handover, "handover");
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (String s : Objects.requireNonNull(steps, "steps")) {
            if (!STEP.matcher(s).matches()) {
                throw new IllegalArgumentException("step key must be item:step in lower case, was '" + s + "'");
            }
            copy.add(s);
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a step record records at least one step");
        }
        steps = Collections.unmodifiableSet(copy);
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.SECONDS);
    }

    /** The marker line. */
    public String format() {
        String fields = "id=" + Markers.encode(handover.value()) + " steps=" + String.join(",", steps) + " at="
                + Markers.time(at);
        return PREFIX + fields + " crc=" + Markers.crc(fields) + "]";
    }

    /** The step record a comment ends with, when it is a valid one. */
    public static Optional<StepRecord> find(String commentBody) {
        Optional<String> marker = Markers.last(commentBody, PREFIX);
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        String inner = marker.get().substring(PREFIX.length(), marker.get().length() - 1);
        int crcAt = inner.lastIndexOf(" crc=");
        if (crcAt < 0 || !Markers.crc(inner.substring(0, crcAt)).equals(inner.substring(crcAt + 5))) {
            return Optional.empty();
        }
        try {
            String id = null;
            String steps = null;
            String at = null;
            for (String pair : inner.substring(0, crcAt).split(" ")) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    return Optional.empty();
                }
                switch (pair.substring(0, eq)) {
                    case "id" -> id = Markers.decode(pair.substring(eq + 1));
                    case "steps" -> steps = pair.substring(eq + 1);
                    case "at" -> at = pair.substring(eq + 1);
                    default -> {
                        // newer writers may add fields: ignore them
                    }
                }
            }
            if (id == null || steps == null || at == null) {
                return Optional.empty();
            }
            return Optional.of(new StepRecord(
                    HandoverId.of(id), new LinkedHashSet<>(Arrays.asList(steps.split(","))), Markers.instant(at)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
