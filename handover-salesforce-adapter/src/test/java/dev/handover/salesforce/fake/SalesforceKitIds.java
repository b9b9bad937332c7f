package dev.handover.salesforce.fake;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import dev.handover.testkit.compat.KitIds;

/**
 * The compatibility kit's ids in Salesforce's shape: 18-character ids with the right key prefixes — Cases {@code 500…},
 * Users {@code 005…}, Groups and Queues {@code 00G…}, Contacts {@code 003…} — numbered as the kit numbers them.
 */
public final class SalesforceKitIds implements KitIds {
    /** The one instance. */
    public static final SalesforceKitIds INSTANCE = new SalesforceKitIds();

    private SalesforceKitIds() {}

    @Override
    public TicketId ticket(int n) {
        return TicketId.of(Ids18.of("500", n));
    }

    @Override
    public AgentId agent(int n) {
        return AgentId.of(Ids18.of("005", n));
    }

    @Override
    public GroupId group(int n) {
        return GroupId.of(Ids18.of("00G", n));
    }

    @Override
    public String customer(int n) {
        return Ids18.of("003", n);
    }
}
