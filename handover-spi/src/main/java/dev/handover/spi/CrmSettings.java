package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings a {@link CrmProvider} builds a connector from: plain values and {@link Secret}s by key. Keys are
 * dotted lower-case words ({@code subdomain}, {@code auth.client-secret}, {@code fields.360001234}).
 *
 * <p>Errors are {@link CrmSettingsException}s naming the provider and the key; {@link #toString()} lists secret keys
 * without their values. Adapters read their settings through {@link dev.handover.spi.helpers.SettingsReader}, which
 * adds known keys, ranges, choices and did-you-mean on top.
 */
public final class CrmSettings {
    private final String provider;
    private final Map<String, String> values;
    private final Map<String, Secret> secrets;

    private CrmSettings(String provider, Map<String, String> values, Map<String, Secret> secrets) {
        this.provider = provider;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    }

    /** A builder of settings for the named provider ({@code zendesk}, {@code salesforce}, {@code memory}). */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** No settings, for the named provider. */
    public static CrmSettings empty(String provider) {
        return builder(provider).build();
    }

    /** The provider these settings are for. */
    public String provider() {
        return provider;
    }

    /** Every key, plain and secret, sorted. */
    public Set<String> keys() {
        TreeSet<String> keys = new TreeSet<>(values.keySet());
        keys.addAll(secrets.keySet());
        return Collections.unmodifiableSet(keys);
    }

    /** Plain values by key (no secrets). */
    public Map<String, String> values() {
        return values;
    }

    /** A plain value. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A plain value, or this default. */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** A plain value that must be present. */
    public String require(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new CrmSettingsException(
                    provider,
                    key,
                    "a value",
                    Optional.empty(),
                    provider + " setting '" + key + "' is required but missing"
                            + (secrets.containsKey(key) ? " (it was given as a secret; give it as a plain value)" : ""),
                    null);
        }
        return v;
    }

    /** A secret. */
    public Optional<Secret> secret(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    /** A secret that must be present. */
    public Secret requireSecret(String key) {
        Secret s = secrets.get(key);
        if (s == null) {
            throw new CrmSettingsException(
                    provider,
                    key,
                    "a secret",
                    Optional.empty(),
                    provider + " secret '" + key + "' is required but missing"
                            + (values.containsKey(key) ? " (it was given as a plain value; give it as a secret)" : ""),
                    null);
        }
        return s;
    }

    /** An integer value, or this default; a malformed value is an error naming the key. */
    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new CrmSettingsException(provider, key, "a whole number", Optional.of(v));
        }
    }

    /** A boolean value ({@code true}/{@code false}), or this default. */
    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CrmSettingsException(provider, key, "true or false", Optional.of(v));
        };
    }

    /** A duration in ISO-8601 ({@code PT30S}) or simple form ({@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms}). */
    public Duration getDuration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parseDuration(v.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CrmSettingsException(
                    provider, key, "a duration like 30s, 5m, 2h, 250ms or PT30S", Optional.of(v));
        }
    }

    static Duration parseDuration(String v) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("p")) {
            return Duration.parse(v);
        }
        if (lower.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
        }
        long n = Long.parseLong(lower.substring(0, lower.length() - 1));
        return switch (lower.charAt(lower.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new NumberFormatException(v);
        };
    }

    /** The provider and every key; secrets show as {@code ****}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CrmSettings[").append(provider);
        for (String key : keys()) {
            sb.append(", ").append(key).append('=');
            sb.append(secrets.containsKey(key) ? "****" : values.get(key));
        }
        return sb.append(']').toString();
    }

    /** Builds {@link CrmSettings}; a key may be set once, as a value or as a secret. */
    public static final class Builder {
        private final String provider;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, Secret> secrets = new LinkedHashMap<>();

        private Builder(String provider) {
            this.provider = Checks.nonBlank(provider, "provider");
        }

        /** A plain value. */
        public Builder put(String key, String value) {
            checkNew(key);
            values.put(key, Checks.notNull(value, provider + " setting '" + key + "'"));
            return this;
        }

        /** All plain values of a map. */
        public Builder putAll(Map<String, String> entries) {
            entries.forEach(this::put);
            return this;
        }

        /** A secret. */
        public Builder secret(String key, Secret secret) {
            checkNew(key);
            secrets.put(key, Checks.notNull(secret, provider + " secret '" + key + "'"));
            return this;
        }

        private void checkNew(String key) {
            Checks.nonBlank(key, "setting key");
            if (values.containsKey(key) || secrets.containsKey(key)) {
                throw new IllegalStateException(provider + " setting '" + key + "' is set twice");
            }
        }

        /** The settings. */
        public CrmSettings build() {
            return new CrmSettings(provider, values, secrets);
        }
    }
}
