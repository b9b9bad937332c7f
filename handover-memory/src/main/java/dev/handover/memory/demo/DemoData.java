package dev.handover.memory.demo;

import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Builds the demo data set: a head of customer service over two team leads, an EMEA team in Europe/London and an
 * Americas team in America/New_York with early, late and overnight shifts, a Billing L2 and a Technical L2 group, a
 * Customer Relations team and a Triage queue; agents speaking English, German, French and Spanish with skills,
 * capacities, one on leave and one deactivated; and tickets with realistic subjects, conversations, priorities,
 * channels, languages, customer tiers, refund amounts, complaints and compliments.
 *
 * <pre>{@code
 * DemoDataSet data = DemoData.builder().seed(7).start(Instant.parse("2026-03-02T08:00:00Z")).build();
 * InMemoryCrm crm = data.loadInto(InMemoryCrm.builder().clock(clock).build());
 * }</pre>
 *
 * <p>The same seed and start give the same data.
 */
public final class DemoData {
    /** The EMEA team's time zone. */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The Americas team's time zone. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The EMEA Support group. */
    public static final GroupId EMEA = GroupId.of("emea-support");

    /** The Americas Support group. */
    public static final GroupId AMERICAS = GroupId.of("americas-support");

    /** Billing specialists (senior agents). */
    public static final GroupId BILLING_L2 = GroupId.of("billing-l2");

    /** Technical specialists. */
    public static final GroupId TECHNICAL_L2 = GroupId.of("technical-l2");

    /** Complaints and relationship work. */
    public static final GroupId CUSTOMER_RELATIONS = GroupId.of("customer-relations");

    /** Unassigned incoming work. */
    public static final GroupId TRIAGE = GroupId.of("triage");

    private final long seed;
    private final Instant start;
    private final int ticketCount;
    private final int firstTicket;

    private DemoData(Builder b) {
        this.seed = b.seed;
        this.start = b.start;
        this.ticketCount = b.tickets;
        this.firstTicket = b.firstTicket;
    }

    /** A builder: seed 42, start 2026-03-02T08:00Z (a Monday), 60 tickets. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default data set. */
    public static DemoDataSet standard() {
        return builder().build();
    }

    // ---------------------------------------------------------------- the team

