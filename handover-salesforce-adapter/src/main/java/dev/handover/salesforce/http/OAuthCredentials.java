package dev.handover.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.helpers.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets and caches the access token: OAuth 2.0 client credentials (the External Client App runs as its integration
 * user) or the JWT bearer flow (an RS256 assertion for a named user). Salesforce names no expiry, so a token is kept
 * until a call answers 401 and {@link #invalidate} drops it; concurrent callers share one refresh.
 */
public final class OAuthCredentials {
    /**
     * The {@code exp} of a JWT bearer assertion, from this host's clock. Salesforce accepts an assertion whose expiry is
     * at most 3 minutes ahead of its own clock ("exp ... within 3 minutes", OAuth 2.0 JWT Bearer Flow for
     * Server-to-Server Integration): 2 minutes leave a minute for this host's clock running ahead, and two for it
     * running behind, before the assertion is refused.
     */
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(OAuthCredentials.class);

    /**
     * How a token is obtained: the flow and its credentials, checked by the connector's builder. Never printed with
     * its credentials.
     *
     * @param flow the OAuth flow
     * @param clientId the External Client App's consumer key
     * @param clientSecret the consumer secret (client credentials), else null
     * @param username the user the token is for (JWT bearer), else empty
     * @param privateKey the PEM key the assertion is signed with (JWT bearer), else null
     * @param audience the assertion's {@code aud} (JWT bearer), else empty
     * @param tokenUrl the token endpoint
     */
    public record Grant(
            Flow flow,
            String clientId,
            Secret clientSecret,
            String username,
            Secret privateKey,
            String audience,
            URI tokenUrl) {

        /** The OAuth flows the adapter offers (the username-password flow is blocked in new orgs). */
        public enum Flow {
            CLIENT_CREDENTIALS,
            JWT_BEARER
        }

        /** Client credentials: the consumer key and secret. */
        public static Grant clientCredentials(String clientId, Secret clientSecret, URI tokenUrl) {
            return new Grant(Flow.CLIENT_CREDENTIALS, clientId, clientSecret, "", null, "", tokenUrl);
        }

        /** JWT bearer: an assertion for this user, signed with this key, for this audience. */
        public static Grant jwtBearer(
                String clientId, String username, Secret privateKey, String audience, URI tokenUrl) {
            return new Grant(Flow.JWT_BEARER, clientId, null, username, privateKey, audience, tokenUrl);
        }

        @Override
        public String toString() {
            return "Grant[" + flow + ", client id ****, token url " + tokenUrl + "]";
        }
    }

    /** An access token and the instance it is valid for. Its {@code toString()} never shows the token. */
    record Token(String accessToken, URI instanceUrl) {
        @Override
        public String toString() {
            return "Token[****, " + instanceUrl + "]";
        }
    }

    private final Grant grant;
    private final URI instanceUrl;
    private final HttpExchange http;
    private final Backoff backoff;
    private final Clock clock;
    private final PrivateKey jwtKey;
    private Token token; // guarded by this
    private long fetched; // guarded by this; how many tokens were fetched, for tests and logs

    /**
     * Credentials for this grant.
     *
     * @param instanceUrl the instance used when the token answer names none (or an unusable one)
     * @param backoff how token requests are retried, on its clock and sleeper
     * @param clock what the JWT's expiry is measured on
     */
    public OAuthCredentials(Grant grant, URI instanceUrl, HttpExchange http, Backoff backoff, Clock clock) {
        this.grant = grant;
        this.instanceUrl = instanceUrl;
        this.http = http;
        this.backoff = backoff;
        this.clock = clock;
        this.jwtKey = grant.flow() == Grant.Flow.JWT_BEARER ? JwtAssertion.privateKey(grant.privateKey()) : null;
    }

    /** The cached token, fetching one first when there is none. */
    synchronized Token current() {
        if (token == null) {
            token = fetch();
            fetched++;
        }
        return token;
    }

    /** Drops this token (a call said it expired); a newer token fetched meanwhile is kept. */
    synchronized void invalidate(Token expired) {
        if (token != null && token.equals(expired)) {
            token = null;
        }
    }

    /** How many tokens were fetched, for tests of re-authentication. */
    public synchronized long fetchedCount() {
        return fetched;
    }

    private Token fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        if (grant.flow() == Grant.Flow.CLIENT_CREDENTIALS) {
            form.put("grant_type", "client_credentials");
            form.put("client_id", grant.clientId());
            form.put("client_secret", grant.clientSecret().reveal());
        } else {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put(
                    "assertion",
                    JwtAssertion.sign(
                            jwtKey,
                            grant.clientId(),
                            grant.username(),
                            grant.audience(),
                            clock.instant().plus(ASSERTION_LIFETIME)));
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String what = "getting an OAuth token ("
                + (grant.flow() == Grant.Flow.CLIENT_CREDENTIALS ? "client credentials" : "JWT bearer") + ") from "
                + grant.tokenUrl();
        for (int attempt = 1; ; attempt++) {
            CrmException failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpExchange.Raw raw =
                        http.send("POST", grant.tokenUrl(), Map.of(), body, "application/x-www-form-urlencoded", what);
                JsonNode json = parseOrNull(raw.body());
                if (raw.status() == 200 && json != null && json.hasNonNull("access_token")) {
                    URI instance = instanceOf(json);
                    LOG.debug("got an OAuth token for {}", instance);
                    return new Token(json.get("access_token").asText(), instance);
                }
                failure = Errors.map(raw.status(), VendorError.parse(json), what, null);
                if (raw.status() == 200) {
                    failure = Errors.unavailable(what, "the answer had no access_token", null);
                } else if (raw.status() == 400 || raw.status() == 401 || raw.status() == 403) {
                    // the credentials are wrong, the app is not approved, the user is inactive: retrying will not help
                    throw failure instanceof CrmUnauthorizedException
                            ? failure
                            : new CrmUnauthorizedException(
                                    Errors.VENDOR,
                                    raw.status(),
                                    failure.vendorCode().orElse(null),
                                    failure.getMessage(),
                                    null);
                }
                retryAfter = backoff.retryAfter(raw.retryAfter());
            } catch (HttpExchange.TransportFailure e) {
                failure = e.toException(what);
                if (!e.worthRetrying()) {
                    throw failure;
                }
            }
            if (!failure.isRetryable() || !backoff.canRetry(attempt)) {
                throw failure;
            }
            Optional<Duration> wait = backoff.delay(attempt, retryAfter);
            if (wait.isEmpty()) {
                throw failure; // a Retry-After beyond retry.max-backoff is not waited for: reported instead
            }
            pause(wait.get(), what);
        }
    }

    private URI instanceOf(JsonNode json) {
        String given = json.path("instance_url").asText("");
        if (given.isBlank()) {
            return instanceUrl;
        }
        try {
            URI uri = URI.create(given);
            String host = uri.getHost() == null ? "" : uri.getHost();
            boolean loopback = host.equals("localhost") || host.startsWith("127.");
            if ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback)) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        LOG.warn("the token response named an unusable instance_url; using instance-url {}", instanceUrl);
        return instanceUrl;
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return Json.parse(body);
        } catch (IOException e) {
            return null;
        }
    }

    private void pause(Duration d, String what) {
        try {
            backoff.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.unavailable(what, "interrupted while waiting to retry", e);
        }
    }
}
