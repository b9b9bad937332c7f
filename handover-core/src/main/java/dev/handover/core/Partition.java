package dev.handover.core;

import dev.handover.spi.model.TicketId;

/**
 * Worker {@code index} of {@code count}: sweeps split by a stable hash of the ticket id, so several workers share the
 * follow-up without coordinating (the CRM's version checks arbitrate any overlap).
 *
 * @param index this worker, 0-based
 * @param count how many workers
 */
public record Partition(int index, int count) {
    /** One worker does everything. */
    public static final Partition ALL = new Partition(0, 1);

    /** Validates. */
    public Partition {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("partition must be 0 ≤ index < count, was " + index + " of " + count);
        }
    }

    /** True when this worker owns the ticket. */
    public boolean owns(TicketId ticket) {
        return owns(ticket.value());
    }

    /** True when this worker owns the key (an agent id, for work done per agent such as shift changes). */
    public boolean owns(String key) {
        return Math.floorMod(hash(key), count) == index;
    }

    private static int hash(String s) {
        // FNV-1a: stable across JVMs and versions, unlike nothing in particular but unlike identity hashes
        int h = 0x811c9dc5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        return h;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