    private static final Shift EARLY = Shift.weekdays(LocalTime.of(6, 0), LocalTime.of(14, 0));
    private static final Shift DAY = Shift.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0));
    private static final Shift MID = Shift.weekdays(LocalTime.of(8, 0), LocalTime.of(16, 0));
    private static final Shift LATE = Shift.weekdays(LocalTime.of(14, 0), LocalTime.of(22, 0));
    private static final Shift NIGHT = Shift.of(
            EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
            LocalTime.of(22, 0),
            LocalTime.of(6, 0));
    private static final Shift AMERICAS_LATE = Shift.weekdays(LocalTime.of(16, 0), LocalTime.of(0, 0));
    private static final Shift AMERICAS_MID = Shift.weekdays(LocalTime.of(12, 0), LocalTime.of(20, 0));

    private List<Agent> agents() {
        List<Agent> a = new ArrayList<>();
        a.add(agent("grace", "Grace Okafor", "head", LONDON, null, DAY, 20, "en")
                .group(CUSTOMER_RELATIONS)
                .skill("complaints", "escalations", "refunds", "billing")
                .build());
        a.add(agent("oliver", "Oliver Bennett", "lead", LONDON, "grace", MID, 15, "en", "de")
                .group(EMEA, CUSTOMER_RELATIONS)
                .skill("complaints", "escalations", "billing", "refunds")
                .build());
        a.add(agent("maria", "Maria Lopez", "lead", NEW_YORK, "grace", DAY, 15, "en", "es")
                .group(AMERICAS, CUSTOMER_RELATIONS)
                .skill("complaints", "escalations", "billing", "refunds")
                .build());
        // EMEA, Europe/London
        a.add(agent("amelia", "Amelia Clarke", "agent", LONDON, "oliver", EARLY, 12, "en")
                .group(EMEA)
                .skill("general", "billing", "account")
                .build());
        a.add(agent("lukas", "Lukas Becker", "agent", LONDON, "oliver", MID, 12, "de", "en")
                .group(EMEA, TECHNICAL_L2)
                .skill("technical", "general", "api")
                .build());
        a.add(agent("sophie", "Sophie Martin", "senior", LONDON, "oliver", DAY, 10, "fr", "en")
                .group(EMEA, BILLING_L2)
                .skill("billing", "refunds", "account")
                .build());
        a.add(agent("jonas", "Jonas Weber", "senior", LONDON, "oliver", LATE, 10, "de", "en")
                .group(EMEA, BILLING_L2)
                .skill("billing", "refunds", "delivery")
                .build());
        a.add(agent("chloe", "Chloé Dubois", "agent", LONDON, "oliver", LATE, 12, "fr", "en")
                .group(EMEA, TECHNICAL_L2)
                .skill("technical", "general")
                .build());
        a.add(agent("tom", "Tom Hughes", "agent", LONDON, "oliver", NIGHT, 15, "en")
                .group(EMEA)
                .skill("general", "delivery", "account")
                .build());
        // Americas, America/New_York
        a.add(agent("carlos", "Carlos Ramírez", "senior", NEW_YORK, "maria", MID, 10, "es", "en")
                .group(AMERICAS, BILLING_L2)
                .skill("billing", "refunds", "delivery")
                .build());
        a.add(agent("emily", "Emily Johnson", "agent", NEW_YORK, "maria", DAY, 12, "en")
                .group(AMERICAS, TECHNICAL_L2)
                .skill("technical", "api", "general")
                .build());
        a.add(agent("lucia", "Lucía Fernández", "agent", NEW_YORK, "maria", AMERICAS_MID, 12, "es", "en")
                .group(AMERICAS, CUSTOMER_RELATIONS)
                .skill("general", "complaints", "delivery")
                .build());
        a.add(agent("michael", "Michael Brown", "agent", NEW_YORK, "maria", AMERICAS_LATE, 12, "en")
                .group(AMERICAS)
                .skill("billing", "general", "account")
                .build());
        a.add(agent("priya", "Priya Patel", "agent", NEW_YORK, "maria", DAY, 12, "en", "hi")
                .group(AMERICAS)
                .skill("technical", "account")
                .absence(new Absence(start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(3)), "annual leave"))
                .build());
        a.add(agent("daniel", "Daniel Kim", "agent", NEW_YORK, "maria", DAY, 12, "en", "ko")
                .group(AMERICAS)
                .skill("general")
                .active(false)
                .build());
        return a;
    }

    private static Agent.Builder agent(
            String id,
            String name,
            String role,
            ZoneId zone,
            String manager,
            Shift shift,
            int capacity,
            String... languages) {
        return Agent.builder(AgentId.of(id))
                .name(name)
                .email(id + "@support.example.com")
                .role(role)
                .timeZone(zone)
                .manager(manager == null ? null : AgentId.of(manager))
                .shift(shift)
                .capacity(capacity)
                .speaks(languages);
    }

    private static List<Group> groups() {
        return List.of(
                Group.team(EMEA, "EMEA Support"),
                Group.team(AMERICAS, "Americas Support"),
                Group.team(BILLING_L2, "Billing L2"),
                Group.team(TECHNICAL_L2, "Technical L2"),
                Group.team(CUSTOMER_RELATIONS, "Customer Relations"),
                Group.queue(TRIAGE, "Triage"));
    }

    // ---------------------------------------------------------------- the tickets

    private record Template(String lang, String category, String subject, String body, String agentNote) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template(
                    "en",
                    "refund",
                    "Refund not received for order {order}",
                    "I returned order {order} three weeks ago and the refund of {amount} still hasn't reached my card."
                            + " The courier confirmed delivery to your warehouse on the 4th.",
                    "Return scanned at the Leeds warehouse; refund not triggered. Needs a manual refund."),
            new Template(
                    "en",
                    "billing",
                    "Charged twice for my subscription this month",
                    "My bank statement shows two charges of {amount} on the same day for my subscription."
                            + " Please refund the duplicate.",
                    "Payment gateway shows two captures 40 seconds apart: a retry bug on our side."),
            new Template(
                    "en",
                    "technical",
                    "Cannot log in after password reset",
                    "I reset my password yesterday and now the app says 'invalid credentials' every time."
                            + " I've tried on my phone and laptop.",
                    "Account flagged by the fraud rule after 5 failed attempts. Unlock needs a senior agent."),
            new Template(
                    "en",
                    "technical",
                    "App crashes when uploading photos",
                    "Every time I try to attach a photo to my claim the app closes. iPhone 15, latest app version.",
                    "Reproduced on iOS 19.2 with HEIC files larger than 10 MB. Bug filed as MOB-2231."),
            new Template(
                    "en",
                    "delivery",
                    "Wrong item delivered - order {order}",
                    "I ordered the blue kettle (order {order}) and received a toaster. I need the kettle before"
                            + " Friday.",
                    "Warehouse mis-pick confirmed. Replacement can ship today if approved before 15:00."),
            new Template(
                    "en",
                    "cancellation",
                    "Please cancel my subscription",
                    "I'd like to cancel my subscription at the end of this billing period and get confirmation in"
                            + " writing.",
                    "Customer is on an annual plan; cancellation fee applies unless waived by a lead."),
            new Template(
                    "en",
                    "complaint",
                    "Complaint: nobody called me back as promised",
                    "I was promised a call back on Tuesday about my broken washing machine. Nobody called. This is the"
                            + " third time I am writing. I am extremely disappointed and want to speak to a manager.",
                    "Two previous promises of a call back were not kept (see history)."),
            new Template(
                    "en",
                    "complaint",
                    "Formal complaint about delivery delays",
                    "My order {order} is now two weeks late and your tracking page has said 'in transit' for 10 days."
                            + " This is unacceptable. I want a refund of the delivery charge.",
                    "Carrier lost the parcel. Customer eligible for a goodwill credit up to {amount}."),
            new Template(
                    "en",
                    "compliment",
                    "Thank you for the excellent help!",
                    "I just wanted to say thank you to the agent who helped me yesterday. She was patient and sorted"
                            + " everything out in one call. Great service!",
                    "Compliment for Amelia - forward to team lead for recognition."),
            new Template(
                    "en",
                    "technical",
                    "API returns 500 on /orders endpoint",
                    "Since this morning our integration gets HTTP 500 on GET /v2/orders for about 20% of requests."
                            + " Request ids attached. This is blocking our warehouse.",
                    "Correlated with deploy 2026.03.1; engineering aware (INC-5521)."),
            new Template(
                    "en",
                    "account",
                    "How do I export all my data?",
                    "I'd like a copy of all the personal data you hold about me, please.",
                    "Data subject access request: 30-day legal deadline from receipt."),
            new Template(
                    "en",
                    "billing",
                    "Invoice shows the wrong company address",
                    "Our invoices still show our old address. Our finance team can't process them. Can you reissue"
                            + " the last three?",
                    "Address updated in CRM; invoices need reissuing from billing system."),
            new Template(
                    "de",
                    "refund",
                    "Rückerstattung für Bestellung {order} fehlt",
                    "Ich habe die Bestellung {order} vor zwei Wochen zurückgeschickt und noch keine Erstattung von"
                            + " {amount} erhalten.",
                    "Retoure eingegangen, Erstattung manuell auslösen."),
            new Template(
                    "de",
                    "billing",
                    "Doppelte Abbuchung auf meiner Kreditkarte",
                    "Sie haben mir den Monatsbeitrag zweimal abgebucht ({amount}). Bitte erstatten Sie den doppelten"
                            + " Betrag.",
                    "Doppelte Buchung im Zahlungsanbieter bestätigt."),
            new Template(
                    "de",
                    "technical",
                    "Ich kann mich nicht mehr anmelden",
                    "Seit dem Update kann ich mich nicht mehr in der App anmelden. Es kommt immer 'Fehler 403'.",
                    "403 kommt vom Geo-Blocking, Kunde ist gerade in der Schweiz."),
            new Template(
                    "de",
                    "complaint",
                    "Beschwerde über den Kundenservice",
                    "Ich habe dreimal angerufen und jedes Mal musste ich alles neu erklären. So geht das nicht. Ich"
                            + " erwarte einen Rückruf von einer verantwortlichen Person.",
                    "Kunde musste sich dreimal wiederholen - genau das, was Übergaben verhindern sollen."),
            new Template(
                    "de",
                    "delivery",
                    "Lieferung beschädigt angekommen",
                    "Das Paket mit der Bestellung {order} kam beschädigt an, die Glasplatte ist zerbrochen. Fotos"
                            + " anbei.",
                    "Ersatz oder Erstattung möglich; Kunde bevorzugt Ersatz."),
            new Template(
                    "de",
                    "compliment",
                    "Vielen Dank für die schnelle Hilfe",
                    "Ich wollte mich nur für die freundliche und schnelle Hilfe bedanken. Sehr guter Service!",
                    "Lob an das Team weiterleiten."),
            new Template(
                    "fr",
                    "refund",
                    "Remboursement non reçu pour la commande {order}",
                    "J'ai renvoyé la commande {order} il y a trois semaines et je n'ai toujours pas reçu le"
                            + " remboursement de {amount}.",
                    "Retour reçu à l'entrepôt, remboursement à déclencher manuellement."),
            new Template(
                    "fr",
                    "technical",
                    "Impossible de me connecter à mon compte",
                    "Depuis hier je ne peux plus me connecter, le site dit que mon compte est bloqué.",
                    "Compte bloqué par la règle anti-fraude après 5 tentatives."),
            new Template(
                    "fr",
                    "billing",
                    "Facture incorrecte ce mois-ci",
                    "Ma facture de mars indique {amount} alors que mon abonnement est de 29 euros par mois.",
                    "Erreur de prorata après changement d'offre."),
            new Template(
                    "fr",
                    "complaint",
                    "Réclamation : commande jamais livrée",
                    "Ma commande {order} n'est jamais arrivée et personne ne me répond. Je souhaite être remboursé"
                            + " immédiatement.",
                    "Colis perdu par le transporteur, remboursement possible jusqu'à {amount}."),
            new Template(
                    "es",
                    "refund",
                    "No he recibido mi reembolso del pedido {order}",
                    "Devolví el pedido {order} hace dos semanas y todavía no he recibido el reembolso de {amount}.",
                    "Devolución recibida; reembolso pendiente de aprobación."),
            new Template(
                    "es",
                    "billing",
                    "Cobro duplicado en mi tarjeta",
                    "Me han cobrado dos veces la cuota mensual de {amount}. Por favor, devuélvanme el cargo"
                            + " duplicado.",
                    "Doble cargo confirmado en la pasarela de pago."),
            new Template(
                    "es",
                    "complaint",
                    "Queja: el pedido llegó dañado y nadie responde",
                    "Mi pedido {order} llegó roto hace una semana, envié fotos y nadie me ha contestado. Quiero hablar"
                            + " con un responsable.",
                    "Cliente gold; ya escribió tres veces."),
            new Template(
                    "es",
                    "delivery",
                    "¿Dónde está mi pedido {order}?",
                    "El seguimiento de mi pedido {order} no se actualiza desde hace cinco días.",
                    "Paquete retenido en aduanas, falta factura comercial."),
            new Template(
                    "es",
                    "compliment",
                    "Muchas gracias por la ayuda",
                    "Quería agradecer al agente que me ayudó ayer, resolvió todo muy rápido.",
                    "Felicitación para el equipo."));

    private static final List<String> EN_NAMES = List.of(
            "Olivia Harris",
            "James Wilson",
            "Ava Thompson",
            "Noah Walker",
            "Isla Roberts",
            "Ethan Wright",
            "Mia Robinson",
            "Liam Green",
            "Emma Davis",
            "Jack Taylor");
    private static final List<String> DE_NAMES =
            List.of("Anna Müller", "Felix Schneider", "Lena Fischer", "Paul Wagner", "Marie Hoffmann");
    private static final List<String> FR_NAMES =
            List.of("Camille Bernard", "Louis Petit", "Léa Moreau", "Hugo Laurent");
    private static final List<String> ES_NAMES =
            List.of("Sofía García", "Mateo López", "Valentina Martínez", "Diego Sánchez");
    private static final List<String> ORGANIZATIONS =
            List.of("", "", "", "Northwind Traders", "Contoso Ltd", "Globex GmbH", "Initech SARL", "Acme Iberia S.L.");

    private List<Ticket> tickets(List<Agent> agents, List<Comment> comments) {
        Random random = new Random(seed);
        List<Ticket> out = new ArrayList<>();
        for (int i = 0; i < ticketCount; i++) {
            // every seventh ticket: a German, French or Spanish customer with an agent who does not speak the language
            Template t = i % 7 == 3 ? pickForeignTemplate(random) : pickTemplate(random);
            TicketId id = TicketId.of(Integer.toString(firstTicket + i));
            String order = "ORD-" + (400000 + random.nextInt(600000));
            int amountValue = 15 + random.nextInt(60) * 15;
            String amount = amountValue + (t.lang.equals("en") ? " GBP" : " EUR");
            Locale language = Locale.forLanguageTag(t.lang);
            String name = pick(random, names(t.lang));
            Customer customer = Customer.builder()
                    .id("c" + (5000 + firstTicket - 1001 + i))
                    .name(name)
                    .email(emailOf(name, i))
                    .phone("+44 20 7946 " + (1000 + random.nextInt(9000)))
                    .language(language)
                    .organization(pick(random, ORGANIZATIONS))
                    .tier(tier(random))
                    .preferredChannel(random.nextInt(4) == 0 ? Channel.PHONE : Channel.EMAIL)
                    .build();
            Instant created = start.minus(Duration.ofMinutes(60 + random.nextInt(72 * 60)));
            long sinceCreated = Duration.between(created, start).toMinutes();
            Instant updated = created.plus(Duration.ofMinutes(random.nextInt((int) Math.max(1, sinceCreated - 5))));
            TicketStatus status = status(random, t.category, i);
            Agent assignee = assignee(random, agents, t, i);
            Ticket.Builder b = Ticket.builder(id)
                    .subject(fill(t.subject, order, amount))
                    .description(fill(t.body, order, amount))
                    .status(status)
                    .priority(priority(random, t.category, customer.tier()))
                    .requester(customer)
                    .channel(channel(random))
                    .language(language)
                    .tag(t.category, "lang-" + t.lang)
                    .customField("category", t.category)
                    .customField("order_number", order)
                    .createdAt(created)
                    .updatedAt(updated)
                    .reopens(random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0)
                    .version(Version.of("seed"));
            if (t.category.equals("refund") || t.category.equals("billing") || t.category.equals("complaint")) {
                b.customField("refund_amount", Integer.toString(amountValue));
            }
            if (customer.tier().equals("platinum")) {
                b.tag("vip");
            }
            if (assignee != null) {
                b.assignee(assignee.id()).group(teamOf(assignee));
            } else {
                b.group(TRIAGE);
            }
            Ticket ticket = b.build();
            out.add(ticket);
            conversation(random, ticket, t, assignee, order, amount, comments);
        }
        return out;
    }

    private void conversation(
            Random random,
            Ticket ticket,
            Template t,
            Agent assignee,
            String order,
            String amount,
            List<Comment> comments) {
        int n = 0;
        Instant at = ticket.createdAt();
        comments.add(comment(ticket, n++, ticket.requester().id(), ticket.description(), Visibility.PUBLIC, at));
        if (assignee == null) {
            return;
        }
        Instant last = ticket.updatedAt();
        long span = Math.max(3, Duration.between(at, last).toMinutes());
        at = at.plus(Duration.ofMinutes(1 + random.nextInt((int) span / 3 + 1)));
        comments.add(comment(
                ticket,
                n++,
                assignee.id().value(),
                reply(t.lang, ticket.requester().name(), assignee.name()),
                Visibility.PUBLIC,
                at));
        at = at.plus(Duration.ofMinutes(1 + random.nextInt((int) span / 3 + 1)));
        comments.add(
                comment(ticket, n++, assignee.id().value(), fill(t.agentNote, order, amount), Visibility.INTERNAL, at));
        if (random.nextBoolean()) {
            at = at.plus(Duration.ofMinutes(1));
            comments.add(comment(
                    ticket,
                    n,
                    ticket.requester().id(),
                    followUp(t.lang),
                    Visibility.PUBLIC,
                    at.isAfter(last) ? last : at));
        }
    }

    private static Comment comment(
            Ticket ticket, int n, String author, String body, Visibility visibility, Instant at) {
        return new Comment("d" + ticket.id() + "-" + n, ticket.id(), author, body, visibility, at);
    }

    private static String reply(String lang, String customer, String agent) {
        String first = customer.split(" ")[0];
        return switch (lang) {
            case "de" ->
                "Hallo " + first + ", danke für Ihre Nachricht. Ich kümmere mich darum und melde mich. – " + agent;
            case "fr" ->
                "Bonjour " + first + ", merci pour votre message. Je m'en occupe et reviens vers vous. – " + agent;
            case "es" -> "Hola " + first + ", gracias por su mensaje. Me encargo y le respondo pronto. – " + agent;
            default ->
                "Hi " + first + ", thanks for getting in touch. I'm looking into this and will update you"
                        + " today. – " + agent;
        };
    }

    private static String followUp(String lang) {
        return switch (lang) {
            case "de" -> "Gibt es schon Neuigkeiten?";
            case "fr" -> "Avez-vous du nouveau ?";
            case "es" -> "¿Hay alguna novedad?";
            default -> "Any update on this, please?";
        };
    }

    private Template pickTemplate(Random random) {
        int r = random.nextInt(100);
        String lang = r < 50 ? "en" : r < 70 ? "de" : r < 85 ? "fr" : "es";
        List<Template> candidates =
                TEMPLATES.stream().filter(t -> t.lang.equals(lang)).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private Template pickForeignTemplate(Random random) {
        List<Template> candidates =
                TEMPLATES.stream().filter(t -> !t.lang.equals("en")).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static List<String> names(String lang) {
        return switch (lang) {
            case "de" -> DE_NAMES;
            case "fr" -> FR_NAMES;
            case "es" -> ES_NAMES;
            default -> EN_NAMES;
        };
    }

    private static String emailOf(String name, int i) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace(' ', '.');
        return ascii + (i % 7) + "@example.org";
    }

    private static String tier(Random random) {
        int r = random.nextInt(10);
        return r < 6 ? "standard" : r < 9 ? "gold" : "platinum";
    }

    private static TicketStatus status(Random random, String category, int i) {
        int r = random.nextInt(100);
        if (i % 7 == 3) {
            return r < 50 ? TicketStatus.OPEN : TicketStatus.NEW; // the language cases stay open for the demo
        }
        if (category.equals("compliment")) {
            return r < 50 ? TicketStatus.SOLVED : TicketStatus.OPEN;
        }
        return r < 15
                ? TicketStatus.NEW
                : r < 70
                        ? TicketStatus.OPEN
                        : r < 85 ? TicketStatus.PENDING : r < 90 ? TicketStatus.ON_HOLD : TicketStatus.SOLVED;
    }

    private static TicketPriority priority(Random random, String category, String tier) {
        if (category.equals("complaint")) {
            return random.nextBoolean() ? TicketPriority.HIGH : TicketPriority.URGENT;
        }
        if (category.equals("compliment")) {
            return TicketPriority.LOW;
        }
        int r = random.nextInt(100) + (tier.equals("platinum") ? 20 : 0);
        return r < 15
                ? TicketPriority.LOW
                : r < 70 ? TicketPriority.NORMAL : r < 92 ? TicketPriority.HIGH : TicketPriority.URGENT;
    }

    private static Channel channel(Random random) {
        int r = random.nextInt(100);
        return r < 45 ? Channel.EMAIL : r < 70 ? Channel.WEB : r < 85 ? Channel.PHONE : Channel.CHAT;
    }

    /**
     * Mostly a front-line agent who speaks the customer's language and has the skill the category needs; every seventh
     * ticket goes to an agent who does not speak the language (the language-handover case), every ninth waits in
     * Triage.
     */
    private static Agent assignee(Random random, List<Agent> agents, Template t, int i) {
        if (i % 9 == 4) {
            return null;
        }
        List<Agent> frontLine = agents.stream()
                .filter(Agent::active)
                .filter(a -> a.role().equals("agent") || a.role().equals("senior"))
                .toList();
        Locale language = Locale.forLanguageTag(t.lang);
        String skill = skillFor(t.category);
        List<Agent> candidates = i % 7 == 3
                ? frontLine.stream().filter(a -> !a.speaks(language)).toList()
                : frontLine.stream()
                        .filter(a -> a.speaks(language) && a.hasSkill(skill))
                        .toList();
        if (candidates.isEmpty()) {
            candidates = frontLine.stream().filter(a -> a.speaks(language)).toList();
        }
        if (candidates.isEmpty()) {
            candidates = frontLine;
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static String skillFor(String category) {
        return switch (category) {
            case "refund" -> "refunds";
            case "billing", "technical", "delivery", "account" -> category;
            case "cancellation" -> "account";
            default -> "general";
        };
    }

    private static GroupId teamOf(Agent agent) {
        return agent.groups().contains(EMEA) ? EMEA : agent.groups().contains(AMERICAS) ? AMERICAS : TRIAGE;
    }

    private static String fill(String text, String order, String amount) {
        return text.replace("{order}", order).replace("{amount}", amount);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private DemoDataSet build() {
        List<Agent> agents = agents();
        List<Comment> comments = new ArrayList<>();
        List<Ticket> tickets = tickets(agents, comments);
        return new DemoDataSet(start, agents, groups(), tickets, comments);
    }

    /** Builds a {@link DemoDataSet}. */
    public static final class Builder {
        private long seed = 42;
        private Instant start = Instant.parse("2026-03-02T08:00:00Z");
        private int tickets = 60;
        private int firstTicket = 1001;

        private Builder() {}

        /** The random seed: same seed, same data. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The instant the data is built around; tickets are created in the three days before it. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** How many tickets (at least 1, at most 100,000). */
        public Builder tickets(int count) {
            if (count < 1 || count > 100_000) {
                throw new IllegalArgumentException("ticket count must be 1–100000, was " + count);
            }
            this.tickets = count;
            return this;
        }

        /**
         * The first ticket's id (default 1001); the others follow. Data sets for several days use distinct ranges, so
         * one id never names two tickets.
         */
        public Builder firstTicket(int id) {
            if (id < 1 || id > 1_000_000_000) {
                throw new IllegalArgumentException("the first ticket id must be 1–1000000000, was " + id);
            }
            this.firstTicket = id;
            return this;
        }

        /** The data set. */
        public DemoDataSet build() {
            return new DemoData(this).build();
        }
    }
}
