package dev.handover.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A setting of a {@link CrmProvider} is unknown, missing or malformed. Carries the key, what was expected and what was
 * found, so a tool that read the settings from a file can point at the line of that key instead of parsing the
 * message. {@link #found()} is never a secret's value.
 *
 * <p>An {@link IllegalArgumentException}, as {@link CrmProvider#create} documents.
 */
public final class CrmSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The provider whose setting it is. */
    private final String provider;
    /** The key, as in {@link CrmSettings#keys()}. */
    private final String key;
    /** What a valid value is, in words. */
    private final String expected;
    /** The value found; null when none was given or it is a secret. */
    private final String found;

    /**
     * A problem with one setting, with the standard message {@code <provider> setting '<key>' must be <expected>, was
     * '<found>'}.
     *
     * @param provider the provider's name
     * @param key the setting's key
     * @param expected what a valid value is, in words ("a whole number", "oauth or api-token")
     * @param found the value found, empty when missing (never pass a secret's value)
     */
    public CrmSettingsException(String provider, String key, String expected, Optional<String> found) {
        this(provider, key, expected, found, standard(provider, key, expected, found), null);
    }

    /**
     * A problem with one setting, in the caller's words.
     *
     * @param message the whole message; it should name the provider and the key
     * @param cause what the value was refused by, or null
     */
    public CrmSettingsException(
            String provider, String key, String expected, Optional<String> found, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.key = Objects.requireNonNull(key, "key");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.found = Objects.requireNonNull(found, "found").orElse(null);
    }

    private static String standard(String provider, String key, String expected, Optional<String> found) {
        return provider + " setting '" + key + "' must be " + expected
                + Objects.requireNonNull(found, "found")
                        .map(f -> ", was '" + f + "'")
                        .orElse(" but is missing");
    }

    /** The provider whose setting it is. */
    public String provider() {
        return provider;
    }

    /** The setting's key, e.g. {@code auth.client-id}. */
    public String key() {
        return key;
    }

    /** What a valid value is, in words. */
    public String expected() {
        return expected;
    }

    /** The value found; empty when the setting is missing or a secret. */
    public Optional<String> found() {
        return Optional.ofNullable(found);
    }
}
