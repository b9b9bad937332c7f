package dev.handover.spi.inbound;

import dev.handover.spi.model.TicketId;
import java.util.Objects;
import java.util.Set;

/** What an {@link InboundVerifier} made of a delivery: accepted, naming its tickets, or refused with a reason. */
public sealed interface InboundVerdict {

    /**
     * The delivery is authentic and recent.
     *
     * @param deliveryId the CRM's id of the event, for de-duplication: CRMs deliver at least once
     * @param tickets the tickets to look at now; empty when the event concerns nothing the engine handles (a handover
     *     task, a ticket deleted)
     * @param description one line for logs: what happened to which ticket; never customer text
     */
    record Accepted(String deliveryId, Set<TicketId> tickets, String description) implements InboundVerdict {
        /** Validates and copies. */
        public Accepted {
            Objects.requireNonNull(deliveryId, "delivery id");
            if (deliveryId.isBlank()) {
                throw new IllegalArgumentException("delivery id must not be blank");
            }
            tickets = Set.copyOf(Objects.requireNonNull(tickets, "tickets"));
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * The delivery is refused; nothing of it is processed.
     *
     * @param reason why, as a kind a listener maps to an HTTP status
     * @param detail one line for logs and the answer's body ("bad signature", "expired"); never the signature or secret
     */
    record Refused(Reason reason, String detail) implements InboundVerdict {
        /** Validates. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a delivery is refused. */
    enum Reason {
        /** Not signed, or the signature does not verify (wrong secret, tampered body): answer 401. */
        UNAUTHENTIC(401),
        /** Signed, but too old or too far in the future: possibly a replay. Answer 401. */
        STALE(401),
        /** Authentic, but not an event this adapter understands: answer 400. */
        MALFORMED(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status a listener answers with. */
        public int httpStatus() {
            return httpStatus;
        }
    }
}
