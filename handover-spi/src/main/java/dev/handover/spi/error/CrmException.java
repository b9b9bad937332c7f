package dev.handover.spi.error;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every failure a {@code CrmConnector} reports. Unchecked; catch a subclass to react precisely:
 *
 * <ul>
 *   <li>{@link CrmNotFoundException} — the ticket, task or agent does not exist;
 *   <li>{@link CrmConflictException} — the record changed since it was read (stale version); nothing was written;
 *   <li>{@link CrmRateLimitedException} — over the vendor's rate limit; retry after {@link
 *       CrmRateLimitedException#retryAfter()};
 *   <li>{@link CrmUnauthorizedException} — credentials missing, wrong, expired or lacking permission;
 *   <li>{@link CrmUnavailableException} — a transient failure (5xx, timeout, connection reset); retrying may work;
 *   <li>{@link CrmInvalidRequestException} — the CRM refused the request as invalid; retrying will not help.
 * </ul>
 *
 * <p>Each carries the vendor, the HTTP status and the vendor's own error code where they are known. Messages never
 * contain secrets or customer personal data.
 */
public abstract class CrmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The vendor that answered, such as {@code zendesk}. */
    private final String vendor;
    /** The HTTP status, or 0 when there was none (connection failure, in-memory CRM). */
    private final int httpStatus;
    /** The vendor's own error code, or null when it gave none. */
    private final String vendorCode;

    /**
     * A failure.
     *
     * @param vendor the connector's vendor name ({@code zendesk}, {@code salesforce}, {@code memory})
     * @param httpStatus the HTTP status, or 0 when there was none (connection failure, in-memory CRM)
     * @param vendorCode the vendor's error code ({@code RecordNotFound}, {@code INVALID_SESSION_ID}), or null
     * @param message what went wrong and where (ticket id, field)
     * @param cause the underlying exception, or null
     */
    protected CrmException(String vendor, int httpStatus, String vendorCode, String message, Throwable cause) {
        super(describe(vendor, httpStatus, vendorCode, message), cause);
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        if (httpStatus != 0 && (httpStatus < 100 || httpStatus > 599)) {
            throw new IllegalArgumentException("HTTP status must be 0 or 100–599, was " + httpStatus);
        }
        this.httpStatus = httpStatus;
        this.vendorCode = vendorCode == null || vendorCode.isBlank() ? null : vendorCode;
    }

    private static String describe(String vendor, int status, String code, String message) {
        StringBuilder sb = new StringBuilder(Objects.requireNonNull(message, "message"));
        sb.append(" [").append(vendor);
        if (status != 0) {
            sb.append(", HTTP ").append(status);
        }
        if (code != null && !code.isBlank()) {
            sb.append(", ").append(code);
        }
        return sb.append(']').toString();
    }

    /** The connector's vendor name. */
    public String vendor() {
        return vendor;
    }

    /** The HTTP status of the failed call, when there was one. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The vendor's error code, when it sent one. */
    public Optional<String> vendorCode() {
        return Optional.ofNullable(vendorCode);
    }

    /** True when the same call may succeed later: rate limits and transient failures. */
    public boolean isRetryable() {
        return false;
    }
}
