package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.selftest.SelfTest;
import dev.handover.selftest.SelfTestReport;
import dev.handover.selftest.record.RecordedRun;
import dev.handover.selftest.record.Recording;
import dev.handover.spi.Secret;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import dev.handover.testkit.replay.ReplayServer;
import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-test recorded against a Zendesk account becomes a regression test: recorded with {@code Recording}, replayed
 * from {@code ReplayServer} on loopback, the same self-test gives the same verdicts and asks nothing the recording does
 * not hold. The recorded account is hostile (a trigger takes the ticket, another emails the requester on internal
 * notes), so failures are replayed, not only passes.
 */
final class SelfTestReplayTest {
    private static final String FIXTURE = "src/test/resources/selftest/hostile-triggers";

    @TempDir
    Path dir;

    private static Map<String, Verdict> verdicts(SelfTestReport r) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        r.results().forEach(p -> out.put(p.probe(), p.verdict()));
        return out;
    }

    @Test
    void aHostileAccountsRunReplaysWithTheSameVerdictsAndNoRequestItDidNotRecord() throws Exception {
        SelfTestReport recorded;
        try (FakeAccount account = FakeAccount.withTickets(2)) {
            account.zendesk
                    .triggerReassignsTo(Long.parseLong(FakeAccount.EVE.value()))
                    .triggerNotifiesRequesterOnEveryUpdate("Notify requester of every update");
            ZendeskConnector crm = account.build();
            SelfTestSupport support = crm.selfTest().orElseThrow();
            TestTeam team = new TestTeam(
                    "selftest.requester@acme.example",
                    "Selftest Requester",
                    FakeAccount.ADA,
                    FakeAccount.CHEN,
                    Optional.of(FakeAccount.BILLING));
            try (Recording recording = Recording.to(dir, support.address().orElseThrow())) {
                support.record(Optional.of(recording));
                recorded = SelfTest.builder()
                        .connector(crm)
                        .team(team)
                        .clock(account.clock)
                        .sleeper(account.clock::advance)
                        .build()
                        .run();
                support.record(Optional.empty());
                recording.finish(team, recorded);
            }
        }
        assertThat(recorded.verdictOf("assignment-kept")).isEqualTo(Verdict.FAIL);
        assertThat(recorded.verdictOf("internal-note-silent")).isEqualTo(Verdict.FAIL);
        String file = Files.readString(dir.resolve(Recording.FILE));
        assertThat(file).doesNotContain("selftest.requester@acme.example", "127.0.0.1", FakeZendesk.CLIENT_SECRET);

        // -Dselftest.fixture.out=src/test/resources/selftest/hostile-triggers regenerates the committed fixture
        String out = System.getProperty("selftest.fixture.out");
        if (out != null) {
            Files.createDirectories(Path.of(out));
            for (String f : new String[] {Recording.FILE, Recording.RUN}) {
                Files.copy(dir.resolve(f), Path.of(out, f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        replay(Recording.readRun(dir), recorded);
    }

    @Test
    void theCommittedRecordingOfAnAccountWithHostileTriggersStillReplays() {
        RecordedRun run = Recording.readRun(Path.of(FIXTURE));
        assertThat(run.vendor()).isEqualTo("zendesk");
        assertThat(run.verdicts())
                .containsEntry("assignment-kept", Verdict.FAIL)
                .containsEntry("internal-note-silent", Verdict.FAIL);
        replay(run, null);
    }

    /** API-token authentication: no token request to answer, and none was recorded. */
    private static void replay(RecordedRun run, SelfTestReport recorded) {
        try (ReplayServer server = ReplayServer.start(run.exchanges())) {
            MutableClock clock = MutableClock.at(run.startedAt());
            ZendeskConnector replayed = ZendeskConnector.builder()
                    .baseUrl(server.url())
                    .apiToken("replay@acme.example", Secret.of("replayed-token"))
                    .ticketField(FakeZendesk.REFUND_FIELD, "refund_amount")
                    .clock(clock)
                    .sleeper(clock::advance)
                    .readTimeout(Duration.ofSeconds(10))
                    .build();
            SelfTestReport again = SelfTest.builder()
                    .connector(replayed)
                    .team(run.team())
                    .clock(clock)
                    .sleeper(clock::advance)
                    .build()
                    .run();

            assertThat(server.misses()).isEmpty();
            assertThat(verdicts(again)).isEqualTo(run.verdicts());
            if (recorded != null) {
                assertThat(verdicts(again)).isEqualTo(verdicts(recorded));
            }
            assertThat(server.unused()).isZero();
        }
    }
}
