package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import dev.handover.spi.selftest.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The connector's self-test support against the fake org on loopback: every probe passes against a well-behaved org,
 * a hostile org makes the expected probes warn or fail with their fixes, test Cases are created and discarded, and
 * recordings carry neither credentials nor token requests. Time is the test's clock; nothing sleeps.
 */
final class SelfTestSupportTest {
    private static final String REQUESTER = "selftest.requester@example.com";

    private static TestTeam team(Orgs orgs) {
        return new TestTeam(
                REQUESTER, "Selftest Requester", orgs.fixture.agent(1), orgs.fixture.agent(2), Optional.empty());
    }

    private static SelfTestSupport support(SalesforceConnector crm) {
        return crm.selfTest().orElseThrow();
    }

    /** Runs every probe, then discards the test Cases; the results by probe name. */
    private static Map<String, ProbeResult> runAll(Orgs orgs, SalesforceConnector crm, List<String> discarded) {
        SelfTestSupport support = support(crm);
        ProbeContext ctx = new ProbeContext(crm, support, team(orgs), orgs.clock, orgs.clock::advance);
        Map<String, ProbeResult> out = new LinkedHashMap<>();
        for (Probe p : support.probes()) {
            ProbeResult r = p.run(ctx);
            assertThat(r.probe()).isEqualTo(p.name());
            out.put(p.name(), r);
        }
        for (TicketId id : ctx.created()) {
            discarded.add(support.discard(id));
        }
        return out;
    }

