package dev.handover.runner.demo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the demo's timeline, with what it shows in full (a note as written, a notice as sent).
 *
 * @param at when it happened (simulated time)
 * @param scenario the part of the day it belongs to
 * @param kind what happened: {@code handover}, {@code reminder}, {@code escalation}, …
 * @param ticket the ticket's id, or empty
 * @param handover the handover's id, or empty
 * @param from the sender's (or actor's) name, or empty
 * @param to the receiver's (or addressee's) name, or empty
 * @param text the headline
 * @param details lines under the headline: why, who was considered, what it means for the customer
 * @param blocks texts shown in full
 */
record Entry(
        Instant at,
        Scenario scenario,
        String kind,
        String ticket,
        String handover,
        String from,
        String to,
        String text,
        List<String> details,
        List<Block> blocks) {

    /** Validates and copies. */
    Entry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        details = List.copyOf(details);
        blocks = List.copyOf(blocks);
    }

    /**
     * A text shown in full.
     *
     * @param field its JSON field: {@code note}, {@code notice}, {@code message}
     * @param title what it is, for people ("internal note as written to ticket 1011")
     * @param body the text as written
     */
    record Block(String field, String title, String body) {}

    /** The block of this field, if any. */
    java.util.Optional<Block> block(String field) {
        return blocks.stream().filter(b -> b.field().equals(field)).findFirst();
    }
}
