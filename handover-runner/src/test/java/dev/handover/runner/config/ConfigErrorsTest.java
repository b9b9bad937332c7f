package dev.handover.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration error names file, line and column, the key, what was expected and what was found. */
class ConfigErrorsTest {
    static final String CRM = "crm:\n  type: memory\n";
    static final String RULE = """
            policy:
              rules:
                - id: complaint-to-lead
                  when: { complaint: true }
                  reason: complaint
                  to: line-manager
            """;

    static ConfigException fails(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> ConfigLoader.with(env::get, ExampleConfigsTest.CLOCK)
                        .load(new StringReader(yaml), "handover.yaml", Path.of(".")));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e;
    }

    static ConfigException fails(String yaml) {
        return fails(yaml, Map.of());
    }

    static RunnerConfig loads(String yaml) {
        return ConfigLoader.with(k -> null, ExampleConfigsTest.CLOCK)
                .load(new StringReader(yaml), "handover.yaml", Path.of("."));
    }

    @Test
    void aMinimalConfigurationLoads() {
        RunnerConfig c = loads(CRM + RULE);
        assertThat(c.policy().rules()).hasSize(1);
        assertThat(c.worker().pollInterval()).hasMinutes(1);
    }

    static final String ZENDESK = """
            crm:
              type: zendesk
              settings:
                subdomian: acme
                auth:
                  type: oauth
                  client-id: handover-worker
                  client-secret: ${ZENDESK_CLIENT_SECRET}
            """;

    @Test
    void anAdaptersOwnSettingsAreCheckedByTheAdapterAndLocated() {
        ConfigException e = fails(ZENDESK + RULE, Map.of("ZENDESK_CLIENT_SECRET", "s3cr3t-value"));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage())
                .startsWith("handover.yaml:4:5: crm.settings.subdomian: zendesk setting 'subdomian' is unknown"
                        + " (did you mean 'subdomain'?)")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void aBadSettingValueIsPutAtItsSettingsLine() {
        ConfigException e = fails(
                ZENDESK.replace("subdomian: acme", "subdomain: acme\n    rate-limit:\n      requests-per-minute: lots")
                        + RULE,
                Map.of("ZENDESK_CLIENT_SECRET", "s3cr3t-value"));
        assertThat(e.getMessage())
                .startsWith("handover.yaml:6:7: crm.settings.rate-limit.requests-per-minute: ")
                .contains("lots")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void aCrmTypeWithNoAdapterSuggestsTheNearestInstalledOne() {
        ConfigException e = fails("crm:\n  type: zendsk\n" + RULE);
        assertThat(e.getMessage())
                .isEqualTo("handover.yaml:2:9: crm.type: no CRM adapter 'zendsk' is installed (did you mean"
                        + " 'zendesk'?); installed: memory, rt, salesforce, zendesk (an adapter is found on the class"
                        + " path through ServiceLoader)");
    }

    @Test
    void aCrmTypeFarFromEveryAdapterNamesTheInstalledOnes() {
        ConfigException e = fails("crm:\n  type: hubspot\n" + RULE);
        assertThat(e.getMessage())
                .isEqualTo("handover.yaml:2:9: crm.type: no CRM adapter 'hubspot' is installed; installed: memory, rt,"
                        + " salesforce, zendesk (an adapter is found on the class path through ServiceLoader)");
    }

    @Test
    void theAdapterIsNotAskedWhileTheFileHasOtherProblems() {
        // the missing secret is the one problem: the adapter would only repeat it
        ConfigException e = fails(ZENDESK.replace("subdomian", "subdomain") + RULE);
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).contains("ZENDESK_CLIENT_SECRET is not set");
    }

    /** {@code what} names the case in the report; {@code line} is appended after the rule. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBadLineAfterTheRule")
    void oneBadLineIsLocatedAndSaysWhatWasExpectedAndFound(String what, String line, String message) {
        ConfigException e = fails(CRM + RULE + line);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    static Stream<Arguments> oneBadLineAfterTheRule() {
        return Stream.of(
                arguments(
                        "an unknown top-level key suggests the nearest one",
                        "wroker:\n  pollInterval: 1m\n",
                        "handover.yaml:9:1: wroker: unknown key 'wroker' (did you mean 'worker'?)"),
                arguments(
                        "an unknown rule key is located and suggested",
                        "      acknowlegeWithin: 30m\n",
                        "handover.yaml:9:7: policy.rules[0].acknowlegeWithin: unknown key 'acknowlegeWithin'"
                                + " (did you mean 'acknowledgeWithin'?)"),
                arguments(
                        "a bad duration says what was expected and found",
                        "      acknowledgeWithin: soon\n",
                        "handover.yaml:9:26: policy.rules[0].acknowledgeWithin: expected a duration like 30m, 2h,"
                                + " 1d or PT30M, found 'soon'"));
    }

    @Test
    void anUnknownConditionReasonTargetAndReminderPolicyAreAllReportedAtOnceInFileOrder() {
        ConfigException e = fails(CRM + """
                policy:
                  rules:
                    - id: r1
                      when: { complain: true }
                      reason: complaints
                      to: line-manger
                      reminders: complain
                """);
        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage())
                .startsWith("4 problems in the configuration:")
                .contains("handover.yaml:6:15: policy.rules[0].when.complain: unknown key 'complain' (did you mean"
                        + " 'complaint'?)")
                .contains("handover.yaml:7:15: policy.rules[0].reason: unknown reason 'complaints' (did you mean"
                        + " 'complaint'?)")
                .contains("handover.yaml:8:11: policy.rules[0].to: expected line-manager, next-shift,"
                        + " original-owner")
                .contains("found 'line-manger' (did you mean 'line-manager'?)")
                .contains("handover.yaml:9:18: policy.rules[0].reminders: no reminder policy 'complain'; defined:"
                        + " standard")
                .doesNotContain("null");
        assertThat(e.problems()).extracting(p -> p.at().line()).containsExactly(6, 7, 8, 9);
    }

    @Test
    void aSecretWrittenInTheFileIsRefusedWithoutRepeatingIt() {
        ConfigException e = fails("""
                crm:
                  type: zendesk
                  settings:
                    subdomain: acme
                    auth:
                      api-token: s3cr3t-t0ken-value
                """ + RULE);
        assertThat(e.getMessage())
                .contains("handover.yaml:6:18: crm.settings.auth.api-token: is a secret and must be an environment"
                        + " variable reference such as ${HANDOVER_AUTH_API_TOKEN}")
                .doesNotContain("s3cr3t");
    }

    @Test
    void aMissingEnvironmentVariableIsNamedAndASetOneBecomesASecret() {
        String yaml = """
                crm:
                  type: zendesk
                  settings:
                    subdomain: acme
                    auth:
                      client-secret: ${ZD_SECRET}
                      client-id: ${ZD_CLIENT}
                """ + RULE;
        ConfigException e = fails(yaml);
        assertThat(e.getMessage())
                .contains("crm.settings.auth.client-secret: the environment variable ZD_SECRET is not set")
                .contains("crm.settings.auth.client-id: the environment variable ZD_CLIENT is not set");
        RunnerConfig c = ConfigLoader.with(
                        Map.of("ZD_SECRET", "xyz-secret", "ZD_CLIENT", "cid")::get, ExampleConfigsTest.CLOCK)
                .load(new StringReader(yaml), "handover.yaml", Path.of("."));
        assertThat(c.crm().secret("auth.client-secret").orElseThrow().reveal()).isEqualTo("xyz-secret");
        assertThat(c.crm().get("auth.client-id")).contains("cid");
        assertThat(c.crm().toString()).doesNotContain("xyz-secret");
    }

    @Test
    void invalidYamlIsLocated() {
        ConfigException e = fails("crm:\n  type: [memory\npolicy: {}\n");
        assertThat(e.getMessage()).startsWith("handover.yaml:3:").contains("this is not valid YAML");
    }

    @Test
    void aKeyWrittenTwiceIsAnError() {
        ConfigException e = fails(CRM + "crm:\n  type: zendesk\n" + RULE);
        assertThat(e.getMessage())
                .isEqualTo("handover.yaml:3:1: crm: the key is written twice (first at 1:1); YAML allows a key"
                        + " once per map, so remove one or merge them");
    }

    @Test
    void theCrmAndThePolicyAreRequired() {
        ConfigException e = fails("worker:\n  pollInterval: 1m\n");
        assertThat(e.getMessage())
                .contains("crm: is required: the CRM's type")
                .contains("policy: is required: the rules of the handover procedure");
    }

    @Test
    void calendarsAreChecked() {
        ConfigException e = fails(CRM + RULE + """
                  calendar:
                    zone: Europe/Berlinn
                    hours: ["Mon-Fry 08:00-18:00", "Sat 25:00-26:00"]
                """);
        assertThat(e.getMessage())
                .contains("policy.calendar.zone: expected a time zone such as Europe/Berlin or UTC, found"
                        + " 'Europe/Berlinn'")
                .contains("'Mon-Fry' is not a day or a range of days like Mon-Fri")
                .contains("'Sat 25:00-26:00' has a time that is not HH:MM");
    }

    @Test
    void fieldConditionsNeedExactlyOneComparisonAndNumbersWhereNumeric() {
        ConfigException e = fails(CRM + """
                policy:
                  rules:
                    - id: r1
                      when:
                        any:
                          - field: { name: refund_amount, above: 10, below: 20 }
                          - field: { name: refund_amount, atLeast: lots }
                      reason: complaint
                      to: line-manager
                """);
        assertThat(e.getMessage())
                .contains("policy.rules[0].when.any[0].field: expected exactly one comparison of equals, notEquals,"
                        + " above, atLeast, below, present, absent, found above and below")
                .contains("policy.rules[0].when.any[1].field.atLeast: expected a number, found 'lots'");
    }

    @Test
    void anUndefinedAuthorityLimitIsNamed() {
        ConfigException e = fails(CRM + """
                policy:
                  rules:
                    - id: r1
                      when: { exceedsAuthority: refund }
                      reason: authority-limit
                      to: line-manager
                """);
        assertThat(e.getMessage())
                .contains("handover.yaml:6:33: policy.rules[0].when.exceedsAuthority: no authority limit 'refund' is"
                        + " defined under policy.authorityLimits");
    }

    @Test
    void theEnginesOwnValidationIsReportedAtTheRule() {
        ConfigException e = fails(CRM + """
                policy:
                  rules:
                    - id: Complaint To Lead
                      when: { complaint: true }
                      reason: complaint
                      to: line-manager
                """);
        assertThat(e.getMessage())
                .startsWith("handover.yaml:")
                .contains("policy.rules[0].id:")
                .contains("Complaint To" + " Lead");
    }

    @Test
    void workerSettingsAreChecked() {
        ConfigException e = fails(CRM + RULE + """
                worker:
                  partition: 3/3
                  pollInterval: 0s
                  journal: { path: j.jsonl, maxSize: 12 }
                  webhook: { listen: "localhost:http", secret: plain-text }
                """);
        assertThat(e.getMessage())
                .contains("worker.partition: expected index/count with 0 ≤ index < count, such as 0/3, found '3/3'")
                .contains("worker.pollInterval: expected a duration above zero")
                .contains("worker.journal.maxSize: expected a size of at least 256 bytes")
                .contains("worker.webhook.listen: expected host:port such as 127.0.0.1:8085, found 'localhost:http'")
                .contains("worker.webhook.secret: is a secret and must be an environment variable reference")
                .doesNotContain("plain-text");
    }

    @Test
    void reasonsNeedALabelAndAWhyAndNoticesNeedAPhraseForThem() {
        ConfigException e = fails(CRM + """
                policy:
                  reasons:
                    vip-request: { label: VIP request }
                  rules:
                    - id: r1
                      when: { customerTier: vip }
                      reason: vip-request
                      to: line-manager
                """);
        assertThat(e.getMessage()).contains("policy.reasons.vip-request.why: is required: one sentence");

        ConfigException notice = fails(CRM + """
                policy:
                  reasons:
                    vip-request: { label: VIP request, why: the customer is a VIP }
                  rules:
                    - id: r1
                      when: { customerTier: vip }
                      reason: vip-request
                      to: line-manager
                      notifyCustomer: true
                """);
        assertThat(notice.getMessage())
                .contains("rule r1: tells the customer about reason 'vip-request', but the customer notices have no"
                        + " phrase for it");
    }

    @Test
    void teamEntriesAreChecked() {
        ConfigException e = fails(CRM + RULE + """
                team:
                  agents:
                    jonas@acme.com:
                      languages: [de, "1x"]
                      timeZone: Mars/Olympus
                      capacity: many
                      absences:
                        - { from: 2026-03-10, until: 2026-03-02 }
                      skils: [billing]
                """);
        assertThat(e.getMessage())
                .contains("team.agents.jonas@acme.com.languages: '1x' is not a language code")
                .contains(
                        "team.agents.jonas@acme.com.timeZone: expected a time zone such as Europe/Berlin or UTC, found"
                                + " 'Mars/Olympus'")
                .contains("team.agents.jonas@acme.com.capacity: expected a whole number, found 'many'")
                .contains("team.agents.jonas@acme.com.absences[0].until: the absence ends before it starts")
                .contains("unknown key 'skils' (did you mean 'skills'?)");
    }

    @Test
    void aPlaceholderInABlockScalarIsPlacedAtItsOwnLineAndColumn() {
        ConfigException e = fails(CRM + """
                policy:
                  notices:
                    templates:
                      en: |
                        Hello {customer},
                        {receiver} takes over because of {reason}.
                        Kind regards, {sendr}
                """ + RULE.replace("policy:\n", ""));
        assertThat(e.getMessage())
                .startsWith("handover.yaml:9:23: policy.notices.templates.en: customer notice template (en): unknown"
                        + " placeholder {sendr} (did you mean {sender}?); known: {customer}");
    }

    @Test
    void theSamePlaceholderTwiceIsPlacedAtTheRightOccurrence() {
        ConfigException e = fails(CRM + """
                policy:
                  notices:
                    templates:
                      en: "{recever} {reason} {recever}"
                """ + RULE.replace("policy:\n", ""));
        assertThat(e.problems())
                .extracting(p -> p.at().toString())
                .containsExactly("handover.yaml:6:12", "handover.yaml:6:31");
    }

    @Test
    void aTabIsReportedWhereItIsNotWhereTheTokenBefore() {
        ConfigException e = fails(CRM + "policy:\n  rules:\n\t- id: a\n");
        assertThat(e.getMessage())
                .startsWith("handover.yaml:5:1: this is not valid YAML: a tab is used for indentation; YAML does not"
                        + " allow tabs for indentation, use spaces");
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpened() {
        ConfigException e = fails(CRM + "policy:\n  name: \"Acme\n  rules: []\n");
        assertThat(e.getMessage())
                .startsWith("handover.yaml:4:9: this is not valid YAML: the quote \" opened here is never" + " closed");
    }

    @Test
    void aDuplicateKeyDeepInsideIsNamedByItsFullPath() {
        ConfigException e = fails(
                CRM + "policy:\n  calendar:\n    zone: UTC\n    hours: Mon-Fri 08:00-18:00\n" + "    zone: UTC\n");
        assertThat(e.getMessage())
                .startsWith("handover.yaml:7:5: policy.calendar.zone: the key is written twice (first at 5:5)");
    }

    @Test
    void everyListSettingWrittenAsAMapSaysExpectedAList() {
        ConfigException e = fails(CRM + RULE + """
                      orElse: { group: billing }
                """
                + "team:\n  agents:\n    amelia:\n      absences: { from: 2026-01-01, until: 2026-01-02 }\n");
        assertThat(e.getMessage())
                .contains(
                        "handover.yaml:9:15: policy.rules[0].orElse: expected a list of targets, found a map (group: …)")
                .contains("handover.yaml:13:17: team.agents.amelia.absences: expected a list of absences, found a map"
                        + " (from: …)");
    }

    @Test
    void aConfigurationLargerThanTheLimitIsRefusedBeforeParsing() {
        String huge = CRM + RULE + ("#" + "x".repeat(99) + "\n").repeat(11_000);
        ConfigException e = fails(huge);
        assertThat(e.getMessage())
                .isEqualTo("handover.yaml:1:1: the file is 1.0 MiB; a configuration file is at most 1 MiB (is this the"
                        + " right file?)");
    }

    @Test
    void everyDuplicateKeyIsReportedAtOnce() {
        ConfigException e = fails(CRM + "policy:\n  name: a\n  name: b\n  calendar:\n    zone: UTC\n    zone: UTC\n"
                + "    hours: Mon-Fri 08:00-18:00\n");
        assertThat(e.problems())
                .extracting(ConfigException.Problem::toString)
                .containsExactly(
                        "handover.yaml:5:3: policy.name: the key is written twice (first at 4:3); YAML allows a key"
                                + " once per map, so remove one or merge them",
                        "handover.yaml:8:5: policy.calendar.zone: the key is written twice (first at 7:5); YAML"
                                + " allows a key once per map, so remove one or merge them");
    }
}
