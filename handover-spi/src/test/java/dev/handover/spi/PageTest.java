package dev.handover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class PageTest {
    @Test
    void streamReadsPagesLazilyAndInOrder() {
        List<Integer> all = IntStream.range(0, 23).boxed().toList();
        List<PageRequest> requested = new ArrayList<>();
        var stream = Page.stream(10, request -> {
            requested.add(request);
            int from = request.cursor().map(Integer::parseInt).orElse(0);
            int to = Math.min(all.size(), from + request.size());
            List<Integer> items = all.subList(from, to);
            return to < all.size() ? Page.of(items, Integer.toString(to)) : Page.last(items);
        });
        assertThat(stream.limit(5).toList()).containsExactly(0, 1, 2, 3, 4);
        assertThat(requested).hasSize(1);
    }

    @Test
    void streamSkipsEmptyPagesThatStillHaveANext() {
        var pages = List.of(Page.of(List.<Integer>of(), "a"), Page.of(List.of(1), "b"), Page.last(List.of(2)));
        int[] i = {0};
        assertThat(Page.stream(5, r -> pages.get(i[0]++)).toList()).containsExactly(1, 2);
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> PageRequest.first(0)).hasMessage("page size must be 1–1000, was 0");
        assertThatThrownBy(() -> PageRequest.first(1001)).hasMessageContaining("1001");
        assertThatThrownBy(() -> PageRequest.after(" ", 10)).hasMessageContaining("cursor must not be blank");
    }
}
