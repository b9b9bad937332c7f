package dev.handover.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.policy.HandoverRule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example configurations in {@code examples/} load, and say what they claim to say. */
class ExampleConfigsTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    static final Map<String, String> ENV = Map.of(
            "ZENDESK_CLIENT_SECRET", "zd-client-secret-value",
            "ZENDESK_WEBHOOK_SECRET", "zd-webhook-secret-value",
            "SALESFORCE_CLIENT_SECRET", "sf-client-secret-value",
            "RT_TOKEN", "rt-token-value");

    static RunnerConfig load(String name) {
        return ConfigLoader.with(ENV::get, CLOCK).load(EXAMPLES.resolve(name));
    }

    @Test
    void theZendeskExampleLoads() {
        RunnerConfig c = load("handover-zendesk.yaml");
        assertThat(c.crm().provider()).isEqualTo("zendesk");
        assertThat(c.crm().get("subdomain")).contains("acme");
        assertThat(c.crm().get("auth.type")).contains("oauth");
        assertThat(c.crm().secret("auth.client-secret").orElseThrow().reveal()).isEqualTo("zd-client-secret-value");
        assertThat(c.crm().get("fields.360011111111")).contains("refund_amount");
        assertThat(c.policy().rules())
                .extracting(HandoverRule::id)
                .containsExactly("complaint-to-lead", "refund-over-limit", "language", "vip", "shift-end");
        assertThat(c.policy().reason("vip-request")).isPresent();
        assertThat(c.policy().reminderPolicy("complaint").ladder()).hasSize(2);
        assertThat(c.policy().authorityLimits()).containsKey("refund");
        assertThat(c.policy().holidays()).hasSize(3);
        assertThat(c.team().isEmpty()).isFalse();
        assertThat(c.worker().webhook()).isPresent();
        assertThat(c.worker().webhook().get().port()).isEqualTo(8085);
        assertThat(c.worker().journalKeep()).isEqualTo(10);
        assertThat(c.worker().journalMaxBytes()).isEqualTo(64L << 20);
        assertThat(c.references()).extracting(Reference::id).contains("360000000001", "360000000004");
        assertThat(c.policy().describe()).contains("complaint-to-lead").contains("Acme support handover procedure");
        SelfTestConfig st = c.selfTest().orElseThrow();
        assertThat(st.allowed()).isTrue();
        assertThat(st.team().requesterEmail()).isEqualTo("handover-selftest@acme.com");
        assertThat(st.team().receiver().value()).isEqualTo("360000000102");
        assertThat(c.references()).extracting(Reference::id).contains("360000000101", "360000000102");
    }

    @Test
    void theSalesforceExampleLoads() {
        RunnerConfig c = load("handover-salesforce.yaml");
        assertThat(c.crm().provider()).isEqualTo("salesforce");
        assertThat(c.crm().get("instance-url")).contains("https://acme.my.salesforce.com");
        assertThat(c.crm().get("fields.user.skills")).contains("Handover_Skills__c");
        assertThat(c.crm().secret("auth.client-secret")).isPresent();
        assertThat(c.policy().rules())
                .extracting(HandoverRule::id)
                .containsExactly("complaint-to-lead", "specialist", "idle");
        assertThat(c.worker().webhook()).isEmpty();
        assertThat(c.worker().journal().getFileName().toString()).isEqualTo("handover-journal.jsonl");
        // no allowed: true — the org says itself whether it is a sandbox
        assertThat(c.selfTest().orElseThrow().allowed()).isFalse();
        assertThat(c.selfTest().get().team().group()).isEmpty();
    }

    @Test
    void theRequestTrackerExampleLoads() {
        RunnerConfig c = load("handover-rt.yaml");
        assertThat(c.crm().provider()).isEqualTo("rt");
        assertThat(c.crm().get("url")).contains("https://rt.example.com");
        assertThat(c.crm().secret("auth.token").orElseThrow().reveal()).isEqualTo("rt-token-value");
        assertThat(c.crm().get("fields.ticket.refund_amount")).contains("Refund amount");
        assertThat(c.crm().get("statuses.waiting-on-customer")).contains("pending");
        assertThat(c.policy().rules()).extracting(HandoverRule::id).containsExactly("complaint-to-lead", "language");
        assertThat(c.team().isEmpty()).isFalse();
        assertThat(c.references()).extracting(Reference::id).contains("3");
    }
}
