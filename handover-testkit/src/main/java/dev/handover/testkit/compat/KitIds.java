package dev.handover.testkit.compat;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;

/**
 * The ids the compatibility kit's fixture uses, in the form the CRM under test expects (Zendesk numbers, Salesforce
 * 18-character ids). Override {@link CrmConnectorCompatibilityKit#ids()} when the default numeric ids do not suit.
 * Numbers 1–899 are seeded; 900 and above are guaranteed not to exist.
 */
public interface KitIds {
    /** The id of fixture ticket {@code n}. */
    TicketId ticket(int n);

    /** The id of fixture agent {@code n}. */
    AgentId agent(int n);

    /** The id of fixture group {@code n}. */
    GroupId group(int n);

    /** The id of fixture customer (requester) {@code n}. */
    String customer(int n);

    /** Numeric ids: tickets 10000+n, agents 20000+n, groups 30000+n, customers 40000+n. */
    static KitIds numeric() {
        return new KitIds() {
            @Override
            public TicketId ticket(int n) {
                return TicketId.of(Integer.toString(10_000 + n));
            }

            @Override
            public AgentId agent(int n) {
                return AgentId.of(Integer.toString(20_000 + n));
            }

            @Override
            public GroupId group(int n) {
                return GroupId.of(Integer.toString(30_000 + n));
            }

            @Override
            public String customer(int n) {
                return Integer.toString(40_000 + n);
            }
        };
    }
}
