package dev.handover.core.notice;

import dev.handover.core.policy.HandoverReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The customer notices a policy can send, which tell customers to whom their case goes and why: a template per
 * language and, per reason, the phrase that explains it to the customer. English, German,
 * French and Spanish are built in; a policy adds or overrides languages and adds phrases for its custom reasons.
 * Immutable.
 */
public final class CustomerNotices {
    private static final Map<String, NoticeTemplate> BUILT_IN_TEMPLATES = Map.of(
            "en",
            new NoticeTemplate(
                    Locale.ENGLISH,
                    "Hello[[ {customer}]], {receiver} will take care of your request from now on because {reason}. You"
                            + " don't need to repeat anything: the full history of your case has been passed on.[["
                            + " You will hear from us by {next_contact}.]]"),
            "de",
            new NoticeTemplate(
                    Locale.GERMAN,
                    "Guten Tag[[ {customer}]], ab sofort kümmert sich {receiver} um Ihr Anliegen, weil {reason}. Sie"
                            + " müssen nichts wiederholen: Der gesamte Verlauf Ihres Falls wurde übergeben.[[ Sie"
                            + " hören spätestens am {next_contact} von uns.]]"),
            "fr",
            new NoticeTemplate(
                    Locale.FRENCH,
                    "Bonjour[[ {customer}]], {receiver} prend désormais en charge votre demande, car {reason}. Vous n'avez"
                            + " rien à répéter : tout l'historique de votre dossier a été transmis.[[ Vous aurez de"
                            + " nos nouvelles au plus tard le {next_contact}.]]"),
            "es",
            new NoticeTemplate(
                    Locale.forLanguageTag("es"),
                    "Hola[[ {customer}]], a partir de ahora {receiver} se encargará de su solicitud porque {reason}. No"
                            + " necesita repetir nada: le hemos pasado todo el historial de su caso.[[ Tendrá"
                            + " noticias nuestras a más tardar el {next_contact}.]]"));

    private static final Map<String, Map<String, String>> BUILT_IN_PHRASES = Map.of(
            "en",
            Map.of(
                    "shift-change", "my shift is ending and I want your request to keep moving",
                    "escalation", "your request needs a specialist",
                    "complaint",
                            "we want someone with the authority to resolve your complaint to look after it"
                                    + " personally",
                    "compliment", "we would like to pass your kind words on to the team",
                    "language", "they can help you in your own language",
                    "expertise", "they are our specialist for this kind of request",
                    "absence", "I am away for a few days and don't want you to wait",
                    "workload", "they can get back to you sooner",
                    "authority-limit", "they can approve what you need",
                    "customer-request", "you asked to speak to someone else"),
            "de",
            Map.of(
                    "shift-change",
                            "meine Schicht endet und Ihr Anliegen ohne Unterbrechung weiterbearbeitet werden" + " soll",
                    "escalation", "Ihr Anliegen einen Spezialisten braucht",
                    "complaint", "sich jemand mit den nötigen Befugnissen persönlich um Ihre Beschwerde kümmern soll",
                    "compliment", "wir Ihr Lob gern an das Team weitergeben möchten",
                    "language", "Sie so in Ihrer Sprache betreut werden",
                    "expertise", "dort unsere Spezialisten für solche Anliegen sitzen",
                    "absence", "ich einige Tage abwesend bin und Sie nicht warten sollen",
                    "workload", "Ihnen so schneller geantwortet werden kann",
                    "authority-limit", "dort über Ihr Anliegen entschieden werden kann",
                    "customer-request", "Sie um einen anderen Ansprechpartner gebeten haben"),
            "fr",
            Map.of(
                    "shift-change", "mon service se termine et votre demande doit continuer d'avancer",
                    "escalation", "votre demande nécessite un spécialiste",
                    "complaint",
                            "nous souhaitons qu'une personne habilitée à traiter votre réclamation s'en occupe"
                                    + " personnellement",
                    "compliment", "nous souhaitons transmettre vos aimables paroles à l'équipe",
                    "language", "vous serez ainsi accompagné dans votre langue",
                    "expertise", "c'est notre spécialiste pour ce type de demande",
                    "absence", "je suis absent quelques jours et ne veux pas vous faire attendre",
                    "workload", "cela permettra de vous répondre plus rapidement",
                    "authority-limit", "cette personne peut valider ce dont vous avez besoin",
                    "customer-request", "vous avez demandé un autre interlocuteur"),
            "es",
            Map.of(
                    "shift-change", "mi turno termina y queremos que su solicitud siga avanzando",
                    "escalation", "su solicitud necesita un especialista",
                    "complaint",
                            "queremos que una persona con autoridad para resolver su queja se ocupe" + " personalmente",
                    "compliment", "queremos transmitir sus amables palabras al equipo",
                    "language", "así le atenderán en su idioma",
                    "expertise", "es nuestro especialista en este tipo de solicitudes",
                    "absence", "estaré ausente unos días y no quiero que tenga que esperar",
                    "workload", "así podrá responderle antes",
                    "authority-limit", "puede aprobar lo que usted necesita",
                    "customer-request", "usted pidió hablar con otra persona"));

    private static final Map<String, String> TEAM_PHRASES = Map.of(
            "en", "our {team} team",
            "de", "unser Team {team}",
            "fr", "notre équipe {team}",
            "es", "nuestro equipo {team}");

