package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.selftest.record.RecordedRun;
import dev.handover.selftest.record.Recording;
import dev.handover.spi.selftest.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handover selftest} through {@code Main} against the in-memory CRM: the verdict table, refusals, recording. */
class SelftestCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-09T10:00:00Z"), ZoneOffset.UTC);
    private static final String POLICY = """
            policy:
              rules:
                - id: complaint-to-lead
                  when: { complaint: true }
                  reason: complaint
                  to: line-manager
            """;
    private static final String SELFTEST = """
            selftest:
              requester: { email: selftest@example.org, name: Selftest Requester }
              sender: amelia
              receiver: lukas
              group: emea-support
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run cli(String yaml, String... more) throws Exception {
        Path config = dir.resolve("handover.yaml");
        Files.writeString(config, yaml);
        String[] args = new String[more.length + 3];
        args[0] = "selftest";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), CLOCK, dir);
        return new Run(code, out.toString(), err.toString());
    }

    private static String memory() {
        return "crm:\n  type: memory\n  settings:\n    start: 2026-03-09T08:00:00Z\n";
    }

    @Test
    void aSandboxWithAWorkingTeamPassesAndPrintsTheTable() throws Exception {
        Run r = cli(memory() + POLICY + SELFTEST);

        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out())
                .startsWith("handover selftest: memory (sandbox)")
                .containsPattern("(?m)^directory +pass ")
                .containsPattern("(?m)^handover-write +pass ")
                .containsPattern("(?m)^version-conflict +pass ")
                .contains("selftest-1: closed")
                .contains("8 passed, 0 warnings, 0 failed: ready for `handover run`");
    }

    @Test
    void aTeamThatCannotWorkFailsWithExitCodeOneAndTheFix() throws Exception {
        Run r = cli(memory() + POLICY + SELFTEST.replace("receiver: lukas", "receiver: nobody-here"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .containsPattern("(?m)^directory +fail +the test receiver nobody-here is not in the directory")
                .contains("fix:     name two active agents")
                .contains("fix the failures before `handover run`");
    }

    @Test
    void withoutTheSectionNothingIsWrittenAndTheMessageSaysWhatToAdd() throws Exception {
        Run r = cli(memory() + POLICY);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("selftest: the section is missing").contains("requester: {email, name}");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anIncompleteSectionIsRefusedWithFileLineAndColumn() throws Exception {
        Run r = cli(memory() + POLICY
                + "selftest:\n  requester: { email: not-an-address, name: X }\n  sender: amelia\n  receiver: amelia\n");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .containsPattern("handover.yaml:\\d+:\\d+: selftest.requester.email: expected an address, found"
                        + " 'not-an-address'")
                .containsPattern("handover.yaml:\\d+:\\d+: selftest.receiver: must differ from selftest.sender");
    }

    @Test
    void keepLeavesTheTestTicketsAndRecordWritesARunThatReadsBack() throws Exception {
        Path rec = dir.resolve("rec");
        Run r = cli(memory() + POLICY + SELFTEST, "--keep", "--record", rec.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("selftest-1: kept (--keep)").contains("recorded 0 exchanges in " + rec);
        RecordedRun run = Recording.readRun(rec);
        assertThat(run.vendor()).isEqualTo("memory");
        assertThat(run.startedAt()).isEqualTo(CLOCK.instant());
        assertThat(run.verdicts()).hasSize(8).containsValue(Verdict.PASS).doesNotContainValue(Verdict.FAIL);
        assertThat(run.team().requesterEmail()).endsWith("@example.invalid");
        assertThat(Files.readString(rec.resolve(Recording.RUN))).doesNotContain("selftest@example.org");
    }
}
