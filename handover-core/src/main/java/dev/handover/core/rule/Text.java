package dev.handover.core.rule;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text as keyword matching sees it: lower case, accents removed, words separated by single spaces, padded. */
final class Text {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Text() {}

    /** {@code "Très DÉÇU!!"} becomes {@code " tres decu "}. */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        String plain = ascii
                ? lower
                : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD))
                        .replaceAll("");
        return " " + NON_WORD.matcher(plain).replaceAll(" ").strip() + " ";
    }
}
