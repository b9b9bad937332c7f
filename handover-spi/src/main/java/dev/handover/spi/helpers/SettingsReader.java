package dev.handover.spi.helpers;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a provider's {@link CrmSettings} with the checks every adapter needs: only known keys (with did-you-mean for
 * typos), typed values, ranges and choices, secrets kept apart from plain values. Every problem is a {@link
 * CrmSettingsException} carrying the key, what was expected and what was found, so the runner can point at the line of
 * {@code handover.yaml} that holds the key.
 *
 * <pre>{@code
 * SettingsReader s = SettingsReader.of(settings)
 *         .known("subdomain", "auth.client-id", "auth.client-secret", "timeouts.read")
 *         .knownPrefix("fields.", "fields.<ticket field id>")
 *         .checkKnown();
 * builder.subdomain(s.required("subdomain"));
 * builder.readTimeout(s.positiveDuration("timeouts.read", Duration.ofSeconds(30)));
 * s.apply("auth.client-id", () -> builder.clientId(s.required("auth.client-id")));
 * }</pre>
 *
 * <p>Values are stripped of surrounding white space. Not thread-safe: use one reader while one connector is built.
 */
public final class SettingsReader {
    private static final Map<String, Boolean> BOOLEANS = ordered("true", true, "false", false);
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile(
            "(\\d{1,19})\\s*(|b|kb|kib|mb|mib|gb|gib)", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "",
            1L,
            "b",
            1L,
            "kb",
            1000L,
            "kib",
            1L << 10,
            "mb",
            1_000_000L,
            "mib",
            1L << 20,
            "gb",
            1_000_000_000L,
            "gib",
            1L << 30);

    private final CrmSettings settings;
    private final String provider;
    private final Set<String> known = new TreeSet<>();
    private final Map<String, String> prefixes = new LinkedHashMap<>();

    private SettingsReader(CrmSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.provider = settings.provider();
    }

    /** A reader of these settings. */
    public static SettingsReader of(CrmSettings settings) {
        return new SettingsReader(settings);
    }

    /** The provider the settings are for. */
    public String provider() {
        return provider;
    }

    /** Declares keys this provider knows. */
    public SettingsReader known(String... keys) {
        return known(List.of(keys));
    }

    /** Declares keys this provider knows. */
    public SettingsReader known(Collection<String> keys) {
        known.addAll(keys);
        return this;
    }

    /**
     * Declares a family of keys by prefix ({@code fields.} for {@code fields.360001234}).
     *
     * @param prefix the prefix, ending with a dot
     * @param described how the family reads in a message: {@code fields.<field id>}
     */
    public SettingsReader knownPrefix(String prefix, String described) {
        prefixes.put(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(described, "described"));
        return this;
    }

    /**
     * Refuses the first unknown key (in alphabetical order), suggesting the nearest known one.
     *
     * @throws CrmSettingsException naming the unknown key
     */
    public SettingsReader checkKnown() {
        for (String key : settings.keys()) {
            if (known.contains(key) || prefixes.keySet().stream().anyMatch(key::startsWith)) {
                continue;
            }
            List<String> all = new java.util.ArrayList<>(known);
            all.addAll(prefixes.values());
            String message = provider + " setting '" + key + "' is unknown" + DidYouMean.suffix(key, known)
                    + "; known settings: " + String.join(", ", all);
            throw new CrmSettingsException(
                    provider,
                    key,
                    "one of the known settings: " + String.join(", ", all),
                    Optional.of(key),
                    message,
                    null);
        }
        return this;
    }

    /** True when the key is set, as a plain value or a secret. */
    public boolean has(String key) {
        return settings.keys().contains(key);
    }

    /** True when any key of this family is set ({@code retry.} for {@code retry.max-attempts} …). */
    public boolean hasAnyUnder(String prefix) {
        return !keysUnder(prefix).isEmpty();
    }

