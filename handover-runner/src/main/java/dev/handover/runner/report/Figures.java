package dev.handover.runner.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a review, as computed by {@link Tally}; every rendering reads only these.
 *
 * @param from the start of the period (inclusive)
 * @param until the end of the period (exclusive)
 * @param volume how many handovers, why, to and from whom, per day
 * @param refusals handovers the engine refused
 * @param failures handovers whose write failed
 * @param acks acknowledgement of the handovers of the period
 * @param actions handed-over actions completed in the period
 * @param reminders reminders sent in the period
 * @param escalations escalations in the period
 * @param followUps follow-ups closed in the period
 * @param bounces tickets handed straight back to their sender
 * @param chains how many times the tickets of the period have changed hands
 * @param notes completeness of the notes of the period's handovers
 * @param feedback receivers' feedback given in the period
 * @param suggestions what to improve, in words
 */
record Figures(
        Instant from,
        Instant until,
        Volume volume,
        Refusals refusals,
        Failures failures,
        Acks acks,
        Actions actions,
        Reminders reminders,
        Escalations escalations,
        FollowUps followUps,
        Bounces bounces,
        Chains chains,
        Notes notes,
        Feedback feedback,
        List<String> suggestions) {

    Figures {
        suggestions = List.copyOf(suggestions);
    }

    /** The same figures with these suggestions. */
    Figures withSuggestions(List<String> lines) {
        return new Figures(
                from,
                until,
                volume,
                refusals,
                failures,
                acks,
                actions,
                reminders,
                escalations,
                followUps,
                bounces,
                chains,
                notes,
                feedback,
                lines);
    }

    /**
     * One bar of a breakdown.
     *
     * @param key a stable identifier (a reason code, an agent id, a section name, a date)
     * @param label what people read
     * @param count how many
     */
    record Count(String key, String label, long count) {}

    /**
     * The handovers of the period.
     *
     * @param handovers distinct handovers (by handover id)
     * @param fromReplay of those, how many are known only from the record of a replay after a restart
     * @param customerNotified how many told the customer
     * @param byReason by reason, most first
     * @param byTeam by receiving team, most first
     * @param byReceiver by receiving agent, most first
     * @param bySender by sending agent, most first
     * @param perDay every day of the period (UTC), oldest first
     */
    record Volume(
            long handovers,
            long fromReplay,
            long customerNotified,
            List<Count> byReason,
            List<Count> byTeam,
            List<Count> byReceiver,
            List<Count> bySender,
            List<Day> perDay) {}

    /**
     * One day of the trend.
     *
     * @param date the UTC date
     * @param handovers handovers that day
     * @param incompleteNotes of those, with a required note section missing
     * @param refused handovers refused that day
     * @param failed handover writes that failed that day
     */
    record Day(LocalDate date, long handovers, long incompleteNotes, long refused, long failed) {}

    /**
     * Refused handovers.
     *
     * @param count refusals (a rule re-evaluated later may be refused again: each counts)
     * @param tickets distinct tickets refused
     * @param byGuard refusals of a hand-back by the ping-pong guard
     * @param causes the most frequent causes, most first
     */
    record Refusals(long count, long tickets, long byGuard, List<Count> causes) {}

    /**
     * Failed handover writes.
     *
     * @param count failures
     * @param retryable of those, how many the engine called retryable
     * @param causes the most frequent errors, most first
     */
    record Failures(long count, long retryable, List<Count> causes) {}

    /**
     * Acknowledgement of the period's handovers that asked for one, as of the end of the period.
     *
     * @param needed handovers with an acknowledgement deadline
     * @param acknowledged of those, acknowledged
     * @param late of the acknowledged, after the deadline
     * @param retargeted of those needed, re-targeted because nobody acknowledged
     * @param pending neither acknowledged nor re-targeted
     * @param overdue of the pending, whose deadline had passed
     * @param p50 the median latency (nearest rank), when anything was acknowledged
     * @param p90 the 90th percentile latency (nearest rank)
     * @param byMethod acknowledgements by method, in the engine's order
     * @param latency acknowledgements by latency bucket, shortest first
     */
    record Acks(
            long needed,
            long acknowledged,
            long late,
            long retargeted,
            long pending,
            long overdue,
            Optional<Duration> p50,
            Optional<Duration> p90,
            List<Count> byMethod,
            List<Count> latency) {}

    /**
     * Handed-over actions completed in the period.
     *
     * @param completed actions completed
     * @param onTime of those, by their deadline
     */
    record Actions(long completed, long onTime) {}

    /**
     * Reminders sent in the period.
     *
     * @param total reminders
     * @param byKind by kind ({@code check-in}, {@code overdue}, {@code acknowledgement}, {@code contact}), most first
     */
    record Reminders(long total, List<Count> byKind) {}

    /**
     * Escalations in the period.
     *
     * @param total escalations
     * @param toNobody of those, where the ladder found nobody to take it
     * @param byLevel by rung of the ladder, lowest first
     * @param byCause by why the item was not done, most first
     */
    record Escalations(long total, long toNobody, List<Count> byLevel, List<Cause> byCause) {}

    /**
     * A cause of escalations with examples of what it meant for the customer.
     *
     * @param key a stable code of the cause
     * @param label the cause in words
     * @param count escalations
     * @param impacts the most frequent impacts stated, most first (at most three)
     */
    record Cause(String key, String label, long count, List<String> impacts) {}

    /**
     * Follow-ups that ended in the period.
     *
     * @param closed follow-ups closed
     * @param byOutcome by outcome, most first
     * @param reconciled handovers whose missing tasks were repaired
     */
    record FollowUps(long closed, List<Count> byOutcome, long reconciled) {}

    /**
     * Tickets handed straight back.
     *
     * @param count handovers of the period that sent a ticket straight back to whoever had just handed it over
     * @param window how soon after the first handover a hand-back counts as a bounce
     * @param refusedByGuard hand-backs the ping-pong guard refused in the period
     * @param pairs the pairs of agents between whom tickets bounced, most first
     */
    record Bounces(long count, Duration window, long refusedByGuard, List<Count> pairs) {}

    /**
     * How many times tickets changed hands.
     *
     * @param tickets tickets handed over in the period
     * @param distribution tickets by their longest chain in the period: 1, 2, 3, 4+
     * @param longest the tickets with the longest chains, longest first
     */
    record Chains(long tickets, List<Count> distribution, List<Chain> longest) {}

    /**
     * One ticket's chain.
     *
     * @param ticket the ticket
     * @param length its chain length (handovers so far, from the engine)
     * @param path who held it, as far as the journal shows, oldest first
     */
    record Chain(String ticket, int length, List<String> path) {}

    /**
     * Completeness of the period's handover notes.
     *
     * @param complete handovers with no required section missing
     * @param missing sections found missing, most first
     */
    record Notes(long complete, List<Count> missing) {}

    /**
     * Receivers' feedback given in the period.
     *
     * @param count feedback given
     * @param receivers distinct receivers who gave it
     * @param sections sections named missing or unclear, most first
     * @param comments the newest comments, newest first
     */
    record Feedback(long count, long receivers, List<Count> sections, List<Comment> comments) {}

    /**
     * A receiver's comment.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param from who gave it (a name, else the agent id)
     * @param missing the sections they named, in words
     * @param text the comment
     */
    record Comment(Instant at, String ticket, String handover, String from, List<String> missing, String text) {}

    /** {@code part / whole}, or empty when there is no whole. */
    static Optional<Double> share(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }
}
