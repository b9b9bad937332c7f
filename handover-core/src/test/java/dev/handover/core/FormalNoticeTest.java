package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.CARLOS;
import static dev.handover.core.World.LUKAS;
import static dev.handover.core.World.SOPHIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.notice.CustomerNotices;
import dev.handover.core.notice.NoticeRegister;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Ticket;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Customer notices address the customer as the language's register asks (seed 3.3): the built-in German, French and
 * Spanish notices, which say Sie, vous and usted, use the salutation and surname the CRM holds — never a first name
 * beside a formal verb — and a policy sets the register per language.
 */
final class FormalNoticeTest {
    private final World world = new World();

    private Handovers engine(CustomerNotices notices) {
        return world.engine(HandoverPolicy.builder()
                .notices(notices)
                .rule(HandoverRule.builder("expertise")
                        .when(Condition.tag("never-automatic"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.nextShift())
                        .notifyCustomer(true)
                        .build())
                .build());
    }

    private String noticeTo(Handovers e, Customer customer, AgentId to) {
        Ticket t = world.ticket(b -> b.assignee(AMELIA)
                .requester(customer)
                .language(customer.language().orElseThrow()));
        HandoverResult r = e.handOver(HandoverRequest.builder(t.id())
                .rule("expertise")
                .reason(HandoverReason.EXPERTISE)
                .toAgent(to)
                .build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(c -> !c.isInternal())
                .map(Comment::body)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static Customer customer(String name, String salutation, String language) {
        return Customer.builder()
                .id("c-" + name.hashCode())
                .name(name)
                .salutation(salutation)
                .email("x@example.org")
                .language(Locale.forLanguageTag(language))
                .build();
    }

    @Test
    void theBuiltInGermanFrenchAndSpanishNoticesAreFormalByDefault() {
        Handovers e = engine(CustomerNotices.builtIn());

        assertThat(noticeTo(e, customer("Anna Müller", "Frau", "de"), LUKAS))
                .startsWith("Guten Tag Frau Müller, ab sofort kümmert sich Lukas um Ihr Anliegen");
        assertThat(noticeTo(e, customer("Camille Dupont", "Madame", "fr"), SOPHIE))
                .startsWith("Bonjour Madame Dupont, Sophie prend désormais en charge votre demande");
        assertThat(noticeTo(e, customer("Lucía García", "Sra.", "es"), CARLOS))
                .startsWith("Hola Sra. García, a partir de ahora Carlos se encargará de su solicitud");
        // without a salutation in the CRM: the full name, not the first name beside "Sie"
        assertThat(noticeTo(e, customer("Jonas Richter", "", "de"), LUKAS)).startsWith("Guten Tag Jonas Richter,");
        // English stays informal
        assertThat(noticeTo(e, customer("Olivia Harris", "Ms.", "en"), LUKAS)).startsWith("Hello Olivia,");
    }

    @Test
    void aPolicySetsTheRegisterPerLanguageAndTemplatesMayUseEachPart() {
        Handovers e = engine(CustomerNotices.builder()
                .register("en", NoticeRegister.FORMAL)
                .register("de", NoticeRegister.INFORMAL)
                .template(
                        "fr",
                        "Madame, Monsieur[[ {customer_surname}]], {receiver} reprend votre dossier car {reason}."
                                + "[[ ({salutation} {customer_full_name})]]")
                .build());

        assertThat(noticeTo(e, customer("Olivia Harris", "Ms.", "en"), LUKAS)).startsWith("Hello Ms. Harris,");
        assertThat(noticeTo(e, customer("Anna Müller", "Frau", "de"), LUKAS)).startsWith("Guten Tag Anna,");
        assertThat(noticeTo(e, customer("Camille Dupont", "Madame", "fr"), SOPHIE))
                .startsWith("Madame, Monsieur Dupont, Sophie reprend votre dossier car")
                .endsWith("(Madame Camille Dupont)");
    }
}
