package dev.handover.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (API token, client secret, private key). Its {@link #toString()} never shows the value, so a secret
 * that ends up in a log line, an exception message or a settings dump stays hidden. Read it with {@link #reveal()}
 * only where it is sent.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
    }

    /** Wraps a credential. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The credential itself. */
    public String reveal() {
        return value;
    }

    /** Compares in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // a hash derived from the value would leak information about it
    }

    /** Always {@code Secret[****]}. */
    @Override
    public String toString() {
        return "Secret[****]";
    }
}
