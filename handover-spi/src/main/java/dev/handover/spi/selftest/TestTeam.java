package dev.handover.spi.selftest;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import java.util.Objects;
import java.util.Optional;

/**
 * The people a self-test may involve, all named in the configuration: never a real customer.
 *
 * @param requesterEmail the test requester's email address; test tickets are theirs and customer notices go to them
 * @param requesterName the test requester's name
 * @param sender the test agent a test ticket starts with
 * @param receiver the test agent it is handed over to
 * @param group the group both belong to, where the CRM needs one
 */
public record TestTeam(
        String requesterEmail, String requesterName, AgentId sender, AgentId receiver, Optional<GroupId> group) {
    /** Validates the components: two different agents and an address with an {@code @}. */
    public TestTeam {
        Objects.requireNonNull(requesterEmail, "requester email");
        Objects.requireNonNull(requesterName, "requester name");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(group, "group");
        if (!requesterEmail.contains("@")) {
            throw new IllegalArgumentException("the test requester's email '" + requesterEmail + "' has no @");
        }
        if (sender.equals(receiver)) {
            throw new IllegalArgumentException("the test sender and receiver are both " + sender);
        }
    }
}
