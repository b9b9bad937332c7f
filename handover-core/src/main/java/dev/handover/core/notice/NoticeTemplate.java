package dev.handover.core.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a customer notice in one language, with placeholders in braces — {@code {customer}} (as the language's
 * register addresses them: "Frau Müller" or "Olivia"), {@code {customer_first_name}}, {@code {customer_full_name}},
 * {@code {customer_surname}}, {@code {salutation}}, {@code {receiver}}, {@code {team}}, {@code {reason}}, {@code
 * {sender}}, {@code {ticket}}, {@code {next_contact}} — and
 * optional parts in double brackets, kept only when every placeholder inside has a value: {@code [[ You will hear from
 * us by {next_contact}.]]}. Checked when built: an unknown placeholder, unbalanced brackets, or a text that does not say
 * to whom ({@code {receiver}} or {@code {team}}) and why ({@code {reason}}) is refused: a customer is always told both.
 *
 * @param language the language it is written in
 * @param text the template
 */
public record NoticeTemplate(Locale language, String text) {
    /** The placeholders a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of(
            "customer",
            "customer_first_name",
            "customer_full_name",
            "customer_surname",
            "salutation",
            "receiver",
            "team",
            "reason",
            "sender",
            "ticket",
            "next_contact");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** Validates the template. */
    public NoticeTemplate {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        String where = "customer notice template (" + language.toLanguageTag() + ")";
        if (text.isBlank()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        int depth = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            if (text.startsWith("[[", i)) {
                depth++;
                i++;
                if (depth > 1) {
                    throw new IllegalArgumentException(
                            where + ": optional parts [[ ]] cannot be nested (at " + (i - 1) + ")");
                }
            } else if (text.startsWith("]]", i)) {
                depth--;
                i++;
                if (depth < 0) {
                    throw new IllegalArgumentException(where + ": ']]' without '[[' at " + (i - 1));
                }
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException(where + ": '[[' is never closed with ']]'");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        List<String> used = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown placeholder {" + name + "} at " + m.start()
                        + "; known: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
            }
            used.add(name);
        }
        if (!used.contains("receiver") && !used.contains("team")) {
            throw new IllegalArgumentException(where + " must say to whom the case goes: use {receiver} or {team}");
        }
        if (!used.contains("reason")) {
            throw new IllegalArgumentException(where + " must say why: use {reason}");
        }
    }

    /**
     * The notice with these values. Optional parts whose placeholders lack a value are left out; a required
     * placeholder without a value is an error.
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("[[", i);
            if (open < 0) {
                out.append(fill(text.substring(i), values, false));
                break;
            }
            out.append(fill(text.substring(i, open), values, false));
            int close = text.indexOf("]]", open);
            String optional = text.substring(open + 2, close);
            String filled = fill(optional, values, true);
            if (filled != null) {
                out.append(filled);
            }
            i = close + 2;
        }
        return out.toString().strip();
    }

    /** Fills placeholders; for an optional part, null when a value is missing. */
    private String fill(String part, Map<String, String> values, boolean optional) {
        Matcher m = PLACEHOLDER.matcher(part);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null || v.isBlank()) {
                if (optional) {
                    return null;
                }
                throw new IllegalArgumentException(
                        "customer notice (" + language.toLanguageTag() + ") needs a value for {" + m.group(1) + "}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