    /** The built-in German, French and Spanish notices say Sie, vous and usted: they address the customer formally. */
    private static final Map<String, NoticeRegister> BUILT_IN_REGISTERS =
            Map.of("de", NoticeRegister.FORMAL, "fr", NoticeRegister.FORMAL, "es", NoticeRegister.FORMAL);

    private static final CustomerNotices BUILT_IN = new CustomerNotices(Map.of(), Map.of(), Map.of(), "en");

    private final Map<String, NoticeTemplate> templates;
    private final Map<String, Map<String, String>> phrases;
    private final Map<String, NoticeRegister> registers;
    private final String defaultLanguage;

    private CustomerNotices(
            Map<String, NoticeTemplate> templates,
            Map<String, Map<String, String>> phrases,
            Map<String, NoticeRegister> registers,
            String defaultLanguage) {
        Map<String, NoticeTemplate> t = new LinkedHashMap<>(BUILT_IN_TEMPLATES);
        t.putAll(templates);
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        BUILT_IN_PHRASES.forEach((lang, m) -> p.put(lang, new LinkedHashMap<>(m)));
        phrases.forEach(
                (lang, m) -> p.computeIfAbsent(lang, k -> new LinkedHashMap<>()).putAll(m));
        this.templates = Collections.unmodifiableMap(t);
        this.phrases = Collections.unmodifiableMap(p);
        Map<String, NoticeRegister> r = new LinkedHashMap<>(BUILT_IN_REGISTERS);
        r.putAll(registers);
        this.registers = Collections.unmodifiableMap(r);
        this.defaultLanguage = defaultLanguage;
        if (!this.templates.containsKey(defaultLanguage)) {
            throw new IllegalArgumentException("customer notices have no template in the default language "
                    + defaultLanguage + "; languages: " + this.templates.keySet());
        }
    }

    /** English, German, French and Spanish, default English. */
    public static CustomerNotices builtIn() {
        return BUILT_IN;
    }

    /** A builder starting from the built-in languages. */
    public static Builder builder() {
        return new Builder();
    }

    /** The languages with a template. */
    public Set<String> languages() {
        return templates.keySet();
    }

    /** The language used when the customer's is unknown or has no template. */
    public String defaultLanguage() {
        return defaultLanguage;
    }

    /** The language a customer gets: theirs when there is a template for it, else the default. */
    public String languageFor(Optional<Locale> customer) {
        return customer.map(Locale::getLanguage).filter(templates::containsKey).orElse(defaultLanguage);
    }

    /** The template for a language code. */
    public NoticeTemplate template(String language) {
        return templates.getOrDefault(language, templates.get(defaultLanguage));
    }

    /** The phrase that explains a reason to the customer in a language, falling back to the default language. */
    public Optional<String> phrase(HandoverReason reason, String language) {
        return Optional.ofNullable(phrases.getOrDefault(language, Map.of()).get(reason.code()))
                .or(() -> Optional.ofNullable(
                        phrases.getOrDefault(defaultLanguage, Map.of()).get(reason.code())));
    }

    /** How notices in a language address the customer: formal for German, French and Spanish unless set otherwise. */
    public NoticeRegister register(String language) {
        return registers.getOrDefault(language, NoticeRegister.INFORMAL);
    }

    /** "our Billing L2 team" in the language. */
    public String teamPhrase(String team, String language) {
        return TEAM_PHRASES.getOrDefault(language, TEAM_PHRASES.get("en")).replace("{team}", team);
    }

    /** Builds {@link CustomerNotices}. */
    public static final class Builder {
        private final Map<String, NoticeTemplate> templates = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> phrases = new LinkedHashMap<>();
        private final Map<String, NoticeRegister> registers = new LinkedHashMap<>();
        private String defaultLanguage = "en";

        private Builder() {}

        /** Adds or replaces the template of a language (a BCP 47 language code like {@code nl}). */
        public Builder template(String language, String text) {
            String lang = language(language);
            if (templates.containsKey(lang)) {
                throw new IllegalStateException("customer notice template for " + lang + " is given twice");
            }
            templates.put(lang, new NoticeTemplate(Locale.forLanguageTag(lang), text));
            return this;
        }

        /** Adds or replaces the phrase explaining a reason in a language. */
        public Builder phrase(String reasonCode, String language, String phrase) {
            Objects.requireNonNull(reasonCode, "reason code");
            if (Objects.requireNonNull(phrase, "phrase").isBlank()) {
                throw new IllegalArgumentException("phrase for reason " + reasonCode + " (" + language + ") is blank");
            }
            phrases.computeIfAbsent(language(language), k -> new LinkedHashMap<>())
                    .put(reasonCode, phrase.strip());
            return this;
        }

        /** How notices in a language address the customer (formal: salutation and surname; informal: first name). */
        public Builder register(String language, NoticeRegister register) {
            registers.put(language(language), Objects.requireNonNull(register, "register"));
            return this;
        }

        /** The language used when the customer's has no template. */
        public Builder defaultLanguage(String language) {
            this.defaultLanguage = language(language);
            return this;
        }

        private static String language(String tag) {
            Objects.requireNonNull(tag, "language");
            String lang = Locale.forLanguageTag(tag.strip()).getLanguage();
            if (lang.isEmpty()) {
                throw new IllegalArgumentException("'" + tag + "' is not a language code like en, de or fr");
            }
            return lang;
        }

        /** The notices. */
        public CustomerNotices build() {
            return new CustomerNotices(templates, phrases, registers, defaultLanguage);
        }
    }
}
