package dev.handover.core;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.retry.Retries;
import dev.handover.core.routing.Selection;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Writes planned handovers: plans each, writes them in batches of the connector's size, retries what failed
 * transiently with the same idempotency key, re-reads and re-plans once what conflicted (the ticket changed since it
 * was read), and tells the listeners what became of each.
 */
final class Execution {
    private final CrmConnector crm;
    private final Planner planner;
    private final Clock clock;
    private final Retries retries;
    private final HandoverListener events;

    Execution(CrmConnector crm, Planner planner, Clock clock, Retries retries, HandoverListener events) {
        this.crm = crm;
        this.planner = planner;
        this.clock = clock;
        this.retries = retries;
        this.events = events;
    }

    /** A handover to write, and how to plan it again from a fresh read after a conflict. */
    record Pending(Planner.Spec spec, Function<Ticket, Optional<Planner.Spec>> replan) {}

    private record Attempt(Pending pending, HandoverPlan plan) {}

    List<HandoverResult> execute(List<Pending> pending, Directory dir, LiveWorkload workload) {
        Map<Pending, HandoverResult> results = new LinkedHashMap<>();
        List<Attempt> toWrite = new ArrayList<>();
        Map<TicketId, Planner.FirstPage> history = planner.recentHistory(
                pending.stream().map(p -> p.spec().ticket()).toList());
        for (Pending p : pending) {
            planInto(p, p.spec(), dir, workload, results, toWrite, history);
        }
        write(toWrite, dir, workload, results, true);
        List<HandoverResult> out = new ArrayList<>();
        for (Pending p : pending) {
            out.add(results.get(p));
        }
        return out;
    }

    private void planInto(
            Pending p,
            Planner.Spec spec,
            Directory dir,
            LiveWorkload workload,
            Map<Pending, HandoverResult> results,
            List<Attempt> toWrite,
            Map<TicketId, Planner.FirstPage> history) {
        Ticket t = spec.ticket();
        try {
            Planner.Outcome o = planner.plan(spec, dir, workload, history);
            if (o instanceof Planner.Refusal r) {
                EngineLog.LOG.info("handover of ticket {} refused: rule {}", t.id(), spec.ruleId());
                events.on(new HandoverEvent.Refused(
                        clock.instant(), t.id(), spec.ruleId(), spec.reason().code(), r.why()));
                results.put(p, HandoverResult.refused(t.id(), r.why()));
                return;
            }
            HandoverPlan plan = ((Planner.Planned) o).plan();
            workload.moved(t.assignee(), plan.receiver().agent().map(Agent::id));
            toWrite.add(new Attempt(p, plan));
        } catch (CrmException e) {
            fail(p, spec, Optional.empty(), e, results);
        }
    }

