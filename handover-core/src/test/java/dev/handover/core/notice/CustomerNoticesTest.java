package dev.handover.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.policy.HandoverReason;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class CustomerNoticesTest {
    private static final Map<String, String> VALUES = Map.of(
            "customer",
            "Anna",
            "receiver",
            "Jonas",
            "team",
            "our Billing team",
            "reason",
            "it is a billing question",
            "ticket",
            "1042");

    @Test
    void everyBuiltInLanguageHasATemplateAndAPhrasePerReason() {
        CustomerNotices n = CustomerNotices.builtIn();
        assertThat(n.languages()).containsExactlyInAnyOrder("en", "de", "fr", "es");
        for (String lang : n.languages()) {
            for (HandoverReason r : HandoverReason.BUILT_IN) {
                assertThat(n.phrase(r, lang)).as(lang + " " + r).isPresent();
            }
            assertThat(n.template(lang).render(VALUES)).contains("Jonas", "it is a billing question");
        }
    }

    @Test
    void optionalPartsAreLeftOutWithoutTheirValues() {
        NoticeTemplate en = CustomerNotices.builtIn().template("en");
        assertThat(en.render(VALUES)).doesNotContain("You will hear from us");
        java.util.HashMap<String, String> withContact = new java.util.HashMap<>(VALUES);
        withContact.put("next_contact", "Friday 17:00");
        assertThat(en.render(withContact)).endsWith("You will hear from us by Friday 17:00.");
        java.util.HashMap<String, String> noName = new java.util.HashMap<>(VALUES);
        noName.remove("customer");
        assertThat(en.render(noName)).startsWith("Hello, Jonas will take care");
    }

    @Test
    void customerLanguageChoosesTheTemplateWithAFallback() {
        CustomerNotices n = CustomerNotices.builtIn();
        assertThat(n.languageFor(Optional.of(Locale.forLanguageTag("de-AT")))).isEqualTo("de");
        assertThat(n.languageFor(Optional.of(Locale.forLanguageTag("nl")))).isEqualTo("en");
        assertThat(n.languageFor(Optional.empty())).isEqualTo("en");
    }

    @Test
    void templatesAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> CustomerNotices.builder().template("nl", "Hallo {klant}, {receiver} because {reason}"))
                .hasMessageStartingWith("customer notice template (nl): unknown placeholder {klant} at 6");
        assertThatThrownBy(() -> CustomerNotices.builder().template("nl", "Hallo, wij helpen u verder."))
                .hasMessageContaining("must say to whom the case goes");
        assertThatThrownBy(() -> CustomerNotices.builder().template("nl", "{receiver} helpt u."))
                .hasMessageContaining("must say why");
        assertThatThrownBy(() -> CustomerNotices.builder().template("nl", "[[ {receiver} {reason}"))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> CustomerNotices.builder().defaultLanguage("nl").build())
                .hasMessageContaining("no template in the default language nl");
    }

    @Test
    void aPolicyAddsLanguagesAndPhrasesForItsOwnReasons() {
        CustomerNotices n = CustomerNotices.builder()
                .template("nl", "Hallo[[ {customer}]], {receiver} helpt u verder omdat {reason}.")
                .phrase("vip-care", "en", "you are one of our most valued customers")
                .phrase("shift-change", "nl", "mijn dienst eindigt")
                .build();
        HandoverReason vip = HandoverReason.custom("vip-care", "VIP care", "VIP customers get the lead");
        assertThat(n.phrase(vip, "en")).contains("you are one of our most valued customers");
        assertThat(n.phrase(vip, "de"))
                .as("falls back to the default language")
                .contains("you are one of our most valued customers");
        assertThat(n.template("nl").render(Map.of("receiver", "Jonas", "reason", "mijn dienst eindigt")))
                .isEqualTo("Hallo, Jonas helpt u verder omdat mijn dienst eindigt.");
    }
}
