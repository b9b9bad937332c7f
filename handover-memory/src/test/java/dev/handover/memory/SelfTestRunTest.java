package dev.handover.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.selftest.LiveSuite;
import dev.handover.selftest.SelfTest;
import dev.handover.selftest.SelfTestReport;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import dev.handover.spi.selftest.Verdict;
import dev.handover.testkit.compat.KitFixture;
import dev.handover.testkit.compat.KitIds;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The self-test run over the in-memory CRM: a team that cannot work, a probe that breaks, keeping and discarding. */
final class SelfTestRunTest {
    private final MutableClock clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofHours(1)));
    private final InMemoryCrm crm = seeded();

    private InMemoryCrm seeded() {
        InMemoryCrm c = InMemoryCrm.builder().clock(clock).sleeper(d -> {}).build();
        KitFixture f = KitFixture.of(IDS);
        f.groups().forEach(c::putGroup);
        f.agents().forEach(c::putAgent);
        f.tickets().forEach(c::putTicket);
        return c;
    }

    private static final KitIds IDS = KitIds.numeric();

    private static TestTeam team(int sender, int receiver) {
        return new TestTeam(
                "selftest@example.org",
                "Selftest Requester",
                IDS.agent(sender),
                IDS.agent(receiver),
                Optional.of(IDS.group(1)));
    }

    private SelfTestReport run(TestTeam team, boolean keep) {
        return SelfTest.builder()
                .connector(crm)
                .team(team)
                .clock(clock)
                .sleeper(d -> {})
                .keep(keep)
                .build()
                .run();
    }

    @Test
    void aWorkingTeamPassesEveryProbeAndItsTestTicketsAreClosedAfterwards() {
        SelfTestReport report = run(team(1, 3), false);

        assertThat(report.results())
                .extracting(r -> r.probe())
                .containsExactlyElementsOf(
                        LiveSuite.probes().stream().map(p -> p.name()).toList());
        assertThat(report.results())
                .allSatisfy(r -> assertThat(r.verdict())
                        .as(r.probe() + ": " + r.answer())
                        .isEqualTo(Verdict.PASS));
        assertThat(report.passed()).isTrue();
        assertThat(report.sandbox()).isEqualTo("sandbox");
        List<Ticket> made = crm.ticketsSnapshot().stream()
                .filter(t -> t.tags().contains(TestTicket.TAG))
                .toList();
        assertThat(made).hasSize(report.cleanup().size()).isNotEmpty();
        assertThat(made).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(t.subject()).startsWith(TestTicket.LABEL);
            assertThat(t.requester().email()).isEqualTo("selftest@example.org");
        });
        assertThat(report.table())
                .containsPattern("(?m)^handover-write +pass +ticket selftest-")
                .contains("assumes: ")
                .contains("0 failed: ready for `handover run`");
    }

    @Test
    void aReceiverWhoIsInactiveFailsTheDirectoryProbeWithTheFixAndTheRestStillRuns() {
        // agent 4 (Dana) is inactive in the kit fixture
        SelfTestReport report = run(team(1, 4), false);

        assertThat(report.verdictOf("directory")).isEqualTo(Verdict.FAIL);
        var directory = report.results().get(0);
        assertThat(directory.answer()).contains("the test receiver 20004 is inactive");
        assertThat(directory.fix()).get().asString().contains("selftest.receiver");
        // the handover to an inactive agent is refused by the CRM: the probe fails, it does not stop the run
        assertThat(report.verdictOf("handover-write")).isEqualTo(Verdict.FAIL);
        assertThat(report.results()).hasSize(LiveSuite.probes().size());
        assertThat(report.passed()).isFalse();
        assertThat(report.table()).contains("fix the failures before `handover run`");
        assertThat(report.cleanup()).allSatisfy(line -> assertThat(line).endsWith(": closed"));
    }

    @Test
    void keptTestTicketsStayOpenForALook() {
        SelfTestReport report = run(team(1, 3), true);

        assertThat(report.cleanup())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith("kept (--keep)"));
        String first =
                report.cleanup().get(0).substring(0, report.cleanup().get(0).indexOf(':'));
        assertThat(crm.ticket(TicketId.of(first)).orElseThrow().status()).isNotEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void nothingButTheTestTicketsIsWritten() {
        var before = crm.ticketsSnapshot().stream()
                .filter(t -> !t.tags().contains(TestTicket.TAG))
                .toList();
        run(team(1, 3), false);
        var after = crm.ticketsSnapshot().stream()
                .filter(t -> !t.tags().contains(TestTicket.TAG))
                .toList();
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    }
}
