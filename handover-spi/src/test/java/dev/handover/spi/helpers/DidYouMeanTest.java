package dev.handover.spi.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class DidYouMeanTest {
    private static final List<String> KEYS = List.of("subdomain", "base-url", "auth.scope", "auth.client-id");

    @Test
    void suggestsTheNearestKnownWordForATypo() {
        assertThat(DidYouMean.closest("subdomian", KEYS)).contains("subdomain");
        assertThat(DidYouMean.closest("auth.scopes", KEYS)).contains("auth.scope");
        assertThat(DidYouMean.closest("AUTH.SCOPE", KEYS)).as("ignoring case").contains("auth.scope");
        assertThat(DidYouMean.suffix("base-uri", KEYS)).isEqualTo(" (did you mean 'base-url'?)");
    }

    @Test
    void suggestsNothingForAWordFarFromEveryCandidate() {
        assertThat(DidYouMean.closest("tickets", KEYS)).isEmpty();
        assertThat(DidYouMean.suffix("tickets", KEYS)).isEmpty();
        assertThat(DidYouMean.closest("x", List.of())).isEmpty();
    }

    @Test
    void breaksTiesAlphabeticallySoMessagesAreStable() {
        assertThat(DidYouMean.closest("ab", List.of("bb", "ac", "aa"))).contains("aa");
    }

    @Test
    void measuresLevenshteinDistance() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