    /** The keys that start with this prefix, sorted. */
    public SortedSet<String> keysUnder(String prefix) {
        SortedSet<String> out = new TreeSet<>();
        for (String k : settings.keys()) {
            if (k.startsWith(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    /** A plain value, stripped. A value given as a secret is refused: it would be hidden in every message. */
    public Optional<String> string(String key) {
        if (settings.secret(key).isPresent()) {
            throw new CrmSettingsException(
                    provider,
                    key,
                    "a plain value",
                    Optional.empty(),
                    provider + " setting '" + key + "' was given as a secret; give it as a plain value",
                    null);
        }
        return settings.get(key).map(String::strip);
    }

    /** A plain value, stripped, or this default. */
    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /**
     * A plain value that must be present and not blank.
     *
     * @throws CrmSettingsException when it is missing or blank
     */
    public String required(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            throw new CrmSettingsException(
                    provider,
                    key,
                    "a value",
                    Optional.empty(),
                    provider + " setting '" + key + "' is required but missing",
                    null);
        }
        if (v.get().isEmpty()) {
            throw invalid(key, "a value that is not blank");
        }
        return v.get();
    }

    /** A whole number in {@code [min, max]}, or this default. */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String expected = "a whole number from " + min + " to " + max;
        int n;
        try {
            n = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new CrmSettingsException(provider, key, expected, v);
        }
        if (n < min || n > max) {
            throw new CrmSettingsException(provider, key, expected, v);
        }
        return n;
    }

    /** {@code true} or {@code false} (any case), or this default. */
    public boolean bool(String key, boolean defaultValue) {
        return choice(key, defaultValue, BOOLEANS);
    }

    /** A duration ({@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms}, {@code PT30S}), when set. */
    public Optional<Duration> duration(String key) {
        if (string(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(settings.getDuration(key, Duration.ZERO));
    }

    /** A duration of zero or more, or this default. */
    public Duration duration(String key, Duration defaultValue) {
        Duration d = duration(key).orElse(defaultValue);
        if (d.isNegative()) {
            throw invalid(key, "a duration of zero or more");
        }
        return d;
    }

    /** A duration above zero, or this default. */
    public Duration positiveDuration(String key, Duration defaultValue) {
        Duration d = duration(key).orElse(defaultValue);
        if (d.isNegative() || d.isZero()) {
            throw invalid(key, "a positive duration like 30s, 5m or 2h");
        }
        return d;
    }

    /**
     * A size in bytes ({@code 32MiB}, {@code 500KB}, {@code 1GiB}, or a number of bytes), when set: units as in
     * {@code handover.yaml}, {@code KB}/{@code MB}/{@code GB} decimal, {@code KiB}/{@code MiB}/{@code GiB} binary, any
     * case.
     */
    public Optional<Long> size(String key) {
        return parse(key, "a size like 32MiB, 500KB or a number of bytes", v -> {
            java.util.regex.Matcher m = SIZE.matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a size");
            }
            long factor = SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        });
    }

    /** A fraction above 0 and at most 1 ({@code 0.8}), or this default. */
    public double fraction(String key, double defaultValue) {
        return parse(key, "a fraction above 0 and at most 1, like 0.8", v -> {
                    double d = Double.parseDouble(v);
                    if (!(d > 0 && d <= 1)) {
                        throw new IllegalArgumentException("out of range");
                    }
                    return d;
                })
                .orElse(defaultValue);
    }

    /**
     * One of a set of words (matched ignoring case), or this default.
     *
     * @param choices the words and what each means, in the order a message lists them (see {@link #ordered})
     */
    public <T> T choice(String key, T defaultValue, Map<String, T> choices) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String given = v.get().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, T> c : choices.entrySet()) {
            if (c.getKey().toLowerCase(Locale.ROOT).equals(given)) {
                return c.getValue();
            }
        }
        List<String> words = List.copyOf(choices.keySet());
        String expected =
                words.size() == 2 ? words.get(0) + " or " + words.get(1) : "one of " + String.join(", ", words);
        throw new CrmSettingsException(
                provider,
                key,
                expected,
                v,
                provider + " setting '" + key + "' must be " + expected + ", was '" + v.get() + "'"
                        + DidYouMean.suffix(v.get(), choices.keySet()),
                null);
    }

    /**
     * A value read by a parser of the caller's; whatever the parser throws becomes a {@link CrmSettingsException}.
     *
     * @param expected what a valid value is, in words
     */
    public <T> Optional<T> parse(String key, String expected, Function<String, T> parser) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(v.get()));
        } catch (CrmSettingsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CrmSettingsException(provider, key, expected, v);
        }
    }

    /** A secret, when set. A secret given as a plain value is refused, so it is never echoed as one. */
    public Optional<Secret> secret(String key) {
        if (settings.get(key).isPresent()) {
            throw new CrmSettingsException(
                    provider,
                    key,
                    "a secret",
                    Optional.empty(),
                    provider + " setting '" + key
                            + "' was given as a plain value; give it as a secret so it never shows in logs",
                    null);
        }
        return settings.secret(key);
    }

    /** A secret that must be set. */
    public Secret requiredSecret(String key) {
        return secret(key)
                .orElseThrow(() -> new CrmSettingsException(
                        provider,
                        key,
                        "a secret",
                        Optional.empty(),
                        provider + " secret '" + key + "' is required but missing",
                        null));
    }

    /**
     * Runs a builder call for a key: what the builder refuses ({@link IllegalArgumentException}, {@link
     * IllegalStateException}) becomes a {@link CrmSettingsException} naming the key, with the builder's reason.
     */
    public void apply(String key, Runnable call) {
        try {
            call.run();
        } catch (CrmSettingsException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CrmSettingsException(
                    provider,
                    key,
                    "a value the connector accepts",
                    foundOf(key),
                    provider + " setting '" + key + "': " + e.getMessage(),
                    e);
        }
    }

    /** A problem with this key's value, found by the caller's own check: the standard message. */
    public CrmSettingsException invalid(String key, String expected) {
        return new CrmSettingsException(provider, key, expected, foundOf(key));
    }

    /** A problem with this key, in the caller's words (the message should name the key). */
    public CrmSettingsException invalid(String key, String expected, String message) {
        return new CrmSettingsException(provider, key, expected, foundOf(key), message, null);
    }

    private Optional<String> foundOf(String key) {
        // a secret's value is never shown
        return settings.get(key);
    }

    /** An ordered map of choices, for {@link #choice}: {@code ordered("oauth", OAUTH, "api-token", TOKEN)}. */
    @SuppressWarnings("unchecked")
    public static <T> Map<String, T> ordered(Object... wordsAndValues) {
        if (wordsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("choices come in pairs of word and value");
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndValues.length; i += 2) {
            out.put((String) wordsAndValues[i], (T) wordsAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "SettingsReader[" + settings + "]";
    }
}
