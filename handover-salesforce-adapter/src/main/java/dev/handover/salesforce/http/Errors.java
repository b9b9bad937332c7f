package dev.handover.salesforce.http;

import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.error.CrmUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Maps Salesforce failures to the SPI's exceptions, in one place. The error code decides where it is known, the HTTP
 * status otherwise. Messages say what was being done and carry the code and fields, never record data: Salesforce's
 * own messages can echo field values (a note body in {@code STRING_TOO_LONG}), so only configuration-level messages
 * are kept (see {@link VendorError#safeMessage()}).
 */
public final class Errors {
    public static final String VENDOR = "salesforce";

    private static final Set<String> UNAUTHORIZED = Set.of(
            "INVALID_SESSION_ID",
            "INVALID_AUTH_HEADER",
            "INSUFFICIENT_ACCESS",
            "INSUFFICIENT_ACCESS_OR_READONLY",
            "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
            "API_DISABLED_FOR_ORG",
            "API_CURRENTLY_DISABLED",
            "invalid_client",
            "invalid_client_id",
            "invalid_grant",
            "inactive_user",
            "inactive_org");
    private static final Set<String> NOT_FOUND = Set.of("NOT_FOUND", "ENTITY_IS_DELETED");
    /** Conditions that pass: a locked row, an overloaded instance. With allOrNone nothing was written. */
    private static final Set<String> TRANSIENT = Set.of(
            "UNABLE_TO_LOCK_ROW",
            "SERVER_UNAVAILABLE",
            "UNKNOWN_EXCEPTION",
            "QUERY_TIMEOUT",
            "REQUEST_RUNNING_TOO_LONG");
    /** Codes Salesforce puts on the parts of an all-or-none request that failed only because another part did. */
    public static final Set<String> ROLLED_BACK = Set.of("PROCESSING_HALTED", "ALL_OR_NONE_OPERATION_ROLLED_BACK");

    private Errors() {}

    /** The first error that is not a mere roll-back of another part, if any. */
    public static VendorError primary(List<VendorError> errors) {
        for (VendorError e : errors) {
            if (!ROLLED_BACK.contains(e.code())) {
                return e;
            }
        }
        return errors.isEmpty() ? new VendorError("", "", List.of()) : errors.get(0);
    }

    /** True when the failure passes with time: retrying may work. */
    static boolean isTransient(int status, List<VendorError> errors) {
        VendorError e = primary(errors);
        return TRANSIENT.contains(e.code()) || status >= 500 || status == 408;
    }

    /**
     * The SPI exception for a failed call or subrequest.
     *
     * @param status the HTTP status (of the subrequest inside a composite)
     * @param errors the parsed error array, possibly empty
     * @param what what was being done, with ids only ("writing Case 500…")
     * @param retryAfter what a {@code Retry-After} header said, or null
     */
    public static CrmException map(int status, List<VendorError> errors, String what, Duration retryAfter) {
        VendorError e = primary(errors);
        String code = e.code().isEmpty() ? null : e.code();
        String message = what + " failed: " + e.describe();
        int http = status >= 100 && status <= 599 ? status : 0;
        if ("REQUEST_LIMIT_EXCEEDED".equals(code) || status == 429) {
            return new CrmRateLimitedException(VENDOR, http, code, message, retryAfter, null);
        }
        if (code != null && UNAUTHORIZED.contains(code)) {
            return new CrmUnauthorizedException(VENDOR, http, code, message, null);
        }
        if (code != null && NOT_FOUND.contains(code)) {
            return new CrmNotFoundException(VENDOR, http, code, message, null);
        }
        if (isTransient(status, errors)) {
            return new CrmUnavailableException(VENDOR, http, code, message, null);
        }
        return switch (status) {
            case 401, 403 -> new CrmUnauthorizedException(VENDOR, http, code, message, null);
            case 404 -> new CrmNotFoundException(VENDOR, http, code, message, null);
            case 409, 412 -> new CrmConflictException(VENDOR, http, code, message, null);
            default -> new CrmInvalidRequestException(VENDOR, http, code, message, null);
        };
    }

    /** A transport failure (reset, timeout, unreadable answer). */
    public static CrmUnavailableException unavailable(String what, String problem, Throwable cause) {
        return new CrmUnavailableException(VENDOR, 0, null, what + " failed: " + problem, cause);
    }

    /**
     * An answer the adapter cannot read (a date that is no date, a record of an unexpected shape): a vendor failure,
     * reported as the SPI's exception rather than as a raw runtime exception. The message names the kind of problem
     * only; the cause keeps the detail.
     */
    public static CrmUnavailableException unreadable(String what, RuntimeException cause) {
        return new CrmUnavailableException(
                VENDOR,
                0,
                "UNREADABLE_ANSWER",
                what + " failed: Salesforce answered in a form the adapter cannot read ("
                        + cause.getClass().getSimpleName() + ")",
                cause);
    }

    /** A failure the adapter detects before anything is sent. */
    public static CrmInvalidRequestException invalid(String code, String message) {
        return new CrmInvalidRequestException(VENDOR, 0, code, message, null);
    }

    /** Not found, detected by the adapter. */
    public static CrmNotFoundException notFound(String message) {
        return new CrmNotFoundException(VENDOR, 0, null, message, null);
    }
}
