package dev.handover.spi.helpers;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The known word nearest to a mistyped one, for messages such as {@code unknown setting 'subdomian' (did you mean
 * 'subdomain'?)}. Near enough means at most {@code max(2, length / 3)} edits (Levenshtein distance, ignoring case);
 * ties go to the first candidate in alphabetical order, so a message is the same on every run.
 *
 * <p>Written here rather than taken from a library because the SPI depends on the JDK only; it is the one copy the
 * adapters and the runner share.
 */
public final class DidYouMean {
    private DidYouMean() {}

    /** The nearest candidate, when it is near enough to be a likely typo of {@code word}. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(candidates, "candidates");
        String given = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : new TreeSet<>(candidates)) {
            int d = distance(given, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"}, or the empty string when no candidate is near. */
    public static String suffix(String word, Collection<String> candidates) {
        return closest(word, candidates)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
    }

    /** The Levenshtein distance: the fewest insertions, deletions and substitutions turning one into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
