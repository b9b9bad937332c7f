package dev.handover.spi.error;

import java.util.Objects;

/**
 * The CRM's host could not be reached at all: its name does not resolve, nothing listens on the port, the connection
 * timed out or there is no route. The request never left this machine, so nothing was written and a retry is safe.
 * It names the host and the cause in plain words, so an application can tell the user which setting produced the host
 * (see {@link dev.handover.spi.CrmProvider#hostSettings()}).
 */
public class CrmUnreachableException extends CrmUnavailableException {
    private static final long serialVersionUID = 1L;

    /** The host that could not be reached, as the connector used it. */
    private final String host;
    /** Why, in plain words, such as {@code the name does not resolve}. */
    private final String reason;

    /**
     * An unreachable host.
     *
     * @param vendor the connector's vendor name
     * @param host the host name (or address) that could not be reached, as the connector used it
     * @param reason the plain cause: {@code the name does not resolve}, {@code nothing listens on port 443}, …
     * @param message what was being done ({@code reading ticket 4711}); the host and the reason are appended
     * @param cause the I/O exception, or null
     */
    public CrmUnreachableException(String vendor, String host, String reason, String message, Throwable cause) {
        super(vendor, 0, null, message + ": cannot reach " + host + ": " + reason, cause);
        this.host = Objects.requireNonNull(host, "host");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The host that could not be reached. */
    public String host() {
        return host;
    }

    /** Why, in plain words. */
    public String reason() {
        return reason;
    }
}
