package dev.handover.spi.inbound;

import dev.handover.spi.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What an {@link InboundVerifier} is made with.
 *
 * @param signingSecret the secret the CRM signs deliveries with
 * @param maxAge how old (or how far in the future) a signed timestamp may be; a few minutes covers delivery and retries
 * @param clock the clock ages are measured on
 */
public record InboundSettings(Secret signingSecret, Duration maxAge, Clock clock) {
    /** Validates. */
    public InboundSettings {
        Objects.requireNonNull(signingSecret, "signing secret");
        Objects.requireNonNull(maxAge, "max age");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max age must be positive, was " + maxAge);
        }
        Objects.requireNonNull(clock, "clock");
    }
}
