package dev.handover.zendesk.http;

import dev.handover.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy API token: {@code Basic base64("{email}/token:{token}")}. Zendesk stops issuing these in October 2026 and
 * deactivates them on 30 April 2027, so it is supported for existing installations and never the default.
 */
public final class ApiTokenCredentials implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenCredentials.class);

    private final String email;
    private final Secret header;

    /** Credentials of this agent's e-mail and API token. */
    public ApiTokenCredentials(String email, Secret token) {
        this.email = Objects.requireNonNull(email, "email");
        Objects.requireNonNull(token, "token");
        String raw = email + "/token:" + token.reveal();
        this.header = Secret.of("Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        LOG.warn("Zendesk API token authentication is in use; Zendesk deactivates API tokens on 30 April 2027 — "
                + "switch auth.type to oauth (client credentials)");
    }

    @Override
    public String authorization() {
        return header.reveal();
    }

    @Override
    public boolean canRenew() {
        return false;
    }

    @Override
    public void invalidate(String refusedAuthorization) {
        // nothing to renew: a refused API token stays refused
    }

    @Override
    public String describe() {
        return "api-token (" + email + ")";
    }

    @Override
    public String toString() {
        return "ApiTokenCredentials[" + email + ", token=****]";
    }
}