    /** Every Case, CaseComment, FeedItem and Task the org has that does not belong to these Cases. */
    private static Map<String, Object> othersThan(FakeSalesforce org, Set<String> created) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> c : org.records("Case")) {
            if (!created.contains((String) c.get("Id"))) {
                out.put((String) c.get("Id"), c);
            }
        }
        for (String object : List.of("CaseComment", "FeedItem", "Task")) {
            for (Map<String, Object> r : org.records(object)) {
                Object parent = r.getOrDefault("ParentId", r.get("WhatId"));
                // children of a deleted test Case are gone with it in Salesforce (the fake keeps them)
                boolean parentExists = org.record(String.valueOf(parent)).isPresent();
                if (parentExists && !created.contains(String.valueOf(parent))) {
                    out.put((String) r.get("Id"), r);
                }
            }
        }
        return out;
    }

    private static Set<String> createdCases(FakeSalesforce org, Map<String, Object> before) {
        return org.records("Case").stream()
                .map(c -> (String) c.get("Id"))
                .filter(id -> !before.containsKey(id))
                .collect(Collectors.toSet());
    }

    @Test
    void everyProbePassesAgainstAWellBehavedOrgAndTouchesNoOtherCase() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            Map<String, Object> before = othersThan(orgs.org, Set.of());
            List<String> discarded = new ArrayList<>();

            Map<String, ProbeResult> results = runAll(orgs, crm, discarded);

            assertThat(results.keySet())
                    .containsExactly(
                            "sandbox",
                            "subrequest-url-length",
                            "collection-errors-shape",
                            "internal-feed-item",
                            "feed-item-query",
                            "required-on-close",
                            "assignment-kept",
                            "task-due-time",
                            "rate-limit-headers");
            assertThat(results.values())
                    .allSatisfy(r -> assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS));
            assertThat(results.get("subrequest-url-length").answer())
                    .contains("accepted 16380 bytes", "refused a subrequest URL of 16400 bytes");
            assertThat(results.get("collection-errors-shape").answer()).contains("per record");
            assertThat(results.get("rate-limit-headers").answer()).contains("api-usage=");
            assertThat(results.get("feed-item-query").answer())
                    .contains("found the post on a test Case", "left the Case's LastModifiedDate as it was");
            assertThat(discarded).isNotEmpty().allMatch("deleted"::equals);
            // nothing but the probes' own Cases was written, and those are gone
            assertThat(othersThan(orgs.org, Set.of())).isEqualTo(before);
            assertThat(orgs.org.records("Case")).hasSize(orgs.fixture.tickets().size());
        }
    }

    @Test
    void aHostileOrgMakesTheExpectedProbesWarnOrFailWithTheirFixes() {
        try (Orgs orgs = new Orgs(FakeSalesforce.builder().maxSubrequestUrlBytes(20_000))) {
            String taker = orgs.fixture.agent(3).value();
            orgs.org.assignmentRuleTakesCases(taker);
            orgs.org.requireOnClose("Resolution__c");
            orgs.org.noCommunities();
            orgs.org.withoutLimitInfo();
            orgs.org.collectionErrorsAsOneArray(true);
            SalesforceConnector crm = orgs.connector();
            Map<String, Object> before = othersThan(orgs.org, Set.of());
            List<String> discarded = new ArrayList<>();

            Map<String, ProbeResult> r = runAll(orgs, crm, discarded);

            assertThat(r.get("sandbox").verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.get("subrequest-url-length").verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.get("subrequest-url-length").fix()).get().asString().contains("limits.max-url-bytes=16384");
            assertThat(r.get("collection-errors-shape").verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.get("collection-errors-shape").answer()).contains("one error array");
            assertThat(r.get("internal-feed-item").verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.get("internal-feed-item").answer()).contains("INVALID_FIELD");
            assertThat(r.get("internal-feed-item").fix()).get().asString().contains("notes.object=CaseComment");
            assertThat(r.get("required-on-close").verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.get("required-on-close").answer())
                    .contains("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Resolution__c");
            assertThat(r.get("required-on-close").fix()).get().asString().contains("Resolution__c");
            assertThat(r.get("assignment-kept").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("assignment-kept").answer()).contains(taker);
            assertThat(r.get("assignment-kept").fix()).get().asString().contains("assignment rule");
            assertThat(r.get("task-due-time").verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.get("rate-limit-headers").verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.get("rate-limit-headers").fix()).get().asString().contains("Sforce-Limit-Info");
            assertThat(discarded).allMatch("deleted"::equals);
            assertThat(othersThan(orgs.org, Set.of())).isEqualTo(before);
        }
    }

    @Test
    void feedItemNotesFailWhereTheOrgRefusesInternalFeedItems() {
        try (Orgs orgs = new Orgs()) {
            orgs.org.noCommunities();
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> v.put("notes.object", "FeedItem")));
            Map<String, ProbeResult> r = runAll(orgs, crm, new ArrayList<>());

            assertThat(r.get("internal-feed-item").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("internal-feed-item").fix())
                    .get()
                    .asString()
                    .contains("notes.object=CaseComment", "IsPublished=false");
        }
    }

    @Test
    void theChatterPostQueryFailsWhereTheUserCannotReadFeedItemsAndFeedItemsAreRead() {
        try (Orgs orgs = new Orgs()) {
            orgs.org.noFeedAccess();
            SalesforceConnector both = orgs.connector(orgs.org.settings(v -> v.put("notes.read", "both")));
            ProbeResult failed = probe(orgs, both, "feed-item-query");

            assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(failed.answer()).contains("INVALID_TYPE", "missed");
            assertThat(failed.fix()).get().asString().contains("Read on FeedItem", "notes.read=CaseComment");

            ProbeResult warned = probe(orgs, orgs.connector(), "feed-item-query");

            assertThat(warned.verdict()).isEqualTo(Verdict.WARN);
            assertThat(warned.answer()).contains("notes.read leaves FeedItems out");
        }
    }

    /** One probe by name, its test Cases discarded after. */
    private static ProbeResult probe(Orgs orgs, SalesforceConnector crm, String name) {
        SelfTestSupport support = support(crm);
        ProbeContext ctx = new ProbeContext(crm, support, team(orgs), orgs.clock, orgs.clock::advance);
        Probe p = support.probes().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow();
        ProbeResult r = p.run(ctx);
        ctx.created().forEach(support::discard);
        return r;
    }

    @Test
    void anOrgRefusingShorterUrlsFailsWithTheLengthItAccepts() {
        try (Orgs orgs = new Orgs(FakeSalesforce.builder().maxSubrequestUrlBytes(8_000))) {
            SalesforceConnector crm = orgs.connector();
            Probe probe = support(crm).probes().stream()
                    .filter(p -> p.name().equals("subrequest-url-length"))
                    .findFirst()
                    .orElseThrow();
            ProbeContext ctx = new ProbeContext(crm, support(crm), team(orgs), orgs.clock, orgs.clock::advance);

            ProbeResult r = probe.run(ctx);

            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.answer()).contains("refused a subrequest URL of 16000 bytes", "accepted 7600 bytes");
            assertThat(r.fix()).contains("set limits.max-url-bytes=7600");
            assertThat(orgs.org.longestSubrequestUrl()).isEqualTo(16_400);
        }
    }

    @Test
    void sandboxAnswersTheOrgsFlag() {
        try (Orgs sandbox = new Orgs();
                Orgs production = new Orgs(FakeSalesforce.builder().sandbox(false))) {
            assertThat(support(sandbox.connector()).sandbox()).contains(true);
            SalesforceConnector crm = production.connector();
            assertThat(support(crm).sandbox()).contains(false);
            assertThat(production.org.requests(FakeSalesforce.RecordedRequest::isApiCall))
                    .extracting(q -> q.soql().orElse(""))
                    .containsExactly("SELECT IsSandbox FROM Organization");
            ProbeResult r = support(crm)
                    .probes()
                    .get(0)
                    .run(new ProbeContext(
                            crm, support(crm), team(production), production.clock, production.clock::advance));
            assertThat(r.verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.answer()).contains("production");
        }
    }

    @Test
    void aTestCaseIsCreatedAsTheConnectorMapsTicketsAndDeleted() {
        try (Orgs orgs = new Orgs()) {
            SelfTestSupport support = support(orgs.connector());

            Ticket t = support.createTestTicket(
                    new TestTicket("create and discard", "Is this mapped?", Set.of("extra_tag")), team(orgs));

            assertThat(t.subject()).isEqualTo("[handover selftest] create and discard");
            assertThat(t.description()).isEqualTo("Is this mapped?");
            assertThat(t.requester().email()).isEqualTo(REQUESTER);
            assertThat(t.requester().name()).isEqualTo("Selftest Requester");
            assertThat(t.assignee()).contains(orgs.fixture.agent(1));
            assertThat(t.tags()).contains(TestTicket.TAG, "extra_tag");
            Map<String, Object> stored = orgs.org.record(t.id().value()).orElseThrow();
            assertThat(stored.get("OwnerId")).isEqualTo(orgs.fixture.agent(1).value()); // no assignment rule took it
            assertThat(stored.get("SuppliedEmail")).isEqualTo(REQUESTER);

            assertThat(support.discard(t.id())).isEqualTo("deleted");
            assertThat(orgs.org.record(t.id().value())).isEmpty();
            assertThat(orgs.org.requests(q -> q.method().equals("DELETE")))
                    .extracting(FakeSalesforce.RecordedRequest::path)
                    .containsExactly("/services/data/v67.0/sobjects/Case/" + t.id().value());
        }
    }

    @Test
    void aTestCaseIsClosedWhenDeletionIsRefused() {
        try (Orgs orgs = new Orgs()) {
            orgs.org.refuseDeletes();
            SelfTestSupport support = support(orgs.connector());
            Ticket t = support.createTestTicket(new TestTicket("refused deletion", "", Set.of()), team(orgs));

            String done = support.discard(t.id());

            assertThat(done).startsWith("closed (Status 'Closed')").contains("403", "INSUFFICIENT_ACCESS_OR_READONLY");
            assertThat(orgs.org.record(t.id().value()).orElseThrow())
                    .containsEntry("Status", "Closed")
                    .containsEntry("IsClosed", true);
        }
    }

    @Test
    void recordingPassesApiExchangesWithoutCredentialsAndNoTokenRequests() {
        try (Orgs orgs = new Orgs()) {
            SelfTestSupport support = support(orgs.connector());
            List<Exchange> recorded = Collections.synchronizedList(new ArrayList<>());
            support.record(Optional.of(recorded::add));

            assertThat(support.sandbox()).contains(true);
            Ticket t = support.createTestTicket(new TestTicket("recorded", "recorded body", Set.of()), team(orgs));
            support.discard(t.id());
            support.record(Optional.empty());
            assertThat(support.sandbox()).contains(true); // not recorded any more

            assertThat(orgs.org.tokensIssued()).isEqualTo(1);
            Function<Exchange, String> all = e -> String.join(
                    "\n",
                    e.target(),
                    e.requestHeaders().toString(),
                    e.requestBody(),
                    e.responseHeaders().toString(),
                    e.responseBody());
            assertThat(recorded).extracting(Exchange::method).containsExactly("GET", "POST", "GET", "DELETE");
            assertThat(recorded).allSatisfy(e -> {
                assertThat(e.target()).startsWith("/services/data/").doesNotContain("oauth2");
                assertThat(e.requestHeaders()).doesNotContainKey("authorization");
                assertThat(all.apply(e))
                        .doesNotContain(orgs.org.issuedTokens().get(0))
                        .doesNotContain(FakeSalesforce.CLIENT_SECRET)
                        .doesNotContain("Bearer");
            });
            Exchange create = recorded.get(1);
            assertThat(create.target()).isEqualTo("/services/data/v67.0/sobjects/Case");
            assertThat(create.requestHeaders()).containsEntry("sforce-auto-assign", List.of("FALSE"));
            assertThat(create.requestBody()).contains("[handover selftest] recorded");
            assertThat(create.status()).isEqualTo(201);
            assertThat(create.responseHeaders()).containsKey("sforce-limit-info");
            assertThat(recorded.get(0).target()).startsWith("/services/data/v67.0/query?q=SELECT");
            assertThat(recorded.get(3).status()).isEqualTo(204);
            assertThat(orgs.org.requests(FakeSalesforce.RecordedRequest::isApiCall))
                    .hasSize(5);
        }
    }

    @Test
    void noProbeWritesToACaseItDidNotCreate() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            Map<String, Object> before = othersThan(orgs.org, Set.of());
            Map<String, Object> seeded =
                    orgs.org.record(orgs.fixture.ticket(41).value()).orElseThrow();
            SelfTestSupport support = support(crm);
            ProbeContext ctx = new ProbeContext(crm, support, team(orgs), orgs.clock, orgs.clock::advance);
            support.probes().forEach(p -> p.run(ctx));

            Set<String> created = createdCases(orgs.org, before);
            assertThat(created)
                    .containsExactlyInAnyOrderElementsOf(
                            ctx.created().stream().map(TicketId::value).toList());
            assertThat(othersThan(orgs.org, created)).isEqualTo(before);
            assertThat(orgs.org.record(orgs.fixture.ticket(41).value())).contains(seeded);
            // every write request of the probes names one of their own Cases or creates one
            assertThat(orgs.org.requests(
                            q -> q.method().equals("PATCH") || q.method().equals("DELETE")))
                    .allSatisfy(q -> assertThat(created.stream().anyMatch(q.path()::contains))
                            .isTrue());
        }
    }
}
