package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code handover selftest} end to end over the real Zendesk adapter and the fake account on loopback: Zendesk cannot
 * say whether an account is a sandbox, so the command refuses until the configuration says {@code allowed: true}; an
 * account that behaves then passes and keeps nothing but deleted test tickets; a trigger that emails the requester on
 * internal notes fails with the admin change; {@code --keep} leaves the test tickets for a look.
 */
class SelftestZendeskTest extends OnFakeZendesk {
    /**
     * The section, and a client-side pace above the fake's so that the adapter's throttle (real time) never waits; the
     * rate-limit probe then warns that the account allows fewer requests than configured.
     */
    private void selftestSection(boolean allowed) throws IOException {
        String yaml = Files.readString(s.config)
                        .replace("    auth: {", "    rate-limit.requests-per-minute: 100000\n    auth: {")
                + """
                selftest:
                  allowed: %s
                  requester: { email: selftest@acme.example, name: Selftest Requester }
                  sender: %s
                  receiver: %s
                """.formatted(allowed, s.ids.ada().value(), s.ids.jonas().value());
        Scenario.write(s.config, yaml);
    }

    @Test
    void refusedUntilTheConfigurationSaysTheAccountMayBeUsed() throws IOException {
        selftestSection(false);
        int tickets = zendesk.tickets().size();

        Scenario.Run r = s.cli("selftest", "--config", s.config.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("selftest.allowed", "allowed: true");
        assertThat(zendesk.tickets()).hasSize(tickets);
        assertThat(zendesk.requests(q -> !q.method().equals("GET"))).isEmpty();
    }

    @Test
    void anAccountThatBehavesPassesAndTheSeededTicketsAreUntouched() throws IOException {
        selftestSection(true);
        long complaint = Long.parseLong(s.ids.complaint().value());
        FakeZendesk.TicketView before = zendesk.ticket(complaint).orElseThrow();
        int tickets = zendesk.tickets().size();

        Scenario.Run r = s.cli("selftest", "--config", s.config.toString());

        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out())
                .startsWith("handover selftest: zendesk")
                .containsPattern("(?m)^handover-write +pass ")
                .containsPattern("(?m)^assignment-kept +pass ")
                .containsPattern("(?m)^internal-note-silent +pass ")
                .containsPattern("(?m)^task-due-time +pass ")
                .containsPattern("(?m)^rate-limit-headers +warn .*below rate-limit.requests-per-minute")
                .contains("0 failed: ready for `handover run`");
        assertThat(zendesk.ticket(complaint)).contains(before);
        assertThat(zendesk.tickets()).hasSize(tickets); // test and task tickets deleted again
    }

    @Test
    void aTriggerThatEmailsTheRequesterOnInternalNotesFailsWithTheAdminChange() throws IOException {
        selftestSection(true);
        zendesk.triggerNotifiesRequesterOnEveryUpdate("Notify requester of every update");

        Scenario.Run r = s.cli("selftest", "--config", s.config.toString(), "--keep");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .containsPattern("(?m)^internal-note-silent +fail ")
                .contains("add the condition 'Comment is Public' to the trigger(s) 'Notify requester of every update'")
                .contains("fix the failures before `handover run`");
        // --keep: the labelled test tickets stay for a look
        assertThat(zendesk.tickets())
                .anySatisfy(t -> assertThat(t.subject()).startsWith("[handover selftest] internal-note-silent"));
    }
}
