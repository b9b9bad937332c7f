package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.salesforce.http.Json;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Case records to {@link Ticket}s and {@link CaseState}s, and the SOQL conditions on Case status. Status and priority
 * are org-specific picklists: the configured maps name the normalized value of each vendor value; a status the map
 * does not know is read from {@code IsClosed}, so a new status in the org never breaks reading.
 */
final class CaseMapper {
    private final Config config;

    CaseMapper(Config config) {
        this.config = config;
    }

    /** Every field a Case read selects: one list, so that any read can serve as the base of a write. */
    List<String> fields() {
        Config.CaseFields f = config.caseFields();
        List<String> out = new ArrayList<>(List.of(
                "Id",
                "CaseNumber",
                "Subject",
                "Description",
                "Status",
                "IsClosed",
                "Priority",
                "Origin",
                "OwnerId",
                "ContactId",
                "Contact.Name",
                "Contact.Email",
                "Contact.Phone",
                // a standard Contact field (picklist Mr., Ms., Mrs., Dr., Prof. in a new org), for formal notices
                "Contact.Salutation",
                "Account.Name",
                "SuppliedName",
                "SuppliedEmail",
                "SuppliedPhone",
                "CreatedDate",
                "LastModifiedDate",
                "SystemModstamp",
                f.tags(),
                f.keys()));
        f.revision().ifPresent(out::add);
        f.group().ifPresent(out::add);
        f.language().ifPresent(out::add);
        f.contactLanguage().ifPresent(l -> out.add("Contact." + l));
        // tier and reopens ride in every Case read: no call of their own
        f.reopens().filter(r -> !out.contains(r)).ifPresent(out::add);
        f.customerTier().filter(t -> !out.contains(t)).ifPresent(out::add);
        for (String api : config.customFields().values()) {
            if (!out.contains(api)) {
                out.add(api);
            }
        }
        return out;
    }

    CaseState state(JsonNode r) {
        Config.CaseFields f = config.caseFields();
        return new CaseState(
                Json.text(r, "Id"),
                Json.instant(r, "SystemModstamp").orElseThrow(() -> missing("SystemModstamp")),
                f.revision().flatMap(rev -> Json.longValue(r, rev)).orElse(0L),
                Json.text(r, "OwnerId"),
                f.group().flatMap(g -> Json.optionalText(r, g)),
                CaseState.parseTagValues(Json.text(r, f.tags()), f.tagsMultiPicklist()),
                CaseState.parseMarkers(Json.text(r, f.keys())),
                Json.optionalText(r, "ContactId"),
                f.revision().isPresent());
    }

    private static IllegalStateException missing(String field) {
        return new IllegalStateException("Salesforce sent a Case without " + field);
    }

    Ticket ticket(JsonNode r, URI instance) {
        CaseState state = state(r);
        String id = state.id();
        String rawStatus = Json.text(r, "Status");
        String rawPriority = Json.text(r, "Priority");
        Instant created = Json.instant(r, "CreatedDate").orElseThrow(() -> missing("CreatedDate"));
        Instant updated = Json.instant(r, "LastModifiedDate").orElse(created);
        Ticket.Builder b = Ticket.builder(TicketId.of(id))
                .subject(Json.text(r, "Subject"))
                .description(Json.text(r, "Description"))
                .status(status(rawStatus, r.path("IsClosed").asBoolean(false)), rawStatus)
                .priority(config.priorityMap().getOrDefault(rawPriority, TicketPriority.NORMAL), rawPriority)
                .requester(customer(r))
                .tags(state.tags())
                .channel(channel(Json.text(r, "Origin")))
                .createdAt(created)
                .updatedAt(updated.isBefore(created) ? created : updated)
                .link(URI.create(stripSlash(instance.toString()) + "/lightning/r/Case/" + id + "/view"))
                .version(state.version());
        if (state.ownerId().startsWith(Ids.USER)) {
            b.assignee(AgentId.of(state.ownerId()));
        }
        state.group().ifPresent(g -> b.group(GroupId.of(g)));
        config.caseFields().language().flatMap(l -> language(Json.text(r, l))).ifPresent(b::language);
        // a counter a flow keeps may be blank on old Cases or briefly negative after a bad edit: 0 then, never a
        // failure
        config.caseFields()
                .reopens()
                .flatMap(f -> Json.longValue(r, f))
                .ifPresent(n -> b.reopens((int) Math.max(0, Math.min(Integer.MAX_VALUE, n))));
        for (Map.Entry<String, String> e : config.customFields().entrySet()) {
            Json.plainNumber(Json.path(r, e.getValue())).ifPresent(v -> b.customField(e.getKey(), v));
        }
        return b.build();
    }

