package dev.handover.zendesk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a connector was configured with, resolved and validated by the builder. Package-private: the builder and
 * the provider's settings are the public way in.
 */
record Config(
        URI baseUrl,
        Map<Long, String> ticketFields,
        Optional<Long> languageField,
        DirectoryFields directoryFields,
        Set<Long> queueGroups,
        Duration directoryTtl,
        boolean presence,
        Optional<Long> taskRequester,
        boolean searchDueDate,
        Duration indexLag,
        int maxNoteBytes,
        Duration jobPollInterval,
        Duration jobPollMax,
        Duration jobTimeout,
        Clock clock) {

    /**
     * The user fields (by key) the directory reads an agent's handover profile from.
     *
     * @param skills skills, as a multi-select or a text list
     * @param languages languages as BCP 47 tags; the agent's locale when empty
     * @param manager the line manager's user id
     * @param capacity the most open tickets the agent should hold
     * @param role the role for limits of authority; Zendesk's own role when empty
     * @param customerTier on end users: the customer's service tier, when configured
     */
    record DirectoryFields(
            String skills,
            String languages,
            String manager,
            String capacity,
            String role,
            Optional<String> customerTier) {}
}
