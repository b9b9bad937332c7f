package dev.handover.core;

import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverRule;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Handovers a person asks for: the named target is checked like any other and refused with the reason when unfit; the
 * settings are those of the rule the request names, else of the policy's first rule for its reason.
 */
final class Requests {
    private final HandoverPolicy policy;
    private final CrmConnector crm;
    private final Clock clock;
    private final Supplier<Directory> directory;
    private final BuiltInRules builtIn;
    private final Planner planner;
    private final Execution execution;

    Requests(
            HandoverPolicy policy,
            CrmConnector crm,
            Clock clock,
            Supplier<Directory> directory,
            BuiltInRules builtIn,
            Planner planner,
            Execution execution) {
        this.policy = policy;
        this.crm = crm;
        this.clock = clock;
        this.directory = directory;
        this.builtIn = builtIn;
        this.planner = planner;
        this.execution = execution;
    }

    /** What a manual handover would write, without writing it. */
    HandoverResult plan(HandoverRequest request) {
        Directory dir = directory.get();
        Ticket ticket = read(request.ticket());
        Planner.Outcome o =
                planner.plan(requestSpec(request, ticket, clock.instant(), dir), dir, new LiveWorkload(crm));
        return o instanceof Planner.Planned p
                ? HandoverResult.planned(p.plan())
                : HandoverResult.refused(ticket.id(), ((Planner.Refusal) o).why());
    }

    /** Hands a ticket over as a person asks. */
    HandoverResult handOver(HandoverRequest request) {
        Directory dir = directory.get();
        Ticket ticket = read(request.ticket());
        Instant now = clock.instant();
        Execution.Pending p = new Execution.Pending(
                requestSpec(request, ticket, now, dir),
                t -> Optional.of(requestSpec(request, t, clock.instant(), dir)));
        return execution.execute(List.of(p), dir, new LiveWorkload(crm)).get(0);
    }

    private Planner.Spec requestSpec(HandoverRequest req, Ticket ticket, Instant now, Directory dir) {
        HandoverRule settings = req.rule()
                .map(id -> policy.rule(id)
                        .orElseThrow(() -> new IllegalArgumentException("the policy has no rule '" + id + "'")))
                .orElseGet(() -> builtIn.settingsFor(req.reason()));
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
        return crm.ticket(id)
                .orElseThrow(() -> new CrmNotFoundException(crm.vendor(), "ticket " + id + " does not exist"));
    }
}
