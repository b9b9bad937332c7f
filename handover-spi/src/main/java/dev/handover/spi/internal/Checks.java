package dev.handover.spi.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the SPI's records. Not exported by the module: it is not part of the API.
 *
 * <p>Every check names the field it checks, so a record built from bad vendor data says which field was wrong.
 */
public final class Checks {
    private static final int MAX_ID_LENGTH = 255;
    private static final Pattern TAG = Pattern.compile("[^\\s,]{1,80}");

    private Checks() {}

    /** Non-null. */
    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " must not be null");
        }
        return value;
    }

    /** An identifier: non-blank, at most 255 characters, no control characters, no surrounding blanks. */
    public static String id(String value, String field) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be at most " + MAX_ID_LENGTH + " characters, was " + value.length());
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(field + " must not start or end with whitespace: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (at index " + i + ")");
            }
        }
        return value;
    }

    /** Text that may be empty but not null; returned unchanged. */
    public static String text(String value, String field) {
        return notNull(value, field);
    }

    /** Non-blank text. */
    public static String nonBlank(String value, String field) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** A value that must match a pattern; the message shows the pattern in words. */
    public static String matches(String value, Pattern pattern, String field, String expected) {
        notNull(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + expected + ", was '" + value + "'");
        }
        return value;
    }

    /** A tag as helpdesks store them: lower-case, no whitespace or commas, 1–80 characters. */
    public static String tag(String value, String field) {
        notNull(value, field);
        String lower = value.toLowerCase(Locale.ROOT);
        if (!TAG.matcher(lower).matches()) {
            throw new IllegalArgumentException(
                    field + " must be 1–80 characters without whitespace or commas, was '" + value + "'");
        }
        return lower;
    }

    /** Tags normalized to lower case, order kept, duplicates dropped. */
    public static Set<String> tags(Collection<String> values, String field) {
        notNull(values, field);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        int i = 0;
        for (String v : values) {
            out.add(tag(v, field + "[" + i++ + "]"));
        }
        return Collections.unmodifiableSet(out);
    }

    /** Zero or more. */
    public static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /** One or more. */
    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    /** A duration that is zero or more. */
    public static Duration nonNegative(Duration value, String field) {
        notNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /** An immutable copy of a list, refusing null elements with the element's index. */
    public static <T> List<T> list(Collection<? extends T> values, String field) {
        notNull(values, field);
        int i = 0;
        for (T v : values) {
            notNull(v, field + "[" + i++ + "]");
        }
        return List.copyOf(values);
    }

    /** An immutable copy of a set keeping iteration order, refusing null elements. */
    public static <T> Set<T> set(Collection<? extends T> values, String field) {
        notNull(values, field);
        LinkedHashSet<T> out = new LinkedHashSet<>();
        int i = 0;
        for (T v : values) {
            out.add(notNull(v, field + "[" + i++ + "]"));
        }
        return Collections.unmodifiableSet(out);
    }

    /** An immutable copy of a map keeping iteration order, refusing null keys and values. */
    public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> values, String field) {
        notNull(values, field);
        LinkedHashMap<K, V> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            notNull(k, field + " key");
            notNull(v, field + "[" + k + "]");
            out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }

    /** An Optional that is itself non-null. */
    public static <T> Optional<T> optional(Optional<T> value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null (use Optional.empty())");
    }
}
