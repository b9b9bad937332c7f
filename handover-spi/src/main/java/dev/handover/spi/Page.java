package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a result and the cursor of the next, if there is one.
 *
 * @param items the items of this page, possibly none
 * @param nextCursor the cursor of the next page, empty on the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /** Validates and copies the items. */
    public Page {
        items = Checks.list(items, "page items");
        Checks.optional(nextCursor, "next cursor");
        nextCursor.ifPresent(c -> Checks.nonBlank(c, "next cursor"));
    }

    /** The last page. */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    /** A page followed by more. */
    public static <T> Page<T> of(List<T> items, String nextCursor) {
        return new Page<>(items, Optional.of(nextCursor));
    }

    /** True when another page follows. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /** The request for the following page, when there is one. */
    public Optional<PageRequest> next(int size) {
        return nextCursor.map(c -> PageRequest.after(c, size));
    }

    /**
     * Every item of every page, reading pages lazily as the stream is consumed.
     *
     * @param pageSize the size of each page requested
     * @param fetch reads one page
     */
    public static <T> Stream<T> stream(int pageSize, Function<PageRequest, Page<T>> fetch) {
        Iterator<T> it = new Iterator<>() {
            private Page<T> page = fetch.apply(PageRequest.first(pageSize));
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= page.items.size()) {
                    Optional<PageRequest> next = page.next(pageSize);
                    if (next.isEmpty()) {
                        return false;
                    }
                    page = fetch.apply(next.get());
                    index = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items.get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }
}
