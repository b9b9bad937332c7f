package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.PageRequest;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The customer's tier from a configured Account or Contact field and the reopen count from a configured Case number
 * field (Salesforce keeps neither in a standard field), as the Zendesk adapter maps them — read in the Case query,
 * no call of their own.
 */
final class CustomerTierTest {

    @Test
    void tierFromAFieldOfTheCasesAccount() {
        try (Orgs orgs = new Orgs()) {
            TicketId gold = orgs.fixture.ticket(7);
            String account = orgs.org.putRecord("Account", Map.of("Name", "Acme", "Service_Tier__c", "Gold"));
            orgs.org.putRawValue(gold.value(), "AccountId", account);
            SalesforceConnector crm =
                    orgs.connector(orgs.org.settings(v -> v.put("customer.tier-field", "Account.Service_Tier__c")));

            Ticket t = crm.ticket(gold).orElseThrow();
            assertThat(t.requester().tier()).isEqualTo("Gold");
            assertThat(t.requester().organization()).isEqualTo("Acme");
            assertThat(crm.ticket(orgs.fixture.ticket(8))
                            .orElseThrow()
                            .requester()
                            .tier())
                    .as("a Case without Account")
                    .isEmpty();
            assertThat(crm.tickets(List.of(gold)).get(gold).requester().tier()).isEqualTo("Gold");
        }
    }

    @Test
    void tierFromAFieldOfTheCasesContactANumberReadAsAPlainDecimal() {
        try (Orgs orgs = new Orgs()) {
            String platinum = orgs.fixture.seed(9).requester().id();
            String numeric = orgs.fixture.seed(10).requester().id();
            orgs.org.putRawValue(platinum, "Level__c", "Platinum");
            orgs.org.putRawValue(numeric, "Level__c", 2.0);
            SalesforceConnector crm =
                    orgs.connector(orgs.org.settings(v -> v.put("customer.tier-field", "Contact.Level__c")));

            assertThat(crm.ticket(orgs.fixture.ticket(9))
                            .orElseThrow()
                            .requester()
                            .tier())
                    .isEqualTo("Platinum");
            assertThat(crm.ticket(orgs.fixture.ticket(10))
                            .orElseThrow()
                            .requester()
                            .tier())
                    .isEqualTo("2");
            assertThat(crm.ticket(orgs.fixture.ticket(11))
                            .orElseThrow()
                            .requester()
                            .tier())
                    .isEmpty();
        }
    }

    @Test
    void reopenCountFromTheConfiguredCaseField() {
        try (Orgs orgs = new Orgs()) {
            orgs.org.putRawValue(orgs.fixture.ticket(12).value(), "Reopen_Count__c", 3.0);
            orgs.org.putRawValue(orgs.fixture.ticket(13).value(), "Reopen_Count__c", -1.0);
            SalesforceConnector crm =
                    orgs.connector(orgs.org.settings(v -> v.put("fields.case.reopens", "Reopen_Count__c")));

            assertThat(crm.ticket(orgs.fixture.ticket(12)).orElseThrow().reopens())
                    .isEqualTo(3);
            assertThat(crm.ticket(orgs.fixture.ticket(13)).orElseThrow().reopens())
                    .as("a bad counter reads as none")
                    .isZero();
            assertThat(crm.ticket(orgs.fixture.ticket(14)).orElseThrow().reopens())
                    .as("a blank counter")
                    .isZero();
            assertThat(orgs.connector()
                            .ticket(orgs.fixture.ticket(12))
                            .orElseThrow()
                            .reopens())
                    .as("without the setting")
                    .isZero();
        }
    }

    @Test
    void tierAndReopensRideInTheCaseQueryWithoutACallOfTheirOwn() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> {
                v.put("customer.tier-field", "Account.Service_Tier__c");
                v.put("fields.case.reopens", "Reopen_Count__c");
            }));
            orgs.org.clearRequests();

            crm.ticket(orgs.fixture.ticket(12));
            crm.searchTickets(TicketQuery.builder().build(), PageRequest.first(5));

            List<FakeSalesforce.RecordedRequest> calls = orgs.org.requests(FakeSalesforce.RecordedRequest::isApiCall);
            assertThat(calls).hasSize(2);
            assertThat(calls)
                    .allSatisfy(r -> assertThat(r.soql().orElseThrow())
                            .contains("Account.Service_Tier__c")
                            .contains("Reopen_Count__c"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Service_Tier__c", "Opportunity.Tier__c", "Account.Owner.Tier__c", "Account.Bad Name"})
    void aTierFieldMustBeAFieldOfTheAccountOrTheContact(String value) {
        try (Orgs orgs = new Orgs()) {
            assertThatThrownBy(() -> orgs.connector(orgs.org.settings(v -> v.put("customer.tier-field", value))))
                    .isInstanceOfSatisfying(
                            CrmSettingsException.class, e -> assertThat(e.key()).isEqualTo("customer.tier-field"))
                    .hasMessageContaining("customer.tier-field")
                    .hasMessageContaining("Account.Service_Tier__c or Contact.Level__c");
        }
        assertThatThrownBy(() -> SalesforceConnector.builder().customerTierField(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "salesforce: customer tier field must be a field of the Case's Account or" + " Contact");
    }

    @Test
    void theTierAndReopensFieldsAreSetOnce() {
        assertThatThrownBy(() -> SalesforceConnector.builder()
                        .customerTierField("Contact.Level__c")
                        .customerTierField("Account.Service_Tier__c"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("salesforce: customer tier field is already set");
        assertThatThrownBy(() -> SalesforceConnector.builder().caseReopensField("none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("case reopens field");
    }
}
