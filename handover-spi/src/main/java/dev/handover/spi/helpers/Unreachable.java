package dev.handover.spi.helpers;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/**
 * Tells a connection that never opened from other I/O failures, in plain words, for {@link
 * dev.handover.spi.error.CrmUnreachableException}: the JDK says {@code UnresolvedAddressException} or {@code
 * ConnectException} wrapping a {@code ClosedChannelException}, which tells a user nothing.
 */
public final class Unreachable {
    private Unreachable() {}

    /**
     * Why the connection to {@code target} never opened, when this failure (or one of its causes) says it did not.
     *
     * @return {@code the name does not resolve}, {@code nothing listens on port 8443 (connection refused)}, {@code the
     *     connection timed out}, {@code there is no route to it}; empty for any other failure (a reset, a read
     *     time-out, TLS), where the request may have been sent
     */
    public static Optional<String> reason(Throwable failure, URI target) {
        boolean connect = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return Optional.of("the name does not resolve");
            }
            // by name: the SPI does not read java.net.http, and this type exists only there
            if ("java.net.http.HttpConnectTimeoutException".equals(t.getClass().getName())) {
                return Optional.of("the connection timed out");
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of("there is no route to it");
            }
            if (t instanceof ConnectException) {
                connect = true;
            }
        }
        if (connect) {
            return Optional.of("nothing listens on port " + port(target) + " (connection refused)");
        }
        return Optional.empty();
    }

    /** The host of the target, as a message should name it. */
    public static String host(URI target) {
        String h = target.getHost();
        return h == null ? String.valueOf(target.getAuthority()) : h;
    }

    private static int port(URI target) {
        if (target.getPort() >= 0) {
            return target.getPort();
        }
        return "http".equalsIgnoreCase(target.getScheme()) ? 80 : 443;
    }
}
