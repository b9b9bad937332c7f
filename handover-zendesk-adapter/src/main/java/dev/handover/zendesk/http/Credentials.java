package dev.handover.zendesk.http;

/**
 * How requests authenticate: an OAuth bearer token (the default) or a legacy API token. Implementations never show a
 * secret in {@code toString()} or {@link #describe()}.
 */
public sealed interface Credentials permits OAuthCredentials, ApiTokenCredentials {

    /** The {@code Authorization} header value for the next request, obtaining a token first if needed. */
    String authorization();

    /** True when a refused credential can be replaced by a fresh one (OAuth), so a 401 is worth one more try. */
    boolean canRenew();

    /** Drops the credential that was refused, if it is still the current one. */
    void invalidate(String refusedAuthorization);

    /** What kind of credential this is, for messages and logs; never the secret. */
    String describe();
}
