package dev.handover.zendesk;

import dev.handover.spi.Secret;
import dev.handover.spi.helpers.HttpLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every option of a connector as {@link ZendeskConnector.Builder} resolved and validated it, whether it was given by
 * typed setters or by {@link ZendeskConnector.Builder#settings settings}: one value, so both ways in can be compared.
 * What has no value equality stays with the builder and is handed to the connector beside it: an injected client, the
 * sleeper, the random source and the refresh-token listener.
 *
 * <p>Package-private: the builder is the public way in. Its {@code toString()} shows no secret ({@link Secret} prints
 * as {@code ****}).
 */
record Config(
        URI baseUrl,
        Auth auth,
        Http http,
        Map<Long, String> ticketFields,
        Optional<Long> languageField,
        DirectoryFields directoryFields,
        Set<Long> queueGroups,
        Duration directoryTtl,
        boolean presence,
        Optional<Long> taskRequester,
        TaskTickets taskTickets,
        boolean searchDueDate,
        boolean replayByAudits,
        Duration indexLag,
        int maxNoteBytes,
        Duration jobPollInterval,
        Duration jobPollMax,
        Duration jobTimeout,
        Clock clock) {

    /** How requests authenticate. */
    sealed interface Auth permits OAuth, ApiToken {}

    /**
     * OAuth: the client-credentials grant, a refresh token, or both (the client secret is then the fall-back).
     *
     * @param clientId the OAuth client's identifier
     * @param clientSecret the client's secret, for the client-credentials grant
     * @param refreshToken an authorization-code installation's refresh token
     * @param scope the scope requested
     * @param tokenLifetime the {@code expires_in} requested; Zendesk's default when empty
     */
    record OAuth(
            String clientId,
            Optional<Secret> clientSecret,
            Optional<Secret> refreshToken,
            String scope,
            Optional<Duration> tokenLifetime)
            implements Auth {}

    /**
     * The legacy API token of an agent.
     *
     * @param email the agent's e-mail
     * @param token the API token
     */
    record ApiToken(String email, Secret token) implements Auth {}

    /**
     * How requests are sent.
     *
     * @param connectTimeout connection time-out of the client the connector creates
     * @param readTimeout answer time-out, also set per request
     * @param requestsPerMinute this client's share of the plan
     * @param maxAttempts attempts per request, the first included
     * @param baseDelay the backoff before the second attempt
     * @param maxDelay the backoff's cap
     * @param maxRetryAfter the longest {@code Retry-After} waited for
     * @param limits the overall deadline and the body limit of every attempt
     */
    record Http(
            Duration connectTimeout,
            Duration readTimeout,
            int requestsPerMinute,
            int maxAttempts,
            Duration baseDelay,
            Duration maxDelay,
            Duration maxRetryAfter,
            HttpLimits limits) {}

    /**
     * The user fields (by key) the directory reads an agent's handover profile from.
     *
     * @param skills skills, as a multi-select or a text list
     * @param languages languages as BCP 47 tags; the agent's locale when empty
     * @param manager the line manager's user id
     * @param capacity the most open tickets the agent should hold
     * @param role the role for limits of authority; Zendesk's own role when empty
     * @param customerTier on end users: the customer's service tier, when configured
     * @param customerSalutation on end users: how the customer is addressed formally (Frau, Mr.), when configured
     */
    record DirectoryFields(
            String skills,
            String languages,
            String manager,
            String capacity,
            String role,
            Optional<String> customerTier,
            Optional<String> customerSalutation) {}

    /**
     * How task tickets are made and closed in this account. Accounts with fields required on solve, ticket forms or custom
     * statuses refuse to solve a ticket without them (422 "…: needed"), task tickets included.
     *
     * @param byTag close by adding the tag {@code handover_done} (or {@code handover_cancelled}) and leaving the status,
     *     instead of solving
     * @param form the ticket form task tickets are created with, if the account needs one
     * @param solveFields custom field values (field id to value) set when a task is solved
     * @param perItem one task ticket per task (the acknowledgement, each action, …) instead of one per handover
     *     ({@link Checklist})
     */
    record TaskTickets(boolean byTag, Optional<Long> form, Map<Long, String> solveFields, boolean perItem) {}
}
