package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code check --connect} asks the account whether the configured ticket fields and user fields exist: a typo in a
 * field key otherwise reads as "no value" at run time — agents without skills — without a word.
 */
final class SettingsCheckTest {

    @Test
    void aConfigurationThatMatchesTheAccountHasNoProblems() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm = account.build()) {
            assertThat(crm.checkSettings()).isEmpty();
        }
    }

    @Test
    void aMistypedUserFieldKeyAndAnUnknownTicketFieldAreNamedWithWhatWasMeant() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm = account.connector()
                        .skillsField("handover_skils")
                        .ticketField(360999L, "refund_amout")
                        .build()) {
            assertThat(crm.checkSettings())
                    .containsExactlyInAnyOrder(
                            "directory.skills-field: no user field 'handover_skils' in this Zendesk account (did you"
                                    + " mean 'handover_skills'?); agents would read as having no such value",
                            "fields.360999 (refund_amout): no ticket field 360999 in this Zendesk account (did you mean "
                                    + dev.handover.zendesk.fake.FakeZendesk.REFUND_FIELD + " 'refund amount'?)");
        }
    }
}
