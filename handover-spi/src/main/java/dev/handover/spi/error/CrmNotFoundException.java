package dev.handover.spi.error;

/** The ticket, task, agent or group does not exist (or the credentials may not see it). */
public class CrmNotFoundException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** A failure with the vendor's details; see {@link CrmException#CrmException}. */
    public CrmNotFoundException(String vendor, int httpStatus, String vendorCode, String message, Throwable cause) {
        super(vendor, httpStatus, vendorCode, message, cause);
    }

    /** A failure without HTTP details. */
    public CrmNotFoundException(String vendor, String message) {
        super(vendor, 0, null, message, null);
    }
}
