package dev.handover.core;

import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.notice.CustomerNotices;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.NoticeNaming;
import dev.handover.core.routing.Receiver;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes the customer notice: to whom and why, in the customer's language. */
final class Notices {
    private Notices() {}

    static String compose(
            HandoverPolicy policy,
            HandoverRule settings,
            Ticket ticket,
            Receiver receiver,
            Optional<Agent> sender,
            HandoverReason reason,
            Optional<Instant> nextContact,
            BusinessCalendar receiverHours) {
        CustomerNotices notices = settings.notices().orElse(policy.notices());
        String lang = notices.languageFor(ticket.effectiveLanguage());
        Locale locale = Locale.forLanguageTag(lang);
        Map<String, String> values = new HashMap<>();
        String full = ticket.requester().name().strip();
        String salutation = ticket.requester().salutation();
        values.put("customer_first_name", firstName(full));
        values.put("customer_full_name", full);
        values.put("customer_surname", surname(full));
        values.put("salutation", salutation);
        values.put(
                "customer",
                switch (notices.register(lang)) {
                    // "Frau Müller"; without a salutation the full name, never a first name beside Sie or vous
                    case FORMAL ->
                        salutation.isEmpty() || surname(full).isEmpty() ? full : salutation + " " + surname(full);
                    case INFORMAL -> firstName(full);
                });
        String team = receiver.group()
                .map(Group::name)
                .map(g -> notices.teamPhrase(g, lang))
                .orElse("");
        values.put("team", team);
        String name = receiver.agent()
                .filter(a -> policy.noticeNaming() != NoticeNaming.TEAM_ONLY)
                .map(a -> policy.noticeNaming() == NoticeNaming.FIRST_NAME ? firstName(a.name()) : a.name())
                .filter(n -> !n.isBlank())
                .orElse(team);
        values.put("receiver", name.isBlank() ? notices.teamPhrase("support", lang) : name);
        values.put("reason", notices.phrase(reason, lang).orElse(reason.label()));
        values.put("sender", sender.map(a -> firstName(a.name())).orElse(""));
        values.put("ticket", ticket.id().value());
        nextContact.ifPresent(t -> values.put("next_contact", format(t, locale, receiverHours)));
        return notices.template(lang).render(values);
    }

    private static String format(Instant t, Locale locale, BusinessCalendar hours) {
        DateTimeFormatter f = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(hours.zone());
        // a localized offset ("GMT", "GMT+1") is unambiguous; short zone names are not ("BT", "CST")
        return f.format(t) + " (" + DateTimeFormatter.ofPattern("O", locale).format(t.atZone(hours.zone())) + ")";
    }

    private static String surname(String full) {
        String s = full.strip();
        int space = s.lastIndexOf(' ');
        return space < 0 ? "" : s.substring(space + 1);
    }

    private static String firstName(String full) {
        String s = full.strip();
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }
}
