package dev.handover.zendesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmUnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth bearer tokens from {@code POST /oauth/tokens}: the client-credentials grant, or a refresh token from an
 * authorization-code installation.
 *
 * <p>The access token is cached until shortly before it expires. When Zendesk issued a refresh token, renewal uses it
 * ({@code grant_type=refresh_token}); Zendesk rotates both tokens, so the new refresh token replaces the old one and is
 * handed to the listener for safe keeping. A refused refresh falls back to the client-credentials grant when a client
 * secret is configured. A 401 from the API drops the cached token so the next request obtains a new one.
 */
public final class OAuthCredentials implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthCredentials.class);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private final String clientId;
    private final Optional<Secret> clientSecret;
    private final String scope;
    private final Optional<Duration> tokenLifetime;
    private final Clock clock;
    private final Consumer<Secret> refreshTokenListener;
    private final Function<String, JsonNode> tokenEndpoint;

    // guarded by this
    private Secret accessToken;
    private Instant expiresAt;
    private Secret refreshToken;

    /**
     * OAuth credentials.
     *
     * @param clientId the OAuth client's unique identifier
     * @param clientSecret the client's secret (required for the client-credentials grant)
     * @param refreshToken an initial refresh token (from an authorization-code installation), or empty
     * @param scope the scope to request, e.g. {@code "read write"}
     * @param tokenLifetime the {@code expires_in} to request, or empty for Zendesk's default
     * @param refreshTokenListener told about every rotated refresh token
     * @param tokenEndpoint posts a JSON body to {@code /oauth/tokens} and returns the JSON answer
     */
    public OAuthCredentials(
            String clientId,
            Optional<Secret> clientSecret,
            Optional<Secret> refreshToken,
            String scope,
            Optional<Duration> tokenLifetime,
            Clock clock,
            Consumer<Secret> refreshTokenListener,
            Function<String, JsonNode> tokenEndpoint) {
        this.clientId = Objects.requireNonNull(clientId, "client id");
        this.clientSecret = Objects.requireNonNull(clientSecret, "client secret");
        this.refreshToken =
                Objects.requireNonNull(refreshToken, "refresh token").orElse(null);
        if (clientSecret.isEmpty() && refreshToken.isEmpty()) {
            throw new IllegalArgumentException("OAuth needs a client secret or a refresh token");
        }
        this.scope = Objects.requireNonNull(scope, "scope");
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "token lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshTokenListener = Objects.requireNonNull(refreshTokenListener, "refresh token listener");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "token endpoint");
    }

    @Override
    public synchronized String authorization() {
        Instant now = clock.instant();
        if (accessToken == null || (expiresAt != null && !now.isBefore(expiresAt.minus(EXPIRY_MARGIN)))) {
            obtain();
        }
        return "Bearer " + accessToken.reveal();
    }

    @Override
    public boolean canRenew() {
        return true;
    }

    @Override
    public synchronized void invalidate(String refusedAuthorization) {
        if (accessToken != null && ("Bearer " + accessToken.reveal()).equals(refusedAuthorization)) {
            LOG.info("Zendesk refused the cached OAuth access token; obtaining a new one");
            accessToken = null;
            expiresAt = null;
        }
    }

    private void obtain() {
        if (refreshToken != null) {
            try {
                accept(tokenEndpoint.apply(refreshRequest()));
                return;
            } catch (CrmUnauthorizedException | CrmInvalidRequestException refused) {
                if (clientSecret.isEmpty()) {
                    throw new CrmUnauthorizedException(
                            Errors.VENDOR,
                            refused.httpStatus().orElse(0),
                            refused.vendorCode().orElse(null),
                            "OAuth refresh token refused and no client secret to fall back on: " + refused.getMessage(),
                            null);
                }
                LOG.warn(
                        "OAuth refresh token refused ({}); falling back to the client-credentials grant",
                        refused.vendorCode().orElse("no code"));
                refreshToken = null;
            }
        }
        accept(tokenEndpoint.apply(clientCredentialsRequest()));
    }

    private void accept(JsonNode answer) {
        String access = Json.text(answer, "access_token");
        if (access.isEmpty()) {
            throw new CrmUnauthorizedException(
                    Errors.VENDOR, 0, null, "OAuth token response carried no access_token", null);
        }
        accessToken = Secret.of(access);
        JsonNode expires = answer.get("expires_in");
        expiresAt = expires != null && expires.canConvertToLong() && expires.asLong() > 0
                ? clock.instant().plusSeconds(expires.asLong())
                : null;
        String refresh = Json.text(answer, "refresh_token");
        if (!refresh.isEmpty()) {
            Secret rotated = Secret.of(refresh);
            boolean changed = refreshToken == null || !refreshToken.equals(rotated);
            refreshToken = rotated;
            if (changed) {
                refreshTokenListener.accept(rotated);
            }
        }
        LOG.debug("obtained an OAuth access token{}", expiresAt == null ? "" : " valid until " + expiresAt);
    }

    private String clientCredentialsRequest() {
        ObjectNode body = Json.object();
        body.put("grant_type", "client_credentials");
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret.orElseThrow().reveal());
        body.put("scope", scope);
        tokenLifetime.ifPresent(d -> body.put("expires_in", d.toSeconds()));
        return Json.write(body);
    }

    private String refreshRequest() {
        ObjectNode body = Json.object();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken.reveal());
        body.put("client_id", clientId);
        clientSecret.ifPresent(s -> body.put("client_secret", s.reveal()));
        body.put("scope", scope);
        tokenLifetime.ifPresent(d -> body.put("expires_in", d.toSeconds()));
        return Json.write(body);
    }

    @Override
    public String describe() {
        return "oauth (client " + clientId + ")";
    }

    @Override
    public String toString() {
        return "OAuthCredentials[client=" + clientId + ", secret=****, scope=" + scope + "]";
    }
}
