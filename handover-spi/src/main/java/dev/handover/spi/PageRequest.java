package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import java.util.Optional;

/**
 * Which page of a result to read: the first, or the one after a cursor a previous {@link Page} returned.
 *
 * @param cursor the opaque cursor from {@link Page#nextCursor()}, or empty for the first page
 * @param size how many items at most; 1–{@value #MAX_SIZE}. A connector may return fewer (a vendor's own page cap).
 */
public record PageRequest(Optional<String> cursor, int size) {
    /** The largest page size callers may ask for. */
    public static final int MAX_SIZE = 1000;

    /** The size used when the caller does not choose. */
    public static final int DEFAULT_SIZE = 100;

    /** Validates the request. */
    public PageRequest {
        Checks.optional(cursor, "cursor");
        cursor.ifPresent(c -> Checks.nonBlank(c, "cursor"));
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be 1–" + MAX_SIZE + ", was " + size);
        }
    }

    /** The first page of this size. */
    public static PageRequest first(int size) {
        return new PageRequest(Optional.empty(), size);
    }

    /** The first page of the default size. */
    public static PageRequest first() {
        return first(DEFAULT_SIZE);
    }

    /** The page after this cursor. */
    public static PageRequest after(String cursor, int size) {
        return new PageRequest(Optional.of(cursor), size);
    }

    /** True for the first page. */
    public boolean isFirst() {
        return cursor.isEmpty();
    }
}
