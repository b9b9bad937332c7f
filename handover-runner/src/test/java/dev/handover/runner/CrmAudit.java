package dev.handover.runner;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fake Zendesk holds at the end of a fault scenario, held against what should be there, and against the
 * workers' journals. Reads the fake's own state (every comment and task ticket as stored, markers included), not the
 * adapter's view of it, so a duplicate the adapter would hide is still counted.
 *
 * <p>Per handover: exactly one handover note (two notes on one ticket with the same rule, sender and receiver count as
 * a duplicate whatever their ids), one set of tasks (no two task tickets with the same handover and key), at most one
 * customer notice (no two identical public comments by the API user on a ticket), no follow-up step recorded twice
 * (step markers), no close note twice ({@code follow-up:<outcome>} steps), no acknowledgement recorded ({@code
 * ack:done} step or an {@code acknowledged} journal line) that the test did not give. Journal = CRM: every handover in
 * the CRM has exactly one {@code executed} line across the journals that is not a replay (a second worker whose write
 * replayed the first's may journal it as {@code replayed}), and no {@code executed} line names a handover the CRM lacks;
 * lines the reader had to skip (torn or garbled) are counted.
 */
final class CrmAudit {
    private static final Pattern WRITE_MARKER =
            Pattern.compile("\\s*(<p>)?\\[handover write: [^\\]]{1,128}\\](</p>)?\\s*\\z");
    private static final Pattern STEP_MARKER =
            Pattern.compile("\\[handover-step v1 id=(\\S+) steps=(\\S+) at=\\S+ crc=\\S+\\]");

    /**
     * The audit's counts; all but {@code handovers} must be zero.
     *
     * @param handovers handovers in the CRM (distinct handover ids in notes)
     * @param missing tickets that should have been handed over and carry no handover note
     * @param duplicateNotes handover notes beyond the first of a handover
     * @param missingTasks handovers asking for an acknowledgement with no acknowledgement task
     * @param duplicateTasks task tickets beyond the first with the same handover and key
     * @param duplicateNotices customer notices beyond the first of the same text on a ticket
     * @param duplicateSteps follow-up steps recorded more than once (close notes excluded)
     * @param duplicateCloseNotes close notes ({@code follow-up:*} steps) beyond the first of a handover
     * @param unearnedAcks handovers recorded as acknowledged that nobody acknowledged
     * @param unjournaled handovers in the CRM without an {@code executed} line
     * @param duplicateJournal {@code executed} lines beyond the first of a handover
     * @param journalWithoutCrm {@code executed} lines whose handover the CRM does not hold
     * @param tornLines journal lines skipped as torn or garbled
     */
    record Counts(
            int handovers,
            int missing,
            int duplicateNotes,
            int missingTasks,
            int duplicateTasks,
            int duplicateNotices,
            int duplicateSteps,
            int duplicateCloseNotes,
            int unearnedAcks,
            int unjournaled,
            int duplicateJournal,
            int journalWithoutCrm,
            int tornLines) {

        boolean clean() {
            return missing
                            + duplicateNotes
                            + missingTasks
                            + duplicateTasks
                            + duplicateNotices
                            + duplicateSteps
                            + duplicateCloseNotes
                            + unearnedAcks
                            + unjournaled
                            + duplicateJournal
                            + journalWithoutCrm
                            + tornLines
                    == 0;
        }

        /** One line, for the test's output and the closing note. */
        String line() {
            return "audit handovers=" + handovers + " missing=" + missing + " duplicate-notes=" + duplicateNotes
                    + " missing-tasks=" + missingTasks + " duplicate-tasks=" + duplicateTasks + " duplicate-notices="
                    + duplicateNotices + " duplicate-steps=" + duplicateSteps + " duplicate-close-notes="
                    + duplicateCloseNotes + " unearned-acks=" + unearnedAcks + " unjournaled=" + unjournaled
                    + " duplicate-journal=" + duplicateJournal + " journal-without-crm=" + journalWithoutCrm
                    + " torn-lines=" + tornLines;
        }
    }

    /** The result: counts, and one line per finding (for the failure message). */
    record Result(Counts counts, List<String> findings) {
        @Override
        public String toString() {
            return counts.line() + (findings.isEmpty() ? "" : "\n  " + String.join("\n  ", findings));
        }
    }

    private CrmAudit() {}

    /**
     * Audits the fake's state and the journals.
     *
     * @param zendesk the fake at the end of the scenario
     * @param journals every worker's journal file (rotated files are read with it)
     * @param expected the tickets that should have been handed over
     * @param acksGiven the handovers a person acknowledged
     */
    static Result audit(FakeZendesk zendesk, List<Path> journals, Set<TicketId> expected, Set<HandoverId> acksGiven) {
        List<String> findings = new ArrayList<>();
        Set<String> handovers = new HashSet<>();
        Set<String> asksAck = new HashSet<>();
        int missing = 0;
        int duplicateNotes = 0;
        int duplicateNotices = 0;
        int duplicateSteps = 0;
        int duplicateCloseNotes = 0;
        Set<String> ackedInCrm = new HashSet<>();
        for (FakeZendesk.TicketView t : zendesk.tickets()) {
            if ("task".equals(t.type())) {
                continue;
            }
            Map<String, Integer> notes = new LinkedHashMap<>();
            Map<String, Integer> notices = new HashMap<>();
            Map<String, Integer> steps = new HashMap<>();
            for (FakeZendesk.CommentView c : zendesk.comments(t.id())) {
                if (c.authorId() != FakeZendesk.API_USER) {
                    continue;
                }
                String body = WRITE_MARKER.matcher(c.body()).replaceFirst("");
                if (c.isPublic()) {
                    notices.merge(body.strip(), 1, Integer::sum);
                    continue;
                }
                Optional<HandoverRecord> note = HandoverRecord.find(body);
                if (note.isPresent()) {
                    HandoverRecord r = note.get();
                    handovers.add(r.id().value());
                    if (r.acknowledgeBy().isPresent() && r.to().isPresent()) {
                        asksAck.add(r.id().value());
                    }
                    notes.merge(
                            r.rule() + " " + r.from().map(Object::toString).orElse("-") + " -> "
                                    + r.to().map(Object::toString)
                                            .orElse(r.group()
                                                    .map(Object::toString)
                                                    .orElse("-")),
                            1,
                            Integer::sum);
                    continue;
                }
                Matcher m = STEP_MARKER.matcher(body);
                String last = null;
                String lastSteps = null;
                while (m.find()) {
                    last = m.group(1);
                    lastSteps = m.group(2);
                }
                if (last != null) {
                    for (String step : lastSteps.split(",")) {
                        steps.merge(last + " " + step, 1, Integer::sum);
                        if (step.equals("ack:done")) {
                            ackedInCrm.add(last);
                        }
                    }
                }
            }
            for (Map.Entry<String, Integer> e : notes.entrySet()) {
                if (e.getValue() > 1) {
                    duplicateNotes += e.getValue() - 1;
                    findings.add("ticket " + t.id() + ": " + e.getValue() + " handover notes " + e.getKey());
                }
            }
            for (Map.Entry<String, Integer> e : notices.entrySet()) {
                if (e.getValue() > 1) {
                    duplicateNotices += e.getValue() - 1;
                    // what to look at when it happens: the text and the ticket's handovers, in order
                    findings.add("ticket " + t.id() + ": the same customer notice " + e.getValue() + " times: \""
                            + e.getKey().substring(0, Math.min(120, e.getKey().length())) + "\"; handover notes: "
                            + notes.keySet());
                }
            }
            Map<String, Integer> closes = new HashMap<>();
            for (Map.Entry<String, Integer> e : steps.entrySet()) {
                String handover = e.getKey().substring(0, e.getKey().indexOf(' '));
                if (e.getKey().contains(" follow-up:")) {
                    closes.merge(handover, e.getValue(), Integer::sum);
                } else if (e.getValue() > 1) {
                    duplicateSteps += e.getValue() - 1;
                    findings.add("ticket " + t.id() + ": step " + e.getKey() + " recorded " + e.getValue() + " times");
                }
            }
            for (Map.Entry<String, Integer> e : closes.entrySet()) {
                if (e.getValue() > 1) {
                    duplicateCloseNotes += e.getValue() - 1;
                    findings.add(
                            "ticket " + t.id() + ": handover " + e.getKey() + " closed " + e.getValue() + " times");
                }
            }
            if (expected.contains(TicketId.of(Long.toString(t.id()))) && notes.isEmpty()) {
                missing++;
                findings.add("ticket " + t.id() + ": should have been handed over, has no handover note");
            }
        }

        // tasks: one per handover and key
        Map<String, Integer> tasks = new HashMap<>();
        for (FakeZendesk.TicketView task : zendesk.taskTickets()) {
            String ext = String.valueOf(task.externalId());
            if (!task.tags().contains("handover_checklist")) {
                tasks.merge(ext, 1, Integer::sum);
                continue;
            }
            // one task ticket per handover: each item tag is one task (handover:<id>:<key>), and a second checklist
            // ticket of one handover makes each of its items a duplicate
            for (String tag : task.tags()) {
                if (tag.startsWith("handover_item_")) {
                    String key = tag.substring("handover_item_".length(), tag.indexOf('_', "handover_item_".length()));
                    tasks.merge(ext + ":" + key, 1, Integer::sum);
                }
            }
        }
        int duplicateTasks = 0;
        for (Map.Entry<String, Integer> e : tasks.entrySet()) {
            if (e.getValue() > 1) {
                duplicateTasks += e.getValue() - 1;
                findings.add("task " + e.getKey() + " exists " + e.getValue() + " times");
            }
        }
        int missingTasks = 0;
        for (String h : asksAck) {
            if (!tasks.containsKey("handover:" + h + ":ack")) {
                missingTasks++;
                findings.add("handover " + h + " asks for an acknowledgement and has no acknowledgement task");
            }
        }

        // the journals
        Map<String, Integer> executed = new HashMap<>();
        Set<String> ackedInJournal = new HashSet<>();
        int torn = 0;
        for (Path journal : journals) {
            JournalReader.Contents contents = JournalReader.read(journal);
            torn += contents.warnings().size();
            contents.warnings().forEach(w -> findings.add("journal: " + w));
            for (JournalEntry e : contents.entries()) {
                if (e.event() instanceof HandoverEvent.Executed x) {
                    // a worker whose write replayed another's journals it as replayed: its own truthful record, not a
                    // second handover; the writer's line (or the recovered one) is the one that must exist once
                    executed.merge(x.handover().value(), x.replayed() ? 0 : 1, Integer::sum);
                } else if (e.event() instanceof HandoverEvent.Acknowledged a) {
                    ackedInJournal.add(a.handover().value());
                }
            }
        }
        int unjournaled = 0;
        int duplicateJournal = 0;
        int withoutCrm = 0;
        for (String h : handovers) {
            Integer n = executed.get(h);
            if (n == null) {
                unjournaled++;
                findings.add("handover " + h + " is in the CRM and in no journal");
            } else if (n == 0) {
                unjournaled++;
                findings.add("handover " + h + " is journaled only as a replay, by no worker as written");
            } else if (n > 1) {
                duplicateJournal += n - 1;
                findings.add("handover " + h + " has " + n + " executed lines");
            }
        }
        for (String h : executed.keySet()) {
            if (!handovers.contains(h)) {
                withoutCrm++;
                findings.add("handover " + h + " is journaled and not in the CRM");
            }
        }

        // acknowledgements nobody gave
        Set<String> given = new HashSet<>();
        acksGiven.forEach(h -> given.add(h.value()));
        Set<String> recorded = new HashSet<>(ackedInCrm);
        recorded.addAll(ackedInJournal);
        int unearned = 0;
        for (String h : recorded) {
            if (!given.contains(h)) {
                unearned++;
                findings.add("handover " + h + " is recorded as acknowledged" + (ackedInCrm.contains(h) ? " (CRM)" : "")
                        + (ackedInJournal.contains(h) ? " (journal)" : "") + "; nobody acknowledged it");
            }
        }
        Counts counts = new Counts(
                handovers.size(),
                missing,
                duplicateNotes,
                missingTasks,
                duplicateTasks,
                duplicateNotices,
                duplicateSteps,
                duplicateCloseNotes,
                unearned,
                unjournaled,
                duplicateJournal,
                withoutCrm,
                torn);
        return new Result(counts, findings);
    }
}
