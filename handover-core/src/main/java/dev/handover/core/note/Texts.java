package dev.handover.core.note;

/**
 * Shortening text for notes, tasks and trailers without cutting a word or an id in half: a text longer than the limit
 * ends at the last space that fits, followed by "…". Counts code points, so no character is split either.
 */
public final class Texts {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final String TRAILING_PUNCTUATION = ",;:.-–—([";

    private Texts() {}

    /**
     * The text, whitespace collapsed, cut to at most {@code max} code points (the "…" included) at a word boundary.
     * A single word longer than the limit is cut where it must be; that is the only mid-word cut.
     *
     * @param text the text
     * @param max the most code points the result may have, at least 2
     */
    public static String clip(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("a clip limit must be at least 2, was " + max);
        }
        // notes clip many texts per handover: a precompiled pattern, and none at all for text already flat
        String stripped = text.strip();
        String flat = isFlat(stripped) ? stripped : WHITESPACE.matcher(stripped).replaceAll(" ");
        if (flat.codePointCount(0, flat.length()) <= max) {
            return flat;
        }
        String head = flat.substring(0, flat.offsetByCodePoints(0, max - 1));
        int space = head.lastIndexOf(' ');
        if (space > 0) {
            head = head.substring(0, space);
        }
        head = head.stripTrailing();
        int end = head.length();
        while (end > 0 && TRAILING_PUNCTUATION.indexOf(head.charAt(end - 1)) >= 0) {
            end--;
        }
        return head.substring(0, end) + "…";
    }

    private static boolean isFlat(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || (i + 1 < s.length() && s.charAt(i + 1) == ' '))) {
                return false;
            }
        }
        return true;
    }
}
