package dev.handover.spi.error;

/** The CRM refused the request as invalid (a field, an unknown assignee, a value it does not accept). Nothing was written; retrying the same request will not help. */
public class CrmInvalidRequestException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** A failure with the vendor's details; see {@link CrmException#CrmException}. */
    public CrmInvalidRequestException(
            String vendor, int httpStatus, String vendorCode, String message, Throwable cause) {
        super(vendor, httpStatus, vendorCode, message, cause);
    }

    /** A failure without HTTP details. */
    public CrmInvalidRequestException(String vendor, String message) {
        super(vendor, 0, null, message, null);
    }
}
