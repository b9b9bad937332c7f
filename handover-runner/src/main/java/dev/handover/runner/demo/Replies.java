package dev.handover.runner.demo;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Ticket;
import java.util.Locale;
import java.util.Map;

/** What the demo's people write to customers, in the customer's language ({first} and {agent} filled in). */
final class Replies {
    private static final Map<String, String> UPDATE = Map.of(
            "de",
            "Guten Tag {first}, hier ist {agent}. Ich habe Ihr Anliegen übernommen, alles Nötige liegt mir vor, und"
                    + " ich melde mich heute noch mit dem Ergebnis.",
            "fr",
            "Bonjour {first}, ici {agent}. J'ai repris votre demande avec tout son historique et je reviens vers"
                    + " vous aujourd'hui avec une réponse.",
            "es",
            "Hola {first}, soy {agent}. He asumido su caso con todo su historial y le respondo hoy mismo.",
            "en",
            "Hi {first}, this is {agent}. I have taken over your request with its full history and will get back to"
                    + " you today with the outcome.");
    private static final Map<String, String> DONE = Map.of(
            "de",
            "Guten Tag {first}, hier ist {agent}: Es ist erledigt. Entschuldigen Sie, dass es länger gedauert hat als"
                    + " zugesagt.",
            "fr",
            "Bonjour {first}, ici {agent} : c'est fait. Désolé que cela ait pris plus de temps que promis.",
            "es",
            "Hola {first}, soy {agent}: ya está hecho. Disculpe que haya tardado más de lo prometido.",
            "en",
            "Hi {first}, this is {agent}: it is done. I am sorry it took longer than we promised.");
    private static final Map<String, String> COMPLAINT = Map.of(
            "de",
            "Das ist jetzt das dritte Mal, dass ich schreibe, und niemand hat zurückgerufen. Ich möchte mit einer"
                    + " verantwortlichen Person sprechen.",
            "en",
            "This is the third time I am writing and nobody has called me back. I want to speak to a manager today.");

    private Replies() {}

    /** A short update from the agent who now has the ticket. */
    static String update(Ticket ticket, Agent agent) {
        return fill(UPDATE, ticket, agent);
    }

    /** The owner's word to the customer after a manager stepped in and it is done. */
    static String done(Ticket ticket, Agent agent) {
        return fill(DONE, ticket, agent);
    }

    /** The customer of the complaint scenario asks for a manager. */
    static String complaint(Ticket ticket) {
        return COMPLAINT.getOrDefault(language(ticket), COMPLAINT.get("en"));
    }

    private static String fill(Map<String, String> templates, Ticket ticket, Agent agent) {
        return templates
                .getOrDefault(language(ticket), templates.get("en"))
                .replace("{first}", ticket.requester().name().split(" ")[0])
                .replace("{agent}", agent.name());
    }

    private static String language(Ticket ticket) {
        return ticket.effectiveLanguage().map(Locale::getLanguage).orElse("en");
    }
}
