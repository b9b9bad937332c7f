package dev.handover.runner.report;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.AcknowledgementMethod;
import dev.handover.core.note.NoteSection;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-built journal of one week (Mon 2 – Sun 8 Mar 2026) whose every figure follows from how it is built. The
 * handovers, by id (ticket, sender → receiver, day):
 *
 * <pre>
 * H0  106 cara → anna  Sun 23:00, before the period (context)  chain 1
 * H1  100 anna → ben   Mon 09:00  shift-change  told   ack by +60m, acknowledged after 5 min (task)    chain 1
 *                                 (journaled twice: a replay line follows)
 * H2  101 anna → cara  Mon 10:00  complaint     told   PROMISES missing; ack 10 min (explicit)         chain 1
 * H7  100 ben → anna   Mon 11:00  shift-change  — a bounce: 2 h after H1 went anna → ben              chain 2
 * H9  106 anna → cara  Mon 01:00  absence       — a bounce: 2 h after H0 (before the period)          chain 2
 * H3  102 ben → anna   Tue 09:00  vip-routing (custom)  told  group label "Billing L2" only
 *                                 PROMISES, HISTORY missing; ack by +15m, acknowledged after 20 min (comment): late
 * H4  103 cara → ben   Tue 14:00  shift-change  group id g-tech, no labels; ack by +30m, after 40 min (task): late
 *                                 chain 3
 * H5  104 — → dev      Wed 09:00  workload      no group, dev unlabelled; never acknowledged, re-targeted
 * H6  105 ben → anna   Wed 15:00  shift-change  PROMISES missing; ack by 16:00, never acknowledged: overdue
 * H8  100 anna → ben   Wed 11:00  shift-change  not a bounce: 2 days after H7                        chain 3
 * H11 107 ben → cara   Thu 10:00  escalation                                                          chain 5
 * H12 108 anna → ben   Mon 9 Mar 01:00, after the period: ignored
 * </pre>
 *
 * Teams: "EMEA Support" for all but H3, H4, H5.
 *
 * <p>Per agent, as the construction implies (acknowledgement, actions and escalations are of the handovers the agent
 * received; feedback received is on the handovers the agent sent):
 *
 * <pre>
 *        given            received       ack (latency)   late  actions done/on time  reminders     escalations  fb given  fb received
 * anna   H1 H2 H8 H9 (4)  H3 H6 H7 (3)   H3 20 min       H3    h3 late: 1/0          h3, h6 (2)    h3 ×2, h6 (3) on h3     on h2 (cara's)
 * ben    H3 H6 H7 H11 (4) H1 H4 H8 (3)   H1 5, H4 40     H4    h1, h4: 2/2           h4 (1)        0            on h4     on h3 (anna's)
 * cara   H4 (1)           H2 H9 H11 (3)  H2 10 min       0     h2: 1/1               0             0            on h2     on h4 (ben's)
 * dev    0                H5 (1)         —               0     0                     h5 (1)        0            0         0
 * </pre>
 *
 * Ben's median is 5 min: of 5 and 40 minutes the nearest rank ⌈0.5 × 2⌉ = 1. The previous week (23 Feb – 1 Mar) holds
 * only H0 (no acknowledgement asked, note complete) and its action, completed late: 1 handover, acknowledged share and
 * median "no data", 0 late, 0% on time, 0 escalations, bounce rate 0%, notes complete 100%.
 */
final class ReviewFixture {
    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-03-09T00:00:00Z");
    static final Instant GENERATED = Instant.parse("2026-03-09T07:30:00Z");

    static final String EMEA = "EMEA Support";
    static final Map<String, String> NAMES = Map.of("anna", "Anna Schmidt", "ben", "Ben Okoro", "cara", "Cara Diaz");

    // ---------------------------------------------------------------- what the construction implies

    /** H1–H9 and H11; the replay line of H1, H0 (before) and H12 (after) do not count. */
    static final int HANDOVERS = 10;
    /** H1, H4, H6, H7, H8. */
    static final int SHIFT_CHANGES = 5;
    /** H1, H2, H3. */
    static final int NOTIFIED = 3;
    /** All but H2, H3, H6. */
    static final int COMPLETE_NOTES = 7;
    /** H2, H3, H6. */
    static final int PROMISES_MISSING = 3;
    /** H1, H2, H6, H7, H8, H9, H11. */
    static final int EMEA_HANDOVERS = 7;
    /** H1–H6 ask for an acknowledgement. */
    static final int ACK_NEEDED = 6;
    /** H1, H2, H3, H4 after 5, 10, 20 and 40 minutes. */
    static final List<Duration> LATENCIES =
            List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40));
    /** H3 and H4. */
    static final int LATE = 2;
    /** H7 (answers H1) and H9 (answers H0). */
    static final int BOUNCES = 2;
    /** R1 and R2 on ticket 108. */
    static final int GUARD_REFUSALS = 2;
    /** Tickets 100–107. */
    static final int TICKETS = 8;

    /** Per agent: given, received, acknowledged, late, actions done, on time, reminders, escalations, fb given, received. */
    static final Map<String, List<Long>> PER_AGENT = Map.of(
            "anna", List.of(4L, 3L, 1L, 1L, 1L, 0L, 2L, 3L, 1L, 1L),
            "ben", List.of(4L, 3L, 2L, 1L, 2L, 2L, 1L, 0L, 1L, 1L),
            "cara", List.of(1L, 3L, 1L, 0L, 1L, 1L, 0L, 0L, 1L, 1L),
            "dev", List.of(0L, 1L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L));
    /** Median acknowledgement latency of what each agent received. */
    static final Map<String, Duration> AGENT_P50 =
            Map.of("anna", Duration.ofMinutes(20), "ben", Duration.ofMinutes(5), "cara", Duration.ofMinutes(10));

    static final String HOSTILE_COMMENT = "<script>alert(1)</script> & what was tried?";

    private ReviewFixture() {}

    static Instant at(int day, int hour, int minute) {
        return FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    /** The journal, in the order a worker would have written it (not quite chronological). */
    static List<JournalEntry> journal() {
        List<JournalEntry> j = new ArrayList<>();
        j.add(handover("h0", "106", at(-1, 23, 0))
                .from("cara")
                .to("anna")
                .team(EMEA)
                .chain(1)
                .entry());
        j.add(action("h0", at(-1, 23, 30), false)); // completed before the period: not counted
        j.add(handover("h9", "106", at(0, 1, 0))
                .from("anna")
                .to("cara")
                .team(EMEA)
                .reason("absence")
                .chain(2)
                .entry());
        j.add(handover("h1", "100", at(0, 9, 0))
                .from("anna", "A. Schmidt") // an older name: the newest one wins
                .to("ben")
                .team(EMEA)
                .notified()
                .ackWithin(60)
                .chain(1)
                .entry());
        j.add(handover("h1", "100", at(0, 9, 1))
                .from("anna")
                .to("ben")
                .team(EMEA)
                .replayed()
                .entry());
        j.add(ack("h1", "ben", at(0, 9, 0), 5, AcknowledgementMethod.TASK));
        j.add(ack("h1", "ben", at(0, 9, 0), 30, AcknowledgementMethod.EXPLICIT)); // twice: the first counts
        j.add(handover("h2", "101", at(0, 10, 0))
                .from("anna")
                .to("cara")
                .team(EMEA)
                .reason("complaint")
                .notified()
                .missing(NoteSection.PROMISES)
                .ackWithin(60)
                .chain(1)
                .entry());
        j.add(ack("h2", "cara", at(0, 10, 0), 10, AcknowledgementMethod.EXPLICIT));
        j.add(handover("h7", "100", at(0, 11, 0))
                .from("ben")
                .to("anna")
                .team(EMEA)
                .chain(2)
                .entry());
        j.add(action("h1", at(0, 12, 0), true));
        j.add(action("h1", at(0, 12, 5), true)); // the same item again: counted once
        j.add(refused("108", at(0, 12, 0), guardWhy()));
        j.add(refused("108", at(0, 13, 0), guardWhy()));
        j.add(feedback(
                "h2",
                "101",
                "cara",
                at(1, 8, 0),
                List.of(NoteSection.PROMISES),
                "What did we promise about the refund?"));
        j.add(handover("h3", "102", at(1, 9, 0))
                .from("ben")
                .to("anna")
                .group("g-billing", "Billing L2")
                .reason("vip-routing")
                .notified()
                .missing(NoteSection.PROMISES, NoteSection.HISTORY)
                .ackWithin(15)
                .chain(2)
                .entry());
        j.add(ack("h3", "anna", at(1, 9, 0), 20, AcknowledgementMethod.COMMENT));
        j.add(refused(
                "109",
                at(1, 10, 0),
                "no agent in Billing L2 has the skill refunds and is on shift before" + " Tue 3 Mar 13:50 UTC"));
        j.add(handover("h4", "103", at(1, 14, 0))
                .from("cara")
                .to("ben")
                .group("g-tech", null)
                .noLabels()
                .ackWithin(30)
                .chain(3)
                .entry());
        j.add(reminder("h4", "action-1", "ben", "check-in", 0, at(1, 15, 0)));
        j.add(ack("h4", "ben", at(1, 14, 0), 40, AcknowledgementMethod.TASK));
        j.add(action("h2", at(1, 16, 0), true));
        j.add(closed("h1", at(1, 17, 0), "completed"));
        j.add(reminder("h3", "action-1", "anna", "overdue", 1, at(1, 18, 0)));
        j.add(escalation(
                "h3",
                at(1, 19, 0),
                1,
                "agent oliver",
                "Ben Okoro is off shift until Wed 4 Mar 08:00 Europe/London",
                "the promise \"refund\" was due Tue 3 Mar 17:00 and has passed"));
        j.add(feedback(
                "h3", "102", "anna", at(2, 8, 0), List.of(NoteSection.PROMISES, NoteSection.HISTORY), HOSTILE_COMMENT));
        j.add(handover("h5", "104", at(2, 9, 0))
                .to("dev", null)
                .reason("workload")
                .ackWithin(60)
                .chain(1)
                .entry());
        j.add(reminder("h5", "ack", "dev", "acknowledgement", 1, at(2, 10, 30)));
        j.add(handover("h8", "100", at(2, 11, 0))
                .from("anna")
                .to("ben")
                .team(EMEA)
                .chain(3)
                .entry());
        j.add(new JournalEntry(
                new HandoverEvent.Retargeted(
                        at(2, 12, 0),
                        TicketId.of("104"),
                        HandoverId.of("h5"),
                        HandoverId.of("h5b"),
                        AgentId.of("dev"),
                        "group triage"),
                Map.of()));
        j.add(closed("h5", at(2, 12, 0), "retargeted"));
        j.add(action("h3", at(2, 13, 0), false));
        j.add(closed("h2", at(2, 14, 0), "completed"));
        j.add(handover("h6", "105", at(2, 15, 0))
                .from("ben")
                .to("anna")
                .team(EMEA)
                .missing(NoteSection.PROMISES)
                .ackWithin(60)
                .chain(1)
                .entry());
        j.add(reminder("h6", "ack", "anna", "acknowledgement", 1, at(2, 16, 30)));
        j.add(escalation(
                "h6",
                at(2, 20, 0),
                1,
                "agent oliver",
                "Anna Schmidt is off shift until Thu 5 Mar 09:00 Europe/London",
                "no promise to the customer depends on it yet"));
        j.add(feedback("h4", "103", "ben", at(3, 8, 0), List.of(), "Clear note, thanks"));
        j.add(escalation(
                "h3",
                at(3, 9, 0),
                2,
                "nobody",
                "overdue: nothing on the ticket shows it done",
                "the customer expected to hear from us by Wed 4 Mar 12:00"));
        j.add(handover("h11", "107", at(3, 10, 0))
                .from("ben")
                .to("cara")
                .team(EMEA)
                .reason("escalation")
                .chain(5)
                .entry());
        j.add(action("h4", at(3, 10, 30), true));
        j.add(JournalEntry.of(new HandoverEvent.Failed(
                at(3, 11, 0),
                TicketId.of("110"),
                Optional.empty(),
                "shift-change",
                "the CRM answered 503 at 2026-03-05T11:00:00Z",
                true)));
        j.add(closed("h3", at(3, 12, 0), "exhausted"));
        j.add(JournalEntry.of(new HandoverEvent.Reconciled(at(3, 13, 0), TicketId.of("103"), HandoverId.of("h4"), 2)));
        j.add(handover("h12", "108", at(7, 1, 0))
                .from("anna")
                .to("ben")
                .team(EMEA)
                .chain(1)
                .entry());
        return j;
    }

    static String guardWhy() {
        return "Anna Schmidt cannot take the ticket: handed this ticket over at Mon 2 Mar 10:00 UTC (ping-pong guard,"
                + " 4 h)";
    }

    static Builder handover(String id, String ticket, Instant at) {
        return new Builder(id, ticket, at);
    }

    static JournalEntry ack(String handover, String by, Instant handedOverAt, int minutes, AcknowledgementMethod m) {
        Instant when = handedOverAt.plus(Duration.ofMinutes(minutes));
        return JournalEntry.of(new HandoverEvent.Acknowledged(
                when.plusSeconds(30),
                TicketId.of("t-" + handover),
                HandoverId.of(handover),
                AgentId.of(by),
                m,
                when,
                Duration.ofMinutes(minutes)));
    }

    /** A receiver's feedback, labelled with the receiver's name as the journal labels it. */
    static JournalEntry feedback(
            String handover, String ticket, String by, Instant at, List<NoteSection> missing, String comment) {
        return new JournalEntry(
                new HandoverEvent.FeedbackGiven(
                        at, TicketId.of(ticket), HandoverId.of(handover), AgentId.of(by), missing, comment),
                Map.of("from", NAMES.get(by)));
    }

    static JournalEntry action(String handover, Instant at, boolean onTime) {
        return JournalEntry.of(new HandoverEvent.ActionCompleted(
                at, TicketId.of("t-" + handover), HandoverId.of(handover), "action-1", onTime, "task"));
    }

    static JournalEntry reminder(String handover, String item, String to, String kind, int count, Instant at) {
        return JournalEntry.of(new HandoverEvent.Reminded(
                at,
                TicketId.of("t-" + handover),
                HandoverId.of(handover),
                item,
                AgentId.of(to),
                kind,
                count,
                "overdue: nothing on the ticket shows it done",
                "no promise to the customer depends on it yet"));
    }

    static JournalEntry escalation(String handover, Instant at, int level, String to, String why, String impact) {
        return JournalEntry.of(new HandoverEvent.Escalated(
                at, TicketId.of("t-" + handover), HandoverId.of(handover), "action-1", level, to, why, impact));
    }

    static JournalEntry closed(String handover, Instant at, String outcome) {
        return JournalEntry.of(
                new HandoverEvent.FollowUpClosed(at, TicketId.of("t-" + handover), HandoverId.of(handover), outcome));
    }

    static JournalEntry refused(String ticket, Instant at, String why) {
        return JournalEntry.of(new HandoverEvent.Refused(at, TicketId.of(ticket), "rule-1", "shift-change", why));
    }

    /** An Executed event and its labels. */
    static final class Builder {
        private final String id;
        private final String ticket;
        private final Instant at;
        private final Map<String, String> labels = new HashMap<>();
        private Optional<AgentId> from = Optional.empty();
        private Optional<AgentId> to = Optional.empty();
        private Optional<GroupId> group = Optional.empty();
        private String reason = "shift-change";
        private String rule;
        private boolean replayed;
        private boolean notified;
        private List<NoteSection> missing = List.of();
        private int chain = 1;
        private Optional<Instant> ackBy = Optional.empty();

        private Builder(String id, String ticket, Instant at) {
            this.id = id;
            this.ticket = ticket;
            this.at = at;
        }

        Builder from(String agent) {
            return from(agent, NAMES.get(agent));
        }

        Builder from(String agent, String name) {
            from = Optional.of(AgentId.of(agent));
            return label("from", name);
        }

        Builder to(String agent) {
            return to(agent, NAMES.get(agent));
        }

        Builder to(String agent, String name) {
            to = Optional.of(AgentId.of(agent));
            return label("to", name);
        }

        Builder team(String team) {
            return label("team", team);
        }

        Builder group(String id, String name) {
            group = Optional.of(GroupId.of(id));
            return label("group", name);
        }

        Builder noLabels() {
            labels.clear();
            return this;
        }

        Builder reason(String code) {
            reason = code;
            return this;
        }

        Builder rule(String id) {
            rule = id;
            return this;
        }

        Builder replayed() {
            replayed = true;
            return this;
        }

        Builder notified() {
            notified = true;
            return this;
        }

        Builder missing(NoteSection... sections) {
            missing = List.of(sections);
            return this;
        }

        Builder chain(int length) {
            chain = length;
            return this;
        }

        Builder ackWithin(int minutes) {
            ackBy = Optional.of(at.plus(Duration.ofMinutes(minutes)));
            return this;
        }

        private Builder label(String key, String value) {
            if (value != null) {
                labels.put(key, value);
            }
            return this;
        }

        HandoverEvent.Executed event() {
            return new HandoverEvent.Executed(
                    at,
                    TicketId.of(ticket),
                    HandoverId.of(id),
                    rule != null ? rule : "rule-" + reason,
                    reason,
                    from,
                    to,
                    group,
                    replayed,
                    notified,
                    1,
                    missing,
                    chain,
                    ackBy);
        }

        JournalEntry entry() {
            return new JournalEntry(event(), labels);
        }
    }
}
