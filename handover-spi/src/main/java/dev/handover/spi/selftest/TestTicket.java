package dev.handover.spi.selftest;

import java.util.Objects;
import java.util.Set;

/**
 * A test ticket to create: the connector labels it (the subject starts with {@link #LABEL}, it carries the tag {@link
 * #TAG}), makes the test requester its requester and the test sender its assignee.
 *
 * @param subject what follows the label in the subject
 * @param description the first message, from the test requester
 * @param tags tags besides {@link #TAG}
 */
public record TestTicket(String subject, String description, Set<String> tags) {
    /** The start of every test ticket's subject. */
    public static final String LABEL = "[handover selftest] ";

    /** The tag every test ticket carries. */
    public static final String TAG = "handover_selftest";

    /** Validates the components. */
    public TestTicket {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        tags = Set.copyOf(tags);
    }

    /** The subject as written: the label, then the subject. */
    public String labelledSubject() {
        return LABEL + subject;
    }
}
