package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnauthorizedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets and caches the access token: OAuth 2.0 client credentials (the External Client App runs as its integration
 * user) or the JWT bearer flow (an RS256 assertion for a named user). Salesforce names no expiry, so a token is kept
 * until a call answers 401 and {@link #invalidate} drops it; concurrent callers share one refresh.
 */
final class OAuthTokens {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokens.class);

    /** An access token and the instance it is valid for. Its {@code toString()} never shows the token. */
    record Token(String accessToken, URI instanceUrl) {
        @Override
        public String toString() {
            return "Token[****, " + instanceUrl + "]";
        }
    }

    private final Config config;
    private final HttpExchange http;
    private final Backoff backoff;
    private final SalesforceConnector.Sleeper sleeper;
    private final Clock clock;
    private final PrivateKey jwtKey;
    private Token token; // guarded by this
    private long fetched; // guarded by this; how many tokens were fetched, for tests and logs

    OAuthTokens(Config config, HttpExchange http, Backoff backoff, SalesforceConnector.Sleeper sleeper, Clock clock) {
        this.config = config;
        this.http = http;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.jwtKey = config.auth().flow() == Config.Auth.Flow.JWT_BEARER
                ? JwtAssertion.privateKey(config.auth().privateKey())
                : null;
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

    synchronized long fetchedCount() {
        return fetched;
    }

    private Token fetch() {
        Config.Auth auth = config.auth();
        Map<String, String> form = new LinkedHashMap<>();
        if (auth.flow() == Config.Auth.Flow.CLIENT_CREDENTIALS) {
            form.put("grant_type", "client_credentials");
            form.put("client_id", auth.clientId());
            form.put("client_secret", auth.clientSecret().reveal());
        } else {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put(
                    "assertion",
                    JwtAssertion.sign(
                            jwtKey,
                            auth.clientId(),
                            auth.username(),
                            auth.audience(),
                            clock.instant().plus(Duration.ofMinutes(3))));
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String what = "getting an OAuth token ("
                + (auth.flow() == Config.Auth.Flow.CLIENT_CREDENTIALS ? "client credentials" : "JWT bearer") + ") from "
                + auth.tokenUrl();
        for (int attempt = 1; ; attempt++) {
            CrmException failure;
            Duration retryAfter = null;
            try {
                HttpExchange.Raw raw =
                        http.send("POST", auth.tokenUrl(), Map.of(), body, "application/x-www-form-urlencoded");
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
                retryAfter = raw.retryAfter();
            } catch (HttpExchange.TransportFailure e) {
                failure = Errors.unavailable(what, e.problem(), e.getCause());
            }
            if (!failure.isRetryable() || attempt >= backoff.maxAttempts()) {
                throw failure;
            }
            pause(backoff.delay(attempt, retryAfter), what);
        }
    }

    private URI instanceOf(JsonNode json) {
        String given = json.path("instance_url").asText("");
        if (given.isBlank()) {
            return config.instanceUrl();
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
        LOG.warn("the token response named an unusable instance_url; using instance-url {}", config.instanceUrl());
        return config.instanceUrl();
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
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.unavailable(what, "interrupted while waiting to retry", e);
        }
    }
}
