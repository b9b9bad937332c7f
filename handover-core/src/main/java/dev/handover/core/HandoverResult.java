package dev.handover.core;

import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.TicketId;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one ticket: planned (dry run), handed over, already handed over (a replay), not applicable (no rule
 * applied), refused (nobody could take it, or the note was incomplete), or failed (the CRM refused or was unavailable).
 *
 * @param ticket the ticket
 * @param status the outcome
 * @param plan the plan, when one was made
 * @param message in words: why refused, what failed, or a summary
 * @param error the CRM's error, when failed
 */
public record HandoverResult(
        TicketId ticket, Status status, Optional<HandoverPlan> plan, String message, Optional<CrmException> error) {

    /** The outcome of one ticket. */
    public enum Status {
        /** Worked out, not written (dry run). */
        PLANNED,
        /** Written now. */
        HANDED_OVER,
        /** Written before; the retry wrote nothing. */
        REPLAYED,
        /** No rule applied. */
        NOT_APPLICABLE,
        /** A rule applied but the handover could not be made as the policy requires. */
        REFUSED,
        /** The CRM refused the write or was unavailable. */
        FAILED
    }

    /** Validates. */
    public HandoverResult {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(error, "error");
    }

    /** True when the ticket is with its receiver now (handed over now or before). */
    public boolean isHandedOver() {
        return status == Status.HANDED_OVER || status == Status.REPLAYED;
    }

    /**
     * True when a failed write may have landed all the same: the CRM was unavailable (a lost answer, a time-out, a
     * 5xx) or failed unexpectedly. A conflict, a refused request, a missing ticket, a refused credential or a rate
     * limit answer a write that was not made. {@link Handovers#settle(java.util.Collection)} reads the ticket to
     * find out.
     */
    public boolean isOutcomeUnknown() {
        return status == Status.FAILED
                && plan.isPresent()
                && error.map(e -> !(e instanceof dev.handover.spi.error.CrmConflictException
                                || e instanceof dev.handover.spi.error.CrmInvalidRequestException
                                || e instanceof dev.handover.spi.error.CrmNotFoundException
                                || e instanceof dev.handover.spi.error.CrmUnauthorizedException
                                || e instanceof dev.handover.spi.error.CrmRateLimitedException))
                        .orElse(true);
    }

    /** True when retrying later may succeed (a transient CRM failure). */
    public boolean isRetryable() {
        return error.map(CrmException::isRetryable).orElse(false);
    }

    static HandoverResult notApplicable(TicketId ticket) {
        return new HandoverResult(ticket, Status.NOT_APPLICABLE, Optional.empty(), "no rule applies", Optional.empty());
    }

    static HandoverResult refused(TicketId ticket, String why) {
        return new HandoverResult(ticket, Status.REFUSED, Optional.empty(), why, Optional.empty());
    }

    static HandoverResult planned(HandoverPlan plan) {
        return new HandoverResult(
                plan.ticket().id(), Status.PLANNED, Optional.of(plan), summary(plan), Optional.empty());
    }

    static HandoverResult done(HandoverPlan plan, boolean replayed) {
        return new HandoverResult(
                plan.ticket().id(),
                replayed ? Status.REPLAYED : Status.HANDED_OVER,
                Optional.of(plan),
                summary(plan),
                Optional.empty());
    }

    static HandoverResult failed(TicketId ticket, Optional<HandoverPlan> plan, CrmException error) {
        return new HandoverResult(ticket, Status.FAILED, plan, error.getMessage(), Optional.of(error));
    }

    private static String summary(HandoverPlan plan) {
        return plan.reason().label() + " → " + plan.receiver().describe();
    }
}
