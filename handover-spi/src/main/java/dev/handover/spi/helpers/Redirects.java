package dev.handover.spi.helpers;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What an adapter does with an HTTP redirect, so that credentials never follow one to another host. Adapters let their
 * HTTP client follow no redirect (the JDK's {@code HttpClient.Redirect.NEVER}: its {@code NORMAL} policy re-sends the
 * request's headers, {@code Authorization} included, to whatever host a {@code Location} names, and a 307 re-posts the
 * body with its client secret) and ask {@link #decide} instead:
 *
 * <ul>
 *   <li>a redirect to another origin (scheme, host or port differ from the configured URL's) is refused;
 *   <li>within the origin, a 307 or 308 is followed for every method (they keep the method and body), a 301, 302 or 303
 *       for {@code GET} only (for other methods they would turn a write into a {@code GET});
 *   <li>at most {@value #MAX_HOPS} redirects are followed per request.
 * </ul>
 *
 * <p>A refusal's reason names the {@code Location} by {@link #describe}: scheme, host, port and path, never its
 * user-info, query or fragment, which could carry a token.
 */
public final class Redirects {
    /** The most redirects followed for one request. */
    public static final int MAX_HOPS = 3;

    private Redirects() {}

    /** True for the statuses that redirect: 301, 302, 303, 307 and 308. */
    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** True when both have the same scheme, host and port (a missing port is the scheme's default). */
    public static boolean sameOrigin(URI a, URI b) {
        String schemeA = lower(a.getScheme());
        String hostA = lower(a.getHost());
        return schemeA != null
                && hostA != null
                && schemeA.equals(lower(b.getScheme()))
                && hostA.equals(lower(b.getHost()))
                && port(a) == port(b);
    }

    /** Scheme, host, port (when given) and path: no user-info, query or fragment, which could carry secrets. */
    public static String describe(URI uri) {
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            sb.append(" (query left out)");
        }
        return sb.toString();
    }

    /**
     * The decision on one redirect.
     *
     * @param method the request's method
     * @param origin the configured URL: credentials go to its origin only
     * @param current the URL the redirect answered (a relative {@code Location} is resolved against it)
     * @param status the answer's status, one of {@link #isRedirect}
     * @param location the answer's {@code Location} header, or null
     * @param hopsFollowed how many redirects were followed for this request already
     */
    public static Decision decide(
            String method, URI origin, URI current, int status, String location, int hopsFollowed) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(current, "current");
        if (location == null || location.isBlank()) {
            return new Refuse("redirected (HTTP " + status + ") without a Location");
        }
        URI target;
        try {
            target = current.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // a Location that is no URI is not repeated: it is the server's text
            return new Refuse("redirected (HTTP " + status + ") to a Location that is not a URI");
        }
        String scheme = lower(target.getScheme());
        if (!("https".equals(scheme) || "http".equals(scheme)) || target.getHost() == null) {
            return new Refuse("redirected (HTTP " + status + ") to a Location that is not an http(s) URL");
        }
        if (!sameOrigin(origin, target)) {
            return new Refuse("redirected (HTTP " + status + ") to another origin, " + describe(target)
                    + "; credentials are only ever sent to " + originOf(origin)
                    + " — check the configured URL");
        }
        if ((status == 301 || status == 302 || status == 303) && !"GET".equalsIgnoreCase(method)) {
            return new Refuse("redirected a " + method.toUpperCase(Locale.ROOT) + " (HTTP " + status + ") to "
                    + describe(target) + "; only 307 and 308 keep a request's method and body, so it is not"
                    + " repeated");
        }
        if (hopsFollowed >= MAX_HOPS) {
            return new Refuse("redirected more than " + MAX_HOPS + " times (last to " + describe(target) + ")");
        }
        return new Follow(target);
    }

    /** What to do with a redirect. */
    public sealed interface Decision permits Follow, Refuse {}

    /**
     * Send the request again, with its credentials, to this URL of the same origin.
     *
     * @param target the absolute URL to send to
     */
    public record Follow(URI target) implements Decision {
        /** Validates. */
        public Follow {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Do not follow: the request fails with this reason.
     *
     * @param reason why, naming the location without query; no credentials
     */
    public record Refuse(String reason) implements Decision {
        /** Validates. */
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static String originOf(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        String scheme = lower(uri.getScheme());
        return "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
