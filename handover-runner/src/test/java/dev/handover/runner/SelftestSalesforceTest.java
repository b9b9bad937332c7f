package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.FakeSalesforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handover selftest} end to end over the real Salesforce adapter and the fake org on loopback: a sandbox that
 * behaves passes; a production org is refused unless overridden; an org whose assignment rule takes Cases fails with
 * the fix; nothing but the test Cases is written.
 */
class SelftestSalesforceTest {
    @TempDir
    Path dir;

    private Scenario scenario(FakeSalesforce.Builder b) {
        MutableClock clock = MutableClock.at(Scenario.T0);
        FakeSalesforce org = b.clock(clock).start();
        orgs = org;
        Scenario s = Scenario.salesforce(org, clock, dir);
        String yaml =
                readConfig(s) + """
                selftest:
                  requester: { email: selftest@acme.example, name: Selftest Requester }
                  sender: %s
                  receiver: %s
                """.formatted(s.ids.ada().value(), s.ids.jonas().value());
        Scenario.write(s.config, yaml);
        return s;
    }

    private FakeSalesforce orgs;

    private static String readConfig(Scenario s) {
        try {
            return Files.readString(s.config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> caseRecord(Scenario s, String id) {
        return orgs.record(id).orElseThrow();
    }

    @Test
    void aSandboxThatBehavesPassesAndTheSeededCasesAreUntouched() {
        Scenario s = scenario(FakeSalesforce.builder());
        try {
            Map<String, Object> before =
                    Map.copyOf(caseRecord(s, s.ids.complaint().value()));

            Scenario.Run r = s.cli("selftest", "--config", s.config.toString());

            assertThat(r.code()).as(r.err() + r.out()).isZero();
            assertThat(r.out())
                    .startsWith("handover selftest: salesforce (sandbox)")
                    .containsPattern("(?m)^handover-write +pass ")
                    .containsPattern("(?m)^assignment-kept +pass ")
                    .containsPattern("(?m)^subrequest-url-length +pass ")
                    .contains("0 failed: ready for `handover run`");
            assertThat(caseRecord(s, s.ids.complaint().value())).isEqualTo(before);
        } finally {
            orgs.close();
        }
    }

    @Test
    void aProductionOrgIsRefusedBeforeAnythingIsWrittenUnlessOverridden() {
        Scenario s = scenario(FakeSalesforce.builder().sandbox(false));
        try {
            int cases = orgs.records("Case").size();

            Scenario.Run refused = s.cli("selftest", "--config", s.config.toString());

            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err())
                    .contains("says this account is production")
                    .contains("--production-test-brand");
            assertThat(orgs.records("Case")).hasSize(cases);

            Scenario.Run overridden = s.cli("selftest", "--config", s.config.toString(), "--production-test-brand");
            assertThat(overridden.out()).startsWith("handover selftest: salesforce (production)");
            assertThat(overridden.code()).as(overridden.out()).isZero();
        } finally {
            orgs.close();
        }
    }

    @Test
    void anAssignmentRuleThatTakesCasesFailsWithTheAdminChange() {
        Scenario s = scenario(FakeSalesforce.builder());
        try {
            orgs.assignmentRuleTakesCases(s.ids.eve().value());

            Scenario.Run r = s.cli("selftest", "--config", s.config.toString());

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out())
                    .containsPattern("(?m)^assignment-kept +fail ")
                    .containsPattern("(?m)^handover-write +fail .*assigned to "
                            + s.ids.eve().value())
                    .contains("fix the failures before `handover run`");
        } finally {
            orgs.close();
        }
    }
}