    private Customer customer(JsonNode r) {
        String name = Json.text(r, "Contact.Name");
        String email = Json.text(r, "Contact.Email");
        String phone = Json.text(r, "Contact.Phone");
        Customer.Builder c = Customer.builder()
                .id(Json.text(r, "ContactId"))
                .name(name.isEmpty() ? Json.text(r, "SuppliedName") : name)
                .email(email.isEmpty() ? Json.text(r, "SuppliedEmail") : email)
                .phone(phone.isEmpty() ? Json.text(r, "SuppliedPhone") : phone)
                .organization(Json.text(r, "Account.Name"))
                .salutation(Json.text(r, "Contact.Salutation"));
        config.caseFields()
                .contactLanguage()
                .flatMap(l -> language(Json.text(r, "Contact." + l)))
                .ifPresent(c::language);
        // a picklist or text tier reads as it is; a number tier as a plain decimal (2.0 is "2")
        config.caseFields()
                .customerTier()
                .flatMap(t -> Json.plainNumber(Json.path(r, t)))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .ifPresent(c::tier);
        return c.build();
    }

    TicketStatus status(String raw, boolean isClosed) {
        TicketStatus mapped = config.statusMap().get(raw);
        if (mapped != null) {
            return mapped;
        }
        return isClosed ? TicketStatus.CLOSED : TicketStatus.OPEN;
    }

    /**
     * The condition matching Cases in any of these normalized statuses: the mapped vendor values, plus — for OPEN and
     * CLOSED — statuses the map does not know, by {@code IsClosed}.
     */
    Optional<Soql.Cond> statusCondition(Set<TicketStatus> statuses) {
        if (statuses.isEmpty()) {
            return Optional.empty();
        }
        List<Soql.Cond> any = new ArrayList<>();
        List<String> values = config.statusMap().entrySet().stream()
                .filter(e -> statuses.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (!values.isEmpty()) {
            any.add(Soql.in("Status", values));
        }
        List<String> known = List.copyOf(config.statusMap().keySet());
        if (statuses.contains(TicketStatus.OPEN)) {
            any.add(Soql.and(Soql.notIn("Status", known), Soql.eq("IsClosed", false)));
        }
        if (statuses.contains(TicketStatus.CLOSED)) {
            any.add(Soql.and(Soql.notIn("Status", known), Soql.eq("IsClosed", true)));
        }
        if (any.isEmpty()) {
            // no vendor value maps to the statuses asked for: match nothing, without a malformed query
            return Optional.of(Soql.isNull("Id"));
        }
        return Optional.of(Soql.or(any));
    }

    /** The open statuses' condition, for workload counts. */
    Soql.Cond openCondition() {
        Set<TicketStatus> open = new LinkedHashSet<>();
        for (TicketStatus s : TicketStatus.values()) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return statusCondition(open).orElseThrow();
    }

    static Channel channel(String origin) {
        if (origin == null || origin.isBlank()) {
            return Channel.OTHER;
        }
        String token = origin.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        token = token.replaceAll("^-+|-+$", "");
        if (token.isEmpty()) {
            return Channel.OTHER;
        }
        return Channel.of(token.length() > 40 ? token.substring(0, 40) : token);
    }

    /** A language from a Salesforce locale or language code ({@code de}, {@code en_US}, {@code fr-CA}). */
    static Optional<Locale> language(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Locale l = Locale.forLanguageTag(raw.strip().replace('_', '-'));
        return l.getLanguage().isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
