package dev.handover.spi.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Over the vendor's rate limit or API allocation (Zendesk 429, Salesforce {@code REQUEST_LIMIT_EXCEEDED}). Nothing
 * was done; retry after {@link #retryAfter()} when the vendor said how long.
 */
public class CrmRateLimitedException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** How long the vendor asked to wait, or null when it did not say. */
    private final Duration retryAfter;

    /**
     * A rate-limit failure.
     *
     * @param retryAfter how long the vendor asked to wait, or null when it did not say
     */
    public CrmRateLimitedException(
            String vendor, int httpStatus, String vendorCode, String message, Duration retryAfter, Throwable cause) {
        super(vendor, httpStatus, vendorCode, message, cause);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retry after must not be negative, was " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** A rate-limit failure without HTTP details. */
    public CrmRateLimitedException(String vendor, String message, Duration retryAfter) {
        this(vendor, 0, null, message, retryAfter, null);
    }

    /** How long the vendor asked to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
