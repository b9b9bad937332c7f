package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.worker.Worker;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A handover written outside the pass's own evaluation — a sweep's re-target of an unacknowledged ticket — whose write
 * lands while every answer to it is lost: the engine reports it failed, yet its note is in the CRM. The worker must
 * journal it from the CRM like a handover of a cut-off pass; no later pass would, since the ticket no longer matches a
 * rule and is in no retry list.
 */
class LostAnswerJournalTest extends OnFakeZendesk {

    @Test
    void aReTargetWhoseAnswersWereAllLostIsJournaledFromTheCrm() {
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine e = s.engine()) {
            assertThat(s.worker(e).pass().ok()).isTrue();
        }
        boolean faulted = false;
        int retargets = 0;
        for (int i = 0; i < 48 && retargets == 0; i++) {
            s.clock.advance(Duration.ofMinutes(5));
            try (Engine e = s.engine()) {
                Worker.Pass p = s.worker(e).pass();
                if (!faulted && p.sweep().map(x -> x.reminders() > 0).orElse(false)) {
                    // the next write to the complaint (its line manager did not answer) is its re-target: it lands, its
                    // answers never arrive
                    zendesk.inject(FaultRule.of(Fault.CONNECTION_RESET)
                            .on("PUT", "/api/v2/tickets/" + s.ids.complaint().value())
                            .afterProcessing()
                            .times(1_000));
                    faulted = true;
                } else if (faulted) {
                    retargets = (int)
                            zendesk.comments(Long.parseLong(s.ids.complaint().value())).stream()
                                    .filter(c -> c.body().contains("did not acknowledge handover"))
                                    .count();
                }
            }
        }
        assertThat(retargets).as("the re-target landed").isPositive();
        zendesk.clearFaults();
        s.clock.advance(Duration.ofMinutes(5));
        try (Engine e = s.engine()) {
            s.worker(e).pass();
        }

        CrmAudit.Result audit = CrmAudit.audit(
                zendesk, List.of(dir.resolve("journal.jsonl")), Set.of(s.ids.complaint(), s.ids.german()), Set.of());
        assertThat(audit.counts().handovers()).as(audit.toString()).isGreaterThanOrEqualTo(3);
        assertThat(audit.counts().unjournaled()).as(audit.toString()).isZero();
        assertThat(audit.counts().duplicateJournal()).as(audit.toString()).isZero();
        assertThat(audit.counts().clean()).as(audit.toString()).isTrue();
    }
}
