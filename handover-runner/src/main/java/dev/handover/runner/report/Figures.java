package dev.handover.runner.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * @param suggestions what to improve, in words: the patterns worth a line
 * @param zone the time zone of days, buckets and times shown
 * @param overTime handovers over time, in buckets that fit the period
 * @param people per agent and per receiving team
 * @param breakdowns per rule and per reason
 * @param worthALook every escalation, late acknowledgement, re-target, bounce and telling feedback, newest first
 * @param previous the previous period of the same length, for comparison; empty when not worked out
 * @param evidence the rows behind the figures: every row once, and by list name (see {@link Evidence}) newest first
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
        List<Suggestion> suggestions,
        ZoneId zone,
        OverTime overTime,
        People people,
        Breakdowns breakdowns,
        List<Evidence.Row> worthALook,
        Optional<Previous> previous,
        Evidence.Sorted evidence) {

    Figures {
        suggestions = List.copyOf(suggestions);
        worthALook = List.copyOf(worthALook);
    }

    /** The suggestions' texts. */
    List<String> suggestionTexts() {
        return suggestions.stream().map(Suggestion::text).toList();
    }

    /** The rows of a list, none when it has none. */
    List<Evidence.Row> rows(String list) {
        return evidence.lists().getOrDefault(list, List.of());
    }

    /** The same figures with these suggestions. */
    Figures withSuggestions(List<Suggestion> lines) {
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
                lines,
                zone,
                overTime,
                people,
                breakdowns,
                worthALook,
                previous,
                evidence);
    }

    /** The same figures compared with these of the previous period. */
    Figures withPrevious(Previous p) {
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
                suggestions,
                zone,
                overTime,
                people,
                breakdowns,
                worthALook,
                Optional.of(p),
                evidence);
    }

    /**
     * A line of "What to improve".
     *
     * @param text the line
     * @param list the evidence list of the cases it is about
     * @param cases how many rows that list holds
     */
    record Suggestion(String text, String list, long cases) {}

    /**
     * Handovers over time.
     *
     * @param unit {@code hour}, {@code day}, {@code week} (ISO, from Monday) or {@code month}, chosen by the length of
     *     the period
     * @param buckets every bucket from the first to the last, zeros included, oldest first
     */
    record OverTime(String unit, List<Bucket> buckets) {}

    /**
     * One bucket of the chart over time.
     *
     * @param key its start in the zone, ISO ({@code 2026-03-02}, {@code 2026-03-02T09:00}, {@code 2026-W10},
     *     {@code 2026-03})
     * @param label what the axis shows
     * @param handovers handovers in the bucket
     * @param incompleteNotes of those, with a required section missing
     * @param refused refusals in the bucket
     * @param failed failed writes in the bucket
     */
    record Bucket(String key, String label, long handovers, long incompleteNotes, long refused, long failed) {}

    /**
     * Per agent and per receiving team.
     *
     * @param agents every agent who gave, received, was reminded or gave feedback, most handovers first
     * @param teams every receiving team, most handovers first
     */
    record People(List<Person> agents, List<Person> teams) {}

    /**
     * One agent's (or team's) row.
     *
     * @param key the agent id (or team name)
     * @param label the name
     * @param given handovers they sent (for a team: not carried by the events, always 0)
     * @param received handovers they received
     * @param acknowledged of the received, acknowledged
     * @param ackP50 the median latency of those acknowledgements (nearest rank)
     * @param lateAcks of the acknowledged, after the deadline
     * @param actionsDone actions of handovers they received completed in the period
     * @param actionsOnTime of those, on time
     * @param reminders reminders sent to them (for a team: to the receivers of its handovers)
     * @param escalations escalations of handovers they received
     * @param feedbackGiven feedback they gave (for a team: on its handovers)
     * @param feedbackReceived feedback on handovers they sent (for a team: not carried, always 0)
     */
    record Person(
            String key,
            String label,
            long given,
            long received,
            long acknowledged,
            Optional<Duration> ackP50,
            long lateAcks,
            long actionsDone,
            long actionsOnTime,
            long reminders,
            long escalations,
            long feedbackGiven,
            long feedbackReceived) {}

    /**
     * Per rule and per reason.
     *
     * @param rules by rule id, most handovers first
     * @param reasons by reason, most handovers first
     */
    record Breakdowns(List<Breakdown> rules, List<Breakdown> reasons) {}

    /**
     * One rule's or reason's row.
     *
     * @param key the rule id or reason code
     * @param label the rule id or the reason's label
     * @param handovers handovers of the period
     * @param lateAcks of those, acknowledged after the deadline
     * @param escalations escalations in the period of those handovers (or earlier ones the journal holds)
     * @param bounces of the handovers, bounces
     * @param incompleteNotes of the handovers, with a required section missing
     */
    record Breakdown(
            String key,
            String label,
            long handovers,
            long lateAcks,
            long escalations,
            long bounces,
            long incompleteNotes) {}

    /**
     * The headline figures of the period before, of the same length.
     *
     * @param from its start
     * @param until its end (the start of this period)
     * @param hasData whether any event of the journal falls in it
     * @param handovers handovers
     * @param acknowledgedShare acknowledged of those that asked
     * @param lateAcks acknowledged after the deadline
     * @param p50 median acknowledgement latency
     * @param onTimeShare actions done on time of those done
     * @param escalations escalations
     * @param bounceRate bounces of handovers
     * @param notesCompleteShare notes with every required section
     */
    record Previous(
            Instant from,
            Instant until,
            boolean hasData,
            long handovers,
            Optional<Double> acknowledgedShare,
            long lateAcks,
            Optional<Duration> p50,
            Optional<Double> onTimeShare,
            long escalations,
            Optional<Double> bounceRate,
            Optional<Double> notesCompleteShare) {}

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
