package dev.handover.core;

import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.ReceiverRequirements;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handovers a person asks for: the named target is checked like any other and refused with the reason when unfit; the
 * settings are those of the rule the request names, else of the policy's first rule for its reason.
 */
final class Requests {
    private final Parts parts;

    Requests(Parts parts) {
        this.parts = parts;
    }

    /** What a manual handover would write, without writing it. */
    HandoverResult plan(HandoverRequest request) {
        Directory dir = parts.directory().get();
        Ticket ticket = read(request.ticket());
        Planner.Outcome o = parts.planner()
                .plan(requestSpec(request, ticket, parts.clock().instant(), dir), dir, new LiveWorkload(parts.crm()));
        return o instanceof Planner.Planned p
                ? HandoverResult.planned(p.plan())
                : HandoverResult.refused(ticket.id(), ((Planner.Refusal) o).why());
    }

    /** Hands a ticket over as a person asks. */
    HandoverResult handOver(HandoverRequest request) {
        Directory dir = parts.directory().get();
        Ticket ticket = read(request.ticket());
        Instant now = parts.clock().instant();
        Execution.Pending p = new Execution.Pending(
                requestSpec(request, ticket, now, dir),
                t -> Optional.of(requestSpec(request, t, parts.clock().instant(), dir)));
        return parts.execution()
                .execute(List.of(p), dir, new LiveWorkload(parts.crm()))
                .get(0);
    }

    private Planner.Spec requestSpec(HandoverRequest req, Ticket ticket, Instant now, Directory dir) {
        HandoverRule settings = req.rule()
                .map(id -> parts.policy()
                        .rule(id)
                        .orElseThrow(() -> new IllegalArgumentException("the policy has no rule '" + id + "'")))
                // a handover that names no rule is judged by the receiver check alone, not by the requirements
                // (skills, say) of whichever rule happens to share its reason
                .orElseGet(
                        () -> parts.builtIn().settingsFor(req.reason()).withRequirements(ReceiverRequirements.DEFAULT));
        Optional<Agent> sender = req.from()
                .map(id -> dir.agent(id)
                        .orElseThrow(() -> new IllegalArgumentException("sender " + id + " is not in the directory")))
                .or(() -> ticket.assignee().flatMap(dir::agent));
        return new Planner.Spec(
                ticket,
                now,
                HandoverRule.MANUAL,
                settings,
                List.of(req.target()),
                sender,
                req.reason(),
                req.detail(),
                req.summary(),
                req.history(),
                req.actionsTaken(),
                req.promises(),
                req.actions(),
                req.notifyCustomer().orElse(settings.notifyCustomer()),
                req.nextContact(),
                Optional.empty(),
                List.of(),
                req.idempotencyKey(),
                Map.of());
    }

    private Ticket read(TicketId id) {
        return parts.crm()
                .ticket(id)
                .orElseThrow(() -> new CrmNotFoundException(parts.crm().vendor(), "ticket " + id + " does not exist"));
    }
}