    private void write(
            List<Attempt> attempts,
            Directory dir,
            LiveWorkload workload,
            Map<Pending, HandoverResult> results,
            boolean mayReplan) {
        if (attempts.isEmpty()) {
            return;
        }
        List<Attempt> remaining = attempts;
        List<Attempt> conflicted = new ArrayList<>();
        Set<Attempt> failedBefore = new HashSet<>();
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            List<UpdateResult> written = writeAll(remaining);
            List<Attempt> retry = new ArrayList<>();
            CrmException lastRetryable = null;
            for (int i = 0; i < remaining.size(); i++) {
                Attempt a = remaining.get(i);
                UpdateResult r = written.get(i);
                if (r.isSuccess()) {
                    // a replay after our own transient failure is our write that landed (its response was lost)
                    succeeded(a, r.status() == UpdateResult.Status.REPLAYED && !failedBefore.contains(a), results);
                    continue;
                }
                CrmException e = r.error().get();
                if (e instanceof CrmConflictException && mayReplan) {
                    workload.moved(
                            a.plan().receiver().agent().map(Agent::id),
                            a.plan().ticket().assignee());
                    conflicted.add(a);
                } else if (e.isRetryable() && retries.canRetry(attempt)) {
                    retry.add(a);
                    failedBefore.add(a);
                    lastRetryable = e;
                } else {
                    fail(a.pending(), a.pending().spec(), Optional.of(a.plan()), e, results);
                }
            }
            if (!retry.isEmpty()) {
                retries.pause(lastRetryable, attempt);
            }
            remaining = retry;
        }
        if (!conflicted.isEmpty()) {
            replan(conflicted, dir, workload, results);
        }
    }

    private List<UpdateResult> writeAll(List<Attempt> attempts) {
        List<TicketUpdate> updates =
                attempts.stream().map(a -> a.plan().update()).toList();
        if (updates.size() == 1) {
            try {
                return List.of(crm.apply(updates.get(0)));
            } catch (CrmException e) {
                return List.of(UpdateResult.failed(updates.get(0).ticket(), e));
            }
        }
        try {
            return crm.applyAll(updates);
        } catch (CrmException e) {
            // the whole call failed before any per-item outcome was known: every item failed the same way
            return updates.stream().map(u -> UpdateResult.failed(u.ticket(), e)).toList();
        }
    }

    private void replan(
            List<Attempt> conflicted, Directory dir, LiveWorkload workload, Map<Pending, HandoverResult> results) {
        Map<TicketId, Ticket> fresh = crm.tickets(
                conflicted.stream().map(a -> a.plan().ticket().id()).distinct().toList());
        List<Attempt> again = new ArrayList<>();
        for (Attempt a : conflicted) {
            Ticket t = fresh.get(a.plan().ticket().id());
            EngineLog.LOG.info(
                    "ticket {} changed while handover {} was written; re-planning once",
                    a.plan().ticket().id(),
                    a.plan().id());
            if (t == null) {
                fail(
                        a.pending(),
                        a.pending().spec(),
                        Optional.of(a.plan()),
                        new CrmNotFoundException(
                                crm.vendor(), "ticket " + a.plan().ticket().id() + " disappeared"),
                        results);
                continue;
            }
            Optional<Planner.Spec> spec = a.pending().replan().apply(t);
            if (spec.isEmpty()) {
                results.put(
                        a.pending(),
                        new HandoverResult(
                                t.id(),
                                HandoverResult.Status.NOT_APPLICABLE,
                                Optional.empty(),
                                "the ticket changed meanwhile and the handover no longer applies",
                                Optional.empty()));
                continue;
            }
            planInto(a.pending(), spec.get(), dir, workload, results, again, Map.of());
        }
        write(again, dir, workload, results, false);
    }

    private void succeeded(Attempt a, boolean replayed, Map<Pending, HandoverResult> results) {
        HandoverPlan plan = a.plan();
        Instant now = clock.instant();
        MDC.put("ticket", plan.ticket().id().value());
        MDC.put("handover", plan.id().value());
        try {
            EngineLog.LOG.info(
                    "handover {} of ticket {} {}: rule {}, reason {}, to {}",
                    plan.id(),
                    plan.ticket().id(),
                    replayed ? "was already written (replay)" : "written",
                    plan.rule(),
                    plan.reason().code(),
                    receiverId(plan));
        } finally {
            MDC.remove("ticket");
            MDC.remove("handover");
        }
        events.on(new HandoverEvent.Executed(
                now,
                plan.ticket().id(),
                plan.id(),
                plan.rule(),
                plan.reason().code(),
                plan.sender().map(Agent::id),
                plan.receiver().agent().map(Agent::id),
                plan.receiver().group().map(g -> g.id()),
                replayed,
                plan.customerNotice().isPresent(),
                plan.update().newTasks().size(),
                plan.missing(),
                plan.note().chain().size() + 1,
                plan.note().acknowledgeBy()));
        if (!replayed) {
            Selection.Chosen chosen = plan.selection();
            events.on(new HandoverEvent.ReceiverChosen(
                    now,
                    plan.ticket().id(),
                    plan.id(),
                    receiverId(plan),
                    chosen.target().describe(),
                    chosen.consideredCount(),
                    chosen.qualifiedCount(),
                    chosen.passedOver(),
                    chosen.fallbacks(),
                    chosen.explanation()));
        }
        for (String w : plan.warnings()) {
            events.on(new HandoverEvent.Warned(now, plan.ticket().id(), plan.id(), w));
        }
        results.put(a.pending(), HandoverResult.done(plan, replayed));
    }

    private void fail(
            Pending p,
            Planner.Spec spec,
            Optional<HandoverPlan> plan,
            CrmException e,
            Map<Pending, HandoverResult> results) {
        TicketId t = spec.ticket().id();
        EngineLog.LOG.warn(
                "handover of ticket {} failed ({}): {}",
                t,
                e.isRetryable() ? "retryable" : "not retryable",
                e.getClass().getSimpleName());
        events.on(new HandoverEvent.Failed(
                clock.instant(), t, plan.map(HandoverPlan::id), spec.ruleId(), e.getMessage(), e.isRetryable()));
        results.put(p, HandoverResult.failed(t, plan, e));
    }

    static String receiverId(HandoverPlan plan) {
        return plan.receiver()
                .agent()
                .map(a -> "agent " + a.id())
                .orElseGet(() -> "group " + plan.receiver().group().get().id());
    }
}
