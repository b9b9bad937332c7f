package dev.handover.spi.error;

/**
 * The record changed since it was read: the write carried a stale version and the CRM refused it. Nothing was
 * written. Re-read, re-plan and try again.
 */
public class CrmConflictException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** A conflict with the vendor's details; see {@link CrmException#CrmException}. */
    public CrmConflictException(String vendor, int httpStatus, String vendorCode, String message, Throwable cause) {
        super(vendor, httpStatus, vendorCode, message, cause);
    }

    /** A conflict without HTTP details. */
    public CrmConflictException(String vendor, String message) {
        super(vendor, 0, null, message, null);
    }
}
