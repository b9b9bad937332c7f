package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;

/**
 * A team or queue. Membership is held by the agents ({@link Agent#groups()}); {@link Directory#members(GroupId)}
 * answers the other way round.
 *
 * @param id the CRM's id
 * @param name display name, unique in the directory
 * @param kind team or queue
 */
public record Group(GroupId id, String name, GroupKind kind) {

    /** Validates every component. */
    public Group {
        Checks.notNull(id, "group id");
        Checks.nonBlank(name, "group " + id + ": name");
        Checks.notNull(kind, "group " + id + ": kind");
    }

    /** A team. */
    public static Group team(GroupId id, String name) {
        return new Group(id, name, GroupKind.TEAM);
    }

    /** A queue. */
    public static Group queue(GroupId id, String name) {
        return new Group(id, name, GroupKind.QUEUE);
    }

    @Override
    public String toString() {
        return "Group[" + id + " " + name + " (" + kind + ")]";
    }
}
