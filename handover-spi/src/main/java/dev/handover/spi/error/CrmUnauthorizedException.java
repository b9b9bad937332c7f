package dev.handover.spi.error;

/** Credentials are missing, wrong or expired, or lack a permission the call needs. Not retryable until the configuration is fixed. */
public class CrmUnauthorizedException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** A failure with the vendor's details; see {@link CrmException#CrmException}. */
    public CrmUnauthorizedException(String vendor, int httpStatus, String vendorCode, String message, Throwable cause) {
        super(vendor, httpStatus, vendorCode, message, cause);
    }

    /** A failure without HTTP details. */
    public CrmUnauthorizedException(String vendor, String message) {
        super(vendor, 0, null, message, null);
    }
}
