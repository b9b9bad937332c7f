package dev.handover.runner.procedure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The small grammar the procedure's sentences need: counts, articles, lists, durations, capitals. */
final class English {
    // words that start with a vowel letter but a consonant sound, and the reverse ("an hour")
    private static final Set<String> CONSONANT_SOUND = Set.of("one", "once", "uni", "use", "usu", "eu");
    private static final Set<String> SILENT_H = Set.of("hour", "honest", "honour", "honor", "heir");

    private English() {}

    /** "1 reminder", "2 reminders". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "a lead", "an agent", "an hour", "a user". */
    static String withArticle(String noun) {
        return article(noun) + " " + noun;
    }

    /** "a" or "an" for the word's first sound, by its spelling. */
    static String article(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        if (w.isEmpty()) {
            return "a";
        }
        for (String h : SILENT_H) {
            if (w.startsWith(h)) {
                return "an";
            }
        }
        for (String c : CONSONANT_SOUND) {
            if (w.startsWith(c)) {
                return "a";
            }
        }
        return "aeiou".indexOf(w.charAt(0)) >= 0 ? "an" : "a";
    }

    /** "a", "a and b", "a, b and c" (or "or"). */
    static String list(List<String> items, String conjunction) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an empty list has no words");
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " "
                + items.get(items.size() - 1);
    }

    /** "1 day 2 hours", "1 hour 30 minutes", "45 minutes", "30 seconds". */
    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return count(d.toSeconds(), "second", "seconds");
        }
        List<String> parts = new ArrayList<>();
        long days = minutes / (60 * 24);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        if (days > 0) {
            parts.add(count(days, "day", "days"));
        }
        if (hours > 0) {
            parts.add(count(hours, "hour", "hours"));
        }
        if (mins > 0) {
            parts.add(count(mins, "minute", "minutes"));
        }
        return String.join(" ", parts);
    }

    /** "every hour", "every 2 hours", "every 1 hour 30 minutes". */
    static String every(Duration d) {
        String words = duration(d);
        return "every " + (words.startsWith("1 ") && words.indexOf(' ', 2) < 0 ? words.substring(2) : words);
    }

    /** The first letter in upper case, after any opening bracket or quote: "(The ticket …". */
    static String capitalise(String s) {
        int i = 0;
        while (i < s.length() && "(\"'“‘[".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        int first = s.codePointAt(i);
        return s.substring(0, i)
                + new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                + s.substring(i + Character.charCount(first));
    }

    /** Capitalised and ending in a full stop (unless it ends in one already). */
    static String sentence(String s) {
        String c = capitalise(s.strip());
        return c.endsWith(".") || c.endsWith("?") || c.endsWith("!") ? c : c + ".";
    }
}
