package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.selftest.SelfTest;
import dev.handover.selftest.SelfTestReport;
import dev.handover.selftest.record.RecordedRun;
import dev.handover.selftest.record.Recording;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import dev.handover.testkit.replay.ReplayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-test recorded against an org becomes a regression test: recorded with {@code Recording}, replayed from {@code
 * ReplayServer} on loopback, the same self-test gives the same verdicts and asks nothing the recording does not hold.
 */
final class SelfTestReplayTest {
    @TempDir
    Path dir;

    private static Map<String, Verdict> verdicts(SelfTestReport r) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        r.results().forEach(p -> out.put(p.probe(), p.verdict()));
        return out;
    }

    /** Token requests are never recorded (they carry credentials): the replay answers them itself. */
    private static ReplayServer replay(RecordedRun run) {
        return ReplayServer.start(run.exchanges())
                .always(
                        "POST",
                        "/services/oauth2/token",
                        200,
                        "application/json",
                        "{\"access_token\":\"replayed\",\"instance_url\":\"" + Recording.BASE + "\","
                                + "\"token_type\":\"Bearer\",\"issued_at\":\""
                                + run.startedAt().toEpochMilli()
                                + "\"}");
    }

    @Test
    void aHostileOrgsRunReplaysWithTheSameVerdictsAndNoRequestItDidNotRecord() throws Exception {
        SelfTestReport recorded;
        try (Orgs orgs = new Orgs()) {
            // the org stays up only for its settings: the replay never reaches it
            orgs.org.assignmentRuleTakesCases(orgs.fixture.agent(3).value());
            SalesforceConnector crm = orgs.connector();
            SelfTestSupport support = crm.selfTest().orElseThrow();
            TestTeam team = new TestTeam(
                    "selftest.requester@acme.example",
                    "Selftest Requester",
                    orgs.fixture.agent(1),
                    orgs.fixture.agent(2),
                    Optional.empty());
            try (Recording recording = Recording.to(dir, support.address().orElseThrow())) {
                support.record(Optional.of(recording));
                recorded = SelfTest.builder()
                        .connector(crm)
                        .team(team)
                        .clock(orgs.clock)
                        .sleeper(d -> {})
                        .build()
                        .run();
                support.record(Optional.empty());
                recording.finish(team, recorded);
            }
            replayAndCompare(orgs, recorded);
        }
    }

    private void replayAndCompare(Orgs orgs, SelfTestReport recorded) throws Exception {
        // the assignment rule took the Cases: the run has failures to replay, not only passes
        assertThat(recorded.verdictOf("handover-write")).isEqualTo(Verdict.FAIL);
        assertThat(recorded.verdictOf("assignment-kept")).isEqualTo(Verdict.FAIL);
        String file = Files.readString(dir.resolve(Recording.FILE));
        assertThat(file).doesNotContain("selftest.requester@acme.example", "127.0.0.1", FakeSalesforce.CLIENT_SECRET);

        // -Dselftest.fixture.out=src/test/resources/selftest/assignment-rule regenerates the committed fixture
        String out = System.getProperty("selftest.fixture.out");
        if (out != null) {
            Files.createDirectories(Path.of(out));
            for (String f : new String[] {Recording.FILE, Recording.RUN}) {
                Files.copy(dir.resolve(f), Path.of(out, f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        replay(orgs, Recording.readRun(dir), recorded);
    }

    @Test
    void theCommittedRecordingOfAnOrgWithAnAssignmentRuleStillReplays() throws Exception {
        try (Orgs orgs = new Orgs()) {
            RecordedRun run = Recording.readRun(Path.of("src/test/resources/selftest/assignment-rule"));
            assertThat(run.vendor()).isEqualTo("salesforce");
            assertThat(run.verdicts()).containsEntry("assignment-kept", Verdict.FAIL);
            replay(orgs, run, null);
        }
    }

    private void replay(Orgs orgs, RecordedRun run, SelfTestReport recorded) {
        try (ReplayServer server = replay(run)) {
            SalesforceConnector replayed = SalesforceConnector.builder()
                    .settings(orgs.org.settings(
                            v -> v.put("instance-url", server.url().toString())))
                    .clock(MutableClock.at(run.startedAt()))
                    .sleeper(d -> {})
                    .build();
            SelfTestReport again = SelfTest.builder()
                    .connector(replayed)
                    .team(run.team())
                    .clock(MutableClock.at(run.startedAt()))
                    .sleeper(d -> {})
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
