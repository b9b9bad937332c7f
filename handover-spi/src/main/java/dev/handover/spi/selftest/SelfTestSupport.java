package dev.handover.spi.selftest;

import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.util.List;
import java.util.Optional;

/**
 * What a connector offers {@code handover selftest}: test tickets it can create and discard, what the account says
 * about itself, the vendor-specific probes, and a hook that records every request and answer. Obtained from {@link
 * dev.handover.spi.CrmConnector#selfTest()}; the engine never uses it.
 */
public interface SelfTestSupport {
    /**
     * Whether the account says it is a sandbox: Salesforce answers with {@code Organization.IsSandbox}; empty when the
     * CRM has no such notion (Zendesk), so that the configuration has to say.
     */
    Optional<Boolean> sandbox();

    /**
     * Creates a labelled test ticket: subject {@link TestTicket#labelledSubject()}, tag {@link TestTicket#TAG}, the
     * test requester as requester, the team's sender as assignee, in the team's group.
     *
     * @return the ticket as the CRM now has it
     */
    Ticket createTestTicket(TestTicket ticket, TestTeam team);

    /**
     * Removes a test ticket: deleted where the CRM and the credentials allow, closed otherwise.
     *
     * @return what was done, for the report ("deleted", "closed: deletion refused with 403")
     */
    String discard(TicketId ticket);

    /**
     * The account's address ({@code https://acme.zendesk.com}), which a recording writes as a placeholder so that it
     * replays against any server. Empty when the connector does not know it (the default).
     */
    default Optional<java.net.URI> address() {
        return Optional.empty();
    }

    /** The probes of what this connector assumes about the vendor and the account, in the order to run them. */
    List<Probe> probes();

    /**
     * Records every HTTP exchange from now on, or stops recording with an empty recorder. Connectors hand over
     * exchanges without credentials (no {@code Authorization} or cookie headers, no token bodies); the recorder
     * redacts personal data.
     */
    void record(Optional<ExchangeRecorder> recorder);
}
