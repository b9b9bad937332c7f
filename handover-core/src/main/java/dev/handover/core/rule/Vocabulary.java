package dev.handover.core.rule;

import java.util.Set;

/** Built-in wording of complaints and compliments in English, German, French and Spanish. */
final class Vocabulary {
    static final Set<String> COMPLAINT = Set.of(
            // en
            "complaint",
            "complain",
            "complaining",
            "unacceptable",
            "disappointed",
            "disgusted",
            "furious",
            "outraged",
            "terrible service",
            "worst service",
            "speak to a manager",
            "speak to your manager",
            "ombudsman",
            "legal action",
            "never again",
            "not acceptable",
            // de
            "beschwerde",
            "beschweren",
            "unzumutbar",
            "inakzeptabel",
            "enttauscht",
            "frechheit",
            "verantwortlichen person",
            "vorgesetzten",
            "so geht das nicht",
            // fr
            "reclamation",
            "plainte",
            "inacceptable",
            "decu",
            "decue",
            "scandaleux",
            "inadmissible",
            // es
            "queja",
            "reclamacion",
            "inaceptable",
            "decepcionado",
            "decepcionada",
            "indignado",
            "indignada",
            "hablar con un responsable");

    static final Set<String> COMPLIMENT = Set.of(
            // en
            "thank you",
            "thanks so much",
            "great service",
            "excellent service",
            "excellent help",
            "compliment",
            "well done",
            "fantastic",
            "brilliant service",
            // de
            "vielen dank",
            "herzlichen dank",
            "lob",
            "hervorragend",
            "toller service",
            "sehr guter service",
            // fr
            "merci beaucoup",
            "felicitations",
            "bravo",
            "remercier",
            // es
            "muchas gracias",
            "felicitacion",
            "excelente servicio",
            "agradecer");

    private Vocabulary() {}
}
