package dev.handover.spi.error;

/** A transient failure: a 5xx answer, a timeout, a reset connection. Whether a write landed is unknown; retry with the same idempotency key. */
public class CrmUnavailableException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** A failure with the vendor's details; see {@link CrmException#CrmException}. */
    public CrmUnavailableException(String vendor, int httpStatus, String vendorCode, String message, Throwable cause) {
        super(vendor, httpStatus, vendorCode, message, cause);
    }

    /** A failure without HTTP details. */
    public CrmUnavailableException(String vendor, String message) {
        super(vendor, 0, null, message, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
